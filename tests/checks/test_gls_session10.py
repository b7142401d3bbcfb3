"""Session 10 (judge gls10): goal, listening and STAR calls per label and at role-play turns.

- Goals: a horizon's Chinese count is read by the project's numeral reader (coachlab.text.zh_to_number), not a
  numeral table of goal.py's own; the English number words stay goal.py's. "By the end of week four" is four weeks
  away (it was read as "the end of the week": a rise judged over one week, a good draft sent to the fallback).
- STAR (zh): session 9's "a state reached after the act is a result" held for 59 of 65 clauses it added on the dev
  sets; a state that names nothing changed ("后来就好了", "…恢复了就好了") is none, whatever marker word it carries, and
  a measure changed by an amount ("每通电话省了大概30秒", "减了一半多") is one.
- Listening: "我理解你的感受。" / "I understand how you feel." alone names no element (the per-label sets and the
  blind6, blind7 and turns-blind4 READMEs); at a fact-and-feeling turn it reaches the fallback ("reflect first"), not
  the intent that asks for "the other half" (turns-blind8/11's writers marked partial unsure, "fallback also fits").
"""

from __future__ import annotations

import pytest

from coachlab.checks import goal, run, star
from tests.checks.playing import reached


# ------------------------------------------------------------------------- goals: one Chinese numeral reader

def test_goal_keeps_no_chinese_numeral_table() -> None:
    """goal.py's number words are English only: Chinese numerals go through zh_to_number."""
    assert all(word.isascii() for word in goal._WORD_NUMBER)


@pytest.mark.parametrize("span, weeks", [("两周内", 2.0), ("十四天内", 2.0), ("二十天后", 20 / 7), ("三个月内", 12.9),
                                         ("一个季度", 13.0), ("in two weeks", 2.0), ("within fourteen days", 2.0),
                                         ("by day 14", 2.0)])
def test_horizon_counts_read_as_before(span: str, weeks: float) -> None:
    """Horizons in either language keep their length in weeks (the goal corpora moved by none of 14,126 texts)."""
    assert goal._horizon_weeks(span) == pytest.approx(weeks)


# ------------------------------------------------------------- STAR (zh): what a state reached after the act is

@pytest.mark.parametrize("clause", ["后来就好了", "后来系统恢复了就好了", "然后就好了"])
def test_a_state_that_names_nothing_changed_is_no_state_reached(clause: str) -> None:
    """"It was fine" names nothing changed: alone, or after a state told as its condition ("…恢复了就好了")."""
    assert not star.completed_state(clause)


@pytest.mark.parametrize("clause", ["之后转接错误就少了", "情况慢慢好起来了", "客户就满意了", "都转正了"])
def test_a_state_with_its_subject_is_still_reached(clause: str) -> None:
    """A predicate with what changed before it ("转接错误就少了", "客户就满意了") keeps its reading as a state reached."""
    assert star.completed_state(clause)


@pytest.mark.parametrize("clause", ["每通电话省了大概30秒", "后来投诉量确实减了一半多", "第二年离职率降到了20%", "放弃率少了两成"])
def test_a_measure_changed_by_an_amount_is_a_state_reached(clause: str) -> None:
    """A verb + 了 followed by an amount of a rate, a time or a share tells the change completed."""
    assert star.completed_state(clause)


@pytest.mark.parametrize("clause", ["一共讲了四场", "大概一个月走了四五个", "每台话机都测了一遍"])
def test_a_count_of_acts_or_people_is_no_amount_changed(clause: str) -> None:
    """A count of sessions held or of people who left is no measure changed (an act, or the scene)."""
    assert not star.completed_state(clause)


def test_savings_told_after_the_act_are_the_quantified_result() -> None:
    """A tool built, then the seconds it saved per call: the result, quantified (blind12's class)."""
    report = run("star", "我做了一个小工具，能自动把通话小结填进CRM，每通电话省了大概30秒。")
    assert report.elements["action"] and report.elements["result"] and report.quantified_result


@pytest.mark.parametrize("text", ["嗯……具体的我记不太清了，反正就是客户很生气，然后我就处理了，后来就好了。",
                                  "我先给客户道歉，后来系统恢复了就好了。"])
def test_it_was_fine_afterwards_is_no_result(text: str) -> None:
    """A "then it was fine" with a marker word (后来) is no result: the marker alone makes none (blind13's class)."""
    assert not run("star", text).elements["result"]


# --------------------------------------------------- listening: "I understand how you feel" and nothing else

@pytest.mark.parametrize("text, lang", [("我理解你的感受。", "zh-CN"), ("I understand how you feel.", "en")])
def test_stock_empathy_names_no_element(text: str, lang: str) -> None:
    """A stock line of empathy names no fact, no feeling and no focus (blind6, blind9; blind6/blind7 READMEs)."""
    report = run("listening", text, lang=lang, context="他骂我笨，还说要让我丢饭碗。" if lang == "zh-CN" else
                 "He called me stupid and said he'd get me fired.")
    assert not any(report.elements.values())


@pytest.mark.parametrize("scenario, node", [("listening-abusive-call", "first-words"), ("bid-late-logins", "reason")])
@pytest.mark.parametrize("text, lang", [("我理解你的感受。", "zh-CN"), ("I understand how you feel.", "en")])
def test_stock_empathy_reaches_the_fallback(scenario: str, node: str, text: str, lang: str) -> None:
    """The "part of it, add the other half" intents need one half named: stock empathy gets the fallback's reflect-first."""
    assert reached(scenario, node, text, lang) == "fallback"


# ------------------------------------------------------------------ goals: "by the end of week four" counts

@pytest.mark.parametrize("span, weeks", [("by the end of week four", 4.0), ("end of week 2", 2.0),
                                         ("by the end of the week", 1.0), ("by the end of this week", 1.0)])
def test_the_end_of_a_numbered_week_counts_its_weeks(span: str, weeks: float) -> None:
    """"The end of week four" is four weeks away; "the end of the week" stays one."""
    assert goal._horizon_weeks(span) == pytest.approx(weeks)


def test_a_rise_by_the_end_of_week_four_is_judged_over_four_weeks() -> None:
    """58% -> 67% by the end of week four is a plan (turns12's smart-goal-agent draft), not nine points in a week."""
    report = run("goal", "Here's a first go: your FCR from 58% now to 67% by the end of week four. How does that sound?")
    assert report.criteria["achievable"] is True
    assert reached("smart-goal-agent", "draft", "My proposed draft objective: increase your first-contact resolution "
                   "from the current baseline of 58% to 67% by the end of week four.", "en") == "measurable-and-dated"
