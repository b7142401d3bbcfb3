"""Say when unsure, for the tone check (issue 13, session 10, H-tone-ask).

A flag of the learned tone model alone below ``model.ask_below`` (rules/tone.yaml) is unsure: the report still
carries the ``sarcasm`` pitfall, and lists it in ``unsure`` with its ``confidence``, a question in the learner's
language quoting their own sentence, and ``answers`` (yes = meant in earnest = no pitfall, as for every pitfall the
checks ask about). Rule hits and flags from ``ask_below`` up stay sure verdicts. The practice score counts an unsure
tone pitfall at half its weight; graded exercises keep their binary rule (the pitfall is in ``pitfalls``).

The texts are our own (in no corpus). The tone model is refitted while others tune it, so each test takes the
first of a few texts whose probability lies inside the band it needs, with a margin, and fails when none does.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from coachlab.checks import practice_score, run
from coachlab.checks.base import _short
from coachlab.checks.goal import check_goal
from coachlab.checks.report import Pitfall
from coachlab.checks.star import check_star
from coachlab.checks.tone import ANSWERS, PITFALL, RULE_CONFIDENCE, probability, rulebook, spans, verdict
from coachlab.i18n import t

LANGS = ("en", "zh-CN")
MARGIN = 0.04
# Sincere questions that throw the person's word back first, the shape of many mocking answers.
SINCERE = {
    "en": ["So once? What happened that time?", "Once? Is that all you noticed?",
           "Mostly happy? What is the part that is not?", "Just once? Then tell me about that one call.",
           "Really? That quick? How did you do it?"],
    "zh-CN": ["速度快？那客户那边反馈怎么样？", "每周五通？那你打算怎么安排时间？", "没时间？那你一天里哪段时间最被打断？",
              "硬撑着？那你最近是不是太累了，跟我说说吧。",
              "这么快就回完了？客户满意吗？", "速度快了？那你是怎么调整的？", "那你打算先从哪儿下手？啥时候开始？"],
}
MOCKING = {
    "en": ["Late again? Wow, what a surprise. Should I buy you an alarm clock?",
           "Stuck? Maybe we should get you a map of the office.",
           "No time? Shall I clear my whole diary for you then?"],
    "zh-CN": ["又迟到了？行啊，你可真够准时的。", "累？一天才接30通就累了，你可真娇气。", "没时间？那要不我帮你把班都排了？"],
}


def settings() -> dict:
    return rulebook("tone").settings["model"]


def band(lang: str) -> tuple[float, float]:
    return float(settings()["threshold"][lang]), float(settings()["ask_below"][lang])


def unsure_text(lang: str) -> str:
    """Return a sincere text the model flags, but not surely (no rule fires)."""
    low, high = band(lang)
    found = [text for text in SINCERE[lang]
             if not spans(text, lang) and low + MARGIN <= probability(text, lang) <= high - MARGIN]
    assert found, f"no sincere {lang} text lies in the unsure band {low}-{high}: pick new ones"
    return found[0]


def sure_text(lang: str) -> str:
    """Return a mocking text the model flags surely (no rule fires)."""
    found = [text for text in MOCKING[lang]
             if not spans(text, lang) and probability(text, lang) >= band(lang)[1] + MARGIN]
    assert found, f"no mocking {lang} text scores above ask_below: pick new ones"
    return found[0]


def test_ask_below_lies_between_each_threshold_and_one():
    for lang in LANGS:
        low, high = band(lang)
        assert low < high < 1


@pytest.mark.parametrize("lang", LANGS)
def test_a_sincere_answer_the_model_barely_flags_carries_the_pitfall_as_a_question(lang):
    text = unsure_text(lang)
    report = run("question", text, lang)
    assert PITFALL in [p.id for p in report.pitfalls]  # the report still carries it
    assert PITFALL in report.unsure
    assert report.confidence[PITFALL] == round(probability(text, lang), 3) < band(lang)[1]
    asked = [q for q in report.questions if q["label"] == PITFALL]
    evidence = [e.text for e in report.evidence if e.element == PITFALL]
    assert len(asked) == 1 and len(evidence) == 1 and evidence[0] in text
    # A short answer is quoted whole: the model scored it whole, and the sentence after the echo is no dig alone.
    assert evidence[0] == text.strip()
    # The question quotes the learner's own sentence (the model's evidence), in the learner's language.
    assert asked[0]["text"] == t("checks.tone.ask", lang, quote=_short(evidence[0]))
    assert _short(evidence[0]).rstrip("…") in asked[0]["text"]
    assert report.answers[PITFALL] == ANSWERS == {"yes": False, "no": True}
    assert asked[0]["text"] in report.suggestions
    data = report.to_dict()
    assert PITFALL in data["unsure"] and data["answers"][PITFALL] == {"yes": False, "no": True}
    assert data["features"][PITFALL]  # the model's features behind the flag


@pytest.mark.parametrize("lang", LANGS)
def test_a_clear_mocking_answer_stays_a_sure_verdict(lang):
    text = sure_text(lang)
    report = run("question", text, lang)
    assert PITFALL in [p.id for p in report.pitfalls]
    assert PITFALL not in report.unsure and PITFALL not in report.answers
    assert not [q for q in report.questions if q["label"] == PITFALL]
    assert report.confidence[PITFALL] >= band(lang)[1]


@pytest.mark.parametrize("lang, text", [("en", "Thanks, I guess miracles do happen in billing."),
                                        ("zh-CN", "你可真行啊，佩服佩服。")])
def test_a_rule_hit_is_never_asked_about(lang, text):
    assert spans(text, lang)
    found = verdict(text, lang)
    assert found is not None and not found.unsure and found.question is None
    report = run("feedback", text, lang)
    assert PITFALL in [p.id for p in report.pitfalls] and PITFALL not in report.unsure
    assert report.confidence[PITFALL] == RULE_CONFIDENCE


def test_without_ask_below_the_same_flag_is_sure(monkeypatch):
    """The setting is what makes the flag a question: without it the model's flag is a verdict as before."""
    text = unsure_text("en")
    model = dict(settings())
    del model["ask_below"]
    monkeypatch.setitem(rulebook("tone").settings, "model", model)
    report = run("question", text, "en")
    assert PITFALL in [p.id for p in report.pitfalls] and PITFALL not in report.unsure


def test_an_unclouded_answer_gets_no_tone_entries():
    report = run("question", "What happened on that call, from the start?", "en")
    assert PITFALL not in report.confidence and PITFALL not in report.unsure
    assert not [q for q in report.questions if q["label"] == PITFALL]


@pytest.mark.parametrize("check, text", [
    (check_goal, "Raise first-call resolution from 70% to 78% by the end of June."),
    (check_star, "Our queue hit 40 calls. I was asked to fix it, so I set up a callback line and the wait fell by half."),
])
def test_practice_counts_an_unsure_tone_pitfall_half_and_grading_keeps_it(check, text):
    """Practice: a sure pitfall costs the kind's own weight (10 here), an unsure one half. Graded exercises keep
    their binary rule: the pitfall is in ``pitfalls`` whether sure or not, so "no pitfalls" fails either way."""
    plain = check(text, lang="en")
    assert not plain.pitfalls and 10 <= practice_score(plain) <= 100
    sure = replace(plain, pitfalls=(Pitfall(PITFALL, "mockery"),))
    unsure = replace(sure, unsure=plain.unsure + (PITFALL,))
    assert practice_score(plain) - practice_score(sure) == pytest.approx(10)
    assert practice_score(plain) - practice_score(unsure) == pytest.approx(5)
    assert unsure.to_dict()["pitfalls"]


def test_practice_does_not_count_the_tone_pitfall_as_a_feedback_flag():
    """A feedback report's arithmetic weighs its flags, not the tone pitfall (sure, it costs nothing): unsure, it
    costs nothing either (it is not taken for an unsure flag)."""
    report = run("feedback", unsure_text("en"), "en")
    assert PITFALL in report.unsure
    without = replace(report, unsure=tuple(u for u in report.unsure if u != PITFALL),
                      pitfalls=tuple(p for p in report.pitfalls if p.id != PITFALL))
    assert practice_score(report) == practice_score(without)
