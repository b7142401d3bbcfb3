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
    # A learner's "I think this is wrong" about one check verdict, and the facilitator's decision on it.
    """
    CREATE TABLE disputes (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id   TEXT NOT NULL,
        item_id      TEXT NOT NULL,
        place        TEXT NOT NULL DEFAULT '',
        kind         TEXT NOT NULL,
        lang         TEXT,
        text         TEXT NOT NULL,
        context      TEXT,
        verdict      TEXT NOT NULL,
        label        TEXT,
        note         TEXT NOT NULL DEFAULT '',
        created_at   REAL NOT NULL,
        status       TEXT NOT NULL DEFAULT 'open',
        resolved_by  TEXT,
        resolved_at  REAL,
        corrected    TEXT
    );
    CREATE INDEX disputes_by_learner ON disputes (learner_id, created_at);
    CREATE INDEX disputes_by_status ON disputes (status, created_at);
    """,
    # Exercise hand-ins from Voila forms under the hub: the records service is their inbox until a facilitator
    # collects them into the nbgrader course (``coachlab grade collect --from-hub``).
    """
    CREATE TABLE submissions (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        learner_id    TEXT NOT NULL,
        slug          TEXT NOT NULL,
        created_at    REAL NOT NULL,
        notebook      TEXT NOT NULL,
        collected_at  REAL
    );
    CREATE INDEX submissions_by_learner ON submissions (learner_id, slug, created_at);
    CREATE INDEX submissions_uncollected ON submissions (collected_at, created_at);
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


@dataclass(frozen=True)
class Submission:
    """One exercise hand-in kept by the records service (the notebook itself is read on demand)."""

    id: int
    learner_id: str
    slug: str
    created_at: float
    collected_at: float | None = None


DISPUTE_STATUSES = ("open", "confirmed", "overturned")
MAX_NOTE = 1000  # characters of a learner's note on a dispute
MAX_DISPUTED_TEXT = 4000  # the disputed text is kept whole up to this length (the player reads 2,000)


@dataclass(frozen=True)
class Dispute:
    """A learner's "I think this is wrong" about a check verdict, and what the facilitator decided.

    ``item_id`` names the content (lesson tool, practice pad kind, scenario id, exercise slug); ``place`` where
    in it (an exercise question, a role-play node, empty for a pad). ``verdict`` is the report's ``to_dict()``;
    ``label`` the one verdict disputed (None: the result as a whole); ``corrected`` the labels as the
    facilitator says they should be (set when overturned).
    """

    learner_id: str
    item_id: str
    kind: str
    text: str
    verdict: dict[str, Any]
    note: str = ""
    label: str | None = None
    place: str = ""
    lang: str | None = None
    context: str | None = None
    created_at: float = field(default_factory=time.time)
    status: str = "open"
    resolved_by: str | None = None
    resolved_at: float | None = None
    corrected: dict[str, Any] | None = None
    id: int | None = None


class DisputeError(ValueError):
    """A dispute that cannot be saved or resolved; ``message(lang)`` says why in the reader's language."""

    def __init__(self, reason: str, **params: Any):
        super().__init__(reason)
        self.reason, self.params = reason, params

    def message(self, lang: str) -> str:
        """Return the explanation in ``lang``."""
        from coachlab.i18n import t

        return t(f"dispute.error.{self.reason}", lang, **self.params)


def check_dispute(dispute: Dispute) -> None:
    """Raise DisputeError (or LearnerIdError) when ``dispute`` cannot be saved as it is.

    The note may be empty when the learner picked the verdict they disagree with (that already says what
    is wrong); with no verdict picked it must say something, so the facilitator has something to judge.
    """
    validate_learner_id(dispute.learner_id)
    from coachlab.checks.cli import KINDS  # the light copy: the store must not load the checks

    if not dispute.item_id:
        raise DisputeError("no_item")
    if dispute.kind not in KINDS:
        raise DisputeError("bad_kind", kind=dispute.kind)
    if not dispute.text or not dispute.text.strip():
        raise DisputeError("no_text")
    if len(dispute.text) > MAX_DISPUTED_TEXT:
        raise DisputeError("text_too_long", max=MAX_DISPUTED_TEXT)
    note = dispute.note or ""
    if len(note) > MAX_NOTE:
        raise DisputeError("note_too_long", max=MAX_NOTE, count=len(note))
    if not dispute.label and not note.strip():
        raise DisputeError("note_empty")
    if not isinstance(dispute.verdict, dict):
        raise DisputeError("no_verdict")


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
        learner = validate_learner_id(attempt.learner_id)  # the normalised id: one learner, one name
        if not attempt.item_id:
            raise ValueError("item_id must name a piece of content")
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO attempts (learner_id, item_id, created_at, answers, scores, lang)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    learner,
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
        learner_id = validate_learner_id(learner_id)
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

    def state_items(self, learner_id: str) -> list[tuple[str, float]]:
        """Return (item id, last saved) for every tool the learner has saved work in, oldest first."""
        rows = self._conn.execute("SELECT item_id, updated_at FROM tool_state WHERE learner_id = ? ORDER BY updated_at",
                                  (validate_learner_id(learner_id),))
        return [(item, float(at)) for item, at in rows]

    # --- disputes ---------------------------------------------------------------------------
    def add_dispute(self, dispute: Dispute) -> int:
        """Save a learner's dispute (checked first: nothing is written when it is refused); return its id."""
        check_dispute(dispute)
        learner = validate_learner_id(dispute.learner_id)
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO disputes (learner_id, item_id, place, kind, lang, text, context, verdict, label, note,"
                " created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
                (learner, dispute.item_id, dispute.place or "", dispute.kind, dispute.lang, dispute.text,
                 dispute.context, json.dumps(dispute.verdict, ensure_ascii=False), dispute.label or None,
                 (dispute.note or "").strip(), dispute.created_at),
            )
            return int(cursor.lastrowid)

    def disputes(self, learner_id: str | None = None, status: str | None = None,
                 item_id: str | None = None) -> list[Dispute]:
        """Return disputes, oldest first; a learner's page always passes ``learner_id`` (their own only)."""
        clauses, params = [], []
        if learner_id is not None:
            clauses.append("learner_id = ?")
            params.append(validate_learner_id(learner_id))
        if status is not None:
            if status not in DISPUTE_STATUSES:
                raise ValueError(f"unknown dispute status {status!r}")
            clauses.append("status = ?")
            params.append(status)
        if item_id is not None:
            clauses.append("item_id = ?")
            params.append(item_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._conn.execute(f"SELECT {_DISPUTE_COLUMNS} FROM disputes{where} ORDER BY created_at, id", params)
        return [_to_dispute(row) for row in rows]

    def dispute(self, dispute_id: int) -> Dispute | None:
        """Return one dispute by id, or None."""
        row = self._conn.execute(f"SELECT {_DISPUTE_COLUMNS} FROM disputes WHERE id = ?", (int(dispute_id),)).fetchone()
        return _to_dispute(row) if row else None

    def resolve_dispute(self, dispute_id: int, status: str, resolved_by: str,
                        corrected: dict[str, Any] | None = None) -> Dispute:
        """Confirm or overturn an open dispute (``corrected``: the right labels, needed to overturn)."""
        if status not in ("confirmed", "overturned"):
            raise DisputeError("bad_status")
        current = self.dispute(dispute_id)
        if current is None:
            raise DisputeError("unknown", id=dispute_id)
        if status == "overturned":
            from .disputes import clean_labels, labels_of

            try:
                corrected = clean_labels(current.kind, corrected or {})
            except ValueError:
                raise DisputeError("no_labels") from None
            verdict = labels_of(current.kind, current.verdict)
            if not corrected:
                raise DisputeError("no_labels")
            if all(verdict.get(name) == value for name, value in corrected.items()):
                raise DisputeError("no_change")
        with self._transaction():
            row = self._conn.execute("SELECT status FROM disputes WHERE id = ?", (int(dispute_id),)).fetchone()
            if row is None:
                raise DisputeError("unknown", id=dispute_id)
            if row[0] != "open":
                raise DisputeError("already_resolved", id=dispute_id)
            self._conn.execute(
                "UPDATE disputes SET status = ?, resolved_by = ?, resolved_at = ?, corrected = ? WHERE id = ?",
                (status, resolved_by or None, time.time(),
                 json.dumps(corrected, ensure_ascii=False) if corrected else None, int(dispute_id)))
        return self.dispute(dispute_id)  # type: ignore[return-value]

    # --- exercise hand-ins (the inbox under the hub) ---------------------------------------------
    def add_submission(self, learner_id: str, slug: str, notebook: str, created_at: float | None = None) -> Submission:
        """Keep one hand-in of ``slug`` (the notebook's JSON text); earlier ones stay, the newest counts."""
        learner = validate_learner_id(learner_id)
        if not slug:
            raise ValueError("slug must name an exercise")
        moment = time.time() if created_at is None else created_at
        with self._transaction():
            cursor = self._conn.execute(
                "INSERT INTO submissions (learner_id, slug, created_at, notebook) VALUES (?, ?, ?, ?)",
                (learner, slug, moment, notebook))
        return Submission(int(cursor.lastrowid), learner, slug, moment, None)

    def submissions(self, learner_id: str | None = None, slug: str | None = None,
                    uncollected: bool = False) -> list[Submission]:
        """Return hand-ins (without their notebooks), oldest first."""
        clauses, params = [], []
        if learner_id is not None:
            clauses.append("learner_id = ?")
            params.append(validate_learner_id(learner_id))
        if slug is not None:
            clauses.append("slug = ?")
            params.append(slug)
        if uncollected:
            clauses.append("collected_at IS NULL")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._conn.execute(
            f"SELECT id, learner_id, slug, created_at, collected_at FROM submissions{where} ORDER BY created_at, id",
            params)
        return [Submission(*row) for row in rows]

    def submission_notebook(self, submission_id: int) -> str | None:
        """Return the notebook text of one hand-in, or None."""
        row = self._conn.execute("SELECT notebook FROM submissions WHERE id = ?", (int(submission_id),)).fetchone()
        return row[0] if row else None

    def mark_collected(self, submission_id: int) -> None:
        """Note that a facilitator has filed this hand-in into the course."""
        with self._transaction():
            self._conn.execute("UPDATE submissions SET collected_at = ? WHERE id = ? AND collected_at IS NULL",
                               (time.time(), int(submission_id)))

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


_DISPUTE_COLUMNS = ("id, learner_id, item_id, place, kind, lang, text, context, verdict, label, note, created_at,"
                    " status, resolved_by, resolved_at, corrected")


def _to_dispute(row: tuple) -> Dispute:
    (row_id, learner, item, place, kind, lang, text, context, verdict, label, note, created, status, by, at,
     corrected) = row
    return Dispute(learner, item, kind, text, json.loads(verdict), note or "", label, place or "", lang, context,
                   created, status, by, at, json.loads(corrected) if corrected else None, row_id)


def open_store(path: Path | str | None = None) -> ProgressStore:
    """Open the learner records: at ``path``; else, under the hub, the records service; else the data directory.

    Under JupyterHub the spawner sets ``COACHLAB_RECORDS_URL`` and the kernel has its hub token, so every page
    reads and writes through the records service (coachlab/records/), which keeps each learner to their own.
    """
    if path is None:
        from coachlab.records.client import RecordsClient

        client = RecordsClient.from_env()
        if client is not None:
            return client  # type: ignore[return-value] - the same methods, over HTTP
    return ProgressStore(Path(path) if path else data_dir() / DB_NAME)
