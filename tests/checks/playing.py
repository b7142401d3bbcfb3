"""Play one answer at one role-play node, as the turn-level benchmark does (``engine.play_free``)."""

from __future__ import annotations

from coachlab.paths import course_root
from coachlab.scenarios import engine
from coachlab.scenarios.validator import load_scenario


def reached(scenario_id: str, node: str, text: str, lang: str, yes: bool = False) -> str:
    """Return the intent the engine picks for ``text`` at ``node`` of a fresh session ("fallback" for none).

    When the check is unsure and the coach asks back, the learner answers ``yes`` (a good answer meant as
    written) or no (a poor one).
    """
    scenario, problems = load_scenario(course_root(), scenario_id)
    assert scenario is not None, problems
    return engine.reached(engine.play_free(scenario, node, text, lang, yes)[0])
