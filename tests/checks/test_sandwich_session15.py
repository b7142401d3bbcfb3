"""Session 15, judge sandwich15: convention 23 ("Thanks followed by 'but' is a sandwich") read on clauses.

Praise or thanks that turns into a correction in the very next clause, or in the first clause of the next sentence,
opened by a contrast word (but / however / that said / 不过 / 但是 / 就是 / 只是), or in English by "just / only" and an
instruction, is the flag sandwich, and the pitfall praise_but beside it; so is praise on both sides of a criticism
(feedback.PRAISE_THEN_CORRECTION_IS_SANDWICH; rules feedback.*.warm, feedback.*.correction_open, feedback.*.aside_open,
feedback.*.closing). Retired per-label sets: 49 -> 97 of 98 gold sandwiches found. The phrasings are the judge's own.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.feedback import praise_then_correction


def _fb(text: str, lang: str = "auto") -> dict:
    return run("feedback", text, lang=lang).to_dict()


def _pitfalls(report: dict) -> set[str]:
    return {p["id"] if isinstance(p, dict) else p[0] for p in report["pitfalls"]}


@pytest.mark.parametrize("text", [
    # thanks, then the contrast in the next sentence
    "Thanks for covering the evening queue on Friday. However, three of your tickets had no order number.",
    "Cheers for picking up the Welsh-language calls, really appreciated. But the hold music ran for six minutes on two.",
    # praise, then "but" in the next clause
    "Nice work on the billing escalation, but you forgot to log the refund reference.",
    # "just / only" and an instruction
    "Thanks so much for staying on with him. Just try to wrap the notes before the next call.",
    "Merci for jumping in on Sunday, just that your greeting still names the old brand.",
    # the contrast said at the end of the clause after the thanks
    "ty for the overtime. hold time was 7 min tho",
    "Thanks for the overtime. Hold time was 7 min though.",
    # zh: thanks or praise, then 不过 / 但是 / 就是 in the next clause or sentence
    "谢谢你周六来顶班。不过你那天有两张工单没写结案原因。",
    "感谢你帮小王复盘那通投诉，她今天顺多了。就是你自己的回访还欠着五个，明天中午前清掉。",
    "你这周的接通量是组里最高的，就是工单备注太简单，二线看不懂。",
    "辛苦了，这周你加了两个晚班。但是周四那通你没核实身份就改了地址。",
])
def test_praise_or_thanks_turned_into_a_correction_is_a_sandwich(text):
    report = _fb(text)
    assert "sandwich" in report["flags"]
    assert "praise_but" in _pitfalls(report)  # a praise or behaviour turn takes neither


@pytest.mark.parametrize("text", [
    "You're one of the strongest on the desk. But yesterday you hung up on the lady from Leeds. Anyway, keep it up!",
    "Love having you on shift! Small thing: you left the queue unattended for twenty minutes. Still, you're a star.",
    "你一直很用心，然后那个，周二你把客户的卡号念出来了，最后，继续加油哈。",
])
def test_praise_on_both_sides_of_a_criticism_is_a_sandwich(text):
    assert "sandwich" in _fb(text)["flags"]


@pytest.mark.parametrize("text", [
    # a "but" after a neutral clause, or one that turns to more praise
    "Thanks for staying late on Friday. The system was down for an hour, but the queue was empty by nine.",
    "It was a nasty caller, but you kept your voice level and he calmed down. Thank you.",
    # thanks and a separate point announced as an aside: a BIA then a BID, not a sandwich (blind2's writer)
    "Thank you for ringing back every caller after the outage. One thing: two of the notes had no callback number.",
    # no praise before the contrast
    "The customer was upset, but you explained the fee twice and she accepted it.",
    "客户一开始很冲，但是你一直没打断他，最后他自己道歉了。谢谢你。",
    "态度不太好，但是流程都对。",
    # "just" that introduces thanks, not a correction
    "Just wanted to say thanks for the handover notes on Monday, they saved me an hour.",
    # a closing word after praise with nothing critical between
    "Great call at 2 pm. You let him finish, then booked the engineer. Overall, brilliant.",
])
def test_no_sandwich_without_a_correction_after_the_praise(text):
    assert praise_then_correction(text) == []


def test_a_tag_question_after_the_correction_still_corrects():
    report = _fb("Thanks啊, but 下次 AHT 注意一下 ok?")
    assert "sandwich" in report["flags"]


def test_a_question_after_the_thanks_is_no_correction_of_the_clauses():
    assert praise_then_correction("Thanks for that. However, what do you think made the difference?") == []


def test_negated_praise_is_not_warm():
    # "not so good" is the criticism itself, not the bread
    assert praise_then_correction("Not so good with the second caller. But the notes were fine.") == []


def test_a_request_with_love_is_not_praise():
    assert praise_then_correction("I'd love you to take the 9 am huddle. But keep it under ten minutes.") == []


def test_though_that_leads_more_thanks_is_no_correction():
    text = "She'd have escalated it to me otherwise, so thank you. Honestly though, thank you. That was calm work."
    assert "sandwich" not in _fb(text)["flags"]


def test_a_contrast_that_leads_more_thanks_is_no_correction():
    text = "The department sends its thanks in the newsletter. But from me personally: thank you, that was superb."
    assert praise_then_correction(text) == []
