"""An unsure dig is asked, never told (issue 13, session 10, H-tone-ask).

When only the tone model flags an answer, and below ``model.ask_below`` (coachlab/checks/rules/tone.yaml), the
report lists ``sarcasm`` in ``unsure``. The engine's ask flow takes it like any unsure verdict: it asks when the
answer changes the coach's reply (the intent, or the fallback's tone note), and the ask uses no try. "Yes" (meant in
earnest, the favourable reading) drops the pitfall and the turn resolves on the rest; "no" keeps the mockery: the
fallback with the tone note. A sure flag (a rule, or the model from ``ask_below`` up) is never asked about.
"""

from __future__ import annotations

from typing import Any

import pytest

from coachlab.i18n import t
from coachlab.scenarios import Scenario, answer, choose, start
from coachlab.scenarios.engine import confirm, play_free, reached, settle, tries_left
from scenario_testdata import mocking

QUESTION = "Did you mean “a dig” in earnest?"


def unsure_dig(words: str | None, kinds: tuple[str, ...] = ("feedback",), **elements: bool) -> Any:
    """Return a checker whose reports (of ``kinds``) carry the sarcasm pitfall as the tone check gives an unsure one:
    the mocking checker's report, with ``sarcasm`` unsure, its question and its answers (yes = in earnest)."""
    plain, dig = mocking(None, **elements), mocking(words, **elements)

    def check(kind: str, text: str, context: str | None = None) -> dict[str, Any]:
        if words is None or kind not in kinds:
            return {**plain(kind, text), "unsure": [], "questions": [], "answers": {}, "confidence": {}}
        return {**dig(kind, text), "unsure": ["sarcasm"], "questions": [{"label": "sarcasm", "text": QUESTION}],
                "answers": {"sarcasm": {"yes": False, "no": True}}, "confidence": {"sarcasm": 0.3}}
    return check


GOOD = "You logged in at 8:09 and the queue waited. Good to see you back, by the way."


def test_settle_drops_the_pitfall_and_its_evidence_on_yes_and_keeps_them_on_no():
    report = unsure_dig("by the way")("feedback", GOOD)
    report["evidence"].append({"element": "behavior", "start": 4, "end": 10, "text": "logged"})
    yes, no = settle(report, True, ["sarcasm"]), settle(report, False, ["sarcasm"])
    assert yes["pitfalls"] == [] and [e["element"] for e in yes["evidence"]] == ["behavior"]
    assert no["pitfalls"] == report["pitfalls"] and no["evidence"] == report["evidence"]
    assert yes["unsure"] == no["unsure"] == [] and "sarcasm" not in yes and "sarcasm" not in no


def test_a_good_answer_with_an_unsure_dig_is_asked_and_uses_no_try(speaking):
    scenario, session = speaking
    after, event = answer(scenario, session, GOOD, unsure_dig("by the way", behavior=True, impact=True))
    assert event.kind == "ask" and event.feedback == {"en": QUESTION, "zh-CN": QUESTION}
    assert after.tries == 0 and event.tries_left == tries_left(scenario, session) == 1
    assert after.pending["asked"] == {"feedback": ["sarcasm"]} and after.node == "speak"
    yes, event_yes = confirm(scenario, after, True)  # in earnest: the turn resolves on the rest
    assert event_yes.kind == "intent" and event_yes.matched == "bi" and yes.node == "listen"
    assert yes.turns[-1]["confirmed"] is True and yes.turns[-1]["unsure"] == ["sarcasm"]
    no, event_no = confirm(scenario, after, False)  # the mockery stands: the fallback with the tone note
    assert event_no.kind == "retry" and event_no.matched is None and no.tries == 1
    assert event_no.feedback["en"] == t("player.tone_quoted", "en", quote="Good to see you back, by the way") \
        + " Say what you saw."


def test_a_poor_answer_with_an_unsure_dig_is_asked_before_the_note(speaking):
    """The fallback either way, but with or without "that reads as a dig": the learner is asked which."""
    scenario, session = speaking
    text = "Nice to see you, by the way."
    after, event = answer(scenario, session, text, unsure_dig("by the way"))
    assert event.kind == "ask" and after.tries == 0
    _, event_yes = confirm(scenario, after, True)
    assert event_yes.kind == "retry" and event_yes.feedback["en"] == "Say what you saw."
    _, event_no = confirm(scenario, after, False)
    assert event_no.kind == "retry" and event_no.feedback["en"].startswith("“Nice to see you, by the way” reads as a dig")


def test_a_span_over_two_sentences_is_quoted_whole_in_the_note(speaking):
    """An unsure flag of a short answer covers the whole answer; the note after "no" quotes the same words."""
    scenario, session = speaking
    text = "Late? What happened this morning?"
    after, _ = answer(scenario, session, text, unsure_dig(text))
    _, event_no = confirm(scenario, after, False)
    assert event_no.feedback["en"].startswith("“Late? What happened this morning?” reads as a dig")


def test_one_question_settles_the_dig_in_every_report(mini):
    """Each report of the turn carries the same tone verdict: "yes" must clear all of them, or the answer stays
    mocking in the report nobody asked about."""
    intents = mini["nodes"]["speak"]["free"]["intents"]
    intents[0]["when"] = {"any_of": [{"any": ["flags:label"]}, {"check": "question", "all": ["leading"]}]}
    scenario = Scenario(mini)
    session, _ = choose(scenario, start(scenario), "good")
    check = unsure_dig("by the way", ("feedback", "question"), behavior=True, impact=True)

    def both(kind: str, text: str, context: str | None = None) -> dict[str, Any]:
        return {**check(kind, text, context), **({"form": "open", "leading": False} if kind == "question" else {})}
    after, event = answer(scenario, session, GOOD, both)
    assert event.kind == "ask" and after.pending["asked"] == {"feedback": ["sarcasm"], "question": ["sarcasm"]}
    assert event.feedback["en"] == QUESTION  # one question, not one per report
    _, event_yes = confirm(scenario, after, True)
    assert event_yes.kind == "intent" and event_yes.matched == "bi"


def test_a_sure_dig_is_not_asked(speaking):
    scenario, session = speaking
    check = unsure_dig("by the way", behavior=True, impact=True)

    def sure(kind: str, text: str, context: str | None = None) -> dict[str, Any]:
        return {**check(kind, text, context), "unsure": [], "questions": [], "answers": {}}
    after, event = answer(scenario, session, GOOD, sure)
    assert event.kind == "retry" and after.tries == 1 and "reads as a dig" in event.feedback["en"]


# ---------------------------------------------------------------- the real checks at a shipped role-play
# Our own texts; the tone model is refitted while others tune it, so each test takes the first text that lies in the
# band it needs (with a margin) and fails when none does.
SINCERE = {"en": ["So once? What happened that time?", "Mostly happy? What is the part that is not?",
                  "Really? That quick? How did you do it?"],
           "zh-CN": ["速度快？那客户那边反馈怎么样？", "每周五通？那你打算怎么安排时间？", "没时间？那你一天里哪段时间最被打断？",
                     "速度很快？那客户怎么说？", "速度快了？那你是怎么调整的？", "速度提上来了？那你是怎么做到的？"]}
MOCKING = {"en": ["Late again? Wow, what a surprise. Should I buy you an alarm clock?",
                  "Stuck? Maybe we should get you a map of the office."],
           "zh-CN": ["又迟到了？行啊，你可真够准时的。", "累？一天才接30通就累了，你可真娇气。"]}
MARGIN = 0.04


def _band(lang: str) -> tuple[float, float]:
    from coachlab.checks.tone import rulebook

    model = rulebook("tone").settings["model"]
    return float(model["threshold"][lang]), float(model["ask_below"][lang])


def _pick(texts: dict[str, list[str]], lang: str, unsure: bool) -> str:
    from coachlab.checks.tone import probability, spans

    low, high = _band(lang)
    found = [x for x in texts[lang] if not spans(x, lang) and (
        low + MARGIN <= probability(x, lang) <= high - MARGIN if unsure else probability(x, lang) >= high + MARGIN)]
    assert found, f"no {lang} text in the band the test needs: pick new ones"
    return found[0]


@pytest.fixture(scope="module")
def review():
    from coachlab.paths import course_root
    from coachlab.scenarios import load_scenario

    scenario, problems = load_scenario(course_root(), "review-peak-day")
    assert scenario is not None, problems
    assert scenario.nodes["evaluate"]["free"]["check"] == "question"
    return scenario


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_real_sincere_question_the_model_barely_flags_is_asked_and_yes_takes_its_intent(review, lang):
    from coachlab.checks import run
    from coachlab.scenarios.engine import replace

    text = _pick(SINCERE, lang, unsure=True)
    report = run("question", text, lang)
    question = next(q["text"] for q in report.questions if q["label"] == "sarcasm")
    session = replace(start(review), node="evaluate")
    after, event = answer(review, session, text, lang=lang)
    assert event.kind == "ask" and event.feedback[lang] == question and after.tries == 0
    _, yes = confirm(review, after, True)
    assert yes.kind == "intent" and yes.matched == "open-question"
    _, no = confirm(review, after, False)
    assert no.kind == "retry" and no.matched is None
    quote = next(e["text"] for e in report.to_dict()["evidence"] if e["element"] == "sarcasm").rstrip("。.？?")
    assert quote in no.feedback[lang] and no.feedback[lang].startswith("“")
    event, asked = play_free(review, "evaluate", text, lang, True)  # how the turn benchmark plays a good answer
    assert asked and reached(event) == "open-question"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_real_clear_mockery_is_not_asked_and_costs_the_try(review, lang):
    text = _pick(MOCKING, lang, unsure=False)
    event, asked = play_free(review, "evaluate", text, lang, True)
    assert not asked and event.kind == "retry" and reached(event) == "fallback"
    assert event.feedback["en"].startswith("“") and "reads as a dig" in event.feedback["en"]
