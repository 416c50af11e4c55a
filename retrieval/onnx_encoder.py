"""A sentence-transformers model's sentence vectors as one ONNX graph, so a question is embedded without torch.

Importing sentence-transformers pulls in torch and transformers: most of a cold ``summit-bot ask``'s wall time
and of its memory. ``build-model`` therefore also exports the bundled model (a BERT encoder, mean pooling, L2
normalisation) to ``onnx/`` inside its folder, checked on probe texts against sentence-transformers itself.
Questions are then embedded with onnxruntime and the folder's own ``tokenizer.json``; passages (an index build)
still go through sentence-transformers, and any model without a valid export does everything there.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ValidationError

from config.errors import ModelError
from retrieval.types import Vectors

log = logging.getLogger(__name__)

#: The export's folder inside the model folder (left out of the weights' stamp, ``weights_stamp``).
EXPORT_DIR = "onnx"
_GRAPH = "sentence_embedding.onnx"
_WEIGHTS = "sentence_embedding.onnx.data"
_META = "sentence_embedding.json"
#: The export is kept only if every probe's vector is this close to sentence-transformers' own.
MIN_COSINE = 0.9999
#: Probe texts for that check: both languages, the prompts, full-width forms, and one past the token limit.
_PROBES = (
    "会場はどの湖を見下ろしていますか",
    "How long did the meeting last?",
    "ＣＯＶＩＤ－１９　と ～",
    "x",
    "バイデン大統領とプーチン大統領は2021年6月16日にジュネーブで会談した。" * 40,
)


class ExportInfo(BaseModel):
    """What ``sentence_embedding.json`` records about an export."""

    weights: str  # ``weights_stamp`` of the folder it was exported from
    prompts: dict[str, str]  # sentence-transformers' prompts by name ("query", "document")
    max_tokens: int
    dimension: int
    min_cosine: float  # the worst agreement with sentence-transformers on the probes


def weights_stamp(folder: Path) -> str:
    """Names the exact files of a model folder (name, size and time of each), leaving out the export itself.

    Independent of where the folder is, so a folder built elsewhere and renamed into place keeps its stamp.
    """
    stamps = sorted(
        f"{f.relative_to(folder)}:{f.stat().st_size}:{f.stat().st_mtime_ns}"
        for f in folder.rglob("*")
        if f.is_file() and f.relative_to(folder).parts[0] != EXPORT_DIR
    )
    return "|".join(stamps)


class OnnxEncoder:
    """Sentence vectors from an export: the folder's tokenizer, then one onnxruntime call per batch."""

    def __init__(self, graph: Path, tokenizer: Path, info: ExportInfo) -> None:
        """Load the ``graph`` and ``tokenizer`` files of an export described by ``info`` (``open`` checks it first)."""
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.info = info
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()  # padded below, so the shared tokenizer is never reconfigured
        self._tokenizer.enable_truncation(max_length=info.max_tokens)
        options = ort.SessionOptions()
        options.inter_op_num_threads = 1
        # Threads sleep between questions instead of spinning: the same latency here, half the CPU time.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only: the graph's shape warnings are expected
        self._session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])

    @classmethod
    def open(cls, folder: Path) -> OnnxEncoder | None:
        """The export in the model folder ``folder``, or None when it has none or one that cannot be used.

        An export made from other weights (the folder was rebuilt or replaced by hand) or that fails to
        load is logged and ignored: the caller falls back to sentence-transformers, which is slower, not wrong.
        """
        meta = folder / EXPORT_DIR / _META
        if not meta.is_file():
            return None
        try:
            info = ExportInfo.model_validate_json(meta.read_bytes())
        except (OSError, ValidationError) as exc:
            log.warning("ignoring the ONNX export in %s (%s); `summit-bot build-model --force` remakes it", folder, exc)
            return None
        if info.weights != weights_stamp(folder) or info.min_cosine < MIN_COSINE:
            log.warning("the ONNX export in %s is not of these weights; `summit-bot build-model` remakes it", folder)
            return None
        try:
            return cls(folder / EXPORT_DIR / _GRAPH, folder / "tokenizer.json", info)
        except Exception as exc:  # a damaged graph or tokenizer: any failure means "use sentence-transformers"
            log.warning(
                "cannot load the ONNX export in %s (%s: %s); using sentence-transformers",
                folder,
                type(exc).__name__,
                exc,
            )
            return None

    def encode(self, texts: list[str], *, prompt: str) -> Vectors:
        """L2-normalised vectors of ``prompt + text`` for each text, as sentence-transformers gives them."""
        if not texts:
            return np.zeros((0, self.info.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([prompt + t for t in texts])
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)


def export(model: Any, folder: Path) -> ExportInfo:
    """Export a loaded sentence-transformers ``model`` saved at ``folder`` to ``folder/onnx``, checked first.

    Needs torch and the ``onnx`` package (both installed by ``make install``). The export is written to a
    temporary folder beside ``folder`` and renamed into place, so a failure leaves the folder as it was.

    Raises:
        ModelError: the model is not a transformer + mean pooling (+ normalisation), or the exported graph's
            vectors differ from sentence-transformers' by more than ``MIN_COSINE`` on the probes.

    """
    graph = _sentence_graph(model)
    sample = model.tokenizer(["query: a", "passage: bb"], padding=True, return_tensors="pt")
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".onnx-") as tmp:
        out = Path(tmp) / EXPORT_DIR
        out.mkdir()
        try:
            _to_onnx(graph, sample, out / _GRAPH)
        except Exception as exc:  # the exporter's many failures (a missing `onnx` package, an op it lacks): one error
            raise ModelError(f"cannot export {folder} to ONNX: {type(exc).__name__}: {str(exc)[:200]}") from exc
        prompts = {name: model.prompts.get(name, "") for name in ("query", "document")}
        info = ExportInfo(
            weights=weights_stamp(folder),
            prompts=prompts,
            max_tokens=int(model.max_seq_length),
            dimension=int(model.get_embedding_dimension()),
            min_cosine=0.0,
        )
        info.min_cosine = _agreement(model, OnnxEncoder(out / _GRAPH, folder / "tokenizer.json", info), prompts)
        if info.min_cosine < MIN_COSINE:
            worst = f"{info.min_cosine:.6f}"
            raise ModelError(f"the ONNX export of {folder} disagrees with sentence-transformers (cosine {worst})")
        (out / _META).write_text(info.model_dump_json())
        shutil.rmtree(folder / EXPORT_DIR, ignore_errors=True)
        out.rename(folder / EXPORT_DIR)
    log.info("exported %s to ONNX (agreement %.7f)", folder, info.min_cosine)
    return info


def _to_onnx(graph: Any, sample: Any, path: Path) -> None:
    """Trace ``graph`` on ``sample`` into an ONNX file at ``path``, its weights in a file beside it."""
    import torch

    torch.onnx.export(
        graph,
        (sample["input_ids"], sample["attention_mask"]),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["sentence_embedding"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}},
        opset_version=17,
        dynamo=False,
    )
    _weights_apart(path)


def _weights_apart(graph: Path) -> None:
    """Move the graph's weights to a file of their own beside it, which onnxruntime maps instead of copying.

    Loading then reads only the pages a question touches (a few rows of the 250,000-word embedding table),
    not all 470 MB: about 0.2 s and 160 MB instead of 0.9 s and 870 MB, measured here.
    """
    import onnx

    model = onnx.load(str(graph))
    onnx.save_model(model, str(graph), save_as_external_data=True, all_tensors_to_one_file=True, location=_WEIGHTS)
    graph.with_name(_WEIGHTS).chmod(0o644)  # onnx writes it owner-only; the model folder is read by every user


def _agreement(model: Any, encoder: OnnxEncoder, prompts: dict[str, str]) -> float:
    """The lowest cosine between the export's and sentence-transformers' vectors over probes and both prompts."""
    texts = list(_PROBES)
    worst = 1.0
    for name, prompt in prompts.items():
        theirs = np.asarray(model.encode(texts, prompt=prompt, normalize_embeddings=True), dtype=np.float32)
        batched = encoder.encode(texts, prompt=prompt)
        alone = np.concatenate([encoder.encode([t], prompt=prompt) for t in texts])
        worst = min(worst, float((theirs * batched).sum(axis=1).min()), float((theirs * alone).sum(axis=1).min()))
        log.debug("ONNX agreement with prompt %s: %.7f", name, worst)
    return worst


def _sentence_graph(model: Any) -> Any:
    """The model's transformer, mean pooling and L2 normalisation as one torch module of (ids, mask)."""
    import torch
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    modules = list(model)
    shape_ok = (
        len(modules) in (2, 3)
        and isinstance(modules[0], Transformer)
        and isinstance(modules[1], Pooling)
        and getattr(modules[1], "pooling_mode", None) in ("mean", ["mean"])
        and getattr(modules[1], "include_prompt", True)
        and all(isinstance(m, Normalize) for m in modules[2:])
    )
    if not shape_ok:
        names = json.dumps([type(m).__name__ for m in modules])
        raise ModelError(f"only a transformer with mean pooling can be exported to ONNX, not {names}")
    encoder = modules[0].auto_model

    class SentenceGraph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            tokens = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=-1)

    return SentenceGraph().eval()
