"""The Voilà-to-nbgrader bridge: sanitised answers, genuine submissions, parallel autograde, exports, analytics."""

from .course import Course, Exercise, list_exercises, load_exercise, student_id
from .notebook import fill_answers, rebuild
from .sanitize import SanitizedCell, sanitize_answer
from .submission import Receipt, write_submission

__all__ = ["Course", "Exercise", "Receipt", "SanitizedCell", "fill_answers", "list_exercises", "load_exercise",
           "rebuild", "sanitize_answer", "student_id", "write_submission"]
