"""The attempts store: one SQLite file in WAL mode, versioned with ``PRAGMA user_version``.

One Voila kernel per learner means several processes write at once; every write is one short
``BEGIN IMMEDIATE`` transaction and the connection waits (busy timeout) instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from coachlab.paths import data_dir

from .ids import validate_learner_id

DB_NAME = "progress.sqlite3"
BUSY_TIMEOUT_S = 30.0

# Each migration brings the schema from version i to i + 1. Append, never edit: a learner's file
# on disk may be at any earlier version.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE attempts (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id  TEXT NOT NULL,
        item_id     TEXT NOT NULL,
        created_at  REAL NOT NULL,
        answers     TEXT NOT NULL,
        scores      TEXT NOT NULL
    );
    CREATE INDEX attempts_by_learner_item ON attempts (learner_id, item_id, created_at);
    """,
    """
    ALTER TABLE attempts ADD COLUMN lang TEXT;
    CREATE INDEX attempts_by_item ON attempts (item_id, created_at);
    """,
    """
    CREATE TABLE tool_state (
        learner_id  TEXT NOT NULL,
        item_id     TEXT NOT NULL,
        state       TEXT NOT NULL,
        updated_at  REAL NOT NULL,
        PRIMARY KEY (learner_id, item_id)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class Attempt:
    """One recorded try at a piece of content (lesson tool, role-play, exercise)."""

    learner_id: str
    item_id: str
    answers: dict[str, Any]
    scores: dict[str, float]
    created_at: float = field(default_factory=time.time)
    lang: str | None = None
    id: int | None = None


class SchemaTooNew(RuntimeError):
    """The file was written by a newer coachlab; refuse rather than damage it."""


class ProgressStore:
    """Read and write learner attempts in one SQLite file."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        self._use_wal()
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _use_wal(self) -> None:
        # Switching a new file to WAL needs a moment alone with it and SQLite does not wait for
        # that (the busy timeout does not apply), so kernels opening the file together retry.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _migrate(self) -> None:
        with self._transaction():
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise SchemaTooNew(f"{self.path} has schema {current}; this coachlab knows {SCHEMA_VERSION}")
            for step in MIGRATIONS[current:]:
                for statement in filter(str.strip, step.split(";")):
                    self._conn.execute(statement)
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _transaction(self):
        return _Immediate(self._conn)

    def schema_version(self) -> int:
        """Return the schema version stored in the file."""
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def record(self, attempt: Attempt) -> int:
        """Save one attempt and return its row id; the learner id is validated first."""
        validate_learner_id(attempt.learner_id)
        if not attempt.item_id:
            raise ValueError("item_id must name a piece of content")
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO attempts (learner_id, item_id, created_at, answers, scores, lang)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    attempt.learner_id,
                    attempt.item_id,
                    attempt.created_at,
                    json.dumps(attempt.answers, ensure_ascii=False),
                    json.dumps(attempt.scores, ensure_ascii=False),
                    attempt.lang,
                ),
            )
            return int(cursor.lastrowid)

    def attempts(self, learner_id: str | None = None, item_id: str | None = None) -> list[Attempt]:
        """Return attempts, oldest first, optionally for one learner and/or one item."""
        clauses, params = [], []
        if learner_id is not None:
            clauses.append("learner_id = ?")
            params.append(validate_learner_id(learner_id))
        if item_id is not None:
            clauses.append("item_id = ?")
            params.append(item_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._conn.execute(
            "SELECT id, learner_id, item_id, created_at, answers, scores, lang FROM attempts"
            f"{where} ORDER BY created_at, id",
            params,
        )
        return list(_to_attempts(rows))

    def latest(self, learner_id: str, item_id: str) -> Attempt | None:
        """Return the learner's most recent attempt at an item, or None."""
        found = self.attempts(learner_id, item_id)
        return found[-1] if found else None

    def save_state(self, learner_id: str, item_id: str, state: dict[str, Any]) -> None:
        """Keep a learner's work in a tool (the latest only), so coming back shows it again."""
        validate_learner_id(learner_id)
        with self._transaction():
            self._conn.execute(
                "INSERT INTO tool_state (learner_id, item_id, state, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (learner_id, item_id) DO UPDATE SET state = excluded.state,"
                " updated_at = excluded.updated_at",
                (learner_id, item_id, json.dumps(state, ensure_ascii=False), time.time()),
            )

    def load_state(self, learner_id: str, item_id: str) -> dict[str, Any] | None:
        """Return the learner's saved work in a tool, or None."""
        row = self._conn.execute(
            "SELECT state FROM tool_state WHERE learner_id = ? AND item_id = ?",
            (validate_learner_id(learner_id), item_id),
        ).fetchone()
        return json.loads(row[0]) if row else None

    def integrity_ok(self) -> bool:
        """Return True when SQLite's own integrity check passes."""
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> "ProgressStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Immediate:
    """A write transaction taken up front, so concurrent writers queue instead of deadlocking."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _to_attempts(rows: Iterator[tuple]) -> Iterator[Attempt]:
    for row_id, learner, item, created, answers, scores, lang in rows:
        yield Attempt(learner, item, json.loads(answers), json.loads(scores), created, lang, row_id)


def open_store(path: Path | str | None = None) -> ProgressStore:
    """Open the learner records in the data directory (``COACHLAB_DATA``) or at ``path``."""
    return ProgressStore(Path(path) if path else data_dir() / DB_NAME)
