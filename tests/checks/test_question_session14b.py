"""The GROW stage of coaching questions, session 14 (issue 13, judge J-question14b).

Classes the retired per-label blind sets read wrong, written by different writers:

- small talk about the person's life, not the work, has no GROW stage (conventions 20): sleep and tiredness seen now, a
  holiday tan, a meal, the team's night out or lunch (its "team" names no work), the match with the work put aside
  (retired blind4, blind6, blind7, blind9, blind10, blind11, blind14, blind16, blind17, train-writers; rules/question.yaml
  question.*.small_talk, question.py _small_talk);
- a fix told with its start or its report-back day fixed is Will (conventions 19, 24): a start and a day or a report back
  and a day in one sentence, the manager putting the person on a shift from a date, a Chinese time clause heading the act
  told to 你 (retired blind16, blind17 en and zh; question.en.fixed_when.day, question.en.took_over, question.py
  _started_for_you).

Texts marked with a set are retired items; the rest are our own wording. Each block has neighbours that must not move.
"""

from __future__ import annotations

import pytest

from coachlab.checks.question import check_question


@pytest.mark.parametrize("text,lang", [
    ("Did you enjoy the team night out?", "en"),  # blind17
    ("Did you enjoy the team lunch?", "en"),  # blind9
    ("you good? you look tired today", "en"),  # blind14
    ("Nice tan! Where did you go?", "en"),  # blind11
    ("Did you eat? Long day huh", "en"),  # blind6
    ("最近睡得好吗？看你有点累。", "zh-CN"),  # blind10
    ("最近睡得怎么样？", "zh-CN"),  # blind11
    ("最近累不累啊？", "zh-CN"),  # train-writers
    ("来来来，先不说工作，昨晚球看了没？", "zh-CN"),  # blind16
])
def test_small_talk_about_the_persons_life_has_no_stage(text: str, lang: str) -> None:
    """Small talk about the person's life is no GROW stage and carries the pitfall small_talk."""
    report = check_question(text, lang)
    assert report.grow_stage is None
    assert "small_talk" in [p.id for p in report.pitfalls]


@pytest.mark.parametrize("text,lang,stage", [
    ("You were tired, weren't you?", "en", "reality"),  # own set: a tiredness at a call, asked as a fact
    ("你当时是累了，对吧？", "zh-CN", "reality"),  # own set
    ("How did the team night shift go?", "en", "reality"),  # a team shift is work
    ("先不说工作，这周的回访你排得怎么样？", "zh-CN", "reality"),  # the work named after all
])
def test_work_or_a_past_tiredness_keeps_its_stage(text: str, lang: str, stage: str) -> None:
    """A tiredness asked about a call, or a work word outside the small talk, keeps the stage."""
    assert check_question(text, lang).grow_stage == stage


@pytest.mark.parametrize("text,lang", [
    ("Start the side-by-sides on Monday and send me your notes Friday.", "en"),  # blind16
    ("Let's put it down then: shadow shift Tuesday 9 till 1, and you message me by 12 on Friday to confirm.", "en"),  # blind17
    ("Let's just put you on the early shift from next week, that'll sort it.", "en"),  # blind16
    ("周一开始，你每天8点前登录。", "zh-CN"),  # blind17
    ("下周三开始，你每天先处理回拨队列。", "zh-CN"),
])
def test_a_fix_told_with_its_start_or_report_day_is_will(text: str, lang: str) -> None:
    """A told fix whose start or report-back day is fixed is Will, and leads (conventions 13, 19, 24)."""
    report = check_question(text, lang)
    assert (report.form, report.grow_stage, report.leading) == ("statement", "will", True)


@pytest.mark.parametrize("text,lang,stage", [
    ("I'd suggest you shadow Priya on Thursday.", "en", "options"),  # train: a day to do the fix on is part of the fix
    ("你明天先把备注模板用起来。", "zh-CN", "options"),  # blind12, blind14, blind17
    ("I'll speak to the rota team today, leave it with me.", "en", "options"),  # blind16: "today" is left as it was
])
def test_a_day_to_do_a_fix_on_stays_options(text: str, lang: str, stage: str) -> None:
    """A day to do the fix on, with no start or report back fixed, keeps the fix's Options."""
    assert check_question(text, lang).grow_stage == stage


@pytest.mark.parametrize("text", [
    "Would reading the fare rule first help, do you think?",  # blind16
    "You already try to ask the senior for help or not yet?",  # blind17
    "Wanna give the new macro a try?",  # blind9
    "Would you like to try the 8:30 start for four weeks?",  # blind3
    "Any chance you could start with the new hires?",  # train
])
def test_one_thing_offered_to_try_is_advice_at_options(text: str) -> None:
    """One thing offered for a yes is advice in a closed question at the Options stage (conventions 6)."""
    report = check_question(text, "en")
    assert (report.form, report.grow_stage, report.advice) == ("closed", "options", True)


@pytest.mark.parametrize("text", [
    "Would you like to try the new script or keep the old one?",  # a choice offers no one thing (blind8's wording)
    "Would it help if I sat in on a call?",  # the coach's own support
    "What would help you most?",
])
def test_a_choice_or_an_open_offer_is_no_advice(text: str) -> None:
    """A choice between two, or an open question about what would help, suggests nothing."""
    assert check_question(text, "en").advice is False


def test_have_you_tried_without_the_advice_marker_is_advice() -> None:
    """"你试过…没有？" is advice at Options even when no advice rule of its own fires (blind16, conventions 6)."""
    report = check_question("你试过先把客户的诉求复述一遍再解释没有？", "zh-CN")
    assert (report.grow_stage, report.advice) == ("options", True)


@pytest.mark.parametrize("text,lang", [
    ("Why do your colleagues rate you 2.6 then?", "en"),  # turns15
    ("Why do you think people find you hard to work with?", "en"),  # turns16
    ("Why do you think you're the obvious choice when your peers give you 2.6?", "en"),  # turns14
    ("Why you think you are so obvious choice?", "en"),  # turns10
    ("Your CSAT dropped 11 points. Why?", "en"),  # turns3, turns5
    ("为什么你自评5分，同事只给2.6？", "zh-CN"),  # turns15
    ("全场最好？那你协作怎么才2.6分？", "zh-CN"),  # turns6
])
def test_a_why_that_asks_them_to_defend_a_verdict_accuses(text: str, lang: str) -> None:
    """A why with a low score, others' verdict or the person's claim as its premise is leading and accusing (conventions 26)."""
    report = check_question(text, lang)
    assert report.leading is True
    assert "accusing" in [p.id for p in report.pitfalls]


@pytest.mark.parametrize("text,lang", [
    ("How would your colleagues describe working with you?", "en"),  # the good move at promo-overconfident-360 self-view
    ("Your CSAT went from 89 to 78. What do you make of that?", "en"),
    ("Why do you think customers find the new menu hard?", "en"),
    ("你给自己这六周打个分，满分10分打几分？为什么？", "zh-CN"),  # turns16 perf-interview-csat-drop self-view: good
    ("为什么你觉得这个办法不合适？", "zh-CN"),
])
def test_a_view_asked_or_a_why_about_others_does_not_accuse(text: str, lang: str) -> None:
    """A view asked after a fact, the person's own score asked why, or a why about others stays clean."""
    assert check_question(text, lang).leading is False


@pytest.mark.parametrize("text,lang", [
    ("Everyone OK after yesterday? Get some sleep?", "en"),  # turns16 review-peak-day goal: fallback
    ("大家昨天都累坏了吧，早饭吃了没？", "zh-CN"),  # turns15 review-peak-day goal: fallback
])
def test_a_check_on_sleep_or_breakfast_is_small_talk(text: str, lang: str) -> None:
    """A check on the team's sleep or breakfast after a hard day is small talk (conventions 20)."""
    assert "small_talk" in [p.id for p in check_question(text, lang).pitfalls]


def test_did_you_already_try_after_a_reality_question_is_left_as_it_was() -> None:
    """"Did you already try…?" with its auxiliary is not read as the learner's "You already try…?" (turns12 reality-question)."""
    report = check_question("Where are you now with this? Did you already try something like calibration?", "en")
    assert report.advice is False
