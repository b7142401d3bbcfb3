"""Routing of poor answers at the role-play turns, session 14 (issue 13, judge J-turns14).

Classes of poor answers the retired turn sets sent to a good intent or to the wrong poor intent, fixed in the
scenarios' ``when:`` so that each intent takes only what its feedback describes (the checks' reports are unchanged):

- promo-followup-month praise: praise taken back by a "but" (the feedback check's pitfall ``praise_but``, "The form
  was a good idea, but adherence dropped to 90%") reaches the fallback, not ``vague`` (convention 23; turns10 to
  turns16 label it fallback 10 times of 12, every writer since turns12);
- smart-goal-agent final-goal: an action plan with no metric and no target level ("这周上账务培训，争议都自己处理",
  "Do the billing training and resolve more disputes yourself") is not "nearly" the written goal: the fallback
  (convention 22; turns2, turns14, turns15, turns16);
- promo-star-probing probe-result: an accusing why ("Why only five calls a week?", "你为什么只改一个习惯？") reaches
  the fallback, whose closed intent speaks only of asking openly (convention 26; turns, turns4, turns14, turns16).

And the rule the brief restates: a turn the check is unsure about asks first, and the ask uses no retry.
Texts marked "turnsN" are retired misses; the others are our own wording.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from coachlab.paths import course_root
from coachlab.scenarios import engine
from coachlab.scenarios.validator import load_scenario
from tests.checks.playing import reached

# ---------------------------------------------------------------- praise taken back by a "but"
PRAISE_BUT = [
    ("The form was a good idea, but adherence dropped to 90%.", "en"),  # turns10
    ("The form was a great idea, but adherence is still down at 90%.", "en"),  # turns14
    ("意愿表做得很好，但遵从率掉了3个点，这个要注意。", "zh-CN"),  # turns12
    ("班次意愿表做得不错，不过遵从率还是得抓一抓。", "zh-CN"),  # turns16
    ("Great job on the form, but the adherence numbers are a worry.", "en"),
    ("意愿表这个主意挺好，不过排班遵从率你还得盯紧点。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), PRAISE_BUT)
def test_praise_taken_back_by_but_reaches_the_fallback(text: str, lang: str) -> None:
    assert reached("promo-followup-month", "praise", text, lang) == "fallback"


PRAISE_NEIGHBOURS = [
    ("You're doing great, really.", "en", "vague"),
    ("你做得挺好的，别多想。", "zh-CN", "vague"),
    ("In your second week you introduced the shift-preference form, and requests to change team went from three to "
     "zero. Thank you.", "en", "bia"),
    ("你第二周推出了班次意愿表，申请调组的人从3个降到了0。谢谢你。", "zh-CN", "bia"),
]


@pytest.mark.parametrize(("text", "lang", "want"), PRAISE_NEIGHBOURS)
def test_praise_neighbours_keep_their_intent(text: str, lang: str, want: str) -> None:
    assert reached("promo-followup-month", "praise", text, lang) == want


# ---------------------------------------------------------------- an action plan written as the goal
ACTION_PLAN = [
    ("这周上账务培训，争议都自己处理。", "zh-CN"),  # turns16
    ("这周上账务培训，能调的账自己调。", "zh-CN"),  # turns15
    ("Do the billing training and resolve more disputes yourself.", "en"),  # turns2
    ("周四去上账务培训，以后小额争议你自己处理。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), ACTION_PLAN)
def test_action_plan_with_no_metric_is_not_nearly_the_goal(text: str, lang: str) -> None:
    assert reached("smart-goal-agent", "final-goal", text, lang) == "fallback"


GOAL_NEIGHBOURS = [
    # half a goal on the metric (a level, no date; a date, no level; a level with no metric name): nearly
    ("一次解决率提到70%。", "zh-CN", "almost"),
    ("FCR up, we'll check in a few weeks.", "en", "almost"),
    ("67% at week four.", "en", "almost"),  # turns16
    ("Raise FCR from 64% to 70% by 30 June, with 67% by 26 May.", "en", "smart"),
    ("6月30日前把一次解决率从64%提到70%，5月26日达到67%。", "zh-CN", "smart"),
]


@pytest.mark.parametrize(("text", "lang", "want"), GOAL_NEIGHBOURS)
def test_goal_neighbours_keep_their_intent(text: str, lang: str, want: str) -> None:
    assert reached("smart-goal-agent", "final-goal", text, lang) == want


# ---------------------------------------------------------------- an accusing why when asking for the result
ACCUSING_RESULT = [
    ("Why only five calls a week?", "en"),  # turns
    ("Why did it take you so long to get her through?", "en"),  # turns14
    ("你为什么只改一个习惯？", "zh-CN"),  # turns4
    ("你为什么不早点让她去参加培训？", "zh-CN"),
    ("Why didn't you tell her team lead sooner?", "en"),
]


@pytest.mark.parametrize(("text", "lang"), ACCUSING_RESULT)
def test_accusing_why_at_the_result_probe_reaches_the_fallback(text: str, lang: str) -> None:
    assert reached("promo-star-probing", "probe-result", text, lang) == "fallback"


RESULT_NEIGHBOURS = [
    ("Did it work?", "en", "closed-or-leading"),
    ("她后来质检过了吗？", "zh-CN", "closed-or-leading"),
    ("So her QA went up in the end, right?", "en", "closed-or-leading"),
    ("What changed for her in the end, and how do you know?", "en", "open-question"),
    ("最后结果怎么样？你是怎么知道的？", "zh-CN", "open-question"),
]


@pytest.mark.parametrize(("text", "lang", "want"), RESULT_NEIGHBOURS)
def test_result_probe_neighbours_keep_their_intent(text: str, lang: str, want: str) -> None:
    assert reached("promo-star-probing", "probe-result", text, lang) == want


# ---------------------------------------------------------------- an unsure turn asks, and the ask costs no retry
def _unsure_behaviour(kind: str, text: str, context: str | None = None) -> dict[str, Any]:
    """The real feedback report with its behaviour verdict made unsure (low confidence)."""
    report = dict(engine.default_checker(kind, text, context))
    report["unsure"] = ["behavior"]
    report["confidence"] = {**(report.get("confidence") or {}), "behavior": 0.55}
    return report


def test_an_unsure_turn_asks_before_it_uses_a_retry() -> None:
    scenario, problems = load_scenario(course_root(), "bid-late-logins")
    assert scenario is not None, problems
    session = replace(engine.start(scenario), node="behaviour")
    before = engine.tries_left(scenario, session)
    assert before == 1  # the node allows one retry, so a retry here would be visible
    text = "On 7 of your last 10 early shifts you logged in after 8:00."
    asked, event = engine.answer(scenario, session, text, checker=_unsure_behaviour, lang="en")
    assert event.kind == "ask"
    assert asked.tries == session.tries
    assert engine.tries_left(scenario, asked) == before
    # the learner's "yes" settles it as written: the behaviour counts, and still no retry was used
    after, settled = engine.confirm(scenario, asked, True)
    assert engine.reached(settled) == "behaviour-only"
    assert after.tries == session.tries
