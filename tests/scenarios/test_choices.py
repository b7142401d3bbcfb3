"""Multiple-choice turns that make the learner think: plausible options, each with its own consequence and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.i18n import LANGS
from coachlab.scenarios import load_all

REPO = Path(__file__).resolve().parents[2]
SCENARIOS, PROBLEMS = load_all(REPO)
NODES = [(s, node_id, node) for s in SCENARIOS.values() for node_id, node in s.nodes.items() if "choices" in node]


def _points(option) -> int:
    return sum((option.get("scores") or {}).values())


def test_there_are_choice_turns_to_check():
    """The course has multiple-choice turns in every role-play."""
    assert PROBLEMS == [] and len(SCENARIOS) >= 12
    assert {s.id for s, _, _ in NODES} == set(SCENARIOS)


@pytest.mark.parametrize(("scenario", "node_id", "node"), NODES, ids=[f"{s.id}-{n}" for s, n, _ in NODES])
def test_every_option_has_its_own_consequence_and_explanation(scenario, node_id, node):
    """Three or more options; each explains itself in both languages and none is a copy of another's outcome."""
    options = node["choices"]
    assert len(options) >= 3
    outcomes = set()
    for option in options:
        assert all(option["feedback"][lang].strip() for lang in LANGS), option["id"]
        assert option.get("effects") or option.get("scores") is not None, option["id"]
        outcomes.add((repr(sorted((option.get("effects") or {}).items())), repr(sorted((option.get("scores") or {}).items())),
                      repr(option.get("next"))))
    assert len(outcomes) == len(options), "two options lead to the same consequence"
    assert len({o["feedback"]["en"] for o in options}) == len(options)
    assert sum(1 for o in options if _points(o) <= -2) <= 1, "more than one caricature in one turn"


def test_when_the_other_person_is_there_every_option_moves_them():
    """Outside preparation turns (a stage direction in brackets), each option changes how the other person feels."""
    live = [(s, n, node) for s, n, node in NODES
            if not (node["say"] if isinstance(node["say"], dict) else node["say"][0])["en"].startswith("(")]
    assert len(live) >= 40
    still = [f"{s.id}/{n}/{o['id']}" for s, n, node in live for o in node["choices"] if not o.get("effects")]
    assert still == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_best_option_cannot_be_guessed_by_its_length(lang):
    """In at most half the turns is the best-scoring option also the longest one."""
    longest = 0
    for _, _, node in NODES:
        options = node["choices"]
        best = max(options, key=_points)
        if len(best["text"][lang]) >= max(len(o["text"][lang]) for o in options if o is not best):
            longest += 1
    assert longest * 2 <= len(NODES), f"{longest} of {len(NODES)} turns"


def test_a_strong_move_is_not_the_only_one_that_scores():
    """Plausible alternatives earn something in most turns: at least one other option scores zero or more."""
    turns_with_plausible = sum(1 for _, _, node in NODES
                               if sum(1 for o in node["choices"] if _points(o) >= 0) >= 2)
    assert turns_with_plausible * 4 >= len(NODES) * 3, f"{turns_with_plausible} of {len(NODES)}"
