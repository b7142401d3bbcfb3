"""`coachlab grade roleplays`: every role-play attempt in the learner records, as CSV and XLSX."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coachlab.grading.export import roleplay_frame
from coachlab.progress import Attempt, open_store
from coachlab.scenarios import engine, load_all
from coachlab.scenarios.testplan import load_plan, plan_path, run_play
from tests.grading.conftest import coachlab_cli

REPO = Path(__file__).resolve().parents[2]
SCENARIO = "bid-late-logins"


@pytest.fixture
def records(tmp_path) -> Path:
    """Learner records with two tries by 陈静 (poor, then best), one by bo, and a lesson-tool attempt."""
    scenario = load_all(REPO)[0][SCENARIO]
    plays = {p["name"]: p for p in load_plan(plan_path(REPO / "scenarios" / f"{SCENARIO}.yaml"))[0]["plays"]}
    store = open_store(tmp_path / "progress.sqlite3")
    try:
        for n, (learner, play, lang) in enumerate((("陈静", "judging", "zh-CN"), ("陈静", "best", "zh-CN"),
                                                  ("bo", "best", "en"))):
            session = run_play(scenario, plays[play], lang).session
            store.record(Attempt(learner, SCENARIO, engine.attempt_answers(session),
                                 engine.percentages(scenario, session), created_at=1_790_000_000 + n, lang=lang))
        store.record(Attempt("bo", "smart-builder", {"goal": "FCR 80%"}, {"goal": 60.0}, created_at=1_790_000_100))
        return tmp_path
    finally:
        store.close()


def test_one_row_per_role_play_attempt_with_path_ending_and_skill_percentages(records):
    store = open_store(records / "progress.sqlite3")
    try:
        frame = roleplay_frame(store.attempts())
    finally:
        store.close()
    assert list(zip(frame["learner"], frame["attempt"])) == [("bo", 1), ("陈静", 1), ("陈静", 2)]
    first, second = frame[frame["learner"] == "陈静"].to_dict("records")
    assert first["path"].startswith("opening:") and " > end:" in first["path"]
    assert first["turns"] == first["path"].count(" > ")  # every step but the ending is a turn
    skills = [c for c in frame.columns if c.startswith("skill:")]
    assert skills and all(second[c] >= first[c] for c in skills) and any(second[c] > first[c] for c in skills)
    assert first["time"] == "2026-09-21 14:13:20 UTC" and first["lang"] == "zh-CN"


def test_the_command_writes_csv_and_xlsx_that_read_back_the_same(records, tmp_path):
    out = tmp_path / "out"
    done = coachlab_cli("grade", "roleplays", "--lang", "zh-CN", "-o", str(out / "attempts.csv"),
                        "-o", str(out / "attempts.xlsx"), env={"COACHLAB_DATA": str(records)}, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("已写入 3 行") == 2
    csv = pd.read_csv(out / "attempts.csv", encoding="utf-8-sig")
    xlsx = pd.read_excel(out / "attempts.xlsx", sheet_name="roleplays")
    assert list(csv["learner"]) == list(xlsx["learner"]) == ["bo", "陈静", "陈静"]
    assert list(csv.columns) == list(xlsx.columns) and (out / "attempts.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_wrong_file_name_is_refused_before_anything_is_written(records, tmp_path):
    done = coachlab_cli("grade", "roleplays", "--lang", "zh-CN", "--data-dir", str(records),
                        "-o", str(tmp_path / "a.csv"), "-o", str(tmp_path / "a.pdf"), timeout=300)
    assert done.returncode == 2 and "文件名请以 .csv 或 .xlsx 结尾" in done.stdout
    assert not (tmp_path / "a.csv").exists() and "Traceback" not in done.stderr
