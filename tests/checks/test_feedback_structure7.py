"""Clause structure in the feedback check (issue 13, session 7, judge fb3).

A dated, counted observation told with 是…的 and "after <a time>" (以后 after a clock time is no plan) is a
behaviour; a clause that only names a thing of the agent's ("你早班的登录时间") is none; a group of others
passing on what they say of the agent is speaking for others (convention 8), and at the BID behaviour turns,
which have no intent naming that pitfall, such an answer reaches the fallback even when the behaviour is named.
The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.base import analyse
from coachlab.checks.feedback import reported_by_others
from coachlab.checks.structure import acts_on_occasion, noun_phrase
from tests.checks.playing import reached

DATED = ["上周二和周四你都是八点零五以后才登录的。", "周一你是十点之后才回的客户消息。"]


@pytest.mark.parametrize("text", DATED)
def test_time_after_is_an_act_not_a_plan(text: str) -> None:
    """以后 / 之后 right after a clock time places a past act; the clause is an act on an occasion."""
    assert acts_on_occasion(analyse("feedback", text, "zh-CN").doc)
    assert run("feedback", text, lang="zh-CN").elements["behavior"] is True


def test_a_plan_after_a_time_word_stays_a_plan() -> None:
    """以后 opening a clause is still the future: no act."""
    assert not acts_on_occasion(analyse("feedback", "你以后八点前登录。", "zh-CN").doc)


def test_noun_phrase_is_no_act() -> None:
    """A clause that only names the agent's log-in time has no behaviour; a sentence after 的 keeps one."""
    assert noun_phrase("你早班的登录时间")
    assert not noun_phrase("你这周的质检有两通都是开场没报工号")
    assert not noun_phrase("在今天的晨会上你两次打断小李讲故障情况")
    assert not noun_phrase("你第二周搞的排班互换群")
    report = run("feedback", "你早班的登录时间，我看了一下，有点问题。", lang="zh-CN")
    assert report.elements["behavior"] is False
    assert report.elements["impact"] is False


@pytest.mark.parametrize("text", ["咱们组的人都说你午休老超时。", "组里好几个人跟我反映，你交接的时候总漏单。",
                                  "好几个同事跟我说你最近态度不太好。"])
def test_group_passing_on_a_judgement_is_speaking_for_others(text: str) -> None:
    """A plural group with a verb of saying whose object is the agent raises speaking_for_others."""
    assert reported_by_others(text)
    assert "speaking_for_others" in run("feedback", text, lang="zh-CN").flags


@pytest.mark.parametrize("text", ["客户挂机前还说了谢谢你。", "你的声音很好听，客户都喜欢。"])
def test_one_event_or_a_reaction_is_not_speaking_for_others(text: str) -> None:
    """One event told ("说了谢谢") or a reaction with no report verb is not the pitfall."""
    assert not reported_by_others(text)


@pytest.mark.parametrize(("scenario_id", "text", "lang", "want"), [
    ("bid-late-logins", "上周二和周四你都是八点零五以后才登录的。", "zh-CN", "behaviour-only"),
    ("bid-late-logins", "你早班的登录时间，我看了一下，有点问题。", "zh-CN", "fallback"),
    ("bid-late-logins", "组里好几个人跟我反映，最近10个早班你有7次八点以后才登录，开班那一刻钟队列少一个人。", "zh-CN",
     "fallback"),
    ("bid-late-logins", "Everyone's noticed that on 7 of your last 10 early shifts you logged in after 8:00, and the "
                        "queue was one short.", "en", "fallback"),
    ("bid-curt-tone-qa", "QA那边都在说，你10:42那通电话里对客户说“我刚才已经说过了”，客户给了2分。", "zh-CN", "fallback"),
])
def test_bid_behaviour_turns(scenario_id: str, text: str, lang: str, want: str) -> None:
    """A dated observation is the behaviour; a vague line is not; speaking for others reaches the fallback."""
    assert reached(scenario_id, "behaviour", text, lang, yes=True) == want


@pytest.mark.parametrize("text", ["你写的那个退费话术，投诉从6个直接到1个，辛苦了",
                                  "第三天就做了张夜班交接清单 → 漏交接5单→0单，谢谢你"])
def test_act_told_before_what_it_made_with_a_moving_number_is_behaviour(text: str) -> None:
    """"你做的那个X" with a number that moves, or a dated note with no subject, tells the agent's act."""
    report = run("feedback", text, lang="zh-CN")
    assert report.elements["behavior"] is True
    assert "vague_praise" not in report.flags


@pytest.mark.parametrize("text", ["你做的不错，调组申请3→0，谢谢", "你做的那些事我都记着，谢谢你。"])
def test_a_rating_after_de_or_no_moving_number_is_not_an_act(text: str) -> None:
    """"你做的不错" rates the work; a relative clause with nothing that moved pins nothing down."""
    from coachlab.checks.feedback import relative_acts

    assert not relative_acts(analyse("feedback", text, "zh-CN").doc)


@pytest.mark.parametrize("text", ["这两周早班7:50前签到就行 要是地铁出状况提前给我发个微信", "每天九点前交日报，实在来不及提前半小时跟我说一声。"])
def test_a_step_before_a_clock_time_is_development(text: str) -> None:
    """An act asked for before a clock time, or a set time ahead, is a concrete step (the D of BID)."""
    from coachlab.checks.feedback import deadline_steps

    assert deadline_steps(analyse("feedback", text, "zh-CN").doc)
    assert run("feedback", text, lang="zh-CN").elements["development"] is True


@pytest.mark.parametrize("text", ["你昨天八点前登录了。", "8点前的电话都是你接的。", "再不在8点前到岗，就扣绩效。"])
def test_a_done_act_a_noun_or_a_warning_before_a_time_is_no_step(text: str) -> None:
    """Something done (了), a noun after 的, or a warning is not a step."""
    from coachlab.checks.feedback import deadline_steps

    assert not deadline_steps(analyse("feedback", text, "zh-CN").doc)


@pytest.mark.parametrize("text", ["你那单退货处理得挺到位的，很棒。", "刚才那个客户你弄得真不错👍"])
def test_a_rating_of_the_handling_is_vague_praise_not_behaviour(text: str) -> None:
    """A generic handling verb with 得 and a rating names no act: no behaviour, vague praise."""
    from coachlab.checks.feedback import rating

    assert any(rating(part) for part in text.replace("，", "|").split("|"))
    report = run("feedback", text, lang="zh-CN")
    assert report.elements["behavior"] is False
    assert "vague_praise" in report.flags


def test_a_rating_with_the_act_told_keeps_the_behaviour() -> None:
    """A rating followed by what the agent did on the occasion keeps the behaviour."""
    text = "昨天下午那通你处理得很好，先复述了他的问题，又把退款到账日期念给他听。"
    assert run("feedback", text, lang="zh-CN").elements["behavior"] is True


def test_a_consequence_after_a_note_act_is_impact() -> None:
    """A counted note the rules did not see still starts what happened next; a threatened result has not happened."""
    text = "这个月12个早班有4次迟登录，晚5-8分钟。八点那阵子是积压最多的时候，缺你一个人组里压力就大了"
    assert run("feedback", text, lang="zh-CN").elements["impact"] is True
    assert run("feedback", "再出现一次漏回访，这个月奖金直接扣光。", lang="zh-CN").elements["impact"] is False
