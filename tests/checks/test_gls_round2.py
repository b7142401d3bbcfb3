"""Session 9, round 2 (judge gls9): goal and STAR calls per label and at role-play turns.

- Goals (zh): a named metric said in English inside a Chinese goal ("service level到80%", "SL低于70%") is the
  metric (convention 3), not the vague area "service"; with its level it is specific and measurable, so a goal
  with no date reaches the intent that names the missing half (half-a-goal, partly), not the fallback.
- STAR (zh): a zero told as never once ("从来没漏过一个") counts a defined thing (convention 1): q = yes.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


# --------------------------------------------------------------------- goals: English metric names in Chinese

@pytest.mark.parametrize("text", ["目标就是service level到80%。", "service level低于70%就启动分流。", "SL低于70%就调后台。",
                                  "把answer rate拉到85%。"])
def test_an_english_metric_in_a_chinese_goal_is_named(text: str) -> None:
    """A level on service level / SL / answer rate is specific and measurable; no date, so not time-bound."""
    report = run("goal", text)
    assert report.criteria["specific"] and report.criteria["measurable"]
    assert not report.criteria["time_bound"]


@pytest.mark.parametrize("text", ["全面提升service，整体提升20%。", "整体表现提升15%。"])
def test_a_vague_area_stays_vague(text: str) -> None:
    """"service" alone is still the vague area (convention 3): a percentage on it is neither specific nor measurable."""
    report = run("goal", text)
    assert not report.criteria["specific"] and not report.criteria["measurable"]


@pytest.mark.parametrize(("scenario", "node", "text", "want"), [
    ("golden-circle-callback-pushback", "what", "目标就是service level到80%。", "half-a-goal"),
    ("review-peak-day", "rules", "service level低于70%就启动分流。", "partly"),
])
def test_half_a_goal_with_an_english_metric_names_the_missing_half(scenario: str, node: str, text: str,
                                                                     want: str) -> None:
    """A level with no date reaches the intent that asks for the date, not the fallback (turns11)."""
    assert reached(scenario, node, text, "zh-CN", yes=False) == want


# ------------------------------------------------------------------------------- STAR: a zero told as never once

@pytest.mark.parametrize(("text", "quantified"), [
    ("我自己做了个表格，把每个客户的回访时间都记下来，从来没漏过一个。", True),
    ("我排了个回访表，之后一直没错过一单回访。", True),
    ("我排了个回访表，之后我从来没迟到过。", False),
])
def test_a_zero_told_as_never_once_is_a_number(text: str, quantified: bool) -> None:
    """"从来没漏过一个" counts none of a defined thing (convention 1); "never late" counts nothing."""
    report = run("star", text)
    assert report.quantified_result is quantified
    if quantified:
        assert report.elements["result"]


# ------------------------------------------------------------------------ STAR: a target told as the task

@pytest.mark.parametrize(("text", "result"), [
    ("我的任务是把组里的一次解决率从65%提到72%。", False),
    ("我带着大家练了一个月，满意度从70%提到了85%。", True),
])
def test_from_to_in_the_task_clause_is_no_result(text: str, result: bool) -> None:
    """"从65%提到72%" in the clause that states the task is the target; told as what happened it is the result."""
    assert run("star", text).elements["result"] is result
