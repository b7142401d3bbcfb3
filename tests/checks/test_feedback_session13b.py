"""Session 13 (judge feedback13b), feedback: a metric's level told as the agent's own is a result, not an act
(convention 14; METRIC_LEVEL_IS_NOT_ACT). The check gave these a behaviour (the agent and a day are named); the
retired sets blind14 (en), blind15 (zh) and turns15 (en, bia-angry-customer) label them impact without behaviour.
An act told beside the number, a count of calls taken, and a metric that moved in a note keep their behaviour."""

from __future__ import annotations

import pytest

from coachlab.checks.feedback import check_feedback


@pytest.mark.parametrize("text, lang", [
    ("Your wrap time yesterday was 4 minutes, the team average is 2.", "en"),
    ("Your QA score yesterday was 71.", "en"),
    ("你上周三的AHT是9分钟。", "zh-CN"),
    ("你今天的满意度是96%，组里平均88%。", "zh-CN"),
    # retired misses
    ("Your hold time yesterday was 3 minutes on average. Team target is 1:30. Next week keep holds under 90 seconds"
     " by using the knowledge base search before you put the customer on hold.", "en"),  # blind14 (session 16: veto)
    ("你昨天的AHT是11分钟，组里平均6分半。", "zh-CN"),  # blind15
])
def test_a_metric_level_alone_is_no_behaviour(text: str, lang: str) -> None:
    """The level of the agent's metric on a day names a result, not what they did."""
    report = check_feedback(text, lang)
    assert not report.elements["behavior"] and report.elements["impact"]


@pytest.mark.parametrize("text, lang", [
    # an act told beside the number
    ("你今天AHT比昨天少了40秒，是因为你把常见问题的话术整理成了quick reply，组里其他人下午也开始用了，thx！", "zh-CN"),
    ("On the 3pm call you read the address back twice, your QA score on it was 98.", "en"),
    ("昨天下午那通电话你把退款金额跟客户核对了两遍，你的质检分是98。", "zh-CN"),
    # a count of calls taken is an act for the writers of blind7 to blind14
    ("You handled 62 calls on Saturday during the storm. Thanks, you carried the team.", "en"),
])
def test_an_act_beside_the_number_keeps_its_behaviour(text: str, lang: str) -> None:
    """The metric's level does not take the behaviour away from an act told in the same feedback."""
    assert check_feedback(text, lang).elements["behavior"]
