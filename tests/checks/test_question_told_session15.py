"""Session 15 (judge J-question15-told): a rule laid down for next time is a fix told (conventions 13, 24).

At a question turn, a statement that says from when on something is to be done and then an act on something ("next time",
"from now on", "下次", "以后", "今后") hands over the fix, whoever is to act: it is stated advice and leading, with the pitfall
`told` and the Options stage (conventions 19). A repeat put as a condition (a threat or a cheer), a vague effort, doing the
same again, a wish and a question tell no fix (rules/question.yaml next_time; question.py _next_time_rule). Phrasings of our
own, none copied from a corpus."""

import pytest

from coachlab import checks
from coachlab.paths import course_root
from coachlab.scenarios import engine
from coachlab.scenarios.validator import load_scenario

TOLD = [
    ("Next time the supervisor brings two agents over from chat.", "en"),
    ("next time just message the floor walker", "en"),
    ("From now on, whoever sees the wallboard go red phones the duty manager.", "en"),
    ("I'll book the overflow room from now on, no stress.", "en"),
    ("Going forward the senior on shift opens the second queue.", "en"),
    ("以后队列一红就直接叫值班经理。", "zh-CN"),
    ("下次让二线的人先顶上来就行了。", "zh-CN"),
    ("这事我去跟排班说，以后高峰期给你们多安排两个人。", "zh-CN"),
    ("今后遇到这种情况由当班组长负责开分流。", "zh-CN"),
]

NOT_TOLD = [
    ("Next time I hope the IVR holds up.", "en"),
    ("What would you do differently next time?", "en"),
    ("If it happens again next time, there'll be consequences.", "en"),
    ("下次再这么拖着，你们自己掂量。", "zh-CN"),
    ("下次再加把劲吧。", "zh-CN"),
    ("下次要注意。", "zh-CN"),
    ("你以后带新人也这么做。", "zh-CN"),
    ("希望下次顺顺利利的。", "zh-CN"),
    ("下次遇到排长队，你觉得可以先找谁？", "zh-CN"),
]


@pytest.mark.parametrize("text,lang", TOLD)
def test_a_rule_for_next_time_is_a_fix_told(text: str, lang: str) -> None:
    report = checks.run("question", text, lang)
    assert report.form == "statement"
    assert report.leading and report.advice, (text, report.leading, report.advice)
    assert "told" in {p.id for p in report.pitfalls}
    assert report.grow_stage == "options"


@pytest.mark.parametrize("text,lang", NOT_TOLD)
def test_a_threat_a_cheer_a_wish_or_a_question_about_next_time_tells_no_fix(text: str, lang: str) -> None:
    report = checks.run("question", text, lang)
    assert "told" not in {p.id for p in report.pitfalls}, text
    assert not report.advice, text


@pytest.mark.parametrize("text,lang", [("Next time the supervisor brings two agents over from chat.", "en"),
                                       ("以后队列一红就直接叫值班经理。", "zh-CN")])
def test_at_the_causes_turn_a_rule_for_next_time_reaches_the_leading_intent(text: str, lang: str) -> None:
    scenario, _ = load_scenario(course_root(), "review-peak-day")
    event, _ = engine.play_free(scenario, "causes", text, lang, False)
    assert engine.reached(event) == "closed-or-leading"
