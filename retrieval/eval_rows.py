"""The rows of an evaluation file, checked one by one: a bad line is named and skipped, never the end of a run."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictStr, ValidationError, model_validator

from config.errors import EvalFileError

log = logging.getLogger(__name__)


class _Short(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: StrictStr = ""
    answer_any: list[StrictStr] = []
    display_any: list[StrictStr] = []


class QuestionRow(BaseModel):
    """One question of a set: answerable (``answer_any``, ``cites``, maybe ``short``) or ``negative``."""

    model_config = ConfigDict(extra="allow")

    id: StrictStr = ""
    lang: Literal["en", "ja"]
    q: StrictStr
    answer_any: list[StrictStr] = []
    cites: list[int] = []
    short: _Short | None = None
    negative: bool = False

    @model_validator(mode="after")
    def _answerable_says_where(self) -> QuestionRow:
        if not self.negative and not self.answer_any:
            raise ValueError("an answerable question needs answer_any (a list of strings), or negative: true")
        return self


class FollowupRow(BaseModel):
    """A follow-up question after a first one, and what answers it."""

    model_config = ConfigDict(extra="allow")

    first: StrictStr
    followup: StrictStr
    answer_any: list[StrictStr]
    lang: Literal["en", "ja"] | None = None


def read_rows(path: Path, model: type[BaseModel]) -> list[dict[str, Any]]:
    """The rows of a JSON-lines file that ``model`` accepts; each other line is logged with its number and skipped.

    Raises:
        EvalFileError: the file cannot be read, is not UTF-8 text, or holds no usable row.

    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise EvalFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise EvalFileError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(model.model_validate(json.loads(line)).model_dump(exclude_defaults=True))
        except (ValueError, RecursionError) as exc:  # ValidationError is a ValueError
            reason = _reason(exc)
            log.warning("skipped %s:%d: %s", path, number, reason)
    if not rows:
        raise EvalFileError(
            f'{path}: no usable row in it (JSON lines, one object each: "q", "lang", and "answer_any" or "negative")'
        )
    return rows


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the row"
        return f"{where}: {first['msg']}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return f"not a JSON object ({exc})"
