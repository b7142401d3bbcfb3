"""The records service: a JupyterHub service that keeps every learner's records to that learner.

Under the hub, page kernels write attempts, tool state, disputes and exercise hand-ins here instead of a file;
facilitators read the cohort through it. Every request carries a hub token (``Authorization: token …``; a
kernel has ``JUPYTERHUB_API_TOKEN``), which JupyterHub's own ``HubAuth`` turns into a user; the service writes
only as that user and lets a learner read only their own records. A token whose scopes include
``COHORT_SCOPE`` (the ``facilitators`` group's role, see coachlab/hub/config.py) reads everyone's and resolves
disputes. Each learner's records are kept in their cohort's course (``coachlab.hub.cohorts.course_of``: the
hub group ``cohort-<id>``, else the default course): a learner reads and writes in their own course only; a
cohort reader reads any course with ``?course=ID`` (every course without it) and lists them (``/api/cohorts``).
Storage is the one store interface (coachlab.progress): SQLite in WAL mode in ``COACHLAB_RECORDS_DATA``,
or PostgreSQL when ``COACHLAB_DATABASE_URL`` names one (``open_records``).

Run by the hub as ``python -m coachlab.records.service``; it listens where ``JUPYTERHUB_SERVICE_URL`` says, or
on ``COACHLAB_RECORDS_LISTEN`` (``host:port``, e.g. ``0.0.0.0:10101`` in a hub pod, where the service's URL names
the hub's Kubernetes Service and is no local address).

When the database is away (a PostgreSQL restart), a request gets 503 with ``Retry-After`` and a "try again"
message in the caller's language within a few seconds; nothing already written is touched, and writes resume
by themselves when the database is back.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
import signal
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuthenticated
from tornado import ioloop, web
from tornado.httpserver import HTTPServer

from coachlab.hub.cohorts import course_of, valid_course_id
from coachlab.i18n import normalize_lang, t
from coachlab.progress.ids import LearnerIdError, validate_learner_id
from coachlab.progress.store import DisputeError, ProgressStore, RecordStore, StoreUnavailable

from .wire import (MAX_RECORD_BYTES, MAX_SUBMISSION_BYTES, WireError, attempt_from_json, dispute_from_json,
                   parse_body, same_course, to_json)

SERVICE_NAME = "coachlab-records"
COHORT_SCOPE = "custom:coachlab:cohort"
ALL = "*"  # ?learner=* : every learner (cohort readers only)
LISTEN_ENV = "COACHLAB_RECORDS_LISTEN"  # host:port to listen on, when not JUPYTERHUB_SERVICE_URL's
log = logging.getLogger("coachlab.records")
# The handlers' store calls run on these threads, not on tornado's loop: PostgreSQL answers several requests
# at once (its pool has as many connections), and a slow or absent database never stalls the loop itself.
STORE_THREADS = 8
_store_threads = ThreadPoolExecutor(STORE_THREADS, thread_name_prefix="records-store")
_on_store_thread = threading.local()


def _on_store_threads(method: Any) -> Any:
    """Run a handler's ``get``/``post``/… on a store thread; its answer (``finish_json``) is sent from the loop."""
    @functools.wraps(method)
    async def run(self: "RecordsHandler", *args: Any, **kwargs: Any) -> None:
        def work() -> None:
            _on_store_thread.active = True
            try:
                method(self, *args, **kwargs)
            finally:
                _on_store_thread.active = False

        self._answer = None
        await asyncio.get_running_loop().run_in_executor(_store_threads, work)
        if self._answer is not None:
            self.finish_json(*self._answer)
    return run


class RecordsHandler(HubAuthenticated, web.RequestHandler):
    """Common ground: who is calling, in which language to answer, and JSON in and out.

    The request methods of this module's handlers run on ``STORE_THREADS`` (``_on_store_threads``): they read
    the request and answer with ``finish_json`` only, which on a store thread keeps the answer for the loop.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ == __name__:
            for name in ("get", "post", "put", "delete"):
                method = cls.__dict__.get(name)
                if method is not None and not asyncio.iscoroutinefunction(method):
                    setattr(cls, name, _on_store_threads(method))

    def initialize(self, store: ProgressStore) -> None:  # noqa: D401 - tornado hook
        self.store = store

    def check_xsrf_cookie(self) -> None:
        """Token-authenticated API: no cookies are accepted, so there is no cross-site form to guard against."""

    def get_current_user(self) -> dict[str, Any] | None:
        # Only the Authorization header counts: never a cookie (a page could ride on it) nor ?token=.
        if not self.request.headers.get("Authorization"):
            return None
        return super().get_current_user()

    @property
    def lang(self) -> str:
        asked = self.get_query_argument("lang", None) or self.request.headers.get("Accept-Language", "")
        return normalize_lang((asked or "").split(",")[0].split(";")[0]) or "zh-CN"

    def prepare(self) -> None:
        user = self.current_user
        if not user or user.get("kind", "user") != "user":
            raise WireError(401, "no_token")
        try:
            self.learner = validate_learner_id(user["name"])
        except LearnerIdError:
            raise WireError(403, "bad_user") from None
        self.cohort = COHORT_SCOPE in set(user.get("scopes") or ())
        self.course = course_of(user)  # the hub's user model carries the user's groups (identify scopes)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc = kwargs.get("exc_info", (None, None))[1]
        if isinstance(exc, WireError):
            reason, params = exc.reason, exc.params
        elif isinstance(exc, StoreUnavailable):  # the database is away: nothing of this request was kept
            self.set_header("Retry-After", str(exc.retry_after))
            reason, params = "unavailable", {"seconds": exc.retry_after}
        elif isinstance(exc, (DisputeError, LearnerIdError)):
            self.finish_json({"error": "invalid", "message": exc.message(self.lang)})
            return
        else:
            reason, params = {401: "no_token", 403: "forbidden", 404: "not_found", 405: "not_found",
                              413: "too_large"}.get(status_code, "server"), {}
            params.setdefault("mb", MAX_SUBMISSION_BYTES // (1024 * 1024))
        self.finish_json({"error": reason, "message": t(f"records.error.{reason}", self.lang, **params)})

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, WireError):
            self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))
        elif isinstance(e, (DisputeError, LearnerIdError)):
            self.send_error(400, exc_info=(type(e), e, e.__traceback__))
        elif isinstance(e, StoreUnavailable):
            log.warning("%s %s: 503, %s (%s)", self.request.method, self.request.path, e, e.__cause__)
            self.send_error(503, exc_info=(type(e), e, e.__traceback__))
        else:
            super()._handle_request_exception(e)

    def finish_json(self, data: Any, status: int | None = None) -> None:
        if getattr(_on_store_thread, "active", False):  # tornado answers from its loop only
            self._answer = (data, status)
            return
        if status:
            self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False))

    def body(self, limit: int = MAX_RECORD_BYTES) -> dict[str, Any]:
        return parse_body(self.request.body, limit)

    def whose(self) -> str | None:
        """Return the learner a read is about: the caller, unless a cohort reader asks for another (or ``*``)."""
        asked = self.get_query_argument("learner", None)
        if asked is None or asked == self.learner:
            return self.learner
        if not self.cohort:
            raise WireError(403, "not_yours")
        return None if asked == ALL else validate_learner_id(asked)

    def which_course(self) -> str | None:
        """Return the course a read is about: the caller's own; a cohort reader's ``?course=`` (None: all)."""
        asked = self.get_query_argument("course", None)
        if asked is not None:
            try:
                valid_course_id(asked)
            except ValueError:
                raise WireError(400, "bad_course", course=asked[:60]) from None
        if self.cohort:
            return asked
        if asked not in (None, self.course):
            raise WireError(403, "course_not_yours", course=asked)
        return self.course

    def need_cohort(self) -> None:
        if not self.cohort:
            raise WireError(403, "facilitators_only")


class HealthHandler(web.RequestHandler):
    """The hub's check that the service is up: no records, no token needed."""

    def get(self) -> None:
        self.finish({"service": SERVICE_NAME, "ok": True})


class MeHandler(RecordsHandler):
    def get(self) -> None:
        self.finish_json({"name": self.learner, "cohort": self.cohort, "course": self.course})


class AttemptsHandler(RecordsHandler):
    def get(self) -> None:
        found = self.store.attempts(self.whose(), self.get_query_argument("item", None), course=self.which_course())
        self.finish_json([to_json(a) for a in found])

    def post(self) -> None:
        attempt = attempt_from_json(self.body(), self.learner, self.course)
        self.finish_json({"id": self.store.record(attempt, course=self.course)}, 201)


class StateHandler(RecordsHandler):
    def get(self, item: str) -> None:
        self.finish_json({"state": self.store.load_state(self.learner, item, course=self.which_course() or self.course)})

    def put(self, item: str) -> None:
        data = self.body()
        same_course(data, self.course)
        state = data.get("state")
        if not isinstance(state, dict):
            raise WireError(400, "bad_field", field="state")
        self.store.save_state(self.learner, item, state, course=self.course)
        self.finish_json({"ok": True})


class StatesHandler(RecordsHandler):
    def get(self) -> None:
        items = self.store.state_items(self.learner, course=self.which_course() or self.course)
        self.finish_json([[item, at] for item, at in items])


class DisputesHandler(RecordsHandler):
    def get(self) -> None:
        status = self.get_query_argument("status", None)
        if status is not None and status not in ("open", "confirmed", "overturned"):
            raise WireError(400, "bad_field", field="status")
        found = self.store.disputes(self.whose(), status, self.get_query_argument("item", None),
                                    course=self.which_course())
        self.finish_json([to_json(d) for d in found])

    def post(self) -> None:
        dispute = dispute_from_json(self.body(), self.learner, self.course)
        self.finish_json({"id": self.store.add_dispute(dispute, course=self.course)}, 201)


class DisputeHandler(RecordsHandler):
    def get(self, dispute_id: str) -> None:
        found = self.store.dispute(int(dispute_id))
        if found is None or (not self.cohort and (found.learner_id != self.learner or found.course_id != self.course)):
            raise WireError(404, "not_found")  # another learner's dispute does not exist for you
        self.finish_json(to_json(found))


class ResolveHandler(RecordsHandler):
    def post(self, dispute_id: str) -> None:
        self.need_cohort()
        data = self.body()
        corrected = data.get("corrected")
        if corrected is not None and not isinstance(corrected, dict):
            raise WireError(400, "bad_field", field="corrected")
        done = self.store.resolve_dispute(int(dispute_id), str(data.get("status", "")), self.learner, corrected)
        self.finish_json(to_json(done))


class SubmissionsHandler(RecordsHandler):
    def get(self) -> None:
        found = self.store.submissions(self.whose(), self.get_query_argument("slug", None),
                                       uncollected=self.get_query_argument("uncollected", "") in ("1", "true"),
                                       course=self.which_course())
        self.finish_json([to_json(s) for s in found])

    def post(self) -> None:
        data = self.body(MAX_SUBMISSION_BYTES)
        if data.get("learner_id") not in (None, self.learner):
            raise WireError(403, "not_yours")
        same_course(data, self.course)
        slug, notebook = data.get("slug"), data.get("notebook")
        if not isinstance(slug, str) or not slug or len(slug) > 100 or "/" in slug or slug.startswith("."):
            raise WireError(400, "bad_field", field="slug")
        if not isinstance(notebook, str):
            raise WireError(400, "bad_field", field="notebook")
        try:
            json.loads(notebook)
        except json.JSONDecodeError:
            raise WireError(400, "bad_field", field="notebook") from None
        previous = self.store.submissions(self.learner, slug, course=self.course)
        done = self.store.add_submission(self.learner, slug, notebook, course=self.course)
        self.finish_json({**to_json(done), "previous": len(previous)}, 201)


class SubmissionHandler(RecordsHandler):
    def get(self, submission_id: str) -> None:
        found = [s for s in (self.store.submissions() if self.cohort else
                             self.store.submissions(self.learner, course=self.course)) if s.id == int(submission_id)]
        if not found:
            raise WireError(404, "not_found")
        self.finish_json({**to_json(found[0]), "notebook": self.store.submission_notebook(found[0].id)})


class CollectedHandler(RecordsHandler):
    def post(self, submission_id: str) -> None:
        self.need_cohort()
        self.store.mark_collected(int(submission_id))
        self.finish_json({"ok": True})


class CohortsHandler(RecordsHandler):
    def get(self) -> None:
        """The course ids that have records (facilitators choose one on the dashboard)."""
        self.need_cohort()
        self.finish_json(self.store.courses())


class IntegrityHandler(RecordsHandler):
    def get(self) -> None:
        self.need_cohort()
        self.finish_json({"ok": self.store.integrity_ok()})


ROUTES = (
    ("me", MeHandler), ("attempts", AttemptsHandler), ("state", StatesHandler), (r"state/([^/]+)", StateHandler),
    ("disputes", DisputesHandler), (r"disputes/(\d+)", DisputeHandler), (r"disputes/(\d+)/resolve", ResolveHandler),
    ("submissions", SubmissionsHandler), (r"submissions/(\d+)", SubmissionHandler),
    (r"submissions/(\d+)/collected", CollectedHandler), ("integrity", IntegrityHandler), ("cohorts", CohortsHandler),
)


def make_app(store: ProgressStore, prefixes: tuple[str, ...] = ("/",)) -> web.Application:
    """Return the service's tornado application over ``store``, its API under each of ``prefixes``.

    Kernels call the service directly (``/api/…``); through the hub's proxy the same API sits under the
    service prefix (``/services/coachlab-records/api/…``).
    """
    from .assignments import ROUTES as EXCHANGE_ROUTES  # nbgrader's exchange (imports this module's handler)

    args = {"store": store}
    unique = dict.fromkeys(prefix.rstrip("/") for prefix in prefixes)
    return web.Application([(f"{prefix}/api/{path}", handler, args) for prefix in unique
                            for path, handler in ROUTES + EXCHANGE_ROUTES]
                           + [(f"{prefix}/?", HealthHandler) for prefix in unique])


def data_dir() -> Path:
    """Where the service keeps its SQLite file: ``COACHLAB_RECORDS_DATA``, else ./coachlab-records."""
    return Path(os.environ.get("COACHLAB_RECORDS_DATA") or "coachlab-records").resolve()


def open_records() -> tuple[RecordStore, str]:
    """Return the store the service keeps records in, and where that is (no password) for the log.

    ``COACHLAB_DATABASE_URL=postgresql://user:password@host:port/db``: PostgreSQL (several hub machines or
    service processes, Kubernetes); unset: the SQLite file ``records.sqlite3`` in ``data_dir()``.
    """
    url = os.environ.get("COACHLAB_DATABASE_URL", "").strip()
    if url:
        from coachlab.progress.pg import PostgresStore, is_database_url, redact

        if not is_database_url(url):
            raise SystemExit(f"COACHLAB_DATABASE_URL must be postgresql://user:password@host:port/database, "
                             f"not {redact(url)!r} (unset it to keep the records in SQLite)")
        store = PostgresStore(url)
        return store, store.where
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return ProgressStore(folder / "records.sqlite3"), str(folder)


def listen_address(env: dict[str, str] | os._Environ[str] = os.environ) -> tuple[str, int]:
    """Return the ``(host, port)`` to listen on: ``COACHLAB_RECORDS_LISTEN`` (``host:port``), else the host and
    port of ``JUPYTERHUB_SERVICE_URL``, else 127.0.0.1:10101."""
    listen = (env.get(LISTEN_ENV) or "").strip()
    if listen:
        host, _, port = listen.rpartition(":")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise SystemExit(f"{LISTEN_ENV} must be host:port (e.g. 0.0.0.0:10101), not {listen!r}")
        return host.strip("[]") or "0.0.0.0", int(port)
    url = urlparse(env.get("JUPYTERHUB_SERVICE_URL") or "http://127.0.0.1:10101")
    return url.hostname or "127.0.0.1", url.port or 80


def main() -> None:
    """Serve until SIGTERM (the hub stops its managed services that way)."""
    logging.basicConfig(level=logging.INFO, format="[records %(levelname)s %(asctime)s] %(message)s")
    # No line per answered request (a room writes hundreds a second; tornado still logs 4xx and 5xx answers).
    logging.getLogger("tornado.access").setLevel(logging.WARNING)
    host, port = listen_address()
    store, where = open_records()
    app = make_app(store, ("/", os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or "/"))
    server = HTTPServer(app, max_body_size=MAX_SUBMISSION_BYTES + 1024 * 1024, xheaders=True)
    server.listen(port, host)
    log.info("records service on %s:%d (records in %s)", host, port, where)
    loop = ioloop.IOLoop.current()
    signal.signal(signal.SIGTERM, lambda *_: loop.add_callback_from_signal(loop.stop))
    try:
        loop.start()
    finally:
        store.close()


if __name__ == "__main__":
    main()
