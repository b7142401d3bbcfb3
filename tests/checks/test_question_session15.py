"""Session 15 (judge question15): GROW stages the question check missed on unseen text (rules/question.yaml, session 15 rules).

A why about a cause outside the person is Reality, and not an accusation (question.*.stage.reality.cause, the accusing_why unless);
why something matters to the person is Goal (question.*.stage.goal.motive); where the hours go, how far they have got and what
holds them up is Reality (question.*.stage.reality.time_spent); the next step they have in mind and the one change they would most
like are Goal (question.*.stage.goal.next_step_in_mind, question.en.stage.goal.change_wished, pictured); a supposed case that asks
how it could be done is Options (question.zh.supposed_act); the support wanted from the coach, in non-native order, is Will
(question.en.stage.will.support_from_me). Phrasings of our own, none copied from a corpus."""

import pytest

from coachlab import checks
from coachlab.checks.base import analyse


def _stage(text: str, lang: str) -> str | None:
    return checks.run("question", text, lang).grow_stage


CASES = [
    # a cause outside the person
    ("Why do you think the night-shift chats keep timing out?", "en", "reality"),
    ("What's your take on why the refund tickets bounce back from finance?", "en", "reality"),
    ("What do you think is behind the jump in password resets?", "en", "reality"),
    ("这周退款单为啥被财务打回来这么多次？", "zh-CN", "reality"),
    ("为什么周一上午的进线总比周五多？", "zh-CN", "reality"),
    # why it matters to them
    ("考这个证对你来说为什么这么重要？", "zh-CN", "goal"),
    ("你为什么想去做培训岗？", "zh-CN", "goal"),
    ("Why does the trainer job matter so much to you?", "en", "goal"),
    # where the time goes, how far they have got, what holds them up
    ("walk me thru yesterday - where did the 9 hrs go?", "en", "reality"),
    ("what's eating up most of ur week rn?", "en", "reality"),
    ("离转培训岗这个目标，你现在走到哪一步了？", "zh-CN", "reality"),
    ("目前在排班这块你都做过些什么？有啥卡着你？", "zh-CN", "reality"),
    # the next step they have in mind, the change they most want
    ("sounds good - what's the next step you've got in mind?", "en", "goal"),
    ("说来听听，你心里的下一步是啥？", "zh-CN", "goal"),
    ("if u could change one thing about ur shifts, what would it be?", "en", "goal"),
    ("what would you most like to change about your mornings?", "en", "goal"),
    ("If you look back in three months and it all worked, what do you see?", "en", "goal"),
    ("要是哪天你不用再加班，你希望那时候自己是个什么状态？", "zh-CN", "goal"),
    # a supposed case asking how it could be done, ways as roads
    ("假设你有两周时间，你可以怎样把带新人的经验攒起来？", "zh-CN", "options"),
    ("如果下周就开始准备，你有哪几条路可以走？", "zh-CN", "options"),
    ("除了多排人，还有啥能让晚高峰不那么挤？", "zh-CN", "options"),
    # support from the coach, non-native order
    ("OK, when exactly you will start, and what help you want from me?", "en", "will"),
]


@pytest.mark.parametrize("text, lang, stage", CASES)
def test_stage(text: str, lang: str, stage: str) -> None:
    assert _stage(text, lang) == stage


KEEP = [
    # a why aimed at the person still blames and keeps no stage of its own making
    ("Why do you think you only closed 6 tickets when the others did 20?", "en", True),
    ("为啥一直没去找质检组？", "zh-CN", None),
    # one thing to change tomorrow is an act: Options; planning the next step stays Will
    ("What's one thing you could change tomorrow?", "en", "options"),
    ("So what's your next step, and when will it happen?", "en", "will"),
    ("下一步具体做什么？哪天开始？", "zh-CN", "will"),
]


def test_why_about_the_person_still_leads() -> None:
    report = checks.run("question", KEEP[0][0], "en")
    assert report.leading


def test_why_not_done_has_no_cause_reading() -> None:
    # an act not done, its subject (the person) left out, is no cause outside the person
    a = analyse("question", KEEP[1][0], "zh-CN")
    assert "question.zh.stage.reality.cause" not in {rule.id for rule, _ in a.hits.get("reality", ())}


@pytest.mark.parametrize("text, lang, stage", KEEP[2:])
def test_kept(text: str, lang: str, stage: str) -> None:
    assert _stage(text, lang) == stage


def test_cause_outside_the_person_is_not_leading() -> None:
    report = checks.run("question", "Why do you think so many parcels keep ending up at the wrong depot?", "en")
    assert not report.leading and report.grow_stage == "reality"
