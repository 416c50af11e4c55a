"""The bot's SQLite store: answers shown (for buttons that outlive a restart, and for /stats) and votes on them.

One file in the data directory, WAL mode, a schema version in ``PRAGMA user_version`` with migrations
applied in order. No Discord user id is stored in clear: askers and voters are salted SHA-256 hashes
(the salt is random, made with the database and kept in it), enough for "one vote per person per
answer" and "only the asker turns pages", not to tell who someone is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from retrieval.types import Answer, Citation, Passage

log = logging.getLogger(__name__)

#: Each entry moves the schema one version up; a database at version n runs the entries after n.
MIGRATIONS: tuple[str, ...] = (
    # 1: answers shown and votes on them.
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE answers (
        id TEXT PRIMARY KEY, created REAL NOT NULL, question TEXT NOT NULL, locale TEXT NOT NULL,
        answered INTEGER NOT NULL, passages TEXT NOT NULL
    );
    CREATE TABLE votes (
        answer_id TEXT NOT NULL REFERENCES answers(id), voter TEXT NOT NULL, value INTEGER NOT NULL,
        created REAL NOT NULL, PRIMARY KEY (answer_id, voter)
    );
    """,
    # 2: what buttons and follow-ups need after a restart: the asker (hashed), the message, why it was refused.
    """
    ALTER TABLE answers ADD COLUMN owner TEXT;
    ALTER TABLE answers ADD COLUMN message_id TEXT;
    ALTER TABLE answers ADD COLUMN reason TEXT NOT NULL DEFAULT '';
    CREATE INDEX answers_created ON answers (created);
    CREATE INDEX answers_message ON answers (message_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_DAY = 86400.0


@dataclass(frozen=True)
class StoredAnswer:
    """An answer as it was shown, with what its buttons need."""

    id: str
    answer: Answer
    locale: str
    owner: str | None
    """The asker's salted hash; None for answers stored before askers were kept."""
    created: float


@dataclass(frozen=True)
class Stats:
    """What /stats shows for a period."""

    questions: int
    answered: int
    refused: int
    up: int
    down: int
    top_refused: list[tuple[str, int]]


def _passages_json(answer: Answer) -> str:
    return json.dumps([p.to_dict() for p in answer.passages], ensure_ascii=False)


def _passages_from(text: str) -> tuple[Passage, ...]:
    return tuple(
        Passage(
            p["section"],
            p["text"],
            p["highlight"],
            tuple(Citation(c["n"], c["text"]) for c in p["citations"]),
            p["score"],
            p.get("document", ""),
        )
        for p in json.loads(text)
    )


class Store:
    """Answers and votes in SQLite; safe to call from several threads (one connection per call)."""

    def __init__(self, path: Path, *, state_days: float = 30.0) -> None:
        """Open (creating or migrating) the database at ``path``.

        Args:
            path: the SQLite file; its folder is created.
            state_days: how long an answer's buttons keep working.

        Raises:
            ValueError: ``state_days`` is not positive.

        """
        if state_days <= 0:
            raise ValueError(f"state_days must be positive, got {state_days}")
        self.path = path
        self.state_days = state_days
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            self._migrate(db)
            self._salt = self._ensure_salt(db)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA busy_timeout=30000")
            yield db
        finally:
            db.close()

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Apply the migrations the database lacks, each in its own transaction (another process may race us)."""
        while True:
            db.execute("BEGIN IMMEDIATE")
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version >= SCHEMA_VERSION:
                db.execute("COMMIT")
                if version > SCHEMA_VERSION:
                    raise RuntimeError(
                        f"the database has schema version {version}; this program knows up to {SCHEMA_VERSION}"
                    )
                return
            try:
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version={version + 1}")
                db.execute("COMMIT")
            except sqlite3.Error:
                db.execute("ROLLBACK")
                raise
            log.info("store migrated to schema version %d", version + 1)

    @staticmethod
    def _ensure_salt(db: sqlite3.Connection) -> str:
        db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)", (secrets.token_hex(16),))
        return str(db.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()[0])

    def person(self, user_id: int) -> str:
        """The salted hash that stands for a Discord user."""
        return hashlib.sha256(f"{self._salt}:{user_id}".encode()).hexdigest()[:32]

    def record(self, answer: Answer, *, locale: str, owner: int | None) -> str:
        """Keep an answer about to be shown; returns its id (what its buttons carry)."""
        answer_id = secrets.token_hex(6)
        with self._connect() as db:
            db.execute(
                "INSERT INTO answers (id, created, question, locale, answered, passages, owner, reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    answer_id,
                    time.time(),
                    answer.question,
                    locale,
                    int(answer.answered),
                    _passages_json(answer),
                    self.person(owner) if owner is not None else None,
                    answer.reason,
                ),
            )
        return answer_id

    def attach_message(self, answer_id: str, message_id: int) -> None:
        """Note the message that shows the answer (replies to it are follow-ups)."""
        with self._connect() as db:
            db.execute("UPDATE answers SET message_id = ? WHERE id = ?", (str(message_id), answer_id))

    def _stored(self, row: sqlite3.Row | None) -> StoredAnswer | None:
        if row is None or time.time() - row["created"] > self.state_days * _DAY:
            return None
        answer = Answer(row["question"], bool(row["answered"]), _passages_from(row["passages"]), row["reason"] or "")
        return StoredAnswer(row["id"], answer, row["locale"], row["owner"], row["created"])

    def load(self, answer_id: str) -> StoredAnswer | None:
        """The answer with this id, or None when it is unknown or older than ``state_days``."""
        with self._connect() as db:
            return self._stored(db.execute("SELECT * FROM answers WHERE id = ?", (answer_id,)).fetchone())

    def by_message(self, message_id: int) -> StoredAnswer | None:
        """The answer shown in this message (or the thread started from it), if it is still fresh."""
        with self._connect() as db:
            row = db.execute("SELECT * FROM answers WHERE message_id = ?", (str(message_id),)).fetchone()
            return self._stored(row)

    def vote(self, answer_id: str, user_id: int, value: int) -> bool:
        """Record a person's 👍 (1) or 👎 (-1); a second vote replaces the first. False if the answer is unknown."""
        if value not in (1, -1):
            raise ValueError(f"a vote is 1 or -1, got {value}")
        with self._connect() as db:
            if db.execute("SELECT 1 FROM answers WHERE id = ?", (answer_id,)).fetchone() is None:
                return False
            db.execute(
                "INSERT INTO votes (answer_id, voter, value, created) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (answer_id, voter) DO UPDATE SET value = excluded.value, created = excluded.created",
                (answer_id, self.person(user_id), value, time.time()),
            )
        return True

    def votes(self, answer_id: str) -> tuple[int, int]:
        """(👍, 👎) on one answer."""
        with self._connect() as db:
            row = db.execute(
                "SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM votes WHERE answer_id = ?",
                (answer_id,),
            ).fetchone()
        return int(row[0]), int(row[1])

    def stats(self, *, days: float = 7.0, top: int = 5) -> Stats:
        """Questions, answered and refused, votes, and the most asked refused questions of the last ``days``."""
        since = time.time() - days * _DAY
        with self._connect() as db:
            asked = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM answers WHERE created >= ?", (since,)
            ).fetchone()
            votes = db.execute(
                "SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM votes WHERE created >= ?",
                (since,),
            ).fetchone()
            refused = db.execute(
                "SELECT question, COUNT(*) AS n FROM answers WHERE answered = 0 AND created >= ?"
                " GROUP BY lower(question) ORDER BY n DESC, MAX(created) DESC LIMIT ?",
                (since, top),
            ).fetchall()
        total, answered = int(asked[0]), int(asked[1])
        return Stats(total, answered, total - answered, int(votes[0]), int(votes[1]), [(r[0], r[1]) for r in refused])

    def export(self, *, since: float | None = None) -> list[dict[str, Any]]:
        """Every answer (from ``since``, a Unix time) with its votes: what ``summit-bot feedback`` prints."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT a.*, COALESCE(SUM(v.value = 1), 0) AS up, COALESCE(SUM(v.value = -1), 0) AS down"
                " FROM answers a LEFT JOIN votes v ON v.answer_id = a.id WHERE a.created >= ?"
                " GROUP BY a.id ORDER BY a.created",
                (since or 0.0,),
            ).fetchall()
        return [
            {
                "id": r["id"],
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(r["created"])),
                "question": r["question"],
                "locale": r["locale"],
                "answered": bool(r["answered"]),
                "passages": [{"section": p["section"], "highlight": p["highlight"]} for p in json.loads(r["passages"])],
                "up": int(r["up"]),
                "down": int(r["down"]),
            }
            for r in rows
        ]


def read_feedback(path: Path) -> dict[str, Any] | None:
    """Counts of answers shown and votes in the store at ``path``, opened read-only; None when there is no store.

    Never creates the file (status on a fresh machine must leave no database behind).

    Raises:
        sqlite3.Error: the file is not a readable store (damaged, locked, or another database).

    """
    if not path.is_file():
        return None
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        asked = db.execute("SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM answers").fetchone()
        votes = db.execute("SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM votes").fetchone()
    finally:
        db.close()
    total, answered = int(asked[0]), int(asked[1])
    up, down = int(votes[0]), int(votes[1])
    return {"answers": total, "answered": answered, "refused": total - answered, "up": up, "down": down}
