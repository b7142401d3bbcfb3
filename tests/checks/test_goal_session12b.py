"""Session 12, second round, goal judge: two classes that recur in the retired turn sets, fixed by what the text does.

1. An outcome count brought to zero within a week, with no starting point (convention 22: "一周内投诉清零"): complaints,
   abandons, hang-ups and repeat calls are what customers do, so a zero of them within days is the same leap as a new
   level within days (``too_soon``). A zero of one's own act ("no missed callbacks this week") stays a goal. Retired
   misses: turns14 golden-circle-callback-pushback "Zero hang-ups at the peak by the end of next week." (and the same
   kind in turns12 and turns13 at that node, labelled fallback).
2. "overall" / "in general" closing a clause spreads the number over everything, as "overall X" does (convention 3,
   17): "be a bit quicker overall, say 10% better" names no metric. Retired misses: turns14 kpi-first-week-former-peer
   and golden-circle-callback-pushback; a named metric beside it keeps the goal specific.
3. "1:1" / "1对1" names a meeting: its ones are no level and "1s" no second (turns12 and turns13 promo-followup-month:
   "more 1:1s next month" read as measurable and SMART). Per convention 22 a date with no number is half a goal, so
   these reach the node's "partly" intent, not its "smart" one.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


# ---------------------------------------------------------------- a zero of what customers do, within days
@pytest.mark.parametrize(("text", "lang"), [
    ("Zero hang-ups at the peak by the end of next week.", "en"),  # turns14, retired
    ("No more complaints about the callbacks from next week.", "en"),
    ("Zero abandoned calls at the peak next week.", "en"),
    ("一周内投诉清零。", "zh-CN"),  # convention 22's own example
    ("下周高峰放弃电话清零。", "zh-CN"),
    ("这周重复来电降到零。", "zh-CN"),
])
def test_an_outcome_count_to_zero_within_a_week_is_too_soon(text: str, lang: str) -> None:
    """Customers' complaints, abandons or hang-ups to zero in days, from nowhere: too soon, the fallback."""
    report = run("goal", text, lang=lang)
    assert "too_soon" in {p.id for p in report.pitfalls}
    assert reached("golden-circle-callback-pushback", "what", text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("text", "lang"), [
    ("No missed callbacks this week.", "en"),  # one's own act: it can be kept from tomorrow on
    ("Zero late logins next week.", "en"),
    ("这周一个回拨都不漏。", "zh-CN"),
    ("Zero complaints about rudeness in the next 30 days.", "en"),  # a month is time to change the work
    ("月底前投诉清零。", "zh-CN"),
    ("Zero repeat calls on billing by next Friday, from 2 a week now.", "en"),  # a starting point is given
])
def test_a_zero_of_ones_own_act_or_with_time_or_a_start_is_no_leap(text: str, lang: str) -> None:
    """The neighbours that must not move: no too_soon."""
    report = run("goal", text, lang=lang)
    assert "too_soon" not in {p.id for p in report.pitfalls}


def test_a_zero_of_ones_own_act_still_reaches_the_goal_intent() -> None:
    """'No missed callbacks this week' has a number (a zero of a defined thing) and a date: the good intent."""
    assert reached("golden-circle-callback-pushback", "what", "No missed callbacks this week.", "en", yes=True) == "smart-goal"


# ---------------------------------------------------------------- "overall" after what it qualifies
@pytest.mark.parametrize(("text", "scenario", "node"), [
    ("Just be a bit quicker overall, say 10% better by the end of the month.", "kpi-first-week-former-peer", "goal"),  # turns14
    ("Better service for our customers overall, up 20%.", "golden-circle-callback-pushback", "what"),  # turns14
    ("Be faster in general, 15% up by June.", "kpi-first-week-former-peer", "goal"),
    ("Improve things all round, by 10% next month.", "golden-circle-callback-pushback", "what"),
])
def test_overall_closing_a_clause_makes_the_number_vague(text: str, scenario: str, node: str) -> None:
    """Nothing says what the 10% is of: neither specific nor measurable (convention 17), the fallback."""
    report = run("goal", text, lang="en")
    assert report.criteria["specific"] is False and report.criteria["measurable"] is False
    assert reached(scenario, node, text, "en", yes=False) == "fallback"


@pytest.mark.parametrize("text", [
    "Cut AHT to 7 minutes overall by June.",
    "Overall, cut AHT from 8.4 to 7.5 minutes by the end of the month.",
    "FCR at 72% overall by 30 June, from 64% now.",
    "Raise overall CSAT from 80% to 85% by 30 June.",
])
def test_overall_beside_a_named_metric_stays_specific(text: str) -> None:
    """A named metric beside 'overall' still says what is measured."""
    report = run("goal", text, lang="en")
    assert report.criteria["specific"] is True and report.criteria["measurable"] is True


# ---------------------------------------------------------------- "1:1" names a meeting, not a number
@pytest.mark.parametrize(("text", "lang"), [
    ("let's aim for more 1:1s next month ok?", "en"),  # turns12, retired
    ("Next month you do 1:1s with everybody every week, and also the mentor, and the course, all of it.", "en"),  # turns12
    ("Get the 1:1s back on track next month.", "en"),
    ("下个月把1对1恢复起来。", "zh-CN"),
])
def test_a_meeting_named_one_to_one_is_no_number(text: str, lang: str) -> None:
    """'1:1s' read as 1 and one second made a direction measurable and SMART: there is no level in it."""
    report = run("goal", text, lang=lang)
    assert report.criteria["measurable"] is False
    assert reached("promo-followup-month", "goal", text, lang, yes=False) != "smart"


@pytest.mark.parametrize(("text", "lang"), [
    ("Hold four 1:1s by the end of July.", "en"),  # a count of meetings is still a number
    ("Bring adherence from 90% back to 93% by 31 July, with a 1:1 every Friday.", "en"),
    ("1对1每周一次，月底前遵从率从90%回到93%。", "zh-CN"),
])
def test_a_count_or_a_level_beside_a_one_to_one_still_measures(text: str, lang: str) -> None:
    """The neighbours: the level or the count beside the meeting's name is kept, and the baseline read right."""
    report = run("goal", text, lang=lang)
    assert report.criteria["measurable"] is True
    if "90%" in text:
        assert report.baseline is not None and report.baseline.startswith("90")
        assert reached("promo-followup-month", "goal", text, lang, yes=True) == "smart"
