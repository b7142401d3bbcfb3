"""JupyterLab learners through nbgrader's exchange: release, fetch, submit, collect, resubmit, autograde."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import nbformat
import pytest

from coachlab.grading.course import run_nbgrader
from tests.grading.conftest import coachlab_cli

SLUG = "a05-feedback"
GOOD_BIA = ("On Tuesday's call about the lost parcel you stayed calm and rang the courier while the customer "
            "waited. Because of that she withdrew her complaint. Thank you, I really appreciate it.")


def _nbgrader(*args: str, cwd: Path, exchange: Path) -> subprocess.CompletedProcess:
    """Run nbgrader as a JupyterLab learner's Assignments tab would, against the private exchange."""
    return run_nbgrader([*args, "--course", "coachlab", f"--Exchange.root={exchange}"], cwd, timeout=600,
                        env={"COACHLAB_EXCHANGE": str(exchange)})


def _answer_in_jupyterlab(notebook: Path, text: str) -> None:
    """Type ``text`` into the BIA answer cell of a fetched notebook, as a learner in JupyterLab would."""
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if (cell.metadata.get("nbgrader") or {}).get("grade_id") == "answer_feedback_bia":
            cell.source = f"feedback_bia = (\n{json.dumps(text, ensure_ascii=False)}\n)"
    nbformat.write(nb, notebook)


@pytest.fixture
def exchange_course(grading_root, tmp_path):
    """A course released to a private exchange, with two JupyterLab learners who fetched it."""
    from coachlab.grading.course import Course

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    course_dir = tmp_path / "grader"
    course_dir.mkdir()
    env = {"COACHLAB_ROOT": str(grading_root), "COACHLAB_GRADER": str(course_dir),
           "COACHLAB_EXCHANGE": str(exchange)}
    done = coachlab_cli("grade", "release", SLUG, "--exchange", env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    homes = {}
    for learner in ("alice", "bo"):
        home = tmp_path / "home" / learner
        home.mkdir(parents=True)
        fetched = _nbgrader("fetch_assignment", SLUG, cwd=home, exchange=exchange)
        assert fetched.returncode == 0, fetched.stdout[-2000:]
        homes[learner] = home / SLUG / f"{SLUG}.ipynb"
        assert homes[learner].exists()
    return {"course": Course(course_dir), "env": env, "exchange": exchange, "homes": homes}


def test_exchange_submissions_are_collected_kept_and_graded(exchange_course):
    """Collect files what learners submitted; a resubmission keeps the earlier one; the good answer scores."""
    course, env, exchange, homes = (exchange_course[k] for k in ("course", "env", "exchange", "homes"))
    _answer_in_jupyterlab(homes["alice"], GOOD_BIA)
    for learner, notebook in homes.items():
        done = _nbgrader("submit", SLUG, "--student", learner, cwd=notebook.parent.parent, exchange=exchange)
        assert done.returncode == 0, done.stdout[-2000:]

    first = coachlab_cli("grade", "collect", SLUG, "--exchange", "--lang", "en", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Collected alice's" in first.stdout and "Collected bo's" in first.stdout
    assert course.students(SLUG) == ["alice", "bo"]

    again = coachlab_cli("grade", "collect", SLUG, "--exchange", "--lang", "en", env=env)
    assert again.returncode == 0 and "Collected" not in again.stdout  # nothing new: nothing filed twice
    assert not course.history_dir("bo", SLUG).exists()

    _answer_in_jupyterlab(homes["bo"], GOOD_BIA)
    done = _nbgrader("submit", SLUG, "--student", "bo", cwd=homes["bo"].parent.parent, exchange=exchange)
    assert done.returncode == 0, done.stdout[-2000:]
    third = coachlab_cli("grade", "collect", SLUG, "--exchange", "--lang", "zh-CN", env=env)
    assert third.returncode == 0 and "已收取 bo 的" in third.stdout and "alice" not in third.stdout
    kept = list(course.history_dir("bo", SLUG).iterdir())
    assert len(kept) == 1 and GOOD_BIA not in (kept[0] / f"{SLUG}.ipynb").read_text(encoding="utf-8")
    assert GOOD_BIA in (course.submitted_dir("bo", SLUG) / f"{SLUG}.ipynb").read_text(encoding="utf-8")

    graded = coachlab_cli("grade", "autograde", SLUG, "--quiet", "--json", env=env)
    assert graded.returncode == 0, graded.stdout + graded.stderr
    scores = {o["student"]: o["score"] for o in json.loads(graded.stdout[graded.stdout.index("["):])}
    assert scores["alice"] == scores["bo"] >= 5  # the BIA half is right, the BID half untouched


def test_collect_without_a_reachable_exchange_says_so(grading_root, tmp_path):
    """An exchange that does not exist is a clear message in the facilitator's language, not a traceback."""
    course_dir = tmp_path / "grader"
    env = {"COACHLAB_ROOT": str(grading_root), "COACHLAB_GRADER": str(course_dir),
           "COACHLAB_EXCHANGE": str(tmp_path / "nowhere")}
    assert coachlab_cli("grade", "release", SLUG, env=env).returncode == 0
    done = coachlab_cli("grade", "collect", SLUG, "--exchange", "--lang", "zh-CN", env=env)
    assert done.returncode == 1
    assert f"无法从 nbgrader 交换目录收取 {SLUG}" in done.stdout and "Traceback" not in done.stdout + done.stderr
