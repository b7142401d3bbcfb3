"""An overturned dispute in a graded exercise: grade the question again with the facilitator's labels.

The question's grade cells (visible and hidden tests, from the source notebook) are run again on the
learner's graded answers, with ``run`` answering the disputed text with the corrected labels. A grade
whose points change gets nbgrader's ``manual_score`` (so a later autograde keeps it, as it keeps any
manual grade), and the answer cell's comment says it was a manual override after a dispute. The gradebook
is only changed when the graded answer is the text the learner disputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import nbformat

from .course import Course, Exercise, load_exercise, student_id
from .export import question_of
from .feedback import answers_of


@dataclass(frozen=True)
class Override:
    """What an overturn did to the gradebook.

    ``outcome``: changed (points moved, marked as manual), same (no graded test turns on the label),
    differs (the graded answer is another text), missing (no graded submission), not_graded (not an
    exercise question).
    """

    outcome: str
    learner: str = ""
    assignment: str = ""
    before: float = 0.0
    after: float = 0.0
    grades: dict[str, tuple[float, float]] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """Return what happened, for the facilitator, in ``lang`` ('' when it is not an exercise)."""
        from coachlab.i18n import t

        if self.outcome == "not_graded":
            return ""
        key = {"changed": "grade_changed", "same": "grade_same", "differs": "grade_differs",
               "missing": "grade_missing"}[self.outcome]
        try:  # the exercise's title, as the facilitator knows it; the slug only if it no longer loads
            title = load_exercise(self.assignment).title(lang)
        except (OSError, ValueError):
            title = self.assignment
        return t(f"dashboard.dispute.{key}", lang, learner=self.learner, assignment=title,
                 before=self.before, after=self.after)


class _Corrected:
    """What the patched ``run`` returns for the disputed text: the report with the corrected labels."""

    def __init__(self, data: dict[str, Any]):
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        return dict(self._data)


def _question(exercise: Exercise, place: str, kind: str) -> dict[str, Any] | None:
    for q in exercise.questions:
        if q["name"] == place and q.get("kind") == kind:
            return q
    return None


def _source_notebook(course: Course, exercise: Exercise) -> nbformat.NotebookNode:
    source = course.root / "source" / exercise.slug / exercise.notebook_name
    return nbformat.read(source if source.exists() else exercise.folder / exercise.notebook_name, as_version=4)


def regrade_question(notebook: nbformat.NotebookNode, exercise: Exercise, question: Mapping[str, Any],
                     answers: Mapping[str, Any], run: Any) -> dict[str, float]:
    """Return the points each grade cell of ``question`` earns on ``answers`` with ``run`` as the check."""
    key = str(question["cell"]).removeprefix("answer_")
    setup = [c.source for c in notebook.cells if c.cell_type == "code"
             and not (c.metadata.get("nbgrader") or {}).get("grade")
             and not (c.metadata.get("nbgrader") or {}).get("solution")]
    points: dict[str, float] = {}
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader") or {}
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        if question_of(str(meta.get("grade_id")), exercise) != key:
            continue
        scope: dict[str, Any] = {"__name__": "__coachlab_regrade__"}
        for source in setup:
            exec(compile(source, "<setup>", "exec"), scope)  # noqa: S102 - the course's own locked cells
        scope.update(answers)
        scope["run"] = run
        try:
            exec(compile(cell.source, str(meta["grade_id"]), "exec"), scope)  # noqa: S102
            points[str(meta["grade_id"])] = float(meta.get("points") or 0)
        except Exception:  # a failing test earns nothing, as in nbgrader
            points[str(meta["grade_id"])] = 0.0
    return points


def apply_override(course: Course, dispute: Any, corrected: Mapping[str, Any], facilitator: str) -> Override:
    """Grade the disputed question again with ``corrected`` labels and record changed points as manual."""
    from nbgrader.api import Gradebook, MissingEntry

    from coachlab.checks import run as real_run
    from coachlab.i18n import t
    from coachlab.progress.disputes import apply_labels, labels_of

    try:
        exercise = load_exercise(dispute.item_id)
    except (OSError, ValueError):
        return Override("not_graded")
    question = _question(exercise, dispute.place, dispute.kind)
    if question is None:
        return Override("not_graded")
    student = student_id(dispute.learner_id)
    base = Override("missing", dispute.learner_id, exercise.slug)
    graded = course.autograded_dir(student, exercise.slug) / exercise.notebook_name
    if not (course.root / "gradebook.db").exists() or not graded.exists():
        return base
    answers = answers_of(nbformat.read(graded, as_version=4))
    if str(answers.get(question["name"], "")).strip() != dispute.text.strip():
        return Override("differs", dispute.learner_id, exercise.slug)

    def run(kind: str, text: str, lang: str = "auto", context: str | None = None):
        report = real_run(kind, text, lang=lang, context=context)
        if kind == dispute.kind and str(text).strip() == dispute.text.strip():
            return _Corrected(apply_labels(kind, report.to_dict(), corrected))
        return report

    points = regrade_question(_source_notebook(course, exercise), exercise, question, answers, run)
    nb_name = Path(exercise.notebook_name).stem
    with Gradebook(course.db_url) as gb:
        try:
            submission = gb.find_submission(exercise.slug, student)
        except MissingEntry:
            return base
        before = float(submission.score)
        changed: dict[str, tuple[float, float]] = {}
        for grade_id, new in points.items():
            try:
                grade = gb.find_grade(grade_id, nb_name, exercise.slug, student)
            except MissingEntry:
                continue
            old = float(grade.score or 0.0)
            if old != new:
                grade.manual_score = new
                grade.needs_manual_grade = False
                changed[grade_id] = (old, new)
        if changed:
            was = labels_of(dispute.kind, dispute.verdict)
            what = ", ".join(f"{name}={value}" for name, value in corrected.items() if was.get(name) != value)
            line = " · ".join(t("grading.override.comment", lang, id=dispute.id, by=facilitator, labels=what,
                                 tests=", ".join(changed)) for lang in ("en", "zh-CN"))
            try:
                comment = gb.find_comment(question["cell"], nb_name, exercise.slug, student)
                comment.manual_comment = "\n".join(filter(None, [comment.manual_comment, line]))
            except MissingEntry:
                pass
        gb.db.commit()
        after = float(gb.find_submission(exercise.slug, student).score)
    return Override("changed" if changed else "same", dispute.learner_id, exercise.slug, before, after, changed)
