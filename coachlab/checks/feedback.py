"""BIA/BID feedback: behaviour, impact, appreciation, development, and the classic feedback pitfalls."""

from __future__ import annotations

from .base import analyse, clamp, clean, is_empty
from .report import FeedbackReport, Pitfall, frozen

ELEMENTS = ("behavior", "impact", "appreciation", "development")
FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich", "question_form",
         "threat")


def check_feedback(text: str, lang: str = "auto", context: str | None = None) -> FeedbackReport:
    """Read a piece of feedback and say which BIA/BID parts it has and which pitfalls it falls into."""
    text = clean(text)
    a = analyse("feedback", text, lang, context)
    if is_empty(text):
        return FeedbackReport(lang=a.lang, score=0, empty=True, suggestions=(a.say("empty"),),
                              elements=frozen({e: False for e in ELEMENTS}))
    elements = {e: a.has(e) for e in ELEMENTS}
    # Praise with nothing observable behind it is vague, however warm it sounds.
    vague = (elements["appreciation"] or a.has("praise")) and not elements["behavior"]
    flags = tuple(f for f in FLAGS if (vague if f == "vague_praise" else a.has(f)))
    model = "BID" if elements["development"] else "BIA" if elements["appreciation"] else None

    suggestions = []
    for element in ("behavior", "impact"):
        if not elements[element]:
            suggestions.append(a.say(f"missing.{element}"))
    if model is None:
        suggestions.append(a.say("missing.appreciation_or_development"))
    for flag in flags:
        target = "praise" if flag == "vague_praise" and not a.has("appreciation") else (
            "appreciation" if flag == "vague_praise" else flag)
        suggestions.append(a.say(f"fix.{flag}", quote=a.quote(target)))
    if not suggestions:
        suggestions.append(a.say("next"))

    pitfalls = tuple(Pitfall(f, a.say("why.vague_praise")) if f == "vague_praise" else a.pitfall(f)
                     for f in flags)
    present = elements["behavior"] + elements["impact"] + (elements["appreciation"] or elements["development"])
    score = clamp(100 * present / 3 - 15 * len(flags))
    evidence = a.evidence([*ELEMENTS, *(f for f in flags if f != "vague_praise")])
    return FeedbackReport(lang=a.lang, score=score, evidence=evidence, pitfalls=pitfalls,
                          suggestions=tuple(suggestions), elements=frozen(elements), model=model, flags=flags)

