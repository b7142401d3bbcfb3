"""Shared grading fixtures: a scratch course (content + nbgrader root) outside the repo, released once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

def coachlab_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run the ``coachlab`` command as a facilitator would, with ``env`` over this process's environment."""
    return subprocess.run([sys.executable, "-m", "coachlab.cli", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=timeout)


def nb_cell(grade_id: str, source: str, *, grade: bool = False, solution: bool = False, points: int = 0) -> dict:
    """Return an nbgrader code cell: locked unless it is an answer cell, worth ``points`` if it is a test."""
    meta = {"schema_version": 3, "grade": grade, "solution": solution, "locked": not solution,
            "grade_id": grade_id}
    if grade:
        meta["points"] = points
    return {"cell_type": "code", "execution_count": None, "id": grade_id.replace("_", "-"), "outputs": [],
            "source": source, "metadata": {"nbgrader": meta}}


def nb_notebook(*cells: dict) -> dict:
    """Return a Python 3 notebook holding ``cells``."""
    return {"cells": list(cells), "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}}


# A tiny extra exercise whose check sleeps for as long as the (literal) answer says: the only honest way
# to make a sanitised submission run forever, so the per-notebook timeout can be tested.
SLOW_NOTEBOOK = nb_notebook(
    nb_cell("setup", "import time"),
    nb_cell("answer_delay", "delay = (\n### BEGIN SOLUTION\n0\n### END SOLUTION\n)", solution=True),
    nb_cell("delay_zero", '"""The check waits for the answer, then accepts zero."""\n'
                          "time.sleep(float(delay or 0))\nassert delay == 0", grade=True, points=1),
)
SLOW_META = """title: {en: Slow check, zh-CN: 慢速检查}
skills: [testing]
notebook: t-slow.ipynb
intro: {en: For the timeout test., zh-CN: 用于超时测试。}
questions:
  - {name: delay, cell: answer_delay, skill: testing, type: number, prompt: {en: Delay, zh-CN: 延迟}}
"""


@pytest.fixture(scope="session")
def grading_root(tmp_path_factory) -> Path:
    """Return a course root with the repo's exercises plus ``t-slow``, and an nbgrader root at grader/."""
    root = tmp_path_factory.mktemp("coachlab-course")
    shutil.copytree(REPO / "exercises", root / "exercises")
    slow = root / "exercises" / "t-slow"
    slow.mkdir()
    (slow / "t-slow.ipynb").write_text(json.dumps(SLOW_NOTEBOOK), encoding="utf-8")
    (slow / "exercise.yaml").write_text(SLOW_META, encoding="utf-8")
    (root / "grader").mkdir()
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", root / "grader" / "nbgrader_config.py")
    return root


@pytest.fixture(scope="session")
def released_course(grading_root):
    """Return the nbgrader course with every exercise generated in one nbgrader run."""
    from coachlab.grading.course import Course, run_nbgrader

    course = Course(grading_root / "grader")
    shutil.copytree(grading_root / "exercises", course.root / "source", ignore=shutil.ignore_patterns("*.yaml"))
    done = run_nbgrader(["generate_assignment", "*", "--force"], course.root, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:]
    return course


@pytest.fixture
def in_course(grading_root, monkeypatch):
    """Point coachlab at the scratch course root for one test."""
    monkeypatch.setenv("COACHLAB_ROOT", str(grading_root))
    monkeypatch.setenv("COACHLAB_GRADER", str(grading_root / "grader"))
    return grading_root
