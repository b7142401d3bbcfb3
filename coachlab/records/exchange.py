"""nbgrader's exchange over the records service: release, fetch, submit, collect and feedback with no shared disk.

nbgrader chooses its exchange classes by config (``c.ExchangeFactory.<name> = "module.Class"``); ``configure(c)``
names these (grader/nbgrader_config.py calls it when ``COACHLAB_RECORDS_URL`` is set). They keep the default
exchange's outward behaviour - the course folder layout (release/, submitted/, feedback/), the fetched folder
``<assignment>/`` and ``<assignment>/feedback/<timestamp>/``, nbgrader's timestamps and the listings the
Assignments tab reads - but files travel as one tar.gz per release, submission or feedback to the records
service (coachlab.records.assignments), with the caller's hub token (``JUPYTERHUB_API_TOKEN``). The service
decides who may do what; a refusal is its message in the caller's language, which nbgrader prints.
"""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from nbgrader.exchange.abc import (Exchange, ExchangeCollect, ExchangeFetchAssignment, ExchangeFetchFeedback,
                                   ExchangeList, ExchangeReleaseAssignment, ExchangeReleaseFeedback, ExchangeSubmit)
from traitlets import Bool

from coachlab.cli_lang import cli_lang
from coachlab.i18n import t

from .assignments import ARCHIVE_TYPE, DIGEST_HEADER, MAX_ARCHIVE_BYTES, digest, pack, pack_files, unpack
from .client import TIMEOUT_S, RecordsClient, RecordsError, refusal_body

UPLOAD_TIMEOUT_S = 120.0  # 20 MB over a slow room network
CLASSES = {  # ExchangeFactory trait -> class in this module
    "exchange": "RecordsExchange", "fetch_assignment": "RecordsFetchAssignment",
    "fetch_feedback": "RecordsFetchFeedback", "release_assignment": "RecordsReleaseAssignment",
    "release_feedback": "RecordsReleaseFeedback", "list": "RecordsList", "submit": "RecordsSubmit",
    "collect": "RecordsCollect",
}


def configure(c: Any) -> None:
    """Make nbgrader (commands, the Assignments tab) use this exchange, in the config object ``c``."""
    for trait, name in CLASSES.items():
        setattr(c.ExchangeFactory, trait, f"{__name__}.{name}")


class ExchangeClient(RecordsClient):
    """The exchange's calls to the records service: JSON as RecordsClient, archives as raw bytes."""

    def _raw(self, method: str, path: str, data: bytes | None = None, **query: Any) -> bytes:
        params = {k: v for k, v in query.items() if v is not None}
        address = f"{self.url}/api/{path}" + (f"?{urlencode(params)}" if params else "")
        headers = {"Authorization": f"token {self._token}", "Accept-Language": self.lang}
        if data is not None:
            headers.update({"Content-Type": ARCHIVE_TYPE, DIGEST_HEADER: digest(data)})
        request = urllib.request.Request(address, data=data, method=method, headers=headers)
        try:
            wait = UPLOAD_TIMEOUT_S if data else TIMEOUT_S
            with urllib.request.urlopen(request, timeout=wait) as reply:  # noqa: S310 - our own service
                body = reply.read()
                sent = reply.headers.get(DIGEST_HEADER)
                if sent and sent != digest(body):
                    raise self._unreachable()
                return body
        except urllib.error.HTTPError as exc:
            raise self._refused(exc, refusal_body(exc)) from None
        except (urllib.error.URLError, OSError) as exc:
            raise self._unreachable() from exc

    def _json(self, method: str, path: str, data: bytes | None = None, **query: Any) -> Any:
        return json.loads(self._raw(method, path, data, **query).decode("utf-8"))

    def my_course(self) -> str:
        return self._call("GET", "exchange/course")["course_id"]

    def releases(self, course: str) -> list[dict[str, Any]]:
        return self._call("GET", f"exchange/{quote(course)}/assignments")

    def release_archive(self, course: str, assignment: str) -> bytes:
        return self._raw("GET", f"exchange/{quote(course)}/assignments/{quote(assignment, safe='')}")

    def release(self, course: str, assignment: str, archive: bytes, force: bool) -> dict[str, Any]:
        return self._json("PUT", f"exchange/{quote(course)}/assignments/{quote(assignment, safe='')}", archive,
                          force="1" if force else None)

    def unrelease(self, course: str, assignment: str) -> None:
        self._call("DELETE", f"exchange/{quote(course)}/assignments/{quote(assignment, safe='')}")

    def handed_in(self, course: str, assignment: str | None = None,
                  learner: str | None = None) -> list[dict[str, Any]]:
        return self._call("GET", f"exchange/{quote(course)}/submissions", assignment=assignment, learner=learner)

    def submit(self, course: str, assignment: str, archive: bytes) -> dict[str, Any]:
        return self._json("POST", f"exchange/{quote(course)}/submissions", archive, assignment=assignment)

    def submission_archive(self, course: str, submission_id: int) -> bytes:
        return self._raw("GET", f"exchange/{quote(course)}/submissions/{int(submission_id)}")

    def put_feedback(self, course: str, submission_id: int, archive: bytes) -> dict[str, Any]:
        return self._json("PUT", f"exchange/{quote(course)}/submissions/{int(submission_id)}/feedback", archive)

    def feedback_archive(self, course: str, submission_id: int) -> bytes:
        return self._raw("GET", f"exchange/{quote(course)}/submissions/{int(submission_id)}/feedback")


class RecordsExchange(Exchange):
    """Common ground: the service client, the course id, and nbgrader's ``fail`` with the service's words."""

    path_includes_course = Bool(False, help="Put fetched assignments under <course_id>/ (as nbgrader's default "
                                            "exchange's option of the same name).").tag(config=True)

    @property
    def lang(self) -> str:
        return cli_lang()

    @property
    def client(self) -> ExchangeClient:
        if not hasattr(self, "_client"):
            url, token = os.environ.get("COACHLAB_RECORDS_URL"), os.environ.get("JUPYTERHUB_API_TOKEN")
            if not url or not token:
                self.fail(t("exchange.no_service", self.lang))
            self._client = ExchangeClient(url, token, self.lang)
        return self._client

    def ask(self, call: str, *args: Any, **kwargs: Any) -> Any:
        """Call the service; a refusal or an outage fails the nbgrader command with the service's message."""
        try:
            return getattr(self.client, call)(*args, **kwargs)
        except RecordsError as exc:
            self.fail(str(exc))

    def course(self) -> str:
        """The course to act in: nbgrader's CourseDirectory.course_id, else the caller's own (the service says)."""
        if not self.coursedir.course_id:
            self.coursedir.course_id = self.ask("my_course")
        return self.coursedir.course_id

    def local_dir(self, assignment: str) -> str:
        """Where a learner's copy of ``assignment`` lives (nbgrader's layout)."""
        parts = [self.coursedir.course_id, assignment] if self.path_includes_course else [assignment]
        return os.path.abspath(os.path.join(self.assignment_dir, *parts))

    def keep(self, relative: str) -> bool:
        """Whether a file goes into an archive: not when nbgrader's ignore globs match a part of its path."""
        ignored = self.coursedir.ignore
        return not any(fnmatch.fnmatch(part, pattern) for part in relative.split("/") for pattern in ignored)

    def packed(self, folder: str) -> bytes:
        data = pack(Path(folder), self.keep)
        if len(data) > MAX_ARCHIVE_BYTES:
            self.fail(t("records.error.too_large", self.lang, mb=MAX_ARCHIVE_BYTES // (1024 * 1024)))
        return data

    def init_src(self) -> None:
        pass

    def init_dest(self) -> None:
        pass

    def copy_files(self) -> None:
        pass


class RecordsReleaseAssignment(RecordsExchange, ExchangeReleaseAssignment):
    """``nbgrader release_assignment``: publish release/<assignment>/ to the course (facilitators)."""

    def init_src(self) -> None:
        assignment = self.coursedir.assignment_id
        self.src_path = self.coursedir.format_path(self.coursedir.release_directory, ".", assignment)
        if not os.path.isdir(self.src_path):
            source = self.coursedir.format_path(self.coursedir.source_directory, ".", assignment)
            key = "exchange.not_generated" if os.path.isdir(source) else "exchange.no_release"
            self.fail(t(key, self.lang, assignment=assignment, path=self.src_path))

    def init_dest(self) -> None:
        self.course()

    def copy_files(self) -> None:
        self.log.info("Source: %s", self.src_path)
        self.ask("release", self.coursedir.course_id, self.coursedir.assignment_id, self.packed(self.src_path),
                 self.force)
        self.log.info("Released as: %s %s", self.coursedir.course_id, self.coursedir.assignment_id)


class RecordsFetchAssignment(RecordsExchange, ExchangeFetchAssignment):
    """``nbgrader fetch_assignment``: a released assignment into ./<assignment>/ (missing files only, if asked)."""

    def init_src(self) -> None:
        self.course()

    def init_dest(self) -> None:
        self.dest_path = self.local_dir(self.coursedir.assignment_id)
        if os.path.isdir(self.dest_path) and not self.replace_missing_files:
            self.fail(t("exchange.already_fetched", self.lang, assignment=self.coursedir.assignment_id,
                        path=self.dest_path))

    def copy_files(self) -> None:
        data = self.ask("release_archive", self.coursedir.course_id, self.coursedir.assignment_id)
        with tempfile.TemporaryDirectory(prefix="coachlab-fetch-") as scratch:
            unpack(data, Path(scratch))
            for source in sorted(Path(scratch).rglob("*")):
                target = Path(self.dest_path) / source.relative_to(scratch)
                if source.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                elif not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        self.log.info("Fetched as: %s %s", self.coursedir.course_id, self.coursedir.assignment_id)


class RecordsSubmit(RecordsExchange, ExchangeSubmit):
    """``nbgrader submit``: ./<assignment>/ as the caller (the service takes the name from the token)."""

    def init_src(self) -> None:
        self.course()
        self.src_path = self.local_dir(self.coursedir.assignment_id)
        if not os.path.isdir(self.src_path):
            self.fail(t("exchange.nothing_to_submit", self.lang, assignment=self.coursedir.assignment_id,
                        path=self.src_path))

    def check_notebooks(self) -> None:
        released = {entry["assignment_id"]: entry for entry in self.ask("releases", self.coursedir.course_id)}
        entry = released.get(self.coursedir.assignment_id)
        if entry is None:
            return  # the service refuses it with its own words
        have = {Path(p).stem for p in glob.glob(os.path.join(self.src_path, "*.ipynb"))}
        missing = sorted(set(entry["notebooks"]) - have)
        if missing and self.strict:
            self.fail(t("exchange.missing_notebooks", self.lang, assignment=self.coursedir.assignment_id,
                        notebooks=", ".join(missing)))
        if missing:
            self.log.warning(t("exchange.missing_notebooks", self.lang, assignment=self.coursedir.assignment_id,
                               notebooks=", ".join(missing)))

    def copy_files(self) -> None:
        self.check_notebooks()
        with tempfile.TemporaryDirectory(prefix="coachlab-submit-") as scratch:
            copy = Path(scratch) / "submission"
            shutil.copytree(self.src_path, copy, symlinks=True,
                            ignore=shutil.ignore_patterns(*self.coursedir.ignore))
            (copy / "submission_secret.txt").write_text(secrets.token_hex(64), encoding="utf-8")
            for stale in ("timestamp.txt",):  # the service stamps the submission itself
                (copy / stale).unlink(missing_ok=True)
            self.log.info("Source: %s", self.src_path)
            done = self.ask("submit", self.coursedir.course_id, self.coursedir.assignment_id, self.packed(str(copy)))
        self.log.info("Submitted as: %s %s %s", done["course_id"], done["assignment_id"], done["timestamp"])


class RecordsList(RecordsExchange, ExchangeList):
    """``nbgrader list`` and the Assignments tab: released assignments, or submissions (own; all for facilitators)."""

    def init_src(self) -> None:
        self.course()

    def parse_assignments(self) -> list[dict[str, Any]]:
        course = self.coursedir.course_id
        if not (self.inbound or self.cached):
            return [self._released(entry) for entry in self.ask("releases", course)
                    if self.coursedir.assignment_id in ("", "*", entry["assignment_id"])]
        assignment = self.coursedir.assignment_id if self.coursedir.assignment_id not in ("", "*") else None
        student = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else None
        # --cached is the caller's own submissions (the Assignments tab); --inbound a facilitator's view of all.
        learner = (student or "*") if self.inbound else None
        found = [self._submitted(entry) for entry in self.ask("handed_in", course, assignment, learner)]
        groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for info in found:
            groups.setdefault((info["course_id"], info["student_id"], info["assignment_id"]), []).append(info)
        return [{"course_id": key[0], "student_id": key[1], "assignment_id": key[2], "status": "submitted",
                 "submissions": sorted(items, key=lambda x: x["timestamp"])} for key, items in sorted(groups.items())]

    def _released(self, entry: dict[str, Any]) -> dict[str, Any]:
        info = {"course_id": entry["course_id"], "assignment_id": entry["assignment_id"]}
        local = self.local_dir(entry["assignment_id"])
        if os.path.isdir(local):
            info.update(status="fetched", path=local)
            names = sorted(Path(p).stem for p in glob.glob(os.path.join(local, "*.ipynb")))
            info["notebooks"] = [{"notebook_id": n, "path": os.path.join(local, f"{n}.ipynb")} for n in names]
        else:
            where = f"{self.client.url}/api/exchange/{entry['course_id']}/assignments/{entry['assignment_id']}"
            info.update(status="released", path=where)
            info["notebooks"] = [{"notebook_id": n, "path": f"{where}/{n}.ipynb"} for n in entry["notebooks"]]
        if self.remove:
            info["status"] = "removed"
        return info

    def _submitted(self, entry: dict[str, Any]) -> dict[str, Any]:
        info = {key: entry[key] for key in ("course_id", "student_id", "assignment_id", "timestamp")}
        info.update(status="submitted", submission_id=entry["id"],
                    path=f"{self.client.url}/api/exchange/{entry['course_id']}/submissions/{entry['id']}")
        feedback = entry.get("feedback") or {}
        local = os.path.join(self.local_dir(entry["assignment_id"]), "feedback", entry["timestamp"])
        notebooks = []
        for notebook_id in entry["notebooks"]:
            html = os.path.join(local, f"{notebook_id}.html")
            has_local = os.path.isfile(html)
            updated = has_local and notebook_id in feedback and feedback[notebook_id] != _md5(html)
            notebooks.append({"notebook_id": notebook_id, "path": os.path.join(info["path"], f"{notebook_id}.ipynb"),
                              "has_local_feedback": has_local, "has_exchange_feedback": notebook_id in feedback,
                              "local_feedback_path": html if has_local else None, "feedback_updated": updated})
        info["notebooks"] = notebooks
        info["has_local_feedback"] = bool(notebooks) and all(nb["has_local_feedback"] for nb in notebooks)
        info["has_exchange_feedback"] = bool(notebooks) and all(nb["has_exchange_feedback"] for nb in notebooks)
        info["feedback_updated"] = any(nb["feedback_updated"] for nb in notebooks)
        info["local_feedback_path"] = local if info["has_local_feedback"] else None
        return info

    def format_inbound_assignment(self, info: dict[str, Any]) -> str:
        msg = "{course_id} {student_id} {assignment_id} {timestamp}".format(**info)
        if info["has_local_feedback"] and not info["feedback_updated"]:
            return msg + " (feedback already fetched)"
        ready = info["has_exchange_feedback"]
        return msg + (" (feedback ready to be fetched)" if ready else " (no feedback available)")

    def format_outbound_assignment(self, info: dict[str, Any]) -> str:
        return "{course_id} {assignment_id}".format(**info) + (" (already downloaded)"
                                                               if info["status"] == "fetched" else "")

    def list_files(self) -> list[dict[str, Any]]:
        assignments = self.parse_assignments()
        if self.inbound or self.cached:
            self.log.info("Submitted assignments:")
            for assignment in assignments:
                for info in assignment["submissions"]:
                    self.log.info(self.format_inbound_assignment(info))
        else:
            self.log.info("Released assignments:")
            for info in assignments:
                self.log.info(self.format_outbound_assignment(info))
        return assignments

    def remove_files(self) -> list[dict[str, Any]]:
        """Withdraw released assignments (facilitators); submissions stay with the service."""
        if self.inbound or self.cached:
            self.fail(t("exchange.keeps_submissions", self.lang))
        assignments = self.parse_assignments()
        self.log.info("Removing released assignments:")
        for info in assignments:
            self.log.info(self.format_outbound_assignment(info))
            self.ask("unrelease", info["course_id"], info["assignment_id"])
        return assignments


class RecordsCollect(RecordsExchange, ExchangeCollect):
    """``nbgrader collect``: each learner's newest submission into submitted/<learner>/<assignment>/.

    With ``--before-duedate`` (as nbgrader's own exchange): the newest one handed in by the assignment's due date
    in the gradebook, else the newest; a different one already collected is replaced.
    """

    def init_src(self) -> None:
        from nbgrader.utils import parse_utc

        course, assignment = self.course(), self.coursedir.assignment_id
        student = self.coursedir.student_id if self.coursedir.student_id not in ("", "*") else None
        history: dict[str, list[dict[str, Any]]] = {}
        for entry in self.ask("handed_in", course, assignment, student or "*"):
            history.setdefault(entry["student_id"], []).append(entry)
        due = self._duedate() if self.before_duedate else None
        self.src_records = []
        for name in sorted(history):
            entries = sorted(history[name], key=lambda e: parse_utc(e["timestamp"]))
            on_time = [e for e in entries if due is None or parse_utc(e["timestamp"]) <= due]
            self.src_records.append((on_time or entries)[-1])

    def _duedate(self) -> Any:
        """Return the assignment's due date in the gradebook (naive UTC, as nbgrader keeps it), or None."""
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gradebook:
            try:
                return gradebook.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                return None

    def copy_files(self) -> None:
        from nbgrader.utils import parse_utc

        if not self.src_records:
            self.log.warning("No submissions of '%s' for course '%s' to collect", self.coursedir.assignment_id,
                             self.coursedir.course_id)
        for entry in self.src_records:
            student = entry["student_id"]
            dest = self.coursedir.format_path(self.coursedir.submitted_directory, student, self.coursedir.assignment_id)
            if os.path.isdir(dest):
                existing, stamp = self.coursedir.get_existing_timestamp(dest), parse_utc(entry["timestamp"])
                newer = self.update and (existing is None or stamp > existing)
                if not (newer or (self.before_duedate and existing != stamp)):
                    self.log.info("Submission already exists, use --update to update: %s %s", student,
                                  self.coursedir.assignment_id)
                    continue
                self.log.info("Updating submission: %s %s", student, self.coursedir.assignment_id)
                shutil.rmtree(dest)
            else:
                self.log.info("Collecting submission: %s %s", student, self.coursedir.assignment_id)
            data = self.ask("submission_archive", self.coursedir.course_id, entry["id"])
            unpack(data, Path(dest))
            Path(dest, "timestamp.txt").write_text(entry["timestamp"], encoding="utf-8")


class RecordsReleaseFeedback(RecordsExchange, ExchangeReleaseFeedback):
    """``nbgrader release_feedback``: feedback/<learner>/<assignment>/*.html to the submission it was made for."""

    def init_src(self) -> None:
        student = self.coursedir.student_id if self.coursedir.student_id else "*"
        self.src_path = self.coursedir.format_path(self.coursedir.feedback_directory, student,
                                                   self.coursedir.assignment_id)

    def init_dest(self) -> None:
        self.course()

    def copy_files(self) -> None:
        exclude = set(filter(None, (self.coursedir.student_id_exclude or "").split(",")))
        for folder in sorted(glob.glob(self.src_path)):
            student = Path(folder).parent.name
            stamp_file = Path(folder, "timestamp.txt")
            if student in exclude or not stamp_file.is_file():
                continue
            stamp = stamp_file.read_text(encoding="utf-8").strip()
            found = [entry for entry in self.ask("handed_in", self.coursedir.course_id,
                                                 self.coursedir.assignment_id, student)
                     if entry["timestamp"] == stamp]
            if not found:
                self.log.warning(t("exchange.no_submission_for_feedback", self.lang, learner=student, stamp=stamp))
                continue
            pages = [(p.name, p.read_bytes()) for p in sorted(Path(folder).glob("*.html"))]
            self.ask("put_feedback", self.coursedir.course_id, found[0]["id"], pack_files(pages))
            self.log.info("Releasing feedback for student '%s' on assignment '%s/%s' (%s)", student,
                          self.coursedir.course_id, self.coursedir.assignment_id, stamp)


class RecordsFetchFeedback(RecordsExchange, ExchangeFetchFeedback):
    """``nbgrader fetch_feedback``: the caller's own feedback into ./<assignment>/feedback/<timestamp>/."""

    def init_src(self) -> None:
        self.course()
        assignment = self.coursedir.assignment_id or None
        self.feedback = [entry for entry in self.ask("handed_in", self.coursedir.course_id, assignment)
                         if entry.get("feedback")]

    def copy_files(self) -> None:
        for entry in self.feedback:
            dest = Path(self.local_dir(entry["assignment_id"]), "feedback", entry["timestamp"])
            data = self.ask("feedback_archive", self.coursedir.course_id, entry["id"])
            for name in unpack(data, dest):
                self.log.info("Fetched feedback: %s", dest / name)


def _md5(path: str) -> str:
    return hashlib.md5(Path(path).read_bytes()).hexdigest()  # noqa: S324 - a change check, as nbgrader's


__all__ = ["configure", *CLASSES.values()]
