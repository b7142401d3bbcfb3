"""Session 13, judge J-star13: the word lists goal.py reads are data in rules/goal.yaml (no verdict changed).

MONEY_IS_NO_LEVEL, ZERO_OUTCOME_TOO_SOON and MEETING_NAME_IS_NO_NUMBER read their word lists from rows of
rules/goal.yaml (goal.*.money_metric, goal.*.zero_outcome, goal.*.zero, goal.*.meeting_name) with their reasons and
examples (the rule test runs those). The rows are read on a piece of the text, never by the whole-answer rule run,
so they add no feature to the learned layer; the rows of both languages are read on every text, as the lists they
replaced were (a goal may mix zh and en). The move was checked by comparing the goal reports of every goal item of
the own, held-out, train and retired corpora before and after: identical.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.engine import Doc, find_all, rulebook

LISTS = ("money_metric", "zero_outcome", "zero", "meeting_name")


@pytest.mark.parametrize("target", LISTS)
def test_each_list_is_a_row_per_language_read_on_pieces(target: str) -> None:
    """Every list has an English and a Chinese row, each a signal read on a piece of the text."""
    rows = [r for r in rulebook("goal").rules if r.target == target]
    assert {r.lang for r in rows} == {"en", "zh-CN"}
    assert all(r.role == "signal" and r.options.get("piece") for r in rows)


@pytest.mark.parametrize(("text", "lang"), [
    ("Sell ¥50,000 of upgrades by June, no more complaints, and more 1:1s.", "en"),
    ("6月底前卖出5万元的升级套餐，投诉清零，多做1对1。", "zh-CN"),
])
def test_the_lists_add_no_feature_of_their_own(text: str, lang: str) -> None:
    """The whole-answer rule run never fires them, so the learned layer sees nothing new."""
    hits = find_all(rulebook("goal"), Doc(text, lang))
    assert not set(hits) & set(LISTS)


# ---------------------------------------------------------------- the verdicts the lists decide, unchanged
@pytest.mark.parametrize(("text", "lang"), [
    ("Improve FCR and use the ¥200 adjustment more.", "en"),  # turns12 smart-goal-agent final-goal, in kind
    ("提高一次解决率，多用200元调账。", "zh-CN"),
])
def test_a_money_amount_of_an_act_is_still_no_level(text: str, lang: str) -> None:
    """No money word: the amount sizes an act, the goal names no level."""
    report = run("goal", text, lang=lang)
    assert report.target is None and report.criteria["measurable"] is False


@pytest.mark.parametrize(("text", "lang", "target"), [
    ("Sell ¥50,000 of upgrades by June.", "en", "50,000"),
    ("下个月upsell做到200元一单。", "zh-CN", "200"),  # an English money word in a Chinese goal still counts
])
def test_money_is_still_the_level_of_a_money_goal(text: str, lang: str, target: str) -> None:
    """A money word (either language's row) keeps the amount as the level."""
    report = run("goal", text, lang=lang)
    assert report.target == target and report.criteria["measurable"] is True


@pytest.mark.parametrize(("text", "lang"), [
    ("Zero complaints by next week.", "en"),
    ("一周内投诉清零。", "zh-CN"),
    ("下周起 zero 投诉。", "zh-CN"),  # the English zero beside a Chinese outcome
])
def test_an_outcome_count_to_zero_within_a_week_is_still_too_soon(text: str, lang: str) -> None:
    """A customer outcome brought to zero within days, no starting point: too soon."""
    assert "too_soon" in {p.id for p in run("goal", text, lang=lang).pitfalls}


@pytest.mark.parametrize(("text", "lang"), [
    ("No missed callbacks this week.", "en"),
    ("这周一次都不迟到。", "zh-CN"),
])
def test_a_zero_of_ones_own_act_is_still_no_leap(text: str, lang: str) -> None:
    """The neighbour: one's own act kept from tomorrow on is a goal, not a leap."""
    assert "too_soon" not in {p.id for p in run("goal", text, lang=lang).pitfalls}


@pytest.mark.parametrize(("text", "lang"), [("More 1:1s next month.", "en"), ("下个月把1对1恢复起来。", "zh-CN")])
def test_a_meeting_name_is_still_no_number(text: str, lang: str) -> None:
    """"1:1" names a meeting: no level."""
    report = run("goal", text, lang=lang)
    assert report.target is None and report.criteria["measurable"] is False
