"""The role-play record: what a finished play keeps so its debrief and a turn-by-turn replay can be shown again.

``attempt_record(scenario, session, lang, history)`` is a pure function of the scenario and the session: it
copies every text the debrief and the replay show (in both languages), so re-rendering needs neither the
checks nor the scenario file (which may change after the attempt). The player saves it in the learner
records as ``Attempt.answers["details"]`` (beside the older ``ending``, ``path``, ``seed`` and
``transcript`` keys); ``details_of(answers)`` reads it back and refuses anything that is not one.

Format (``RECORD_VERSION`` 1; fields are added, never renamed)::

    record_version  1
    scenario        the scenario slug;  title, summary: {en, zh-CN}
    persona         {name, role: {en, zh-CN}}
    lang            the page language the debrief was first shown in; seed: the line variants' seed
    finished        True once an ending was reached
    ending          {id, title, say: {en, zh-CN}, outcome: good|mixed|poor} or None
    skills          [{skill, label, points, max, percent, band, advice, history}] in the author's order;
                    history = {first, best, latest, lift, count} over the learner's attempts as shown, or None
    path            ["node:choice-or-intent", ..., "end:ENDING"] (as ``engine.path``)
    turns           one per step, in order:
        n, node, kind (choice|free), stage {en, zh-CN} or None, line {en, zh-CN} (what the other person said)
        said        a choice's text {en, zh-CN}, or the learner's own words (a string)
        picked      the option or intent id (None: no intent matched, the fallback)
        outcome     choice | intent | retry | fallback  (retry: the coach asked for another try at this turn)
        evidence    [{element, text, start, end}] spans of the learner's words that counted
        matched     the report tests that held;  feedback: the coaching note {en, zh-CN}
        better      the stronger line {en, zh-CN};  was_best: True when the learner took the best way
        options     choice turns: every option offered [{id, text, feedback, chosen, best}]
        attempt, cut, unsure, confirmed, effects, scores, next   as the engine recorded them
"""

from __future__ import annotations

import copy
from typing import Any, Mapping

from . import engine
from .model import Scenario

RECORD_VERSION = 1


def _bi(value: Any) -> dict[str, str] | None:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, Mapping) else None


def offered_options(scenario: Scenario, turn: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the options a choice turn offered, each with its text and explanation."""
    node = scenario.nodes.get(turn["node"], {})
    choices = {o["id"]: o for o in node.get("choices", ())}
    offered = turn.get("offered") or list(choices)  # records older than `offered` showed every option
    best = engine.best_choice(scenario, turn["node"]) if choices else None
    return [{"id": oid, "text": _bi(choices[oid]["text"]), "feedback": _bi(choices[oid].get("feedback")),
             "chosen": oid == turn.get("option"), "best": oid == best} for oid in offered if oid in choices]


def _outcome(turn: Mapping[str, Any]) -> str:
    if turn.get("kind") == "choice":
        return "choice"
    if turn.get("retry"):
        return "retry"
    return "intent" if turn.get("intent") else "fallback"


def attempt_record(scenario: Scenario, session: engine.Session, lang: str,
                   history: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Any]:
    """Return the record of a play: every text its debrief and replay show, in both languages."""
    report = engine.debrief(scenario, session)
    history = history or {}
    skills = [{**skill, "history": dict(history[skill["skill"]]) if skill["skill"] in history else None}
              for skill in report["skills"]]
    turns = []
    for turn in report["turns"]:
        said = turn.get("said")
        entry = {
            "n": turn["n"], "node": turn["node"], "kind": turn["kind"], "stage": _bi(turn.get("stage")),
            "line": _bi(turn.get("line")) or {}, "said": _bi(said) if isinstance(said, Mapping) else str(said or ""),
            "picked": turn.get("option") or turn.get("intent"), "outcome": _outcome(turn),
            "evidence": copy.deepcopy(list(turn.get("evidence") or [])), "matched": list(turn.get("matched") or []),
            "feedback": _bi(turn.get("feedback")) or {}, "better": _bi(turn.get("better")) or {},
            "was_best": bool(turn.get("was_best")), "attempt": turn.get("attempt"), "cut": bool(turn.get("cut")),
            "unsure": list(turn.get("unsure") or []), "confirmed": turn.get("confirmed"),
            "effects": dict(turn.get("effects") or {}), "scores": dict(turn.get("scores") or {}),
            "next": turn.get("next")}
        if turn["kind"] == "choice":
            entry["options"] = offered_options(scenario, turn)
        turns.append(entry)
    ending = None
    if session.ending:
        spec = scenario.endings[session.ending]
        ending = {"id": session.ending, "title": _bi(spec["title"]), "say": _bi(spec["say"]),
                  "outcome": spec["outcome"]}
    persona = scenario.data["persona"]
    return {"record_version": RECORD_VERSION, "scenario": scenario.id, "title": _bi(scenario.data["title"]),
            "summary": _bi(scenario.data.get("summary")), "lang": lang, "seed": session.seed,
            "persona": {"name": _bi(persona["name"]), "role": _bi(persona.get("role"))},
            "finished": session.finished, "ending": ending, "skills": skills, "path": list(report["path"]),
            "turns": turns}


class RecordError(ValueError):
    """Saved answers that hold no role-play record (an older attempt, or not a role-play)."""


def details_of(answers: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return the role-play record kept in an attempt's answers; raise RecordError when there is none."""
    record = (answers or {}).get("details") if isinstance(answers, Mapping) else None
    if not isinstance(record, Mapping) or record.get("record_version") != RECORD_VERSION:
        raise RecordError("these answers hold no role-play record")
    for key in ("scenario", "title", "skills", "turns"):
        if key not in record:
            raise RecordError(f"the role-play record has no {key!r}")
    return dict(record)


def attempt_answers(scenario: Scenario, session: engine.Session, lang: str,
                    history: Mapping[str, Mapping[str, float]] | None = None) -> dict[str, Any]:
    """Return what the learner records keep of a play: ``engine.attempt_answers`` plus ``details``."""
    return {**engine.attempt_answers(session), "details": attempt_record(scenario, session, lang, history)}
