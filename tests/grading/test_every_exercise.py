"""Every exercise, graded the way a facilitator grades it: its own solution scores every autograded point,
an empty form scores less, in kernels from the warm fork server (which preloads what the exercise imports)."""

from __future__ import annotations

import ast
import re
import shutil

import nbformat
import pytest

from coachlab.grading.autograde import autograde, imported_modules
from coachlab.grading.course import Course, list_exercises
from coachlab.grading.submission import write_submission
from tests.grading.conftest import REPO

SLUGS = [e.slug for e in list_exercises(REPO / "exercises")]


def _source(slug: str) -> nbformat.NotebookNode:
    return nbformat.read(REPO / "exercises" / slug / f"{slug}.ipynb", as_version=4)


def _solutions(nb: nbformat.NotebookNode) -> dict:
    """Return the literal answers written in the source's solution cells."""
    values = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader") or {}
        if cell.cell_type == "code" and meta.get("solution"):
            source = re.sub(r"^### (BEGIN|END) SOLUTION\n?", "", cell.source, flags=re.M)
            for node in ast.parse(source).body:
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def _autograded_points(nb: nbformat.NotebookNode) -> float:
    return sum(float((c.metadata.get("nbgrader") or {}).get("points", 0)) for c in nb.cells
               if (c.metadata.get("nbgrader") or {}).get("grade") and not c.metadata["nbgrader"].get("solution"))


def test_there_are_at_least_six_exercises():
    assert len(SLUGS) >= 6


@pytest.mark.parametrize("slug", SLUGS)
def test_the_solution_earns_every_autograded_point(slug, released_course, in_course, tmp_path):
    course = Course(tmp_path / "grader")  # a copy: the shared course's cohort stays as other tests left it
    shutil.copytree(released_course.root, course.root, ignore=shutil.ignore_patterns("submitted", "autograded"))
    nb = _source(slug)
    write_submission(course, "solution", slug, _solutions(nb))
    write_submission(course, "empty", slug, {})
    outcomes = {o.student: o for o in autograde(course, slug, workers=2, timeout=60, progress=False)}
    solution, empty = outcomes["solution"], outcomes["empty"]
    assert solution.status == "ok" and empty.status == "ok", (solution, empty)
    assert solution.score == _autograded_points(nb), solution
    if _autograded_points(nb):
        assert empty.score < solution.score
    assert set(imported_modules(course.template(slug))) >= {"coachlab.checks"}
