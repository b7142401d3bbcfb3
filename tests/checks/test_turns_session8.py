"""Session 8, round 2 (judge turns7): classes of poor-answer misses at role-play turns of the retired turns-blind9
that also occur in older turn sets, fixed by a general mechanism (the `when:` of free nodes, the feedback check).

Every text here is of this file's own wording, not taken from a dev set.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


# ----------------------------------------------------------------- praise told only by its result (conventions 14)

PRAISE_NODES = [
    ("kpi-first-week-former-peer", "strength", "vague-praise"),
    ("promo-followup-month", "praise", "vague"),
    ("listening-abusive-call", "praise", "vague"),
    ("bia-angry-customer", "behaviour", "vague-praise"),
]


@pytest.mark.parametrize(("scenario", "node", "want"), PRAISE_NODES)
@pytest.mark.parametrize(("text", "lang"), [
    ("Your FCR was 80% last month, well above the 72% team average.", "en"),
    ("上个月你的一次解决率是80%，比组里平均72%高一截。", "zh-CN"),
])
def test_praise_told_only_by_a_number_reaches_the_intent_that_asks_for_the_act(
        scenario: str, node: str, want: str, text: str, lang: str) -> None:
    """A strength told only by a metric names no behaviour: half-right, so it reaches the intent whose feedback
    asks what the person did (turns5, turns7, turns9), not the fallback."""
    assert run("feedback", text).to_dict()["elements"]["behavior"] is False
    assert reached(scenario, node, text, lang, yes=False) == want


@pytest.mark.parametrize(("text", "lang"), [
    ("Requests to change shift went from four to zero after the rota change.", "en"),
    ("Escalations are now zero.", "en"),
    ("转组申请从4个降到0个了。", "zh-CN"),
])
def test_a_count_that_moved_is_a_result(text: str, lang: str) -> None:
    """A count that went from one number to another, or came to zero, is an impact (conventions 1, 14), and no
    sure behaviour (since session 13 the shift-request line is asked about rather than denied). Since session 14's
    refit (zh impact: the model overrides the rules from 0.5, cross-validated 0.917 -> 0.928 pooled) the Chinese line
    is asked about as the impact, never denied."""
    report = run("feedback", text).to_dict()
    assert report["lang"] == lang
    assert report["elements"]["impact"] is True or "impact" in report["unsure"]
    assert report["elements"]["behavior"] is False or "behavior" in report["unsure"]


@pytest.mark.parametrize(("text", "lang"), [
    ("Requests to change team went from three to zero this month.", "en"),
    ("这个月申请调组的从3个降到了0个。", "zh-CN"),
])
def test_a_count_told_alone_at_a_praise_turn_reaches_vague(text: str, lang: str) -> None:
    assert reached("promo-followup-month", "praise", text, lang, yes=False) == "vague"


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), [
    ("promo-followup-month", "praise",
     "In week two you brought in the shift-preference form, and requests to change team went from three to zero. "
     "Thank you.", "en", "bia"),
    ("promo-followup-month", "praise",
     "第二周你推了班次意愿表，让大家先填想上的班，申请调组的从3个降到了0个。谢谢你。", "zh-CN", "bia"),
    ("kpi-first-week-former-peer", "strength",
     "Last month your FCR was 80% against 72% for the team. On the billing calls I listened to, you read each charge "
     "back to the caller before you closed, so they didn't need to ring back.", "en", "behaviour-and-impact"),
])
def test_the_act_with_its_result_still_reaches_the_good_move(scenario: str, node: str, text: str, lang: str,
                                                             want: str) -> None:
    """The behaviour named beside the number keeps the good intent: the new branch needs no behaviour."""
    assert reached(scenario, node, text, lang, yes=True) == want


# ------------------------------------------------------- a verdict on the person, no act named (label at BID turns)

@pytest.mark.parametrize(("text", "lang"), [
    ("ur too slow with the refunds lately tbh", "en"),
    ("your always quiet in the huddles now", "en"),
    # "你这阵子服务不太行啊，客户都有意见了。" left this list at the end of session 13: the refitted tone model flags it,
    # unsure (0.32), and a "no" to that ask keeps the dig, so it reaches the fallback (a blunt verdict, no mockery)
    ("你这阵子服务真不行，客户都有意见了。", "zh-CN"),
    ("你最近干活不怎么上心。", "zh-CN"),
    ("结论：服务意识下降，需整改。", "zh-CN"),
])
def test_a_verdict_on_the_person_is_a_label(text: str, lang: str) -> None:
    """Chat spellings of "you're" and a bad verdict on the person's work or state with no act are labels (turns,
    turns5, turns9: perf-interview evaluation poor answers sent to the fallback)."""
    report = run("feedback", text).to_dict()
    assert report["lang"] == lang
    assert "label" in report["flags"] or "absolute" in report["flags"]
    assert reached("perf-interview-csat-drop", "evaluation", text, lang, yes=False) == "label"


@pytest.mark.parametrize(("text", "lang"), [
    ("Your customers never had to call back after those billing calls.", "en"),
    ("你最近三通电话查记录时都沉默了两分钟以上，满意度从89%掉到了78%。", "zh-CN"),
    ("你的回访这周都按时打了，客户都说挺好。", "zh-CN"),
    ("不好意思，你最近的排班我还没看。", "zh-CN"),
])
def test_an_act_or_a_number_is_no_label(text: str, lang: str) -> None:
    flags = run("feedback", text).to_dict()["flags"]
    assert "label" not in flags and "absolute" not in flags


# ------------------------------------------------------------ the price of not complying is a threat (conventions 15)

@pytest.mark.parametrize(("text", "lang"), [
    ("Answer your callbacks on time, otherwise I'll have to flag it to the manager.", "en"),
    ("log in at 8 sharp, or u know what hapens", "en"),
    ("Miss the wrap-up codes again and you're off the weekend rota.", "en"),
    ("你要是下周还迟到，我就只能跟经理汇报了。", "zh-CN"),
    ("再迟到一次，这个月的全勤奖就别想了。", "zh-CN"),
])
def test_the_price_of_not_complying_reaches_threat(text: str, lang: str) -> None:
    """A consequence the manager will be forced into, or what the person loses, after a condition on them is a
    threat, even with no 'warning' word (turns9 bid-late-logins development; blind5-blind8 threat labels)."""
    assert "threat" in run("feedback", text).to_dict()["flags"]
    assert reached("bid-late-logins", "development", text, lang, yes=False) == "threat"


@pytest.mark.parametrize("text", [
    "From Monday be logged in by 7:55; otherwise I'll cover the first calls myself until you're set up.",
    "One more thing: you're doing well on the refunds.",
    "要是还搞不定，我就只能陪你一起听录音了。",
])
def test_help_offered_after_a_condition_is_no_threat(text: str) -> None:
    assert "threat" not in run("feedback", text).to_dict()["flags"]


# ---------------------------------------------------- an acknowledgement overruled in the next breath is no listening

@pytest.mark.parametrize(("scenario", "node", "text", "lang"), [
    ("kpi-first-week-former-peer", "reaction", "我知道你心里不舒服，不过数据就是数据。", "zh-CN"),
    ("golden-circle-callback-pushback", "listen", "丽姐我懂你的难处，但是回拨这事已经定了。", "zh-CN"),
    ("kpi-first-week-former-peer", "reaction", "I get that you're upset, but the numbers are the numbers.", "en"),
    ("bid-curt-tone-qa", "overload", "I understand you're tired, but the standard is the standard.", "en"),
])
def test_an_acknowledgement_overruled_reaches_the_fallback(scenario: str, node: str, text: str, lang: str) -> None:
    """'I understand, but…' acknowledges nothing: the feeling is named to be set aside (turns7, turns8, turns9)."""
    assert reached(scenario, node, text, lang, yes=False) == "fallback"


@pytest.mark.parametrize("text", [
    "I understand: three angry callers in a row and nobody stepped in. That sounds exhausting.",
    "我明白，连着三个电话都在骂你，换谁都难受。",
])
def test_an_acknowledgement_that_goes_on_listening_keeps_its_feeling(text: str) -> None:
    assert run("listening", text).to_dict()["elements"]["feeling"] is True


# ------------------------------------------------------------ chat thanks taken back by a "but" are a sandwich too

@pytest.mark.parametrize("text", ["谢啦，不过下次那种单子别拖太久哈", "多谢哈，但是话后处理还得再快点。"])
def test_chat_thanks_then_but_reach_sandwich(text: str) -> None:
    """'谢啦/谢了哈/多谢，不过…' take the thanks back as '谢谢你，不过…' does (turns5, turns9 bia appreciation)."""
    assert "sandwich" in run("feedback", text).to_dict()["flags"]
    assert reached("bia-angry-customer", "appreciation", text, "zh-CN", yes=False) == "sandwich"
