"""The records store a page's kernel uses under the hub: the SQLite store's methods, over HTTP.

``coachlab.progress.open_store()`` returns a ``RecordsClient`` when ``COACHLAB_RECORDS_URL`` is set (the hub's
spawner sets it, with the kernel's own ``JUPYTERHUB_API_TOKEN``). The caller cannot choose whose records it
writes: the service takes the learner from the token, so a ``learner_id`` in an Attempt must be the caller's;
likewise the course (cohort) comes from the caller's hub groups: a ``course`` given to a write must be the
caller's own, and a ``course`` given to a listing is a filter only facilitators may set to another course.
Standard library only (urllib), so a kernel imports nothing more than it did.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from coachlab.progress.store import Attempt, Dispute, DisputeError, Submission

from .wire import attempt_from_dict, dispute_from_dict, submission_from_dict, to_json

TIMEOUT_S = 15.0
RETRY_AFTER_S = 5  # when the service gave no Retry-After (or could not be reached at all)


class RecordsError(RuntimeError):
    """The service refused or could not be reached; ``str()`` is its message in the asked language."""

    def __init__(self, status: int, reason: str, message: str):
        super().__init__(message)
        self.status, self.reason = status, reason


class RecordsUnavailable(RecordsError):
    """Try again shortly: the service or its database is away for a moment (503, or no answer at all).

    Nothing of this call was kept and nothing saved before is touched. ``retry_after`` is the seconds the
    service asked to wait; ``message(lang)`` gives the "try again" in either of the course's languages, so a
    page says it in its own whatever language the client was made with.
    """

    def __init__(self, status: int, reason: str, retry_after: int, lang: str):
        self.reason, self.retry_after = reason, retry_after
        super().__init__(status, reason, self.message(lang))

    def message(self, lang: str) -> str:
        from coachlab.i18n import t

        return t(f"records.error.{self.reason}", lang, seconds=self.retry_after)


class RecordsClient:
    """The learner records behind the records service (same methods as coachlab.progress.ProgressStore)."""

    def __init__(self, url: str, token: str, lang: str = "zh-CN"):
        self.url, self._token, self.lang = url.rstrip("/"), token, lang

    @classmethod
    def from_env(cls) -> "RecordsClient | None":
        url, token = os.environ.get("COACHLAB_RECORDS_URL"), os.environ.get("JUPYTERHUB_API_TOKEN")
        return cls(url, token) if url and token else None

    def _call(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        params = {k: v for k, v in query.items() if v is not None}
        address = f"{self.url}/api/{path}" + (f"?{urlencode(params)}" if params else "")
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(address, data=data, method=method, headers={
            "Authorization": f"token {self._token}", "Accept-Language": self.lang,
            "Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as reply:  # noqa: S310 - our own service
                return json.loads(reply.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            answer = refusal_body(exc)
            if answer.get("error") == "invalid" and path.startswith("disputes"):
                raise DisputeError("refused", message=answer.get("message", "")) from None
            raise self._refused(exc, answer) from None
        except (urllib.error.URLError, OSError) as exc:
            raise self._unreachable() from exc

    def _refused(self, exc: urllib.error.HTTPError, answer: dict[str, Any]) -> RecordsError:
        """Return the error for the service's refusal: RecordsUnavailable for a 503 (try again shortly)."""
        if exc.code == 503:
            return RecordsUnavailable(503, "unavailable", _seconds(exc.headers.get("Retry-After")), self.lang)
        return RecordsError(exc.code, answer.get("error", "server"), answer.get("message") or str(exc))

    def _unreachable(self) -> RecordsUnavailable:
        """Return the error for a service that did not answer (or whose answer did not arrive whole)."""
        return RecordsUnavailable(0, "unreachable", RETRY_AFTER_S, self.lang)

    # --- the store interface --------------------------------------------------------------------
    def whoami(self) -> dict[str, Any]:
        """Return ``{"name": …, "cohort": bool, "course": …}`` for the token's user."""
        return self._call("GET", "me")

    def record(self, attempt: Attempt, course: str | None = None) -> int:
        return int(self._call("POST", "attempts", {**to_json(attempt), "course_id": course or attempt.course_id})["id"])

    def attempts(self, learner_id: str | None = None, item_id: str | None = None,
                 course: str | None = None) -> list[Attempt]:
        rows = self._call("GET", "attempts", learner=learner_id or "*", item=item_id, course=course)
        return [attempt_from_dict(row) for row in rows]

    def latest(self, learner_id: str, item_id: str, course: str | None = None) -> Attempt | None:
        found = self.attempts(learner_id, item_id, course=course)
        return found[-1] if found else None

    def save_state(self, learner_id: str, item_id: str, state: dict[str, Any], course: str | None = None) -> None:
        self._call("PUT", f"state/{urllib.request.quote(item_id, safe='')}", {"state": state, "course_id": course})

    def load_state(self, learner_id: str, item_id: str, course: str | None = None) -> dict[str, Any] | None:
        return self._call("GET", f"state/{urllib.request.quote(item_id, safe='')}", course=course)["state"]

    def state_items(self, learner_id: str, course: str | None = None) -> list[tuple[str, float]]:
        return [(item, float(at)) for item, at in self._call("GET", "state", course=course)]

    def add_dispute(self, dispute: Dispute, course: str | None = None) -> int:
        return int(self._call("POST", "disputes", {**to_json(dispute), "course_id": course or dispute.course_id})["id"])

    def disputes(self, learner_id: str | None = None, status: str | None = None,
                 item_id: str | None = None, course: str | None = None) -> list[Dispute]:
        rows = self._call("GET", "disputes", learner=learner_id or "*", status=status, item=item_id, course=course)
        return [dispute_from_dict(row) for row in rows]

    def dispute(self, dispute_id: int) -> Dispute | None:
        try:
            return dispute_from_dict(self._call("GET", f"disputes/{int(dispute_id)}"))
        except RecordsError as exc:
            if exc.status == 404:
                return None
            raise

    def resolve_dispute(self, dispute_id: int, status: str, resolved_by: str,
                        corrected: dict[str, Any] | None = None) -> Dispute:
        return dispute_from_dict(self._call("POST", f"disputes/{int(dispute_id)}/resolve",
                                            {"status": status, "corrected": corrected}))

    def add_submission(self, learner_id: str, slug: str, notebook: str,
                       course: str | None = None) -> tuple[Submission, int]:
        """Hand in ``notebook`` for ``slug``; return the kept submission and how many came before it."""
        answer = self._call("POST", "submissions", {"slug": slug, "notebook": notebook, "course_id": course})
        previous = answer.pop("previous", 0)
        return submission_from_dict(answer), int(previous)

    def submissions(self, learner_id: str | None = None, slug: str | None = None,
                    uncollected: bool = False, course: str | None = None) -> list[Submission]:
        rows = self._call("GET", "submissions", learner=learner_id or "*", slug=slug,
                          uncollected="1" if uncollected else None, course=course)
        return [submission_from_dict(row) for row in rows]

    def submission_notebook(self, submission_id: int) -> str | None:
        return self._call("GET", f"submissions/{int(submission_id)}")["notebook"]

    def mark_collected(self, submission_id: int) -> None:
        self._call("POST", f"submissions/{int(submission_id)}/collected", {})

    def courses(self) -> list[str]:
        """Return the course ids (cohorts) that have records (facilitators only)."""
        return list(self._call("GET", "cohorts"))

    def integrity_ok(self) -> bool:
        return bool(self._call("GET", "integrity")["ok"])

    def close(self) -> None:
        """Nothing to close: each call is its own request."""

    def __enter__(self) -> "RecordsClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def refusal_body(exc: urllib.error.HTTPError) -> dict[str, Any]:
    """Return the JSON body of a refusal (empty when it has none)."""
    try:
        answer = json.loads(exc.read().decode("utf-8"))
    except (ValueError, OSError):
        return {}
    return answer if isinstance(answer, dict) else {}


def _seconds(value: str | None) -> int:
    """Return a Retry-After in seconds (1 to 60), RETRY_AFTER_S when missing or not a number of seconds."""
    try:
        return min(max(int(value or ""), 1), 60)
    except ValueError:
        return RETRY_AFTER_S
