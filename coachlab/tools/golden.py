"""Golden circle (why → how → what) notes, and the red–green contrast sorting drill."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlab.packaged import packaged_yaml

RINGS: tuple[str, ...] = ("why", "how", "what")


def golden_content() -> dict:
    """Load the golden-circle rules and the red–green statements."""
    return packaged_yaml(__package__, "golden.yaml")


@dataclass(frozen=True)
class GoldenCircle:
    """A learner's golden circle for one piece of work."""

    why: str = ""
    how: str = ""
    what: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return the rings as a plain dict."""
        return {ring: getattr(self, ring) for ring in RINGS}


@dataclass(frozen=True)
class RingNote:
    """What the builder says about one ring: empty, needs work (with the rule's message) or fine."""

    ring: str
    status: str  # "empty", "revise" or "ok"
    rule_id: str | None = None
    message: str = ""


def _passes(rule: dict, text: str, lang: str) -> bool:
    kind = rule["kind"]
    if kind == "needs_any":
        lowered = text.lower()
        if lang != "zh-CN":
            return any(p.lower() in lowered for p in rule["patterns"][lang])
        # Chinese cues count as whole jieba words: 让/使 in "为了让客户…" is a purpose, in "使用新模板" a task.
        from coachlab.text import segment

        bounds = {p for w in segment(text) for p in (w.start, w.end)}
        return any(m.start() in bounds and m.end() in bounds
                   for p in rule["patterns"][lang] for m in re.finditer(re.escape(p.lower()), lowered))
    if kind == "min_length":
        return len(text.strip()) >= rule["min"][lang]
    if kind == "needs_digit_or_length":
        return bool(re.search(r"\d|[一二三四五六七八九十两]", text)) or len(text.strip()) >= rule["min"][lang]
    raise ValueError(f"unknown rule kind {kind!r}")


def review_circle(circle: GoldenCircle, lang: str) -> list[RingNote]:
    """Return a note per ring, in the order to present them: why, how, what."""
    rules = {rule["ring"]: rule for rule in golden_content()["rules"]}
    notes = []
    for ring in RINGS:
        text = getattr(circle, ring).strip()
        rule = rules[ring]
        if not text:
            notes.append(RingNote(ring, "empty"))
        elif _passes(rule, text, lang):
            notes.append(RingNote(ring, "ok", rule["id"]))
        else:
            notes.append(RingNote(ring, "revise", rule["id"], rule["message"][lang]))
    return notes


def rule_passes(rule_id: str, text: str, lang: str) -> bool:
    """Return whether ``text`` passes one golden-circle rule (used by the rule-example test)."""
    rule = next(r for r in golden_content()["rules"] if r["id"] == rule_id)
    return _passes(rule, text, lang)


def score_red_green(answers: dict[int, str]) -> tuple[int, int]:
    """Return (correct, total) for a learner's red/green sorting of the statements."""
    statements = golden_content()["red_green"]
    correct = sum(1 for i, s in enumerate(statements) if answers.get(i) == s["color"])
    return correct, len(statements)
