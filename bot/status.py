"""The status the bot and the command line show: the index's (retrieval/) and the feedback kept in the store."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.store import read_feedback
from retrieval.status import index_status, render_status

if TYPE_CHECKING:
    from retrieval.answering import Answerer

log = logging.getLogger(__name__)


def feedback_status(store_path: Path) -> dict[str, Any] | None:
    """The store's counts, ``{"error": ...}`` when its file cannot be read, or None when there is no store."""
    try:
        return read_feedback(store_path)
    except sqlite3.Error as exc:
        log.warning("cannot read the store %s: %s", store_path, exc)
        return {"error": f"cannot read {store_path}: {exc}"}


def full_status(answerer: Answerer, *, store_path: Path | None) -> dict[str, Any]:
    """``index_status`` with a ``feedback`` key when a store exists at ``store_path``.

    Args:
        answerer: the answerer whose index is described.
        store_path: the SQLite store of answers and votes; None when there is none to look at.

    Returns:
        The ``status --json`` object.

    """
    status = index_status(answerer)
    feedback = feedback_status(store_path) if store_path is not None else None
    if feedback is not None:
        status["feedback"] = feedback
    return status


def render_full_status(status: dict[str, Any]) -> str:
    """The status as lines, with a feedback line when the status has feedback."""
    text = render_status(status)
    feedback = status.get("feedback")
    if feedback is None:
        return text
    if "error" in feedback:
        return f"{text}\nfeedback: unreadable ({feedback['error']})"
    return (
        f"{text}\nfeedback: {feedback['answers']} answers shown ({feedback['answered']} answered, "
        f"{feedback['refused']} refused), votes +{feedback['up']} -{feedback['down']}"
    )
