"""Feedback and listening at the role-play turns, session 12 round 2 (issue 13, judge J-feedback12b).

Two classes of poor answers that turns12, turns13 and turns14 sent to the wrong intent, fixed by what the text does:

- one fix offered for a yes at a listening turn ("Do you want to go home?", "你要不要休息一下？"): the manager picks the
  fix and asks for a yes, so no need is checked (convention 24). The element focus keeps it (the label sets count an
  offer as focus); the report names the pitfall single_offer, and listening-abusive-call's focus turn sends it to the
  fallback. An open need question or a choice ("…, a break or someone with you?", "…还是…？") is still focus;
- praise taken back by a "but" and a criticism ("You handled it really well, but the call ran 11 minutes",
  "道歉道得挺好的，不过其实可以早点挂"): the report names the pitfall praise_but (not the flag sandwich, which the label
  sets keep for praise on both sides), and a turn that asks for praise sends it to the fallback (convention 23) unless
  the turn's vague-praise intent itself speaks of the "but" (kpi-first-week-former-peer).
  Thanks then a criticism ending in "though" is the thanks~but sandwich.

Each block has sincere or good neighbours that must not move. Most texts are our own wording; the few marked
"turns1x" are retired misses.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached


def _pitfalls(kind: str, text: str, lang: str) -> set[str]:
    return {p.id for p in run(kind, text, lang=lang).pitfalls}


# ---------------------------------------------------------------- one fix offered for a yes
OFFERS = [
    ("Do you want to go home?", "en"),  # turns14
    ("Would you like me to take your next call for you?", "en"),
    ("Why don't you grab a coffee and come back in ten?", "en"),
    ("Want to sit out the next half hour?", "en"),
    ("你要不要休息一下？", "zh-CN"),  # turns14
    ("你要不要take个break？", "zh-CN"),  # turns13
    ("怕接电话很正常，要不你先去茶水间休息十分钟？", "zh-CN"),  # turns12
    ("需不需要我帮你接下一通？", "zh-CN"),
    ("要不先下线歇二十分钟吧", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), OFFERS)
def test_one_offer_for_a_yes_checks_no_need(text: str, lang: str) -> None:
    assert "single_offer" in _pitfalls("listening", text, lang)
    assert reached("listening-abusive-call", "focus", text, lang) == "fallback"


NEED_ASKED = [
    ("What do you need most right now?", "en", "focus"),
    ("What would help most now, a bit of time off the phones, or someone listening in on the next one?", "en", "focus"),
    ("Do you want a break, or would you rather I sit with you on the next call?", "en", "focus"),
    ("Do you want to talk about it?", "en", None),
    ("你现在最需要的是什么？是先缓一缓，还是想有人陪你接下一个？", "zh-CN", "focus"),
    ("你是想先歇会儿，还是我陪你接下一通？", "zh-CN", "focus"),
    ("怕接下一个很正常。你现在最想要的是啥？先歇一下，还是我陪你接几个？", "zh-CN", "focus"),
    ("听起来你最在意的是：自己是不是真的在进步。是这样吗？", "zh-CN", "focus"),
]


@pytest.mark.parametrize(("text", "lang", "want"), NEED_ASKED)
def test_need_asked_or_a_choice_is_no_single_offer(text: str, lang: str, want: str | None) -> None:
    assert "single_offer" not in _pitfalls("listening", text, lang)
    if want:
        assert reached("listening-abusive-call", "focus", text, lang) == want


def test_single_offer_keeps_the_focus_element() -> None:
    """The label sets count an offer as focus: the element stays, only the pitfall is added."""
    report = run("listening", "你要不要休息一下？", lang="zh-CN")
    assert report.elements["focus"] is True


# ---------------------------------------------------------------- praise taken back by a "but"
PRAISE_BUT = [
    ("bia-angry-customer", "behaviour", "You handled it really well, but the call did run 11 minutes, which is way "
     "over our 6.", "en"),  # turns14
    ("bia-angry-customer", "behaviour", "Great job on that one, but eleven minutes is too long for a refund call.", "en"),
    ("bia-angry-customer", "behaviour", "那通整体不错，就是11分钟有点长了，下次控制下", "zh-CN"),  # turns14
    ("bia-angry-customer", "behaviour", "你安抚得挺好的，不过通话时长超了五分钟。", "zh-CN"),
    ("listening-abusive-call", "praise", "u handled it well but u could have ended it earlier", "en"),  # turns14
    ("listening-abusive-call", "praise", "道歉道得挺好的，不过其实可以早点挂，不用听他骂六分钟。", "zh-CN"),  # turns14
    ("listening-abusive-call", "praise", "You did well, but next time end it after the second warning.", "en"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang"), PRAISE_BUT)
def test_praise_taken_back_by_but_is_no_praise(scenario: str, node: str, text: str, lang: str) -> None:
    report = run("feedback", text, lang=lang)
    assert "praise_but" in {p.id for p in report.pitfalls}
    # session 15 (judge sandwich15): convention 23 makes one-sided praise-then-but the flag sandwich too, per label
    # (tests/checks/test_sandwich_session15.py); the turn still takes it for no praise
    assert "sandwich" in report.flags
    assert reached(scenario, node, text, lang) == "fallback"


# At kpi-first-week-former-peer's strength turn the vague-praise intent's own feedback names "the warm-up before the
# 'but'", so praise with no act and a "but" stays there (turns12, turns14 zh label it so); the pitfall is still named.
@pytest.mark.parametrize(("text", "lang"), [
    ("Your numbers are great, but your calls run long.", "en"),
    ("一次解决率做得很好，但是通话时长是全组最长的。", "zh-CN"),
    ("你数据不错，不过AHT 8.4分钟有点夸张了。", "zh-CN"),  # turns12
])
def test_praise_but_at_a_turn_whose_vague_intent_names_the_but(text: str, lang: str) -> None:
    assert "praise_but" in _pitfalls("feedback", text, lang)
    assert reached("kpi-first-week-former-peer", "strength", text, lang) == "vague-praise"


PRAISE_KEPT = [
    ("bia-angry-customer", "behaviour", "On the 15:20 call you let Mr Zhao finish, read his problem back and started "
     "the refund while he was still on the line.", "en", "specific-behaviour"),
    ("bia-angry-customer", "behaviour", "He was shouting, but you let him finish and read the double charge back to "
     "him before you started the refund.", "en", "specific-behaviour"),
    ("bia-angry-customer", "behaviour", "昨天15:20那通，你让赵先生把话说完，复述了一遍问题，当场发起了退款。", "zh-CN",
     "specific-behaviour"),
    ("listening-abusive-call", "praise", "He shouted for six minutes and you stayed polite, gave two warnings and "
     "offered the voucher. Thank you, that was textbook.", "en", "specific-praise"),
    ("listening-abusive-call", "praise", "你一直保持礼貌，警告了他两次，还按规定提出了补偿券，客户没法投诉你，谢谢你。", "zh-CN",
     "specific-praise"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), PRAISE_KEPT)
def test_praise_with_no_but_is_untouched(scenario: str, node: str, text: str, lang: str, want: str) -> None:
    assert "praise_but" not in _pitfalls("feedback", text, lang)
    assert reached(scenario, node, text, lang) == want


def test_praise_on_both_sides_stays_a_sandwich() -> None:
    """A full sandwich keeps its flag and is not named twice."""
    report = run("feedback", "你语气很好，但是上周工单备注不完整，不过总体来说很优秀。", lang="zh-CN")
    assert "sandwich" in report.flags
    assert "praise_but" not in {p.id for p in report.pitfalls}


@pytest.mark.parametrize(("text", "want"), [
    ("Thanks. Next time try to keep it under six minutes though.", "sandwich"),  # turns14
    ("Thank you for taking that one. Keep an eye on the wrap time though.", "sandwich"),
    ("Thanks for staying with him. He withdrew the complaint, though he was furious at first.", None),
])
def test_thanks_then_a_criticism_with_though(text: str, want: str | None) -> None:
    flags = run("feedback", text, lang="en").flags
    assert ("sandwich" in flags) == (want == "sandwich")
