"""The Voilà-to-nbgrader bridge: sanitised answers, genuine submissions, parallel autograde, exports, analytics.

The names below are imported on first use (coachlab/lazy.py): `coachlab check` registers its command line
through ``coachlab.grading.cli`` and must not pay for nbformat at every start.
"""

from __future__ import annotations

from coachlab.lazy import exports

__all__, __getattr__ = exports(__name__, {
    "course": ("Course", "Exercise", "list_exercises", "load_exercise", "student_id"),
    "notebook": ("fill_answers", "rebuild"),
    "sanitize": ("SanitizedCell", "sanitize_answer"),
    "submission": ("Receipt", "write_submission"),
})
