"""The ONNX export questions go through: the same vectors as sentence-transformers, without torch."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from config.errors import ModelError
from retrieval.embedding import SentenceEmbedder
from retrieval.onnx_encoder import EXPORT_DIR, MIN_COSINE, OnnxEncoder, export, weights_stamp
from tests.conftest import CORPUS_DIR

_META = Path(EXPORT_DIR) / "sentence_embedding.json"


def _folder_with_export(tmp_path: Path, meta: str) -> Path:
    folder = tmp_path / "model"
    (folder / EXPORT_DIR).mkdir(parents=True)
    (folder / "model.safetensors").write_bytes(b"weights")
    (folder / _META).write_text(meta)
    return folder


def _meta(**changes: object) -> str:
    fields = {"weights": "", "prompts": {"query": "query: "}, "max_tokens": 512, "dimension": 384, "min_cosine": 1.0}
    return json.dumps(fields | changes)


def test_a_folder_without_an_export_has_no_encoder(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    assert OnnxEncoder.open(tmp_path) is None


def test_an_export_of_other_weights_is_ignored_with_a_warning(tmp_path, caplog):
    folder = _folder_with_export(tmp_path, _meta(weights="model.safetensors:7:1"))
    assert OnnxEncoder.open(folder) is None
    assert "build-model" in caplog.text


def test_a_damaged_export_description_is_ignored_with_a_warning(tmp_path, caplog):
    folder = _folder_with_export(tmp_path, "{not json")
    assert OnnxEncoder.open(folder) is None
    assert "build-model --force" in caplog.text


def test_a_damaged_graph_is_ignored_so_the_model_is_used_instead(tmp_path, caplog):
    folder = _folder_with_export(tmp_path, "{}")
    (folder / EXPORT_DIR / "sentence_embedding.onnx").write_bytes(b"not a graph")
    (folder / "tokenizer.json").write_text("{}")
    (folder / _META).write_text(_meta(weights=weights_stamp(folder)))
    assert OnnxEncoder.open(folder) is None
    assert "using sentence-transformers" in caplog.text


def test_the_weights_stamp_leaves_out_the_export_and_the_folders_place(tmp_path):
    folder = _folder_with_export(tmp_path, "{}")
    before = weights_stamp(folder)
    (folder / EXPORT_DIR / "sentence_embedding.onnx").write_bytes(b"graph")
    moved = folder.rename(tmp_path / "elsewhere")
    assert weights_stamp(moved) == before
    (moved / "model.safetensors").write_bytes(b"other weights")
    assert weights_stamp(moved) != before


@pytest.mark.slow
def test_questions_get_the_same_vectors_as_from_sentence_transformers(model_dir, tmp_path, article):
    encoder = OnnxEncoder.open(model_dir)
    assert encoder is not None, f"no ONNX export in {model_dir}: run `summit-bot build-model`"
    # the same folder without its export: every vector comes from sentence-transformers
    plain = tmp_path / "plain"
    plain.mkdir()
    for item in model_dir.iterdir():
        if item.name != EXPORT_DIR:
            (plain / item.name).symlink_to(item)
    paragraphs = [p.text for section in article.sections for p in section.paragraphs]
    sentences = [s for text in paragraphs for s in text.split("。") if s][:40]
    questions = ["How long did the meeting last?", "会場はどの湖を見下ろしていますか", "?", *sentences]
    ours = SentenceEmbedder(str(model_dir)).embed_queries(questions)
    theirs = SentenceEmbedder(str(plain)).embed_queries(questions)
    assert (ours * theirs).sum(axis=1).min() >= MIN_COSINE
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_a_question_is_embedded_without_importing_torch(model_dir):
    script = (
        "import sys; from retrieval.embedding import SentenceEmbedder; "
        f"e = SentenceEmbedder({str(model_dir)!r}); e.warm_up(); v = e.embed_queries(['会談はどこで']); "
        "print(v.shape, 'torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=CORPUS_DIR.parent
    )
    assert done.stdout.split() == ["(1,", "384)", "False", "False"]


@pytest.mark.slow
def test_only_a_transformer_with_mean_pooling_is_exported(model_dir, tmp_path):
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling

    loaded = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    cls_pooled = SentenceTransformer(modules=[loaded[0], Pooling(384, pooling_mode="cls")], device="cpu")
    with pytest.raises(ModelError, match="mean pooling"):
        export(cls_pooled, tmp_path)
    assert not (tmp_path / EXPORT_DIR).exists()
