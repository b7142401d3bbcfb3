"""A facilitator's whole loop with a small cohort, hostile submissions included.

Voilà submissions (write_submission) and JupyterLab files (collect --from) are autograded in parallel
through the CLI, exported and given feedback; a second run must give the same grades.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from coachlab.grading.autograde import autograde
from coachlab.grading.export import gradebook_frame
from coachlab.grading.notebook import grade_id
from coachlab.grading.submission import write_submission
from tests.grading.conftest import coachlab_cli

SLUG = "a05-feedback"
DELIMS = re.compile(r"^### (BEGIN|END) SOLUTION\n?", re.M)
TRICK = ("ip = get_ipython()\n"
         "ip.input_transformers_post.append(lambda lines: [l.replace('assert ', 'pass  # ') for l in lines])\n"
         "feedback_bia = 'x'")


def solutions(root: Path) -> dict[str, str]:
    """Return the source solutions of a05-feedback as literal values."""
    import ast

    nb = nbformat.read(root / "exercises" / SLUG / f"{SLUG}.ipynb", 4)
    values = {}
    for cell in nb.cells:
        if (grade_id(cell) or "").startswith("answer_"):
            for node in ast.parse(DELIMS.sub("", cell.source)).body:
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def hostile(course, answer_source: dict[str, str], drop_tests: bool = False, edit_setup: bool = False) -> str:
    """Return the released notebook's JSON with raw learner source put into answer cells."""
    nb = json.loads(course.release_notebook(SLUG).read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        gid = (cell["metadata"].get("nbgrader") or {}).get("grade_id", "")
        if gid in answer_source:
            cell["source"] = answer_source[gid]
        if drop_tests and (cell["metadata"].get("nbgrader") or {}).get("grade"):
            continue
        if edit_setup and gid == "setup":
            cell["source"] = "def run(*a, **k):\n    class R:\n        def to_dict(self): return {'elements': {}}\n    return R()"
        cells.append(cell)
    nb["cells"] = cells
    return json.dumps(nb)


def coachlab(*args: str, root: Path) -> subprocess.CompletedProcess:
    """Run the coachlab command as a facilitator would, against the scratch course."""
    return coachlab_cli(*args, env={"COACHLAB_ROOT": str(root), "COACHLAB_GRADER": str(root / "grader"),
                                    "PATH": str(Path(sys.executable).parent)})


@pytest.fixture(scope="module")
def cohort(released_course, grading_root, tmp_path_factory):
    """Submit a cohort of ten, autograde twice, and return what the facilitator would look at."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACHLAB_ROOT", str(grading_root))
        course = released_course
        good = solutions(grading_root)
        first = write_submission(course, "alice", SLUG, {})                    # Voilà form, nothing typed yet
        second = write_submission(course, "alice", SLUG, good)                 # resubmission keeps the first
        from nbgrader.api import Gradebook

        due = datetime.now(timezone.utc) + timedelta(hours=1)
        with Gradebook(course.db_url) as gb:  # what `coachlab grade release --due` records
            gb.update_or_create_assignment(SLUG, duedate=due.replace(tzinfo=None))
        write_submission(course, "bo", SLUG, {}, moment=due + timedelta(hours=2))   # two hours late
        write_submission(course, "王芳", SLUG, {"feedback_bia": good["feedback_bia"]})
        lab = tmp_path_factory.mktemp("jupyterlab")
        files = {
            "trick": hostile(course, {"answer_feedback_bia": TRICK}),
            "snoop": hostile(course, {"answer_feedback_bia":
                                      "feedback_bia = open('../../alice/a05-feedback/a05-feedback.ipynb').read()"}),
            "looper": hostile(course, {"answer_feedback_bia": "while True:\n    pass",
                                       "answer_feedback_bid": "print('x' * 5_000_000)\nfeedback_bid = 'x'"}),
            "quitter": hostile(course, {"answer_feedback_bia": "import sys\nsys.exit(3)",
                                        "answer_feedback_bid": "import os\nos._exit(1)"}),
            "tamper": hostile(course, {"answer_feedback_bia": f"feedback_bia = {good['feedback_bia']!r}",
                                       "answer_feedback_bid": f"feedback_bid = {good['feedback_bid']!r}"},
                              drop_tests=True, edit_setup=True),
            "broken": "{ this is not a notebook",
        }
        for learner, text in files.items():
            (lab / f"{learner}.ipynb").write_text(text, encoding="utf-8")
        collected = coachlab("grade", "collect", SLUG, "--from", str(lab), root=grading_root)
        assert collected.returncode == 0, collected.stdout + collected.stderr
        run1 = coachlab("grade", "autograde", SLUG, "--workers", "2", "--timeout", "30", "--quiet",
                        root=grading_root)
        first_frame = gradebook_frame(course, [SLUG])
        outcomes2 = autograde(course, SLUG, workers=2, timeout=30, progress=False)
        second_frame = gradebook_frame(course, [SLUG])
        out = tmp_path_factory.mktemp("export")
        exported = coachlab("grade", "export", SLUG, "-o", str(out / "grades.csv"), "-o", str(out / "grades.xlsx"),
                            root=grading_root)
        feedback = coachlab("grade", "feedback", SLUG, "--lang", "zh", root=grading_root)
        yield {"course": course, "run1": run1, "first": first_frame, "second": second_frame, "out": out,
               "exported": exported, "feedback": feedback, "outcomes2": outcomes2, "receipts": (first, second)}


def row(frame: pd.DataFrame, learner: str) -> pd.Series:
    return frame.set_index("learner").loc[learner]


def test_every_learner_gets_a_grade_and_a_status(cohort):
    """The batch goes on past every hostile submission; each learner has a row and a clear status."""
    assert cohort["run1"].returncode == 0, cohort["run1"].stdout[-3000:] + cohort["run1"].stderr[-3000:]
    frame = cohort["first"]
    expected = {"alice": "ok", "bo": "ok", "王芳": "ok", "trick": "neutralised",
                "snoop": "neutralised", "looper": "neutralised", "quitter": "neutralised",
                "tamper": "tampered", "broken": "invalid_notebook"}
    assert dict(zip(frame["learner"], frame["status"])) == expected


def test_good_answers_score_full_marks_whatever_the_neighbours_do(cohort):
    """Alice's full answers get every point; hostile neighbours change nothing."""
    frame = cohort["first"]
    assert row(frame, "alice")["score"] == row(frame, "alice")["max_score"] > 0


def test_the_assert_trick_scores_what_an_empty_answer_scores(cohort):
    """Turning asserts into `pass` inside the kernel earns exactly what an empty answer earns, and is flagged."""
    frame = cohort["first"]
    assert row(frame, "trick")["score"] == row(frame, "bo")["score"] == 0
    assert "neutralised:answer_feedback_bia:statement:Expr" in row(frame, "trick")["flags"]


def test_partial_answers_get_partial_credit(cohort):
    """Only the BIA answer: its points and none of the BID ones."""
    r = row(cohort["first"], "王芳")
    assert r["q:feedback_bia"] == r["q:feedback_bia:max"] and r["q:feedback_bid"] == 0
    assert 0 < r["score"] < r["max_score"]


def test_tampered_locked_cells_are_restored(cohort):
    """Deleting the tests and faking the checker changes nothing but a flag: the real tests ran."""
    r = row(cohort["first"], "tamper")
    assert r["score"] == r["max_score"]
    assert "locked-cell-deleted:feedback_bia_behavior" in r["flags"] and "locked-cell-edited:setup" in r["flags"]


def test_two_runs_give_the_same_grades(cohort):
    """Autograding the same batch again gives identical scores and statuses."""
    cols = ["learner", "score", "status", "flags"]
    pd.testing.assert_frame_equal(cohort["first"][cols], cohort["second"][cols])
    assert all(o.status != "error" for o in cohort["outcomes2"])


def test_resubmission_keeps_the_earlier_one(cohort):
    """The first submission moves to the history; the second is the one graded."""
    first, second = cohort["receipts"]
    assert second.previous is not None and (second.previous / f"{SLUG}.ipynb").exists()
    assert (second.previous / "timestamp.txt").read_text().strip() == first.timestamp


def test_export_files_match_the_gradebook(cohort):
    """CSV and XLSX hold one row per learner with per-question, per-skill, status, flags and late columns."""
    assert cohort["exported"].returncode == 0, cohort["exported"].stderr
    csv = pd.read_csv(cohort["out"] / "grades.csv", encoding="utf-8-sig")
    xlsx = pd.read_excel(cohort["out"] / "grades.xlsx")
    for frame in (csv, xlsx):
        assert sorted(frame["learner"]) == sorted(cohort["second"]["learner"])
        assert {"q:feedback_bia", "q:feedback_bid", "skill:feedback", "status", "flags", "late"} <= set(frame.columns)
        assert frame.set_index("learner").loc["alice", "percent"] == 100


def test_feedback_pages_for_every_learner(cohort):
    """Each learner gets a feedback page in the chosen language, with the status explained when not ok."""
    assert cohort["feedback"].returncode == 0, cohort["feedback"].stderr
    root = cohort["course"].root / "feedback"
    pages = {p.parent.parent.name: p.read_text(encoding="utf-8") for p in root.glob(f"*/{SLUG}/*.html")}
    assert len(pages) == len(cohort["second"])
    assert "得分" in pages["alice"] and "无法读取" in pages["broken"]


def test_a_check_that_runs_forever_is_stopped(released_course, in_course):
    """A notebook stuck in a test cell times out, gets a status, and its neighbour is graded normally."""
    write_submission(released_course, "patient", "t-slow", {"delay": 0})
    write_submission(released_course, "sleeper", "t-slow", {"delay": 100000})
    outcomes = {o.student: o for o in autograde(released_course, "t-slow", workers=1, timeout=4, progress=False)}
    assert outcomes["sleeper"].status == "timeout" and outcomes["sleeper"].score == 0
    assert outcomes["patient"].status == "ok" and outcomes["patient"].score == 1


def test_late_status_comes_from_the_due_date(cohort):
    """Only the submission stamped after the due date is late, by about two hours."""
    frame = cohort["second"].set_index("learner")
    assert frame.loc["bo", "late"] and 7000 < frame.loc["bo", "seconds_late"] < 7400
    assert not frame.drop(index="bo")["late"].any()
