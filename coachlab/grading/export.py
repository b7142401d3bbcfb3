"""The gradebook as a table: one row per learner and assignment, scores per question and per skill.

Rows come from nbgrader's gradebook; status and flags come from the autograde records beside each
autograded notebook. Role-play attempts, from the learner records, make a second table: one row per attempt.
CSV and XLSX are written from the same pandas frames, by one writer (``write_export``) that makes every text
cell inert first (``inert_text``): a learner's name or answer is never a live spreadsheet formula.
"""

from __future__ import annotations

import csv
import math
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .autograde import read_status
from .course import Course, Exercise, load_exercise

BASE_COLUMNS = ["learner", "student", "assignment", "timestamp", "late", "seconds_late", "score", "max_score", "percent",
                "status", "flags", "needs_manual_grade"]


def question_of(grade_name: str, exercise: Exercise) -> str:
    """Return the question key (the answer cell without ``answer_``) a grade cell belongs to."""
    keys = sorted({q["cell"].removeprefix("answer_") for q in exercise.questions}, key=len, reverse=True)
    for key in keys:
        if grade_name == f"answer_{key}" or grade_name == key or grade_name.startswith(f"{key}_"):
            return key
    return grade_name


def skill_of(question: str, exercise: Exercise) -> str:
    """Return the skill a question key counts towards."""
    for q in exercise.questions:
        if q["cell"].removeprefix("answer_") == question:
            return str(q.get("skill") or exercise.slug)
    return exercise.slug


def gradebook_records(course: Course, slugs: list[str] | None = None) -> list[dict]:
    """Return one record per learner and assignment, with per-question and per-skill points.

    ``learner`` is the name the learner used (what every facilitator-facing file shows); ``student`` is
    nbgrader's id for them, which may be that name with a hash.
    """
    from nbgrader.api import Gradebook

    if not (course.root / "gradebook.db").exists():
        return []
    records = []
    with Gradebook(course.db_url) as gb:
        for assignment in gb.assignments:
            if slugs and assignment.name not in slugs:
                continue
            try:
                exercise = load_exercise(assignment.name)
            except (OSError, ValueError):
                continue
            for submission in gb.assignment_submissions(assignment.name):
                status = read_status(course, submission.student_id, assignment.name) or {}
                row = {
                    "learner": course.learner_name(submission.student_id),
                    "student": submission.student_id, "assignment": assignment.name,
                    "timestamp": submission.timestamp.isoformat(sep=" ") if submission.timestamp else None,
                    "seconds_late": float(submission.total_seconds_late),
                    "late": submission.total_seconds_late > 0,
                    "score": float(submission.score), "max_score": float(submission.max_score),
                    "status": status.get("status", "ok"), "flags": "; ".join(status.get("flags", [])),
                    "needs_manual_grade": bool(submission.needs_manual_grade),
                }
                row["percent"] = round(100 * row["score"] / row["max_score"], 1) if row["max_score"] else None
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        question = question_of(grade.name, exercise)
                        skill = skill_of(question, exercise)
                        for key in (f"q:{question}", f"skill:{skill}"):
                            row[key] = row.get(key, 0.0) + float(grade.score or 0.0)
                            row[f"{key}:max"] = row.get(f"{key}:max", 0.0) + float(grade.max_score or 0.0)
                records.append(row)
    return sorted(records, key=lambda r: (r["assignment"], r["learner"]))


def gradebook_frame(course: Course, slugs: list[str] | None = None) -> pd.DataFrame:
    """Return the export table; question and skill columns follow the fixed ones, sorted."""
    records = gradebook_records(course, slugs)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return pd.DataFrame(columns=BASE_COLUMNS)
    extra = sorted(c for c in frame.columns if c not in BASE_COLUMNS)
    return frame[BASE_COLUMNS + extra]


def course_learners(store: Any, course: str) -> set[str]:
    """Return the learner ids with any record (attempt, hand-in, dispute) in the cohort ``course``."""
    return ({a.learner_id for a in store.attempts(course=course)} | {s.learner_id for s in store.submissions(course=course)}
            | {d.learner_id for d in store.disputes(course=course)})


def in_course(grades: pd.DataFrame, learners: Iterable[str]) -> pd.DataFrame:
    """Return the rows of the export frame that belong to ``learners`` (nbgrader's ids matched to theirs)."""
    from .course import student_id_or_none

    if grades.empty or "student" not in grades:
        return grades
    students = {student_id_or_none(learner) for learner in learners} - {None}
    return grades[grades["student"].isin(students)].reset_index(drop=True)


ROLEPLAY_COLUMNS = ["learner", "scenario", "time", "lang", "attempt", "ending", "turns", "retries", "path"]


def roleplay_frame(attempts: Iterable[Any]) -> pd.DataFrame:
    """Return one row per role-play attempt: who, which scenario, when, the ending, the path and each skill's %.

    ``attempts`` are learner-record attempts; those without a path (lesson tools, practice pads) are left out.
    ``attempt`` counts a learner's tries at that scenario from 1.
    """
    from .analytics import roleplay_attempts, roleplay_path

    rows, tries = [], {}
    for attempt in sorted(roleplay_attempts(attempts), key=lambda a: (a.created_at, a.id or 0)):
        key = (attempt.learner_id, attempt.item_id)
        tries[key] = tries.get(key, 0) + 1
        steps = roleplay_path(attempt)
        row = {"learner": attempt.learner_id, "scenario": attempt.item_id,
               "time": datetime.fromtimestamp(attempt.created_at, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
               "lang": attempt.lang, "attempt": tries[key], "ending": attempt.answers.get("ending"),
               "turns": sum(not s.startswith("end:") for s in steps), "retries": sum("~retry" in s for s in steps),
               "path": " > ".join(steps)}
        row.update({f"skill:{skill}": float(value) for skill, value in (attempt.scores or {}).items()})
        rows.append(row)
    frame = pd.DataFrame.from_records(rows)
    if frame.empty:
        return pd.DataFrame(columns=ROLEPLAY_COLUMNS)
    extra = sorted(c for c in frame.columns if c not in ROLEPLAY_COLUMNS)
    return frame[ROLEPLAY_COLUMNS + extra].sort_values(["scenario", "learner", "attempt"], ignore_index=True)


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection"): = + - @, tab and
# carriage return; line feed and the full-width forms (which some Chinese-locale tools fold to ASCII) are added.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def inert_text(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet cell: text that could start a formula gets a leading ``'``.

    The single quote is what spreadsheet tools themselves use to mark "this is text"; numbers, booleans and empty
    cells are returned unchanged, so numeric columns (negative ones included) stay numeric.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose headers and text cells have gone through ``inert_text``."""
    safe = frame.rename(columns=lambda c: inert_text(str(c)))
    for column in safe.columns[[dtype == object or pd.api.types.is_string_dtype(dtype) for dtype in safe.dtypes]]:
        safe[column] = safe[column].map(inert_text).astype(object)
    return safe


def _xlsx_value(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()  # numpy scalar to Python
    return value


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet: str) -> None:
    """Write ``frame`` with openpyxl; every text cell is typed as a string, so none is ever a formula."""
    from openpyxl import Workbook

    book = Workbook()
    table = book.active
    table.title = sheet
    for r, values in enumerate([list(frame.columns), *frame.itertuples(index=False, name=None)], start=1):
        for c, raw in enumerate(values, start=1):
            value = _xlsx_value(raw)
            cell = table.cell(row=r, column=c, value=value if not isinstance(value, str) else None)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # openpyxl would otherwise make "=..." a formula
    book.save(path)


def write_export(frame: pd.DataFrame, path: Path, sheet: str = "grades") -> Path:
    """Write ``frame`` as CSV or XLSX, chosen by the file suffix; every text cell is made inert first."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"export to .csv or .xlsx, not {path.suffix or 'no suffix'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    safe = safe_frame(frame)
    if suffix == ".xlsx":
        _write_xlsx(safe, path, sheet)
    else:  # the BOM lets Excel read Chinese names; text quoted, numbers bare
        safe.to_csv(path, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_NONNUMERIC)
    return path
