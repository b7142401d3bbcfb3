"""Feedback check and BID turns (issue 13, session 7, round 4, judge fb4).

- The customer after 给 / 跟 / 和 / 帮 / 替 / 为 / 向 is the object of the agent's act ("你把账单给客户讲了一遍",
  "你给客户道了歉"): the rules read no consequence there (a refit with blind7 read impact into the behaviour-only
  line of kpi-first-week-former-peer 'strength').
- "let people think for themselves" passes on nobody's opinion: no speaking for others.
- Convention 8 at the BID turns with no intent naming speaking for others (bid-late-logins, bid-curt-tone-qa,
  swot-self-scan-candidate): a label passed on as what others say reaches the fallback, not the label intent.

The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks.base import analyse
from coachlab.checks import run
from tests.checks.playing import reached


@pytest.mark.parametrize("text", ["昨天十点那通退费电话，你把退款的三个步骤给客户说了一遍。",
                                  "上午那单你给客户道了歉，又把补发单号发给了她。"])
def test_the_customer_as_the_object_of_the_act_is_no_consequence(text: str) -> None:
    """No impact rule fires on the customer the agent told or apologised to."""
    assert not analyse("feedback", text, "zh-CN").has("impact")


def test_the_customer_who_acts_is_still_a_consequence() -> None:
    """What the customer did after the act stays impact."""
    assert analyse("feedback", "你把账单逐项讲了一遍，客户说了谢谢就挂了。", "zh-CN").has("impact")


def test_letting_people_think_for_themselves_is_not_speaking_for_others() -> None:
    """People as the object of the agent's act pass on no opinion; 'everyone thinks you…' still does."""
    assert "speaking_for_others" not in run("feedback", "You never let people think for themselves.", "en").flags
    assert "speaking_for_others" in run("feedback", "Everyone thinks you hog the easy calls.", "en").flags


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang", "want"), [
    # session 12 (judge feedback): convention 21 (session 11) names the turn by the harsher mistake, a label or an
    # absolute before speaking for others, so the BID behaviour nodes' label intents take these now
    ("bid-late-logins", "behaviour", "Everyone says you're lazy about the early shift.", "en", "label-or-absolute"),
    ("bid-curt-tone-qa", "behaviour", "大家都说你对客户态度很差。", "zh-CN", "label"),
    ("swot-self-scan-candidate", "bid", "组里都说你太自私，只顾自己的数据。", "zh-CN", "fallback"),
])
def test_a_label_passed_on_from_others_at_bid_turns(scenario_id: str, node: str, text: str, lang: str,
                                                    want: str) -> None:
    """Convention 8, then 21: a label said as what others say reaches the label intent where the node follows
    convention 21 (bid-late-logins, bid-curt-tone-qa), else the fallback."""
    report = run("feedback", text, lang)
    assert {"label", "speaking_for_others"} <= set(report.flags)
    assert reached(scenario_id, node, text, lang, yes=True) == want


@pytest.mark.parametrize(("scenario_id", "node", "text", "lang"), [
    ("bid-late-logins", "behaviour", "You're lazy about the early shift.", "en"),
    ("swot-self-scan-candidate", "bid", "你太自私了，只顾自己的数据。", "zh-CN"),
])
def test_a_label_of_ones_own_still_reaches_the_label_intent(scenario_id: str, node: str, text: str, lang: str) -> None:
    """Without others spoken for, the label intent stays."""
    assert reached(scenario_id, node, text, lang, yes=True) == "label-or-absolute"


@pytest.mark.parametrize(("text", "lang"), [
    ("gr8 work on the refund queue!! 🙌", "en"),
    ("Ur doing fine, dont worry so much.", "en"),
    ("You are doing better than you think.", "en"),
    ("handled her well 👍", "en"),
    ("超棒的👏", "zh-CN"),
    ("还行吧，跟上个月差不多。", "zh-CN"),
])
def test_cheers_and_reassurance_with_no_act_are_vague_praise(text: str, lang: str) -> None:
    """Chat spellings of praise, 'you're doing fine' and lukewarm '还行' rate the person and name no act."""
    report = run("feedback", text, lang)
    assert "vague_praise" in report.flags
    assert report.elements["behavior"] is False


def test_not_reliable_is_no_praise() -> None:
    """'不靠谱' is a label, not praise."""
    assert not analyse("feedback", "你太不靠谱了。", "zh-CN").has("praise")


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("You're way too soft, you have to push back.", "en", True),
    ("ur too quiet in huddles tbh", "en", True),
    ("You were too quick to close the call at 3pm.", "en", False),
    ("说实话，你这阵子状态不太行。", "zh-CN", True),
    ("这个排班方案不太行，我们换一个。", "zh-CN", False),
])
def test_a_trait_in_excess_or_a_verdict_on_the_state_is_a_label(text: str, lang: str, label: bool) -> None:
    """'you're too nice' and '态度/状态不太行' judge the person; 'too quick to close the call' and a plan '不太行' do not."""
    assert ("label" in run("feedback", text, lang).flags) is label


@pytest.mark.parametrize(("text", "lang", "threat"), [
    ("Improve your tone, otherwise there will be consequences.", "en", True),
    ("That sigh had consequences for the customer.", "en", False),
    ("再漏一次回访就扣分。", "zh-CN", True),
    ("再有问题就找我。", "zh-CN", False),
])
def test_a_penalty_promised_for_a_repeat_is_a_threat(text: str, lang: str, threat: bool) -> None:
    """'otherwise there will be consequences' and '再…就扣分' threaten; a consequence told or an offer of help does not."""
    assert ("threat" in run("feedback", text, lang).flags) is threat
