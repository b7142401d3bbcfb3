"""STAR in Chinese: a named metric that reached a level after the speaker's act is the result, and it is counted."""

from __future__ import annotations

import pytest

from coachlab.checks import check_star


@pytest.mark.parametrize("text", [
    "上个季度我每天抽两通录音带大家逐句听，季度末组里平均分到了87。",
    "我把报表做成了自动模板，原来要四十分钟，现在五分钟就出来了。",
    "要说最拿得出手的，就是我今年满意度94%。",
    "我带的组连续两个月一次解决率全中心最高，80%。",
])
def test_a_metric_at_its_new_level_is_a_quantified_result(text: str) -> None:
    """'平均分到了87', '现在五分钟', '满意度94%' end the story with a number (blind3 to blind8, train)."""
    report = check_star(text, "zh-CN")
    assert report.elements["result"] is True
    # "现在五分钟就出来了" is asked about since session 14's refit (zh q: the model overrides the rules from 0.5,
    # cross-validated 0.910 -> 0.920 pooled; 0.58 here): a question to the learner, never a miss
    assert report.quantified_result is True or "quantified_result" in report.unsure


@pytest.mark.parametrize("text", [
    "那天系统卡了，排队一度到了七十多个。",
    "当时放弃率12%，组里还有两个人休产假。",
    "我们组那天排队最长到了25分钟。",
])
def test_the_peak_of_the_trouble_is_no_result(text: str) -> None:
    """A peak or a level of before ('一度到了', '当时放弃率12%', '最长到了') is the scene, not the outcome."""
    report = check_star(text, "zh-CN")
    assert report.elements["result"] is False


@pytest.mark.parametrize("text", [
    "The booking system broke and I sorted it out.",
    "Our CRM crashed on launch day. I kept notes on paper.",
    "We had an outage. I rang the on-call engineer.",
])
def test_a_breakdown_sets_the_scene(text: str) -> None:
    """A breakdown ('The booking system broke', 'We had an outage') tells the situation (blind6 to blind8, writers)."""
    report = check_star(text, "en")
    assert report.elements["situation"] is True
