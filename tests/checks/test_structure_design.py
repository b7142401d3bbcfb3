"""Issue 13, second pass: clause structure and defaults that hold without marker words.

Each test pins one design choice of coachlab.checks with text written here (never from a sealed blind set):
a concrete next step without "next time" is found from clause structure; a quality shown ("empathy") is not
an act; a work question with no stage cue is Reality while small talk stays without a stage; a concrete
goal is relevant unless it is private life; a number counts for the result only in the clause that tells it;
an accusing "why" leads; a feeling named to wave it away is not acknowledged.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.base import analyse
from coachlab.checks.structure import acts_on_occasion, concrete_steps


@pytest.mark.parametrize("text", [
    "Before you put anyone on hold, say 'I'm checking your last two tickets, about a minute.'",
    "Huddles: wait until the person is done, then ask one question before you give your view.",
    "挂起之前先说一句“我帮您查一下，大概一分钟”，超过30秒就回来报一下进度。",
])
def test_a_concrete_step_without_next_time_is_found(text: str) -> None:
    doc = analyse("feedback", text).doc
    assert concrete_steps(doc), text


@pytest.mark.parametrize("text", [
    "Be more careful.",
    "Don't be late again, or it goes in your review.",
    "你按流程先说明了扣费规则，再帮他申请了部分退款。",
    "再漏回电，这个月奖金就别想了。",
    "以后要更认真。",
])
def test_vague_wishes_warnings_and_past_acts_are_not_steps(text: str) -> None:
    assert not concrete_steps(analyse("feedback", text).doc), text


@pytest.mark.parametrize("text", [
    "On the 3pm call you showed empathy and ownership throughout.",
    "你在昨天那通电话中展现了良好的沟通能力和服务意识。",
])
def test_a_quality_shown_is_not_an_act(text: str) -> None:
    assert not acts_on_occasion(analyse("feedback", text).doc)
    assert run("feedback", text).to_dict()["elements"]["behavior"] is False


def test_a_concrete_act_on_an_occasion_is_still_an_act() -> None:
    assert acts_on_occasion(analyse("feedback", "On the 3pm call you read the order number back twice.").doc)


@pytest.mark.parametrize("text,lang", [
    ("How many of the escalations this week came from the billing queue?", "en"),
    ("这周的升级投诉，大部分是哪个队列来的？", "zh-CN"),
])
def test_a_work_question_without_a_stage_cue_is_reality(text: str, lang: str) -> None:
    from coachlab.checks.engine import rulebook

    assert rulebook("question").settings["stage_default"] == "reality"
    assert run("question", text, lang=lang).grow_stage == "reality"


@pytest.mark.parametrize("text", ["How was your weekend?", "周末过得怎么样？"])
def test_small_talk_keeps_no_stage(text: str) -> None:
    assert run("question", text).grow_stage is None


@pytest.mark.parametrize("text,relevant", [
    ("Finish the new tariff module on the learning portal by 15 June.", True),
    ("Lose 3 kg before the summer holiday.", False),
    ("Be a more positive person.", False),
])
def test_a_concrete_goal_is_relevant_unless_private(text: str, relevant: bool) -> None:
    assert run("goal", text, lang="en").criteria["relevant"] is relevant


def test_a_number_in_the_action_does_not_quantify_the_result() -> None:
    from coachlab.checks.base import analyse as an
    from coachlab.checks.star import check_star

    text = "My task was to cut transfers. I mapped the 10 most common transfer reasons and wrote a guide for each team."
    report = check_star(text, lang="en")
    assert report.quantified_result is False
    assert an("star", text).doc.quantities  # the number is there, only not in a result


@pytest.mark.parametrize("text", ["Why didn't you tell me three weeks ago?", "你为什么不早点跟我说？",
                                  "Who do you think was responsible for that?"])
def test_an_accusing_why_leads(text: str) -> None:
    assert run("question", text).leading is True


@pytest.mark.parametrize("text,ctx", [
    ("Scared? Come on, it's just a phone call.", "I'm scared to pick up the next one."),
    ("怕啥，不就一个电话嘛。", "我有点怕接下一个电话。"),
])
def test_a_feeling_waved_away_is_not_acknowledged(text: str, ctx: str) -> None:
    assert run("listening", text, context=ctx).to_dict()["elements"]["feeling"] is False


@pytest.mark.parametrize(("text", "actors"), [
    ("小王只好替你接了好几通", ["third"]),   # 替你: you are the one acted for, 小王 acts
    ("客户跟你吵了十分钟", ["customer"]),
    ("上周二八点十分才登录", [None]),       # 上周二 is a day, not a person (jieba tags it as a name)
])
def test_a_person_after_a_preposition_or_a_day_word_is_not_the_actor(text: str, actors: list[str]) -> None:
    """The clause's actor is who acts: not the object of 替/跟/给, and not a day jieba tags as a name."""
    from coachlab.checks.structure import clauses

    assert [c.actor for c in clauses(analyse("feedback", text, "zh-CN", None).doc)] == actors


def test_a_colleagues_cover_told_after_the_lateness_is_impact() -> None:
    """"…，小王只好替你接了好几通" is what happened next to a colleague: impact with no marker word."""
    report = run("feedback", "上周有三次你8点后才登录，小王只好替你接了好几通。", lang="zh-CN")
    assert report.elements["behavior"] and report.elements["impact"]
