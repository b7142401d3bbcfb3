"""复盘 worksheet: six steps, the pitfalls a facilitator would point out, and the exported document."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from coachlab.packaged import packaged_yaml


def review_content() -> dict:
    """Load the six steps, the ten questions and the pitfall rules."""
    return packaged_yaml(__package__, "review.yaml")


def step_ids() -> tuple[str, ...]:
    """Return the six step ids in order."""
    return tuple(step["id"] for step in review_content()["steps"])


@dataclass(frozen=True)
class Finding:
    """One pitfall found in one step of the worksheet."""

    step: str
    pitfall: str
    message: str


@dataclass
class Worksheet:
    """A learner's 复盘: a title, who took part, and the text of each step."""

    title: str = ""
    participants: str = ""
    date: str = ""
    answers: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """Return the worksheet as plain data for saving."""
        return {"title": self.title, "participants": self.participants, "date": self.date,
                "answers": dict(self.answers)}

    @classmethod
    def from_dict(cls, data: dict) -> "Worksheet":
        """Rebuild a worksheet from saved data, ignoring unknown fields."""
        answers = {k: str(v) for k, v in (data.get("answers") or {}).items() if k in step_ids()}
        return cls(str(data.get("title", "")), str(data.get("participants", "")), str(data.get("date", "")), answers)


def _contains(text: str, word: str) -> bool:
    if word.isascii():
        return re.search(rf"(?<![a-z]){re.escape(word.strip())}(?![a-z])", text) is not None
    return word in text


def _hits(rule: dict, text: str, lang: str) -> bool:
    """Return True when ``text`` shows the pitfall described by ``rule``."""
    lowered = f" {text.strip().lower()} "
    kind = rule["kind"]
    if kind == "any_word":
        return any(_contains(lowered, w.lower()) for w in rule["words"][lang])
    if kind == "needs_any":
        return bool(text.strip()) and not any(_contains(lowered, w.lower()) for w in rule["words"][lang])
    if kind == "too_short":
        return 0 < len(text.strip()) < rule["min"][lang]
    if kind == "outside_without_inside":
        outside = any(_contains(lowered, w.lower()) for w in rule["words"][lang])
        inside = any(_contains(lowered, w.lower()) for w in rule["inside"][lang])
        return outside and not inside
    raise ValueError(f"unknown pitfall kind {kind!r}")


def pitfall_hits(pitfall_id: str, text: str, lang: str) -> bool:
    """Return whether one pitfall rule fires on ``text`` (used by the rule-example test)."""
    rule = next(r for r in review_content()["pitfalls"] if r["id"] == pitfall_id)
    return _hits(rule, text, lang)


def find_pitfalls(sheet: Worksheet, lang: str) -> list[Finding]:
    """Return the pitfalls in the worksheet, step by step."""
    found = []
    for step in step_ids():
        text = sheet.answers.get(step, "")
        for rule in review_content()["pitfalls"]:
            if step in rule["steps"] and _hits(rule, text, lang):
                found.append(Finding(step, rule["id"], rule["message"][lang]))
    return found


def missing_steps(sheet: Worksheet) -> list[str]:
    """Return the steps left empty."""
    return [step for step in step_ids() if not sheet.answers.get(step, "").strip()]


def to_markdown(sheet: Worksheet, lang: str, labels: dict[str, str]) -> str:
    """Write the worksheet as a Markdown document; ``labels`` holds the title, participants and date words."""
    lines = [f"# {sheet.title or labels['untitled']}", "",
             f"- **{labels['participants']}**: {sheet.participants or '—'}",
             f"- **{labels['date']}**: {sheet.date or '—'}", ""]
    for step in review_content()["steps"]:
        lines += [f"## {step['title'][lang]}", "", sheet.answers.get(step["id"], "").strip() or "—", ""]
    return "\n".join(lines)


def to_html(sheet: Worksheet, lang: str, labels: dict[str, str]) -> str:
    """Write the worksheet as a standalone HTML document."""
    esc = html.escape
    body = [f"<h1>{esc(sheet.title or labels['untitled'])}</h1>",
            f"<p><b>{esc(labels['participants'])}</b>: {esc(sheet.participants or '—')}<br>"
            f"<b>{esc(labels['date'])}</b>: {esc(sheet.date or '—')}</p>"]
    for step in review_content()["steps"]:
        text = sheet.answers.get(step["id"], "").strip() or "—"
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in text.split("\n") if p.strip())
        body.append(f'<section id="{step["id"]}"><h2>{esc(step["title"][lang])}</h2>{paragraphs}</section>')
    html_lang = "zh-CN" if lang == "zh-CN" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f"<title>{esc(sheet.title or labels['untitled'])}</title></head><body>{''.join(body)}</body></html>\n")
