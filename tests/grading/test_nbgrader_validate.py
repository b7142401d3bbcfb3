"""`nbgrader validate` passes on every source and fails on every released copy that has autograded tests."""

from __future__ import annotations

from pathlib import Path

from coachlab.grading.course import run_nbgrader

REPO = Path(__file__).resolve().parents[2]
SOURCES = sorted((REPO / "exercises").glob("*/*.ipynb"))


def _verdicts(output: str) -> list[str]:
    """Return, per validated notebook in order, "pass" or "fail" from nbgrader's own report."""
    verdicts = []
    for chunk in output.split("[ValidateApp | INFO] Validating")[1:]:
        verdicts.append("pass" if "Success! Your notebook passes all the tests." in chunk else "fail")
    return verdicts


def test_sources_validate(released_course):
    """Every source notebook, solutions and hidden tests included, passes nbgrader validate."""
    done = run_nbgrader(["validate", *map(str, SOURCES)], released_course.root, timeout=900)
    assert _verdicts(done.stdout) == ["pass"] * len(SOURCES), done.stdout[-4000:]


def test_released_copies_fail_validation(released_course):
    """A released copy, answers still empty, fails nbgrader validate (manual-only exercises have no tests)."""
    released = sorted((released_course.root / "release").glob("*/*.ipynb"))
    autograded = [p for p in released if '"grade": true' in p.read_text() and "assert" in p.read_text()]
    assert len(autograded) >= 6
    done = run_nbgrader(["validate", *map(str, autograded)], released_course.root, timeout=900)
    assert _verdicts(done.stdout) == ["fail"] * len(autograded), done.stdout[-4000:]


def test_released_copies_hide_solutions_and_hidden_tests(released_course):
    """Learners never receive a solution or a hidden test."""
    for path in (released_course.root / "release").glob("*/*.ipynb"):
        text = path.read_text(encoding="utf-8")
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, path.name
