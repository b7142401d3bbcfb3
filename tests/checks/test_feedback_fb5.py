"""Feedback check: a wish is no development step (issue 13, session 7, round 5, judge fb5).

"以后注意下时间管理", "以后别让客户等那么久就行了", "Please improve your CRM skills and be more customer-focused"
ask for a quality or an outcome, not an act the agent can do next time: no development element, and at a BID
turn they do not reach the concrete-development intent (coachlab/checks/feedback.py WISH_IS_NOT_STEP). A step
that names an act keeps its development, even when a wish comes with it.

The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.base import analyse
from tests.checks.playing import reached

WISHES = [("以后注意下时间管理。", "zh-CN"),
          ("今后要做好时间管理，杜绝这类情况再发生。", "zh-CN"),
          ("以后别让客户等那么久就行了", "zh-CN"),
          ("下次让客户满意一点。", "zh-CN"),
          ("Please improve your CRM skills and be more customer-focused.", "en"),
          ("Going forward, work on your time management.", "en")]
STEPS = [("以后8点前登录。", "zh-CN"),
         ("下次转接之前，先把订单号跟客户复述一遍。", "zh-CN"),
         ("以后注意下时间管理，每天7点50前先登上系统。", "zh-CN"),
         ("Next time, read the order number back before you transfer the call.", "en"),
         ("Going forward, improve your holds: tell the customer how long the hold will be.", "en")]


@pytest.mark.parametrize(("text", "lang"), WISHES)
def test_a_wish_the_rules_read_as_a_step_is_no_development(text: str, lang: str) -> None:
    """The rules' 'next time' cue fires, the check still finds no development."""
    assert analyse("feedback", text, lang).has("development")
    assert not run("feedback", text, lang).elements["development"]


@pytest.mark.parametrize(("text", "lang"), STEPS)
def test_a_step_that_names_an_act_keeps_its_development(text: str, lang: str) -> None:
    """An act to do next time is development, with a wish beside it or not."""
    assert run("feedback", text, lang).elements["development"]


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang"), [
    ("perf-interview-csat-drop", "development", "以后别让客户等那么久就行了", "zh-CN"),
    ("perf-interview-csat-drop", "development", "Please improve your CRM skills and be more customer-focused.", "en"),
    ("bid-late-logins", "development", "以后注意下时间管理。", "zh-CN"),
])
def test_a_wish_does_not_reach_the_concrete_development_intent(scenario_id: str, node: str, text: str,
                                                               lang: str) -> None:
    """At a BID turn a wish is not the good move."""
    assert reached(scenario_id, node, text, lang) != "concrete-development"
