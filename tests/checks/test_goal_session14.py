"""Session 14 (judge J-goalstar14): achievable read from the starting points and levels the blind writers use.

Each class recurs in at least three retired blind sets by different writers (blind10 to blind17); the texts are
theirs, with a few of our own for the other direction.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run


@pytest.mark.parametrize(("text", "lang", "baseline"), [
    ("Transfer rate below 8% for November (October was 11%).", "en", "11%"),  # blind15
    ("Score 90 on the next QA calibration, last one I got 88.", "en", "88"),  # blind15
    ("Abandonment rate on my queue below 5% by end of the month, it was 6.5% last month.", "en", "6.5%"),  # blind14
    ("Reduce abandonment on my shift to under 6% by end of January; today it's 7%.", "en", "7%"),  # blind11
    ("这个月的重复来电率降到8%，上月是12%", "zh-CN", "12%"),  # blind14
    ("这个季度把转接率降到10%以下，上个季度是13%。", "zh-CN", "13%"),  # blind16
    ("现在接通率83%，下个月提到85%。", "zh-CN", "83%"),  # blind17
    ("Q1结束前FCR要到85%以上，now是81%。", "zh-CN", "81%"),  # blind11
])
def test_the_last_period_or_now_is_the_starting_point(text: str, lang: str, baseline: str) -> None:
    """A level of last month / last week / now told beside the target is the baseline, so the step is judged."""
    report = run("goal", text, lang=lang)
    assert report.baseline == baseline
    assert report.criteria["achievable"] is True


@pytest.mark.parametrize(("text", "lang", "achievable"), [
    ("Cut my average handle time from 7:40 to 6:30 by the end of next month.", "en", True),  # blind10
    ("AHT 5:30 by end of month, now 5:50.", "en", True),  # blind15
    ("本月底前AHT从7分20秒降到6分30秒以内。", "zh-CN", True),  # blind12
    ("我现在AHT是6分50，下个月压到6分20以内。", "zh-CN", True),  # blind17
    ("组长 我下个月想把aht压到5分半 现在6分10", "zh-CN", True),  # blind13
    ("Get my AHT under 5:30 by the end of Q2; it's 6:10 now.", "en", True),  # blind14
    ("AHT from 9 minutes down to 4 by next Friday.", "en", False),  # blind15
    ("两周内AHT从9分钟降到4分钟", "zh-CN", False),  # blind17
    ("Reduce AHT by 4 minutes by Friday, I'm at 6:10.", "en", False),  # blind13
])
def test_a_time_in_minutes_and_seconds_is_one_level(text: str, lang: str, achievable: bool) -> None:
    """'7:40', '7分20秒', '5分半' are one handle time, not two numbers; a time halved within two weeks is no step."""
    assert run("goal", text, lang=lang).criteria["achievable"] is achievable


@pytest.mark.parametrize(("text", "lang"), [
    ("Improve QA score by 3 points by 31 March, from 81 now.", "en"),  # blind13
    ("Repeat-contact rate down 2 points by end of Q1, it's 14% now.", "en"),  # blind15
    ("Handle 25% more calls per shift than now (I do about 60) by the end of January.", "en"),  # blind11
    ("Cut your escalations to billing by 30% this quarter compared with last (40 last quarter).", "en"),  # blind17
    ("Bring my after-call work down by 20 seconds per call before the holiday peak; I'm at 95 seconds.", "en"),  # blind14
    ("下个月AHT降30秒，上个月是6分10秒", "zh-CN"),  # train-writers
    ("下个月满意度提升5个百分点，目前88%", "zh-CN"),  # train-writers
])
def test_a_change_is_no_level(text: str, lang: str) -> None:
    """'by 3 points', '25% more', '降30秒' give the size of the step: from 81, 3 points is a small one."""
    assert run("goal", text, lang=lang).criteria["achievable"] is True


@pytest.mark.parametrize(("text", "lang"), [
    ("Get my QA up by 30 points by next month, currently 60.", "en"),
    ("下个月满意度提升25个百分点，目前70%", "zh-CN"),
])
def test_a_large_change_is_still_too_large(text: str, lang: str) -> None:
    """A change read as a change is judged like a level: 30 points in a month is no plan."""
    assert run("goal", text, lang=lang).criteria["achievable"] is False


@pytest.mark.parametrize(("text", "lang", "achievable"), [
    ("Zero late logins next month, I had 6 this month.", "en", True),  # blind16
    ("Get zero complaints escalated to the director this quarter, we had 6 last quarter.", "en", True),  # blind13
    ("这个月之内把回拨超时的单子降到零，上个月有11单。", "zh-CN", True),  # blind12
    ("上个月我迟到了4次，这个月迟到次数为零。", "zh-CN", True),  # blind17
    ("Zero complaints next week. (I had 12 last week.)", "en", False),  # blind15
    ("Complaints down to zero by next Friday. You had 14 last week.", "en", False),  # blind17
    ("这个月投诉从上个月的12单降到0", "zh-CN", False),  # blind15
    ("一周内投诉清零（上周12单）。", "zh-CN", False),  # blind16
])
def test_a_zero_from_a_count_told(text: str, lang: str, achievable: bool) -> None:
    """A zero of one's own act is a plan; a zero of what customers do only from a few."""
    assert run("goal", text, lang=lang).criteria["achievable"] is achievable


@pytest.mark.parametrize(("text", "lang", "achievable"), [
    ("Reduce escalations to my team leader from about 12 a week to 4 a week by the end of February.", "en", True),  # blind4
    ("这个月把超时工单控制在3单以内（上个月是11单）。", "zh-CN", True),  # blind7
    ("1个月内，转接错误从上个月的14次降到5次以下", "zh-CN", True),  # train-writers
    ("Get the email backlog from 400 to under 50 tickets by Friday.", "en", False),  # own
])
def test_a_count_of_own_work_may_be_cut_further_than_a_rate(text: str, lang: str, achievable: bool) -> None:
    """12 -> 4 escalations a week is a plan; 400 -> 50 tickets is not."""
    assert run("goal", text, lang=lang).criteria["achievable"] is achievable


def test_a_rate_is_still_cut_by_at_most_its_share() -> None:
    """A rate brought down by three quarters stays unrealistic (blind5, blind13): the count limit is not for rates."""
    assert run("goal", "下个月重复来电率从12%降到2%。", lang="zh-CN").criteria["achievable"] is False
    assert run("goal", "Bring attrition down from 40% to 10% by year-end.", lang="en").criteria["achievable"] is False


def test_a_period_before_a_count_is_no_level() -> None:
    """'现在一天60通': 一天 is the count's rate, so 60 is the start and 10 more a day is a small step."""
    report = run("goal", "月底前做到每天多接10通，现在一天60通左右。", lang="zh-CN")
    assert report.baseline == "60通"
    assert report.criteria["achievable"] is True


def test_from_now_until_a_date_is_no_starting_point() -> None:
    """'从现在到10月' names a time span: the score after it is no baseline (train, gold unjudged)."""
    text = "从现在到10月晋升评审，每个月质检都在85分以上，我会请小洁每周听我两通录音。"
    assert run("goal", text, lang="zh-CN").criteria["achievable"] is None


@pytest.mark.parametrize(("text", "specific"), [
    ("Handle complaints better.", False),  # blind16
    ("Do the callbacks better by the end of the month.", False),  # blind17
    ("By 31 March handle escalations better and faster than now.", False),  # blind3
    ("Handle complaints better: under 3 escalated a week by June.", True),
    ("Cut escalations to billing by June.", True),
])
def test_a_thing_done_better_is_no_specific_outcome(text: str, specific: bool) -> None:
    """'Handle complaints better' names how, not what changes; a level or a metric with a direction stays specific."""
    assert run("goal", text, lang="en").criteria["specific"] is specific
