"""A percentage on a vague area with a date is no 'nearly' goal (convention 3): it reaches the fallback."""

from __future__ import annotations

import pytest

from tests.checks.playing import reached


@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    ("promo-followup-month", "goal", "Target for next month: lift overall team performance by 20%.", "en"),
    ("promo-followup-month", "goal", "下个月目标：团队各方面提升15%，月底看。", "zh-CN"),
    ("grow-delegation", "smart", "Boost my delegation skills by 40% this quarter.", "en"),
    ("smart-goal-agent", "final-goal", "目标：服务质量提升25%，争取月底前。", "zh-CN"),
])
def test_a_number_on_a_vague_area_is_not_nearly_a_goal(scenario: str, node: str, text: str, lang: str) -> None:
    """No defined metric says what the 20% is of: neither specific nor measurable, so no 'add the number' intent."""
    assert reached(scenario, node, text, lang, yes=True) == "fallback"


@pytest.mark.parametrize(("text", "lang"), [
    ("Get adherence back up to 93%.", "en"),
    ("把遵从率拉回到93%。", "zh-CN"),
])
def test_a_named_metric_missing_a_part_is_still_nearly_a_goal(text: str, lang: str) -> None:
    """A level without a date, or a date on a named metric, still reaches 'partly'."""
    assert reached("promo-followup-month", "goal", text, lang, yes=True) == "partly"
