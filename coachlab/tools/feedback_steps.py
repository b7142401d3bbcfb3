"""Advanced BIA (four steps) and BID (five steps) builders: check each step, catch pitfalls, write the script."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

BUILDERS: tuple[str, ...] = ("bia_plus", "bid_plus")
QUESTION_WORDS = {
    "en": ("what", "how", "which", "tell me", "walk me through"),
    "zh-CN": ("什么", "怎么", "怎样", "哪", "如何", "说说", "你觉得", "你看"),
}


def steps_content() -> dict:
    """Load the builders, their steps, the shared cues and the pitfalls."""
    return packaged_yaml(__package__, "feedback_steps.yaml")


def builder(kind: str) -> dict:
    """Return one builder's definition (``bia_plus`` or ``bid_plus``)."""
    if kind not in BUILDERS:
        raise ValueError(f"unknown builder {kind!r}; expected one of {BUILDERS}")
    return steps_content()["builders"][kind]


def step_ids(kind: str) -> tuple[str, ...]:
    """Return the ids of a builder's steps, in order."""
    return tuple(step["id"] for step in builder(kind)["steps"])


def _has_any(text: str, words: list[str]) -> bool:
    lowered = text.lower()
    # an English cue starts a word ("at 3 pm", not "great"); a Chinese cue may sit anywhere
    return any(re.search(rf"(?<![a-z]){re.escape(word.lower())}", lowered) if word[:1].isascii() and word[:1].isalpha()
               else word.lower() in lowered for word in words)


def rule_passes(rule: dict, step: dict, text: str, lang: str) -> bool:
    """Return whether ``text`` passes one step's rule."""
    kind = rule["kind"]
    if kind == "needs_cue":
        return _has_any(text, steps_content()["cues"][rule["cue"]][lang])
    if kind == "needs_cue_or_digit":
        return bool(re.search(r"\d|[一二三四五六七八九十两]", text)) or _has_any(text, steps_content()["cues"][rule["cue"]][lang])
    if kind == "needs_words":
        return _has_any(text, step["words"][lang])
    if kind == "question":
        stripped = text.strip()
        return stripped.endswith(("?", "？")) or _has_any(stripped, list(QUESTION_WORDS[lang]))
    raise ValueError(f"unknown rule kind {kind!r}")


def pitfalls_in(text: str, lang: str) -> list[str]:
    """Return the ids of the pitfalls whose words appear in ``text``."""
    return [p["id"] for p in steps_content()["pitfalls"] if _has_any(text, p["words"][lang])]


@dataclass(frozen=True)
class StepNote:
    """What the builder says about one step: empty, needs work (with a hint and pitfalls) or fine."""

    step: str
    status: str  # "empty", "revise" or "ok"
    hint: str = ""
    pitfalls: tuple[str, ...] = ()


def check_steps(kind: str, answers: dict[str, str], lang: str) -> list[StepNote]:
    """Return a note per step, in order."""
    notes = []
    for step in builder(kind)["steps"]:
        text = answers.get(step["id"], "").strip()
        if not text:
            notes.append(StepNote(step["id"], "empty", step["hint"][lang]))
            continue
        found = tuple(pitfalls_in(text, lang))
        ok = rule_passes(step["rule"], step, text, lang) and not found
        notes.append(StepNote(step["id"], "ok" if ok else "revise", "" if ok else step["hint"][lang], found))
    return notes


def readiness(notes: list[StepNote]) -> float:
    """Return the share of steps that are fine (0–1)."""
    return sum(n.status == "ok" for n in notes) / len(notes) if notes else 0.0


def to_script(kind: str, answers: dict[str, str], lang: str) -> str:
    """Write the steps as one script to say, in order, with the step titles as a plain-text outline."""
    lines = [builder(kind)["name"][lang], ""]
    for step in builder(kind)["steps"]:
        lines += [step["title"][lang], answers.get(step["id"], "").strip() or "—", ""]
    return "\n".join(lines)
