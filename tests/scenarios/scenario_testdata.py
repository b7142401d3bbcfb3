"""Test data: a tiny valid scenario and a keyword stub checker (importable by Hypothesis tests)."""

from __future__ import annotations

from typing import Any



def bi(en: str, zh: str | None = None) -> dict[str, str]:
    """Return a bilingual text."""
    return {"en": en, "zh-CN": zh or f"中文：{en}"}


MINI: dict[str, Any] = {
    "schema_version": 1,
    "id": "mini",
    "title": bi("Mini"),
    "summary": bi("A tiny role-play for tests."),
    "skills": ["feedback-bid", "listening"],
    "minutes": 3,
    "persona": {"name": bi("Wang"), "role": bi("Agent"), "background": bi("Late log-ins."),
                "kpis": [{"label": bi("Adherence"), "value": "86%", "target": "93%"}]},
    "state": {"trust": {"min": 0, "max": 10, "start": 5}},
    "flags": ["heard"],
    "start": "open",
    "nodes": {
        "open": {"say": [bi("Hello A."), bi("Hello B.")], "choices": [
            {"id": "good", "text": bi("Facts first."), "effects": {"trust": 2}, "scores": {"feedback-bid": 2},
             "feedback": bi("Good."), "next": "speak"},
            {"id": "bad", "text": bi("You are lazy."), "effects": {"trust": -3}, "scores": {"feedback-bid": -1},
             "feedback": bi("A label."), "next": "speak"},
            {"id": "secret", "text": bi("Only when trusted."), "when": {"state": ["trust>=9"]},
             "feedback": bi("Hidden."), "next": "speak"},
        ]},
        "speak": {"say": bi("Go on."), "free": {
            "check": "feedback", "prompt": bi("Give BID feedback."), "retries": 1,
            "intents": [
                {"id": "label", "when": {"any": ["flags:label"]}, "effects": {"trust": -2},
                 "feedback": bi("No labels."), "retry": True, "next": "listen"},
                {"id": "bi", "when": {"all": ["elements.behavior", "elements.impact"]},
                 "scores": {"feedback-bid": 3}, "feedback": bi("B and I."), "next": "listen"},
            ],
            "fallback": {"feedback": bi("Say what you saw."), "next": "listen"},
            "better": bi("On Monday you logged in at 8:09; the queue waited."),
        }},
        "listen": {"say": bi("My bus is late."), "free": {
            "check": "listening", "prompt": bi("Reflect."), "retries": 0,
            "intents": [{"id": "ff", "when": {"all": ["elements.fact", "elements.feeling"]},
                         "scores": {"listening": 2}, "set": ["heard"], "feedback": bi("Heard."),
                         "next": [{"when": {"state": ["trust>=6"], "flags": ["heard"]}, "goto": "happy"},
                                  {"goto": "meh"}]}],
            "fallback": {"feedback": bi("Reflect first."), "next": "meh"},
            "better": bi("The bus is late and that is stressful."),
        }},
    },
    "endings": {"happy": {"title": bi("Happy"), "say": bi("Thanks."), "outcome": "good"},
                "meh": {"title": bi("Meh"), "say": bi("OK."), "outcome": "mixed"}},
    "debrief": {skill: {"label": bi(skill), "bands": {b: bi(b) for b in ("needs_work", "developing", "proficient")}}
                for skill in ("feedback-bid", "listening")},
}


def stub_checker(kind: str, text: str) -> dict[str, Any]:
    """Read keywords instead of running coachlab.checks: a deterministic test double."""
    low = text.lower()
    if kind == "feedback":
        return {"elements": {"behavior": "logged" in low, "impact": "queue" in low,
                             "appreciation": "thank" in low, "development": "next time" in low},
                "flags": ["label"] if "lazy" in low else [],
                "evidence": [{"element": "behavior", "start": low.find("logged"), "end": low.find("logged") + 6,
                              "text": "logged"}] if "logged" in low else []}
    if kind == "listening":
        return {"elements": {"fact": "bus" in low, "feeling": "stress" in low, "focus": "?" in low}, "evidence": []}
    if kind == "question":
        return {"form": "open" if low.startswith(("what", "how")) else "closed", "leading": "don't you" in low}
    raise ValueError(kind)


def mocking(words: str | None, **elements: bool) -> Any:
    """Return a checker whose feedback report has the given elements and, with ``words``, the sarcasm pitfall."""
    def check(kind: str, text: str, context: str | None = None) -> dict[str, Any]:
        report: dict[str, Any] = {
            "elements": {"behavior": False, "impact": False, "appreciation": False, "development": False,
                         **elements},
            "flags": [], "pitfalls": [], "evidence": []}
        if words is not None:
            start_at = text.find(words)
            report["pitfalls"] = [{"id": "sarcasm", "why": "mockery"}]
            report["evidence"] = [{"element": "sarcasm", "start": start_at, "end": start_at + len(words),
                                   "text": words}] if start_at >= 0 else []
        return report
    return check
