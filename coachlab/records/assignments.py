"""nbgrader's exchange inside the records service: released assignments, submissions and feedback, no shared disk.

nbgrader's default exchange is a folder every learner's server and the facilitator's share; on Kubernetes there
is none. Here the records service keeps what would be in that folder, in the one store (SQLite or PostgreSQL,
migration 7): one archive (tar.gz) per released assignment, per submission and per submission's feedback.
coachlab.records.exchange holds nbgrader's exchange classes that call these handlers.

Who sees what: the course id in the path and the hub identity of the token. A learner acts only in their own
course (coachlab.hub.cohorts.course_of), fetches only released assignments, submits only as themselves (the
token's user; the body names no one), and lists or fetches only their own submissions and feedback. Releasing,
collecting and releasing feedback need ``COHORT_SCOPE`` (facilitators). A submission is stored in one insert
after its whole body has arrived and matched its SHA-256 header, so a cut connection leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import tarfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from coachlab.hub.cohorts import course_of, valid_course_id
from coachlab.progress.ids import validate_learner_id
from coachlab.progress.store import RecordStore

from .service import RecordsHandler
from .wire import MAX_SUBMISSION_BYTES, WireError

MAX_ARCHIVE_BYTES = MAX_SUBMISSION_BYTES  # the hand-in limit, for the archive as sent
MAX_UNPACKED_BYTES = 5 * MAX_ARCHIVE_BYTES  # what one archive may unpack to: a notebook, not a decompression bomb
DIGEST_HEADER = "X-Coachlab-SHA256"  # the sender's SHA-256 of the body: a body that does not match is refused
ARCHIVE_TYPE = "application/gzip"
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # nbgrader's Exchange.timestamp_format, in UTC (its default timezone)


# --- archives: what travels ----------------------------------------------------------------------------------
def pack(folder: Path, keep: Any = None) -> bytes:
    """Return ``folder``'s regular files (those ``keep(relative_path)`` accepts; no symlinks) as a tar.gz."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink() or not path.is_file() or (keep is not None and not keep(relative)):
                continue
            tar.add(path, arcname=relative, recursive=False)
    return buffer.getvalue()


def pack_files(files: Iterable[tuple[str, bytes]]) -> bytes:
    """Return a tar.gz of ``(name, content)`` pairs."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, content in files:
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(content), int(time.time())
            tar.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def contents(data: bytes) -> list[str]:
    """Return the file names in the archive ``data``, or raise ValueError when it is not one we accept.

    Accepted: a gzip'd tar of regular files and folders, relative paths without '..', at most
    ``MAX_ARCHIVE_BYTES`` packed and ``MAX_UNPACKED_BYTES`` unpacked.
    """
    if len(data) > MAX_ARCHIVE_BYTES:
        raise ValueError("too large")
    names, total = [], 0
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar:
                name = posixpath.normpath(member.name)
                if name.startswith(("/", "../")) or name == ".." or not (member.isfile() or member.isdir()):
                    raise ValueError(f"not a plain relative file: {member.name}")
                total += member.size
                if total > MAX_UNPACKED_BYTES:
                    raise ValueError("unpacks too large")
                if member.isfile():
                    names.append(name)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ValueError(f"not a tar.gz archive: {exc}") from None
    return names


def unpack(data: bytes, dest: Path) -> list[str]:
    """Write the archive ``data`` into ``dest`` (created); return the file names. Refuses what ``contents`` does."""
    names = contents(data)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        tar.extractall(dest, filter="data")
    return names


def notebook_ids(names: Iterable[str]) -> list[str]:
    """Return the notebooks at the top of an archive, as nbgrader names them (file name without .ipynb)."""
    return sorted(name[:-6] for name in names if name.endswith(".ipynb") and "/" not in name)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stamp_now() -> str:
    """Return now as nbgrader writes a submission's timestamp (``2026-11-30 13:20:00.123456 UTC``)."""
    return datetime.now(timezone.utc).strftime(STAMP_FORMAT)


# --- storage: three tables in the one store ------------------------------------------------------------------
class ExchangeStore:
    """Released assignments, submissions and feedback in a RecordStore (its ``_rows``/``_write`` primitives)."""

    def __init__(self, store: RecordStore):
        self.store = store

    def release(self, course: str, assignment: str, by: str, notebooks: list[str], archive: bytes,
                force: bool) -> bool:
        """Publish ``archive`` as ``assignment``; return False (nothing changed) if it is out and not ``force``."""
        with self.store._write() as db:
            if db.rows("SELECT 1 FROM exchange_releases WHERE course_id = ? AND assignment_id = ?",
                       (course, assignment)):
                if not force:
                    return False
                db.execute("DELETE FROM exchange_releases WHERE course_id = ? AND assignment_id = ?",
                           (course, assignment))
            db.execute("INSERT INTO exchange_releases (course_id, assignment_id, released_at, released_by, notebooks,"
                       " archive) VALUES (?, ?, ?, ?, ?, ?)",
                       (course, assignment, time.time(), by, json.dumps(notebooks), archive))
        return True

    def unrelease(self, course: str, assignment: str) -> bool:
        with self.store._write() as db:
            return bool(db.execute("DELETE FROM exchange_releases WHERE course_id = ? AND assignment_id = ?",
                                   (course, assignment)))

    def releases(self, course: str, assignment: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT assignment_id, released_at, notebooks FROM exchange_releases WHERE course_id = ?"
        params: list[Any] = [course]
        if assignment is not None:
            sql, params = sql + " AND assignment_id = ?", params + [assignment]
        rows = self.store._rows(sql + " ORDER BY assignment_id", params)
        return [{"course_id": course, "assignment_id": a, "released_at": at, "notebooks": json.loads(nbs)}
                for a, at, nbs in rows]

    def release_archive(self, course: str, assignment: str) -> bytes | None:
        rows = self.store._rows("SELECT archive FROM exchange_releases WHERE course_id = ? AND assignment_id = ?",
                                (course, assignment))
        return bytes(rows[0][0]) if rows else None

    def submit(self, course: str, learner: str, assignment: str, notebooks: list[str],
               archive: bytes) -> dict[str, Any]:
        """Keep one whole submission (one insert: it is listed only once it is all there); return its listing."""
        stamp, moment = stamp_now(), time.time()
        with self.store._write() as db:
            row_id = db.insert("INSERT INTO exchange_submissions (course_id, learner_id, assignment_id, stamp,"
                               " created_at, notebooks, archive) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (course, learner, assignment, stamp, moment, json.dumps(notebooks), archive))
        return {"id": row_id, "course_id": course, "student_id": learner, "assignment_id": assignment,
                "timestamp": stamp, "notebooks": notebooks, "feedback": None}

    def submissions(self, course: str, learner: str | None = None, assignment: str | None = None,
                    submission_id: int | None = None) -> list[dict[str, Any]]:
        """Return the submissions of ``course`` (optionally one learner's / assignment's), oldest first."""
        clauses, params = ["s.course_id = ?"], [course]
        for column, value in (("s.learner_id", learner), ("s.assignment_id", assignment), ("s.id", submission_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        rows = self.store._rows(
            "SELECT s.id, s.learner_id, s.assignment_id, s.stamp, s.notebooks, f.checksums FROM exchange_submissions s"
            " LEFT JOIN exchange_feedback f ON f.submission_id = s.id"
            f" WHERE {' AND '.join(clauses)} ORDER BY s.created_at, s.id", params)
        return [{"id": row_id, "course_id": course, "student_id": who, "assignment_id": a, "timestamp": stamp,
                 "notebooks": json.loads(nbs), "feedback": json.loads(sums) if sums else None}
                for row_id, who, a, stamp, nbs, sums in rows]

    def submission_archive(self, submission_id: int) -> bytes | None:
        rows = self.store._rows("SELECT archive FROM exchange_submissions WHERE id = ?", (submission_id,))
        return bytes(rows[0][0]) if rows else None

    def put_feedback(self, submission: dict[str, Any], checksums: dict[str, str], archive: bytes) -> None:
        """Keep (or replace) the feedback of one submission."""
        with self.store._write() as db:
            db.execute("DELETE FROM exchange_feedback WHERE submission_id = ?", (submission["id"],))
            db.execute("INSERT INTO exchange_feedback (submission_id, course_id, learner_id, released_at, checksums,"
                       " archive) VALUES (?, ?, ?, ?, ?, ?)",
                       (submission["id"], submission["course_id"], submission["student_id"], time.time(),
                        json.dumps(checksums), archive))

    def feedback_archive(self, submission_id: int) -> bytes | None:
        rows = self.store._rows("SELECT archive FROM exchange_feedback WHERE submission_id = ?", (submission_id,))
        return bytes(rows[0][0]) if rows else None


# --- handlers (coachlab.records.service mounts ROUTES) --------------------------------------------------
def _name(value: str, field: str) -> str:
    """An assignment id as nbgrader uses it in paths: one path segment, no '+' (nbgrader's separator)."""
    if not value or len(value) > 100 or "/" in value or "+" in value or value.startswith(".") or "\\" in value:
        raise WireError(400, "bad_field", field=field)
    return value



class ExchangeHandler(RecordsHandler):
    """Common ground: the course in the path, the caller's right to act in it, archives in and out."""

    def in_course(self, course_id: str) -> str:
        try:
            course = valid_course_id(course_id)
        except ValueError:
            raise WireError(400, "bad_field", field="course_id") from None
        if not self.cohort and course != course_of(self.current_user):
            raise WireError(403, "other_course", course=course)
        self.exchange = ExchangeStore(self.store)
        return course

    def archive(self) -> tuple[bytes, list[str]]:
        data = self.request.body
        if len(data) > MAX_ARCHIVE_BYTES:
            raise WireError(413, "too_large", mb=MAX_ARCHIVE_BYTES // (1024 * 1024))
        if self.request.headers.get(DIGEST_HEADER, "") != digest(data):
            raise WireError(400, "bad_archive")  # cut short or altered on the way: keep nothing
        try:
            return data, contents(data)
        except ValueError:
            raise WireError(400, "bad_archive") from None

    def send_archive(self, data: bytes | None) -> None:
        if data is None:
            raise WireError(404, "not_found")
        self.set_header("Content-Type", ARCHIVE_TYPE)
        self.set_header("Cache-Control", "no-store")
        self.set_header(DIGEST_HEADER, digest(data))
        self.finish(data)

    def own_submission(self, course: str, submission_id: str) -> dict[str, Any]:
        """The submission, if the caller may see it: their own, or any for facilitators (else 404)."""
        found = self.exchange.submissions(course, None if self.cohort else self.learner,
                                          submission_id=int(submission_id))
        if not found:
            raise WireError(404, "not_found")  # another learner's submission does not exist for you
        return found[0]

class CourseHandler(ExchangeHandler):
    def get(self) -> None:
        self.finish_json({"course_id": course_of(self.current_user), "cohort": self.cohort})

class AssignmentsHandler(ExchangeHandler):
    def get(self, course_id: str) -> None:
        course = self.in_course(course_id)
        self.finish_json(self.exchange.releases(course))

class AssignmentHandler(ExchangeHandler):
    def get(self, course_id: str, assignment: str) -> None:
        course = self.in_course(course_id)
        data = self.exchange.release_archive(course, _name(assignment, "assignment_id"))
        if data is None:
            raise WireError(404, "not_released", assignment=assignment, course=course)
        self.send_archive(data)

    def put(self, course_id: str, assignment: str) -> None:
        course = self.in_course(course_id)
        self.need_cohort()
        data, names = self.archive()
        force = self.get_query_argument("force", "") in ("1", "true")
        if not self.exchange.release(course, _name(assignment, "assignment_id"), self.learner,
                                     notebook_ids(names), data, force):
            raise WireError(409, "already_released", assignment=assignment, course=course)
        self.finish_json(self.exchange.releases(course, assignment)[0], 201)

    def delete(self, course_id: str, assignment: str) -> None:
        course = self.in_course(course_id)
        self.need_cohort()
        if not self.exchange.unrelease(course, _name(assignment, "assignment_id")):
            raise WireError(404, "not_released", assignment=assignment, course=course)
        self.finish_json({"ok": True})

class SubmissionsHandler(ExchangeHandler):
    def get(self, course_id: str) -> None:
        course = self.in_course(course_id)
        asked = self.get_query_argument("learner", None)
        if not self.cohort and asked == "*":
            raise WireError(403, "facilitators_only")  # everyone's submissions: collecting is the facilitators'
        if not self.cohort and asked not in (None, self.learner):
            raise WireError(403, "not_yours")
        learner = self.learner if not self.cohort or asked is None else None if asked == "*" else \
            validate_learner_id(asked)
        assignment = self.get_query_argument("assignment", None)
        self.finish_json(self.exchange.submissions(course, learner, assignment or None))

    def post(self, course_id: str) -> None:
        course = self.in_course(course_id)
        if self.get_query_argument("learner", None) not in (None, self.learner):
            raise WireError(403, "not_yours")
        assignment = _name(self.get_query_argument("assignment", ""), "assignment_id")
        if not self.exchange.releases(course, assignment):
            raise WireError(404, "not_released", assignment=assignment, course=course)
        data, names = self.archive()
        self.finish_json(self.exchange.submit(course, self.learner, assignment, notebook_ids(names), data), 201)

class SubmissionHandler(ExchangeHandler):
    def get(self, course_id: str, submission_id: str) -> None:
        course = self.in_course(course_id)
        found = self.own_submission(course, submission_id)
        self.send_archive(self.exchange.submission_archive(found["id"]))

class FeedbackHandler(ExchangeHandler):
    def get(self, course_id: str, submission_id: str) -> None:
        course = self.in_course(course_id)
        found = self.own_submission(course, submission_id)
        self.send_archive(self.exchange.feedback_archive(found["id"]))

    def put(self, course_id: str, submission_id: str) -> None:
        course = self.in_course(course_id)
        self.need_cohort()
        found = self.own_submission(course, submission_id)
        data, names = self.archive()
        sums = {}
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for name in names:
                if name.endswith(".html") and "/" not in name:
                    handle = tar.extractfile(name)
                    sums[name[:-5]] = hashlib.md5(handle.read() if handle else b"").hexdigest()  # noqa: S324
        self.exchange.put_feedback(found, sums, data)
        self.finish_json({"ok": True, "notebooks": sorted(sums)}, 201)


ROUTES = (  # under /api/, mounted by coachlab.records.service.make_app
    ("exchange/course", CourseHandler),
    (r"exchange/([^/]+)/assignments", AssignmentsHandler),
    (r"exchange/([^/]+)/assignments/([^/]+)", AssignmentHandler),
    (r"exchange/([^/]+)/submissions", SubmissionsHandler),
    (r"exchange/([^/]+)/submissions/(\d+)", SubmissionHandler),
    (r"exchange/([^/]+)/submissions/(\d+)/feedback", FeedbackHandler),
)
