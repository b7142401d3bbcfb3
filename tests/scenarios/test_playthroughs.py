"""Every scenario validates, has a test plan, meets the content bar, and its playthroughs pass in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.i18n import LANGS
from coachlab.scenarios import load_plan, plan_path, run_play, scenario_files, validate_file

REPO = Path(__file__).resolve().parents[2]
FILES = scenario_files(REPO)
REQUIRED = 12


def _plays():
    for path in FILES:
        plan, _ = load_plan(plan_path(path))
        for play in (plan or {}).get("plays", ()):
            for lang in LANGS:
                yield pytest.param(path, play, lang, id=f"{path.stem}-{play.get('name')}-{lang}")


def test_there_are_enough_scenarios():
    """The course ships at least twelve role-plays."""
    assert len(FILES) >= REQUIRED, [p.stem for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_is_valid_with_a_plan_and_meets_the_content_bar(path):
    """Valid; a test plan beside it; >= 8 decisions on the best path, >= 1/3 free text; >= 3 endings."""
    scenario, problems = validate_file(path)
    assert problems == [], "\n".join(map(str, problems))
    plan, plan_problems = load_plan(plan_path(path))
    assert plan is not None, "\n".join(map(str, plan_problems))
    assert plan.get("scenario") == scenario.id
    best = scenario.best_path()
    assert len(best) >= 8, [e.node for e in best]
    free = sum(1 for node in scenario.nodes.values() if "free" in node)
    assert free * 3 >= len(scenario.nodes), f"{free} free-text turns of {len(scenario.nodes)}"
    assert len(scenario.endings) >= 3
    outcomes = {e["outcome"] for e in scenario.endings.values()}
    assert {"good", "poor"} <= outcomes
    reached = {play.get("ending") for play in plan["plays"]}
    assert set(scenario.endings) <= reached, f"plays never reach {set(scenario.endings) - reached}"


@pytest.mark.parametrize("path, play, lang", list(_plays()))
def test_playthrough(path, play, lang):
    """The scripted play reaches the expected ending and bands, with each line classified as intended."""
    scenario, problems = validate_file(path)
    assert scenario is not None, problems
    result = run_play(scenario, play, lang)
    assert result.ok, "\n".join(result.failures)


def _free_turns():
    for path in FILES:
        scenario, _ = validate_file(path)
        for node_id, node in (scenario.nodes.items() if scenario else ()):
            if "free" in node:
                for lang in LANGS:
                    yield pytest.param(scenario, node_id, lang, id=f"{path.stem}-{node_id}-{lang}")


@pytest.mark.parametrize("scenario, node_id, lang", list(_free_turns()))
def test_the_better_answer_we_show_passes_its_own_turn(scenario, node_id, lang):
    """The 'stronger answer' in the debrief is read by the real checks as the best-scoring intent."""
    from coachlab.scenarios.engine import Session, answer

    free = scenario.nodes[node_id]["free"]
    best = max(free["intents"], key=lambda intent: sum((intent.get("scores") or {}).values()))
    at_node = Session(scenario.id, node_id, None, {k: v["start"] for k, v in scenario.data["state"].items()},
                      (), {s: 0 for s in scenario.skills})
    _, event = answer(scenario, at_node, free["better"][lang])
    assert event.matched == best["id"], f"{free['better'][lang]!r} matched {event.matched!r}"
