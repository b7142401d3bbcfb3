"""What travels between a page's kernel and the records service: records as JSON, checked on arrival.

Pure functions: the service and the client both use them, so a record reads the same on each side. A body
that cannot be a record raises ``WireError`` with an HTTP status and a reason key (``records.error.<reason>``
in the catalogs), which the service answers in the caller's language.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from typing import Any

from coachlab.progress.store import Attempt, Dispute, Submission

MAX_RECORD_BYTES = 2 * 1024 * 1024  # one attempt, tool state or dispute
MAX_SUBMISSION_BYTES = 20 * 1024 * 1024  # one exercise notebook (the same limit as a collected hand-in)


class WireError(ValueError):
    """A request the service refuses: ``status`` is the HTTP code, ``reason`` a catalog key suffix."""

    def __init__(self, status: int, reason: str, **params: Any):
        super().__init__(reason)
        self.status, self.reason, self.params = status, reason, params


def parse_body(body: bytes, limit: int = MAX_RECORD_BYTES) -> dict[str, Any]:
    """Return the JSON object in ``body``; too large, not JSON or not an object raises WireError."""
    if len(body) > limit:
        raise WireError(413, "too_large", mb=limit // (1024 * 1024))
    try:
        data = json.loads(body.decode("utf-8") or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise WireError(400, "not_json") from None
    if not isinstance(data, dict):
        raise WireError(400, "not_object")
    if _has_nul(data):  # neither a learner's text nor PostgreSQL has any use for it
        raise WireError(400, "bad_field", field="\\u0000")
    return data


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _text(data: dict[str, Any], key: str, *, required: bool = True, limit: int = 200) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise WireError(400, "bad_field", field=key)
    return value


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise WireError(400, "bad_field", field=key)
    return value


def _moment(data: dict[str, Any], key: str = "created_at") -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise WireError(400, "bad_field", field=key)
    return float(value)


def _same_learner(data: dict[str, Any], learner: str) -> None:
    """A body may name its learner, but only the caller: the hub token decides who writes."""
    named = data.get("learner_id")
    if named is not None and named != learner:
        raise WireError(403, "not_yours")


def same_course(data: dict[str, Any], course: str | None) -> None:
    """A body may name its course (``course_id``), but only the caller's: the hub groups decide the cohort."""
    named = data.get("course_id")
    if course is not None and named is not None and named != course:
        raise WireError(403, "course_not_yours", course=str(named)[:60])


def attempt_from_json(data: dict[str, Any], learner: str, course: str | None = None) -> Attempt:
    """Return the Attempt in ``data``, written as ``learner`` (the token's user, whatever the body says) in
    ``course`` (the caller's cohort; a body naming another is refused)."""
    _same_learner(data, learner)
    same_course(data, course)
    scores = _mapping(data, "scores")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in scores.values()):
        raise WireError(400, "bad_field", field="scores")
    kwargs: dict[str, Any] = {}
    moment = _moment(data)
    if moment is not None:
        kwargs["created_at"] = moment
    return Attempt(learner, _text(data, "item_id"), _mapping(data, "answers"), scores,
                   lang=_text(data, "lang", required=False, limit=16), course_id=course, **kwargs)


def dispute_from_json(data: dict[str, Any], learner: str, course: str | None = None) -> Dispute:
    """Return the Dispute in ``data``, raised by ``learner`` in ``course``; its checks run in the store."""
    _same_learner(data, learner)
    same_course(data, course)
    kwargs: dict[str, Any] = {}
    moment = _moment(data)
    if moment is not None:
        kwargs["created_at"] = moment
    text, note, context = data.get("text"), data.get("note") or "", data.get("context")
    if not isinstance(text, str) or not isinstance(note, str) or not (context is None or isinstance(context, str)):
        raise WireError(400, "bad_field", field="text")
    label, place = data.get("label"), data.get("place") or ""
    if not (label is None or isinstance(label, str)) or not isinstance(place, str):
        raise WireError(400, "bad_field", field="label")
    return Dispute(learner, _text(data, "item_id"), _text(data, "kind", limit=32), text, _mapping(data, "verdict"),
                   note=note, label=label, place=place, lang=_text(data, "lang", required=False, limit=16),
                   context=context, course_id=course, **kwargs)


def to_json(record: Attempt | Dispute | Submission) -> dict[str, Any]:
    """Return a record as a JSON-ready dict (the same field names as the dataclass)."""
    return asdict(record)


def attempt_from_dict(data: dict[str, Any]) -> Attempt:
    """Rebuild an Attempt the service sent (client side; trusted shape)."""
    return Attempt(**data)


def dispute_from_dict(data: dict[str, Any]) -> Dispute:
    """Rebuild a Dispute the service sent (client side; trusted shape)."""
    return Dispute(**data)


def submission_from_dict(data: dict[str, Any]) -> Submission:
    """Rebuild a Submission the service sent (client side; trusted shape)."""
    return Submission(**data)
