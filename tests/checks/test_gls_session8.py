"""Session 8 (judge gls6): goal, listening and STAR calls at role-play turns and per label.

Conventions 13-17 (tests/corpus/README.md) and the poor-answer misses of turns6-turns8: a vague goal with
only a date is no 'nearly' goal; a me-too story or reassurance is no listening; an opinion is no STAR record.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


# ------------------------------------------------------------------------------------------------ goal turns

@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    ("grow-delegation", "smart", "Be a calmer, more relaxed leader by the end of the month.", "en"),
    ("swot-self-scan-candidate", "wt-goal", "Build up your management skills before the interview.", "en"),
    ("promo-followup-month", "goal", "下个月争取方方面面都再上一个台阶。", "zh-CN"),
    ("swot-self-scan-candidate", "wt-goal", "面谈之前多积累点带团队的经验。", "zh-CN"),
    # convention 17: a number and a date on a vague area change nothing
    ("kpi-first-week-former-peer", "goal", "Overall productivity up 15% by June.", "en"),
    ("smart-goal-agent", "draft", "整体工作表现提升15%，月底前。", "zh-CN"),
])
def test_a_vague_area_with_a_date_is_not_nearly_a_goal(scenario: str, node: str, text: str, lang: str) -> None:
    """Neither specific nor measurable: a date alone does not make it 'nearly there' (conventions 3, 17)."""
    assert reached(scenario, node, text, lang, yes=False) == "fallback"


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), [
    ("promo-followup-month", "goal", "月底前把遵从率提上去。", "zh-CN", "partly"),
    ("promo-followup-month", "goal", "Get adherence back up by the end of the month.", "en", "partly"),
    ("grow-delegation", "smart", "By Friday Xiao Li writes the daily report herself.", "en", "partly"),
])
def test_a_named_metric_or_deliverable_with_a_date_is_nearly_a_goal(scenario: str, node: str, text: str, lang: str,
                                                                     want: str) -> None:
    """A named metric (遵从率 alone names schedule adherence) or a deliverable with a date still reaches 'nearly'."""
    assert reached(scenario, node, text, lang, yes=False) == want


def test_adherence_alone_is_a_named_metric_in_chinese() -> None:
    """'遵从率' alone is the floor's word for schedule adherence: specific (convention 4)."""
    assert run("goal", "月底前把遵从率提上去。", lang="zh-CN").to_dict()["criteria"]["specific"] is True
