"""The Voilà-to-nbgrader bridge: sanitised answers, genuine submissions, parallel autograde, exports, analytics.

The names below are imported on first use (PEP 562): `coachlab check` registers its command line through
``coachlab.grading.cli`` and must not pay for nbformat at every start.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_FROM = {
    "course": ("Course", "Exercise", "list_exercises", "load_exercise", "student_id"),
    "notebook": ("fill_answers", "rebuild"),
    "sanitize": ("SanitizedCell", "sanitize_answer"),
    "submission": ("Receipt", "write_submission"),
}
_MODULE = {name: module for module, names in _FROM.items() for name in names}

__all__ = sorted(_MODULE)


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_MODULE[name]}", __name__), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value
