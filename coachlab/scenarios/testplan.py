"""Playthrough test plans (``scenarios/<id>.testplan.yaml``): scripted plays with expected outcomes.

A plan names its scenario and lists plays; each play gives steps (``choose: option-id`` or
``say: {en: ..., zh-CN: ...}`` with an optional ``expect: intent-id | fallback | retry``), the
expected ``ending`` and the expected ``bands`` per skill. A play runs in every language it lists
(default: both), so a free-text line must be classified as intended in each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from coachlab.i18n import LANGS

from . import engine
from .loader import Problem, YamlProblem, read_marked
from .model import BANDS, Scenario

STEP_KEYS = {"choose", "say", "expect", "confirm"}


@dataclass
class PlayResult:
    """The outcome of running one play in one language."""

    name: str
    lang: str
    session: engine.Session
    failures: list[str] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when every expectation held."""
        return not self.failures

    def to_dict(self, scenario: Scenario) -> dict[str, Any]:
        """Return the result as JSON-ready data, with the debrief."""
        return {"play": self.name, "lang": self.lang, "ok": self.ok, "failures": self.failures,
                "ending": self.session.ending, "steps": self.log,
                "debrief": engine.debrief(scenario, self.session)}


def plan_path(scenario_path: Path) -> Path:
    """Return where the test plan of a scenario file lives."""
    return scenario_path.with_name(f"{scenario_path.stem}.testplan.yaml")


def load_plan(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Read a test plan (or a bare list of steps, taken as one play); return it and its problems."""
    try:
        marked = read_marked(path)
    except YamlProblem as exc:
        return None, [exc.problem]
    data = marked.data
    if isinstance(data, list):
        data = {"plays": [{"name": "script", "steps": data}]}
    problems: list[Problem] = []

    def bad(where: tuple[Any, ...], message: str) -> None:
        problems.append(Problem(str(path), *marked.where(where), message, "testplan"))

    if not isinstance(data, dict) or not isinstance(data.get("plays"), list) or not data["plays"]:
        bad((), "a test plan needs `plays`: a list of plays (name, steps, ending, bands)")
        return None, problems
    for i, play in enumerate(data["plays"]):
        if not isinstance(play, dict) or not isinstance(play.get("steps"), list):
            bad(("plays", i), "a play needs `steps`: a list of {choose: id} or {say: text}")
            continue
        for j, step in enumerate(play["steps"]):
            if not isinstance(step, dict) or set(step) - STEP_KEYS or ("choose" in step) == ("say" in step):
                bad(("plays", i, "steps", j), "a step is {choose: option-id} or {say: {en, zh-CN}} (+ optional expect)")
            elif "say" in step and isinstance(step["say"], dict) and set(step["say"]) != set(LANGS):
                bad(("plays", i, "steps", j, "say"), f"`say` needs a line in each of {', '.join(LANGS)}")
        for skill, band in (play.get("bands") or {}).items():
            if band not in BANDS:
                bad(("plays", i, "bands", skill), f"band must be one of {', '.join(BANDS)}")
    return (data if not problems else None), problems


def _line(say: Any, lang: str) -> str:
    return say.get(lang, "") if isinstance(say, Mapping) else str(say)


def run_play(scenario: Scenario, play: Mapping[str, Any], lang: str,
             checker: engine.Checker | None = None) -> PlayResult:
    """Run one play in one language and compare it with what the plan expects."""
    name = str(play.get("name", "play"))
    session = engine.start(scenario, int(play.get("seed", 0)))
    result = PlayResult(name, lang, session)
    for number, step in enumerate(play["steps"], start=1):
        if session.finished:
            result.failures.append(f"step {number}: the conversation already ended at {session.ending!r}")
            break
        try:
            if "choose" in step:
                session, event = engine.choose(scenario, session, str(step["choose"]))
            else:
                session, event = engine.answer(scenario, session, _line(step["say"], lang), checker, lang=lang)
                if event.kind == "ask" and step.get("expect") != "ask":
                    # The check was unsure and asked; the plan's author answers as they meant the line: yes for
                    # a line written to reach an intent, no for one written to be sent back (`confirm` overrides).
                    meant = step.get("confirm", step.get("expect") not in ("retry", "fallback"))
                    session, event = engine.confirm(scenario, session, bool(meant))
        except engine.EngineError as exc:
            result.failures.append(f"step {number} at {session.node!r}: {exc}")
            break
        got = event.matched if event.kind in ("choice", "intent") else event.kind
        result.log.append({"step": number, "node": event.node, "kind": event.kind, "matched": got,
                           "evidence": list(event.evidence)})
        expected = step.get("expect")
        if expected is not None and expected != got:
            result.failures.append(f"step {number} at {event.node!r} ({lang}): expected {expected!r}, got {got!r}")
    result.session = session
    if "ending" in play and session.ending != play["ending"]:
        result.failures.append(f"expected ending {play['ending']!r}, got {session.ending!r}"
                               + ("" if session.finished else f" (still at {session.node!r})"))
    percents = engine.percentages(scenario, session)
    for skill, band in (play.get("bands") or {}).items():
        if skill not in percents:
            result.failures.append(f"band for unknown skill {skill!r}")
            continue
        got_band = scenario.band(skill, percents[skill])
        if got_band != band:
            result.failures.append(f"{skill}: expected band {band!r}, got {got_band!r} ({percents[skill]}%)")
    return result


def run_plan(scenario: Scenario, plan: Mapping[str, Any], langs: tuple[str, ...] | None = None,
             checker: engine.Checker | None = None) -> list[PlayResult]:
    """Run every play of a plan in each language it asks for (default: both)."""
    results = []
    for play in plan["plays"]:
        for lang in play.get("langs") or langs or LANGS:
            if langs and lang not in langs:
                continue
            results.append(run_play(scenario, play, lang, checker))
    return results
