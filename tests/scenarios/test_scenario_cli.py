"""`coachlab scenario validate` and `coachlab scenario play` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from coachlab.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_validate_all_shipped_scenarios(capsys):
    """Every shipped scenario and plan validates; the exit status is 0."""
    assert main(["scenario", "validate"]) == 0
    assert "problem(s)" in capsys.readouterr().out
    assert main(["scenario", "validate", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["problems"] == [] and report["valid"] == report["files"] >= 12


def test_validate_reports_file_line_and_column(mini, write, capsys):
    """A broken file prints file:line:column: message and exits 1, while the good file still counts."""
    good = write(mini, "mini")
    broken = dict(mini, id="broken")
    broken["nodes"] = {**mini["nodes"], "open": {**mini["nodes"]["open"], "choices": [
        {**mini["nodes"]["open"]["choices"][0], "next": "nowhere"}, *mini["nodes"]["open"]["choices"][1:]]}}
    bad = write(broken, "broken")
    assert main(["scenario", "validate", "--no-plans", str(good), str(bad)]) == 1
    out = capsys.readouterr()
    line = next(text for text in out.out.splitlines() if "nowhere" in text)
    file, lineno, col, _ = line.split(":", 3)
    assert file == str(bad) and int(lineno) > 1 and int(col) >= 1
    assert yaml.safe_load(bad.read_text())  # the file itself is untouched
    assert "1/2 scenario file(s) valid" in out.err


def test_validate_requires_a_test_plan(mini, write, capsys):
    """Without --no-plans a scenario with no plan beside it is a problem."""
    path = write(mini)
    assert main(["scenario", "validate", str(path)]) == 1
    assert "no playthrough test plan" in capsys.readouterr().out


def test_play_runs_a_plan_and_prints_json(capsys):
    """`play ID --script PLAN --lang zh --json` runs the plan in Chinese and reports the ending and bands."""
    plan = REPO / "scenarios" / "bid-late-logins.testplan.yaml"
    assert main(["scenario", "play", "bid-late-logins", "--script", str(plan), "--lang", "zh", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert {r["lang"] for r in results} == {"zh-CN"} and all(r["ok"] for r in results)
    best = next(r for r in results if r["play"] == "best")
    assert best["ending"] == "committed" and {s["band"] for s in best["debrief"]["skills"]} == {"proficient"}


def test_play_fails_when_the_script_expects_something_else(tmp_path, capsys):
    """A script whose expectation does not hold exits 1 and says what differed."""
    script = tmp_path / "script.yaml"
    script.write_text("- choose: purpose-and-facts\n- say: {en: 'hmm', zh-CN: '嗯'}\n  expect: behaviour-and-impact\n",
                      encoding="utf-8")
    assert main(["scenario", "play", "bid-late-logins", "--script", str(script), "--lang", "en"]) == 1
    assert "expected 'behaviour-and-impact', got 'retry'" in capsys.readouterr().out


def test_play_unknown_scenario_exits_2(tmp_path, capsys):
    """An unknown id is reported, not a traceback."""
    script = tmp_path / "s.yaml"
    script.write_text("- choose: x\n", encoding="utf-8")
    assert main(["scenario", "play", "no-such-thing", "--script", str(script)]) == 2
    assert "no scenario named" in capsys.readouterr().err
