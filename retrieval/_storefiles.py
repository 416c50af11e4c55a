"""Chroma's directory seen from outside chroma: a lock shared by every process, damage checks, leaked folders."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

SQLITE_FILE = "chroma.sqlite3"
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class AccessLock:
    """Serialises access to one chroma directory: threads of this process, and other processes.

    chroma does not promise that two processes may use one ``PersistentClient`` directory at once (its
    SQLite file runs in rollback-journal mode, so a reader can meet a writer's lock). Every call into
    chroma takes this lock: shared for reads, exclusive for writes, as an ``flock`` on a file beside the
    directory (beside, not inside, so moving a damaged directory aside leaves the lock in place).
    """

    def __init__(self, lock_path: Path | None) -> None:
        """Lock ``lock_path`` across processes, or only this process's threads when it is ``None``."""
        self._threads = threading.RLock()
        self._path = lock_path
        self._handle: IO[str] | None = None
        self._depth = 0

    @contextlib.contextmanager
    def hold(self, *, exclusive: bool) -> Iterator[None]:
        """Hold the lock for one chroma call (re-entrant within a thread)."""
        with self._threads:
            if self._path is None or self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            if self._handle is None:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                self._handle = self._path.open("a")
            fcntl.flock(self._handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
                fcntl.flock(self._handle, fcntl.LOCK_UN)


def sqlite_damage(directory: Path) -> str | None:
    """Why ``directory``'s SQLite file is damaged (SQLite's own quick check), or ``None`` if it reads well."""
    path = directory / SQLITE_FILE
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as db:
            rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    verdict = "; ".join(str(row[0]) for row in rows)
    return None if verdict == "ok" else verdict[:200]


def move_aside(directory: Path) -> Path:
    """Rename a damaged store to ``NAME.damaged-TIMESTAMP`` beside it and return the new path."""
    target = directory.with_name(
        f"{directory.name}.damaged-{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 1000:03d}"
    )
    directory.rename(target)
    return target


def sweep_segments(directory: Path) -> list[str]:
    """Remove segment folders that no collection in the SQLite file names any more (chroma leaves them behind).

    Returns:
        The names of the folders removed.

    """
    folders = [p for p in directory.iterdir() if p.is_dir() and _SEGMENT_DIR.match(p.name)]
    if not folders:
        return []
    with contextlib.closing(sqlite3.connect(f"file:{directory / SQLITE_FILE}?mode=ro", uri=True, timeout=30)) as db:
        known = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
    removed = [p.name for p in folders if p.name not in known]
    for name in removed:
        shutil.rmtree(directory / name, ignore_errors=True)
    return removed
