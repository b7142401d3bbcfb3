"""Feedback check, session 8 (issue 13, judge fb6): the lead trainer's conventions 14-16 and the poor-answer classes
of the retired turn sets turns6-turns8.

- 14: a number alone is a result, not a behaviour ("Your FCR was 80% against a 72% team average"); praise told
  only by a metric is vague praise.
- 15: a veiled threat is a threat ("You know what happens otherwise", "你自己掂量掂量").
- 16: a repeat call that did not come is an impact (already read; kept here as a guard).
- Thanks taken back by a "but" opening the next sentence is a sandwich; "try to come earlier" and "别再迟到了"
  are wishes, not steps; a role pinned on the person ("a fixer, not a leader", "好好先生") is a label; "several
  people in the 360 said…" speaks for others.

The texts are our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.base import analyse
from tests.checks.playing import reached


@pytest.mark.parametrize(("text", "lang"), [
    ("Your FCR was 80% against a 72% team average.", "en"),
    ("Your QA score this month is 71.", "en"),
    ("你这个月FCR 80%，组里平均才72%。", "zh-CN"),
    ("你满意度从89%掉到78%。", "zh-CN"),
    ("你的满意度掉了11个点。", "zh-CN"),
])
def test_a_number_alone_is_a_result_not_a_behaviour(text: str, lang: str) -> None:
    """Convention 14: the rules read the metric as impact, and the check finds no behaviour."""
    assert analyse("feedback", text, lang).has("impact")
    assert not run("feedback", text, lang).elements["behavior"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Let's get your FCR to 80% by the end of the quarter.", "en"),
    ("下个月一次解决率要到80%。", "zh-CN"),
    ("你的目标是把满意度提到90%。", "zh-CN"),
])
def test_a_target_is_no_result(text: str, lang: str) -> None:
    """A metric with a level the agent is still to reach is a goal: the outcome-note rule does not read it."""
    hits = analyse("feedback", text, lang).hits.get("impact") or []
    assert not [rule.id for rule, _ in hits if rule.id.endswith("impact.outcome_note")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Your FCR is 80%. That's good.", "en"),
    ("ur fcr is great mate 👍", "en"),
    ("你的一次解决率挺高的。", "zh-CN"),
    ("你一次解决率80%，全组最高。", "zh-CN"),
])
def test_praise_told_only_by_a_metric_is_praise(text: str, lang: str) -> None:
    """Convention 14: the praise signal fires on a metric rated high, so the check can call it vague."""
    assert analyse("feedback", text, lang).has("praise")


@pytest.mark.parametrize("text", ["你的AHT又是全组最高。", "你的目标是把一次解决率提到全组第一。"])
def test_a_bad_metric_or_a_target_rated_high_is_no_praise(text: str) -> None:
    """'AHT全组最高' is a reproach, a target is no praise."""
    assert not analyse("feedback", text, "zh-CN").has("praise")


@pytest.mark.parametrize(("text", "lang"), [
    ("Sort your breaks out. You know what happens otherwise.", "en"),
    ("Consider yourself warned.", "en"),
    ("话我就说到这儿了，你自己掂量掂量。", "zh-CN"),
    ("小休的事你好自为之吧。", "zh-CN"),
    ("下次再这样，别怪我没提醒你。", "zh-CN"),
])
def test_a_veiled_threat_is_a_threat(text: str, lang: str) -> None:
    """Convention 15: no consequence named, still a threat."""
    assert "threat" in run("feedback", text, lang).flags


def test_a_veiled_threat_reaches_the_threat_intent() -> None:
    """At the BID development turn '你自己看着办吧' reaches the threat intent (turns, turns4, turns5, turns7)."""
    assert reached("bid-late-logins", "development", "你自己看着办吧，别再迟到就行。", "zh-CN") == "threat"


@pytest.mark.parametrize(("text", "lang"), [
    ("You fixed the address on the 3pm call and the customer never called back.", "en"),
    ("周一下午三点那通，你在电话里就把师傅上门时间约好了，客户后来没再打来。", "zh-CN"),
])
def test_a_repeat_call_that_did_not_come_is_an_impact(text: str, lang: str) -> None:
    """Convention 16."""
    assert run("feedback", text, lang).elements["impact"]


@pytest.mark.parametrize("text", [
    "Thanks, that was great. But next time try to keep the call a bit shorter, it ran to twelve minutes.",
    "I would like to formally express my appreciation. However, handle-time compliance remains a priority.",
])
def test_thanks_taken_back_in_the_next_sentence_is_a_sandwich(text: str) -> None:
    """The 'but' opens the next sentence: still a sandwich, and the BIA close does not reach plain thanks."""
    assert "sandwich" in run("feedback", text, "en").flags
    assert reached("bia-angry-customer", "appreciation", text, "en") == "sandwich"


def test_thanks_then_a_criticism_is_not_vague_praise_at_the_praise_turn() -> None:
    """At the abusive-call praise turn, thanks taken back reach the fallback, not the vague-praise intent."""
    assert reached("listening-abusive-call", "praise", "谢谢你的处理，不过下次可以早点挂，不用听他骂六分钟。",
                   "zh-CN") == "fallback"


@pytest.mark.parametrize(("text", "lang"), [
    ("Please try to come earlier, I know you can do it.", "en"),
    ("Try to be a bit quicker on wrap-up.", "en"),
    ("以后注意下时间管里，做好一点，别在迟到了", "zh-CN"),
    ("以后注意下，别再迟到了。", "zh-CN"),
])
def test_a_comparative_or_the_fault_said_again_is_no_step(text: str, lang: str) -> None:
    """'come earlier', '别再迟到了': a wish, no development."""
    assert not run("feedback", text, lang).elements["development"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Next time, come in earlier and log in before 7:55.", "en"),
    ("Try to come in by 7:50 from Monday.", "en"),
    ("以后别再迟到了，每天7点50前登上系统。", "zh-CN"),
])
def test_a_comparative_with_a_time_is_a_step(text: str, lang: str) -> None:
    """A clock time makes the step concrete."""
    assert run("feedback", text, lang).elements["development"]


@pytest.mark.parametrize(("text", "lang", "flag"), [
    ("No, that's not leading. You're a fixer, not a leader.", "en", "label"),
    ("You just like being the hero.", "en", "label"),
    ("You're just not as good as you used to be.", "en", "label"),
    ("直接帮人搞定不叫带人，你这是好好先生。", "zh-CN", "label"),
    ("你这不是带人，是当保姆。", "zh-CN", "label"),
    ("你每次客户问两遍就不耐烦，这样不行。", "zh-CN", "absolute"),
    ("Several people in the 360 said you talk over them.", "en", "speaking_for_others"),
    ("Your colleagues all complain that you take only easy calls.", "en", "speaking_for_others"),
    ("Everybody in team says you are too helpful.", "en", "speaking_for_others"),
])
def test_pitfalls_of_the_poor_answers(text: str, lang: str, flag: str) -> None:
    """Labels, absolutes and others' words of the turn sets' poor answers are flagged."""
    assert flag in run("feedback", text, lang).flags


def test_a_step_for_the_future_is_no_absolute() -> None:
    """'以后你每次…都先…' is a plan, not an absolute."""
    assert "absolute" not in run("feedback", "以后你每次碰到客户问第二遍的时候就先说没问题。", "zh-CN").flags


def test_a_person_after_the_verb_is_its_object_and_the_agent_carries_on() -> None:
    """'…，两次提醒对方停止辱骂后才挂断': 对方 is the object of 提醒, so the clause is the agent's act on a count."""
    from coachlab.checks.structure import acts_on_occasion

    text = "你全程保持礼貌，主动提出补偿券，两次提醒对方停止辱骂后才挂断。"
    acts = [span.text for span in acts_on_occasion(analyse("feedback", text, "zh-CN").doc)]
    assert "两次提醒对方停止辱骂后才挂断" in acts


def test_a_person_before_the_verb_stays_its_subject() -> None:
    """'客户骂了两次才挂' is the customer's act, not the agent's."""
    from coachlab.checks.structure import acts_on_occasion

    text = "你接起电话，客户骂了两次才挂。"
    acts = [span.text for span in acts_on_occasion(analyse("feedback", text, "zh-CN").doc)]
    assert "客户骂了两次才挂" not in acts


@pytest.mark.parametrize(("text", "thanks"), [
    ("上午那个老人家打来问账单，你把每一项都念慢了解释，她挂之前说了三遍谢谢。", False),
    ("你帮他查了三个航班，最后改到了早上六点那班，他发了封感谢信到我们邮箱。", False),
    ("客户挂机前还说了谢谢，辛苦啦", True),
    ("你帮客户改了地址，客户说谢谢。我也谢谢你。", True),
])
def test_the_customers_thanks_are_no_appreciation(text: str, thanks: bool) -> None:
    """The customer's thanks are what the act brought; only the manager's own thanks are appreciation (zh rules)."""
    assert analyse("feedback", text, "zh-CN").has("appreciation") is thanks


@pytest.mark.parametrize("text", [
    "ur hold msgs on chat today were spot on, told each cust how long, nobody dropped off.",
    "Thx for covering Lina's shift on Sat, really helped us out",
    "You never raised your voice on that 25-minute call with the screaming caller.",
])
def test_chat_spellings_and_short_weekdays_keep_the_behaviour(text: str) -> None:
    """'ur msgs', 'Thx for covering', 'on Sat', 'that 25-minute call': the rules see the act on its occasion."""
    assert analyse("feedback", text, "en").has("behavior")
