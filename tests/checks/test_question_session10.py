"""The question check, session 10 (judge q10): a told fix has the stage of what it hands over (conventions 19)."""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.engine import rulebook
from tests.checks.playing import reached


def _report(text: str, lang: str) -> dict:
    return run("question", text, lang=lang).to_dict()


def _pitfalls(report: dict) -> set[str]:
    return {p["id"] for p in report["pitfalls"]}


def test_stated_advice_has_stage_is_on() -> None:
    """Convention 19 is applied: the switch is on and the told statement's stages are rules data."""
    settings = rulebook("question").settings
    assert settings["stated_advice_has_stage"] is True
    assert [row["stage"] for row in settings["told_stage"]] == ["goal", "will", "options"]


@pytest.mark.parametrize(("text", "lang", "stage"), [
    # Own wording. A goal handed over is Goal, whatever act words the goal carries ...
    ("Your goal this quarter is obviously the senior agent grade.", "en", "goal"),
    ("你下一步当然是去转质检啊，这还用想。", "zh-CN", "goal"),
    ("目标就是把重复来电压下来，别的先放一放。", "zh-CN", "goal"),
    # ... a date or a first step fixed for the person is Will ...
    ("Call the bank back first thing, before you open the queue.", "en", "will"),
    ("Update the macro list and send it to me by Friday.", "en", "will"),
    ("你下周三就开始用新的开场白，就这么定了。", "zh-CN", "will"),
    ("周五前你把这三个话术模板背熟。", "zh-CN", "will"),
    # ... and any other fix or option told is Options, a day to do it on included.
    ("Just put the caller on hold and check the order history.", "en", "options"),
    ("You should sit with Dana on Tuesday and listen to her openings.", "en", "options"),
    ("你应该先核对地址再下单。", "zh-CN", "options"),
    ("我建议你每天下班前把没结的工单过一遍。", "zh-CN", "options"),
])
def test_told_fix_has_the_stage_of_what_it_hands_over(text: str, lang: str, stage: str) -> None:
    """A told fix stays a leading statement (conventions 13) and takes the stage of what it hands over (conventions 19)."""
    report = _report(text, lang)
    assert (report["form"], report["leading"], report["grow_stage"]) == ("statement", True, stage)
    assert "told" in _pitfalls(report)


@pytest.mark.parametrize(("text", "lang"), [
    # Own wording. A reproach, mockery, a demand that names no fix and an answer handed over that is no fix keep no stage.
    ("怎么又是你最后一个交日报？", "zh-CN"),
    ("Half a day? How very generous of you.", "en"),
    ("You need to find a way, the team can't wait.", "en"),
    ("The real problem is that you never say no to anyone.", "en"),
    ("说白了，你就是太心软了。", "zh-CN"),
])
def test_what_hands_over_no_fix_keeps_no_stage(text: str, lang: str) -> None:
    assert _report(text, lang)["grow_stage"] is None


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "intent"), [
    # A told fix with its stage still reaches the intent that names steering or advice (conventions 13) ...
    ("grow-delegation", "goal", "Your goal is obviously to hand over the reports.", "en", "closed-or-leading"),
    ("grow-delegation", "options", "你把周报交给小李做就行了，下周一开始。", "zh-CN", "advice"),
    ("kpi-first-week-former-peer", "reality-question", "Just drop the long notes and send me the new AHT by Friday.", "en",
     "leading-or-closed"),
    # ... never the good move of the stage it now carries, and the fallback where the closed intent speaks of yes/no only.
    ("grow-move-to-qa", "will", "Sit with Ms Zhao first thing on Tuesday, that's settled.", "en", "fallback"),
    ("grow-move-to-qa", "options", "你应该先去质检组跟两天岗。", "zh-CN", "advice"),
])
def test_told_fix_with_a_stage_at_a_question_turn(scenario_id: str, node: str, text: str, lang: str, intent: str) -> None:
    assert reached(scenario_id, node, text, lang) == intent


@pytest.mark.parametrize(("text", "stage"), [
    # Own wording. A supposed case that asks what one would most like to do asks for acts: Options (conventions 11) ...
    ("要是排班完全由你定，你最想怎么调？", "options"),
    ("假如不考核AHT，你最想先改哪一步？", "options"),
    ("要是重来一遍，你会怎么处理得不一样？", "options"),
    # ... one that pictures the outcome stays Goal ...
    ("要是半年后一切都顺了，会有什么不一样？", "goal"),
    # ... a request for an instance asks for what happened: Reality (conventions 12) ...
    ("能再举一个例子吗？", "reality"),
    # ... and a spoken why-not suggestion is advice at the Options stage (conventions 6).
    ("你为啥不直接把单子转给售后呢？", "options"),
])
def test_zh_stage_by_what_is_asked(text: str, stage: str) -> None:
    assert _report(text, "zh-CN")["grow_stage"] == stage


def test_spoken_why_not_is_advice() -> None:
    """为啥不直接… suggests a fix as 为什么不直接… does: advice (rules/question.yaml question.zh.advice)."""
    assert _report("你为啥不直接把单子转给售后呢？", "zh-CN")["advice"] is True
