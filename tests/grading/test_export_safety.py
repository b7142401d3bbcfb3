"""Exports carry no live spreadsheet formulas: hostile names and role-play answers come out as inert text.

Each hostile value goes in through the normal doors (a Voilà hand-in, a role-play attempt in the learner records),
out through the real ``coachlab grade export`` / ``coachlab grade roleplays`` commands, and is read back with the
csv module and openpyxl, as a spreadsheet would see it.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from coachlab.grading.export import FORMULA_STARTS, inert_text
from coachlab.progress import Attempt, open_store
from tests.grading.conftest import coachlab_cli

SLUG = "a03-smart-goals"
# What OWASP lists for CSV injection, as learner names (NFKC trimming removes a leading tab or CR from a name)...
HOSTILE_NAMES = ['=HYPERLINK("x.example","click")', "=1+1", "+1+1", "-1+1", "@SUM(1+1)"]
# ...and as role-play answers, where nothing is trimmed.
HOSTILE_ANSWERS = ['=HYPERLINK("http://x","click")', "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1", "\r=1"]


def is_inert(text: object) -> bool:
    """Return True when a spreadsheet would show ``text`` as text: a string not starting a formula."""
    return isinstance(text, str) and not text.startswith(FORMULA_STARTS)


def test_inert_text_prefixes_every_formula_start_and_leaves_the_rest():
    assert [inert_text(v) for v in HOSTILE_ANSWERS] == ["'" + v for v in HOSTILE_ANSWERS]
    assert inert_text("＝1+1") == "'＝1+1"  # full-width equals sign
    assert [inert_text(v) for v in ("alice", "王芳", "1+1", "", None, -3.5, 7, True)] == \
        ["alice", "王芳", "1+1", "", None, -3.5, 7, True]


def number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def read_csv(path: Path) -> list[dict[str, str]]:
    """Return the rows as a spreadsheet's importer sees them: every text cell not a number must be inert."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows, f"{path} has no rows"
    for row in rows:
        assert all(is_inert(key) for key in row)
        assert all(is_inert(value) for value in row.values() if value and number(value) is None), row
    return rows


def read_xlsx(path: Path, sheet: str) -> tuple[list[str], list[list[openpyxl.cell.Cell]]]:
    table = openpyxl.load_workbook(path)[sheet]
    header, *rows = list(table.iter_rows())
    assert rows, f"{path} has no rows"
    for row in [header, *rows]:
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
    return [c.value for c in header], rows


@pytest.fixture
def hostile_records(tmp_path) -> Path:
    """Learner records with one role-play attempt per hostile name and answer, and a negative score column."""
    store = open_store(tmp_path / "progress.sqlite3")
    try:
        for n, (name, answer) in enumerate(zip(HOSTILE_NAMES + ["bo", "bo"], HOSTILE_ANSWERS)):
            store.record(Attempt(name, "bid-late-logins", {"path": ["opening:a", answer, "end:good"], "ending": answer},
                                 {"empathy": 60.0, "drift": -12.5}, created_at=1_790_000_000 + n, lang="en"))
    finally:
        store.close()
    return tmp_path


def test_roleplay_export_makes_every_hostile_name_and_answer_inert(hostile_records, tmp_path):
    out = tmp_path / "out"
    done = coachlab_cli("grade", "roleplays", "--lang", "en", "-o", str(out / "attempts.csv"),
                        "-o", str(out / "attempts.xlsx"), env={"COACHLAB_DATA": str(hostile_records)}, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

    rows = read_csv(out / "attempts.csv")
    assert sorted(r["learner"] for r in rows) == sorted("'" + n for n in HOSTILE_NAMES) + ["bo", "bo"]
    assert sorted(r["ending"] for r in rows) == sorted("'" + a for a in HOSTILE_ANSWERS)
    assert all(number(row["skill:drift"]) == -12.5 for row in rows)
    raw = (out / "attempts.csv").read_text(encoding="utf-8-sig")
    assert ",-12.5," in raw or raw.rstrip().endswith(",-12.5")  # written as a number, not as quoted text

    header, cells = read_xlsx(out / "attempts.xlsx", "roleplays")
    column = {name: i for i, name in enumerate(header)}
    assert sorted(r[column["learner"]].value for r in cells) == sorted(r["learner"] for r in rows)
    for row in cells:
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s" and is_inert(cell.value), (cell.coordinate, cell.value)
        drift = row[column["skill:drift"]]
        assert drift.data_type == "n" and drift.value == -12.5


@pytest.fixture
def hostile_course(released_course, grading_root, tmp_path, monkeypatch) -> Path:
    """A copy of the released course where each hostile name handed in ``SLUG`` through the Voilà form."""
    from nbgrader.api import Gradebook

    from coachlab.grading.course import Course
    from coachlab.grading.submission import write_submission

    root = tmp_path / "grader"
    shutil.copytree(released_course.root, root, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback"))
    monkeypatch.setenv("COACHLAB_ROOT", str(grading_root))
    course = Course(root)
    with Gradebook(course.db_url) as gb:
        for name in HOSTILE_NAMES:
            student = write_submission(course, name, SLUG, {}).student
            gb.update_or_create_student(student)
            gb.add_submission(SLUG, student)
    return root


def test_grades_export_makes_every_hostile_name_inert(hostile_course, grading_root, tmp_path):
    out = tmp_path / "out"
    done = coachlab_cli("grade", "export", SLUG, "--lang", "en", "-o", str(out / "grades.csv"),
                        "-o", str(out / "grades.xlsx"),
                        env={"COACHLAB_ROOT": str(grading_root), "COACHLAB_GRADER": str(hostile_course)})
    assert done.returncode == 0, done.stdout + done.stderr

    rows = read_csv(out / "grades.csv")
    assert sorted(r["learner"] for r in rows) == sorted("'" + n for n in HOSTILE_NAMES)
    assert all(number(row["max_score"]) is not None and number(row["score"]) is not None for row in rows)

    header, cells = read_xlsx(out / "grades.xlsx", "grades")
    learner = header.index("learner")
    assert sorted(r[learner].value for r in cells) == sorted("'" + n for n in HOSTILE_NAMES)
    for row in cells:
        assert all(c.data_type == "s" and is_inert(c.value) for c in row if isinstance(c.value, str))
        assert row[header.index("max_score")].data_type == "n"
