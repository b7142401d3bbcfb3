"""A learner's journey: what they have done, read from their records, for the landing page and "my work".

Pure functions first (``summarize``, ``work_rows``, ``attempt_band``): they take records and return marks, so
they are tested without a browser or a disk. ``load_journey`` does the reading: the learner's attempts and saved
tool work from the progress store, and their exercise hand-ins (and grades, once graded) from the nbgrader
course. It reads one learner only, the one given, and never lists anybody else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping

BANDS = ("needs_work", "developing", "proficient")  # worst to best


def lesson_of(item_id: str) -> str | None:
    """Return the lesson slug of a lesson tool's record id (``lesson:<slug>:<tool>``), else None."""
    parts = item_id.split(":")
    return parts[1] if len(parts) >= 3 and parts[0] == "lesson" and parts[1] else None


def attempt_band(scenario: Any, scores: Mapping[str, float]) -> str | None:
    """Return an attempt's band: the weakest band over the scenario's skills (None with no skill scored)."""
    bands = [scenario.band(skill, float(scores[skill])) for skill in scenario.skills if skill in scores]
    return min(bands, key=BANDS.index) if bands else None


def best_band(bands: Iterable[str | None]) -> str | None:
    """Return the best of several bands (None when there is none)."""
    known = [b for b in bands if b in BANDS]
    return max(known, key=BANDS.index) if known else None


@dataclass(frozen=True)
class Handin:
    """One exercise hand-in: when (UTC, nbgrader's timestamp), and the grade once graded."""

    slug: str
    when: float
    current: bool = True
    score: float | None = None
    max_score: float | None = None

    @property
    def graded(self) -> bool:
        """Return True when the facilitator's graded checks have run on this hand-in."""
        return self.score is not None


@dataclass(frozen=True)
class RoleplayMark:
    """What a learner has done in one role-play."""

    finished: int = 0
    best: str | None = None
    unfinished: bool = False


@dataclass
class Journey:
    """Everything one learner has done: per lesson the tools used, per role-play, per exercise."""

    learner: str
    lessons: dict[str, set[str]] = field(default_factory=dict)
    roleplays: dict[str, RoleplayMark] = field(default_factory=dict)
    exercises: dict[str, Handin] = field(default_factory=dict)
    rows: list["WorkRow"] = field(default_factory=list)


@dataclass(frozen=True)
class WorkRow:
    """One line of "my work": when, what kind, which item, and what came of it."""

    when: float
    kind: str  # lesson, roleplay, exercise
    item_id: str
    attempt_id: int | None = None
    scores: Mapping[str, float] = field(default_factory=dict)
    band: str | None = None
    finished: bool = True
    handin: Handin | None = None


def summarize(learner: str, attempts: Iterable[Any], states: Iterable[tuple[str, float]],
              handins: Iterable[Handin], scenarios: Mapping[str, Any]) -> Journey:
    """Return the learner's journey from their attempts, saved tool work (item id, when) and hand-ins.

    A role-play attempt counts as finished when its record has an ending; an unfinished session is kept as
    tool state under the scenario id and shows as "started". Rows are newest first.
    """
    journey = Journey(learner)
    rows: list[WorkRow] = []
    recorded_tools: set[str] = set()
    bands: dict[str, list[str | None]] = {}
    for attempt in attempts:
        lesson = lesson_of(attempt.item_id)
        if lesson:
            journey.lessons.setdefault(lesson, set()).add(attempt.item_id)
            recorded_tools.add(attempt.item_id)
            rows.append(WorkRow(attempt.created_at, "lesson", attempt.item_id, attempt.id, dict(attempt.scores)))
        elif attempt.item_id in scenarios:
            scenario = scenarios[attempt.item_id]
            finished = bool((attempt.answers or {}).get("ending"))
            band = attempt_band(scenario, attempt.scores) if finished else None
            if finished:
                bands.setdefault(attempt.item_id, []).append(band)
            rows.append(WorkRow(attempt.created_at, "roleplay", attempt.item_id, attempt.id, dict(attempt.scores),
                                band, finished))
    for item_id, when in states:
        lesson = lesson_of(item_id)
        if lesson:
            journey.lessons.setdefault(lesson, set()).add(item_id)
            if item_id not in recorded_tools:
                rows.append(WorkRow(when, "lesson", item_id))
        elif item_id in scenarios and item_id not in bands:
            journey.roleplays[item_id] = RoleplayMark(unfinished=True)
    for scenario_id, found in bands.items():
        journey.roleplays[scenario_id] = RoleplayMark(len(found), best_band(found))
    for handin in handins:
        if handin.current:
            journey.exercises[handin.slug] = handin
        rows.append(WorkRow(handin.when, "exercise", handin.slug, handin=handin))
    journey.rows = sorted(rows, key=lambda r: (r.when, r.attempt_id or 0), reverse=True)
    return journey


# --- reading the records ---------------------------------------------------------------------------------------

_STAMP = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})")


def parse_stamp(text: str) -> float | None:
    """Return the epoch seconds of an nbgrader timestamp ("2026-11-30 10:00:00.123 UTC") or history label."""
    found = _STAMP.search(text or "")
    if not found:
        return None
    y, mo, d, h, mi, s = (int(g) for g in found.groups())
    try:
        return datetime(y, mo, d, h, mi, s, tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


def state_items(store: Any, learner: str) -> list[tuple[str, float]]:
    """Return (item id, when saved) of the learner's saved tool work (the SQLite store or the records service)."""
    return [(str(i), float(w)) for i, w in store.state_items(learner)]


def handins(course: Any, learner: str, slugs: Iterable[str]) -> list[Handin]:
    """Return the learner's hand-ins of ``slugs`` (current and earlier ones), with the grade of the current one."""
    from coachlab.grading.course import student_id

    student = student_id(learner)
    found: list[Handin] = []
    for slug in slugs:
        current = Path(course.submitted_dir(student, slug))
        stamp = current / "timestamp.txt"
        if stamp.exists():
            when = parse_stamp(stamp.read_text(encoding="utf-8")) or stamp.stat().st_mtime
            score = _grade(course, student, slug)
            found.append(Handin(slug, when, True, *(score or (None, None))))
        history = Path(course.history_dir(student, slug))
        if history.is_dir():
            for old in sorted(history.iterdir()):
                when = parse_stamp(old.name)
                if when is not None:
                    found.append(Handin(slug, when, False))
    return found


def _grade(course: Any, student: str, slug: str) -> tuple[float, float] | None:
    """Return (score, max score) of the student's graded hand-in, or None before grading."""
    if not Path(course.autograded_dir(student, slug)).exists() or not (Path(course.root) / "gradebook.db").exists():
        return None
    try:
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(course.db_url) as gb:
            submission = gb.find_submission(slug, student)
            return float(submission.score), float(submission.max_score)
    except (MissingEntry, Exception):  # a gradebook being written or of another version: not graded yet
        return None


def load_journey(learner: str, store: Any = None, course: Any = None, root: Path | None = None) -> Journey:
    """Read one learner's journey: their attempts and tool work from the store, hand-ins from the course."""
    from coachlab.grading.course import Course, list_exercises
    from coachlab.paths import course_root
    from coachlab.progress import open_store
    from coachlab.scenarios import load_all

    scenarios, _problems = load_all(root or course_root())
    own = store is None
    store = open_store() if own else store
    try:
        attempts = store.attempts(learner)
        states = state_items(store, learner)
    finally:
        if own:
            store.close()
    course = course or Course.default()
    slugs = [e.slug for e in list_exercises()]
    return summarize(learner, attempts, states, handins(course, learner, slugs), scenarios)
