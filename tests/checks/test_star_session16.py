"""Session 16, judge J-star16: what holds since the event is a STAR result; verb + 了 + an amount is a counted result.

Classes fixed (retired sets, writers of several sets, en and zh):
- A clause opened by a time that points back to the story ("Since that case I…", "从那以后，我每次…都会…", "那次以后我算是
  学乖了…", "打那以后…") tells a practice changed or a lesson kept (convention 5): the result, not the story's action
  (blind7, blind13, blind17, blind19, blind21). "后来 / after that" alone only orders the story's acts.
- "I learnt I need to…", "I learned you can't…": a lesson told as a clause after learn is a result (blind13, blind17,
  blind21), and "I need" is no act (the action rule read "need" as a past tense).
- "一年省了十几万": the word the aspect 了 closes is the predicate even when the tagger calls it a noun, so the amount
  after it counts the result (blind12, lost in session 15; blind7 "差了两个点").
The phrasings are the judge's own, not the corpora's.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.star import _after_the_change


def _star(text: str, lang: str) -> dict:
    return run("star", text, lang=lang).to_dict()


@pytest.mark.parametrize("text, lang", [
    ("Since that complaint I read the account notes before every callback.", "en"),
    ("Ever since the Hartley case I always tell callers the target date, never a promise.", "en"),
    ("从那次以后，我每次放下电话前都会把工单状态再核一遍。", "zh-CN"),
    ("打那以后我就记住了，退款金额一定要念给客户听。", "zh-CN"),
    ("那件事之后我算是长记性了，碰到大额退款先找组长签字。", "zh-CN"),
])
def test_what_holds_since_the_event_is_the_result_not_an_act(text, lang):
    report = _star(text, lang)
    assert report["elements"]["result"]
    assert not report["elements"]["action"]


@pytest.mark.parametrize("text, lang", [
    ("A customer rang five times about one refund. I took the case myself and called her every morning with news. "
     "Since then I always give a callback time.", "en"),
    ("有个客户为一笔退款打了五次电话，我把单子接过来，每天上午给她回电说进度。从那以后我每次都先告诉客户回电时间。", "zh-CN"),
])
def test_the_story_before_keeps_its_action(text, lang):
    report = _star(text, lang)
    assert report["elements"]["action"] and report["elements"]["result"]


@pytest.mark.parametrize("text, lang", [
    ("后来我就把排班表重新排了一遍。", "zh-CN"),
    ("After that I called the customer back and apologised.", "en"),
])
def test_later_only_orders_the_acts(text, lang):
    assert _star(text, lang)["elements"]["action"]


@pytest.mark.parametrize("text", [
    "I learnt customers forgive a delay if you ring them first.",
    "I learned I need to hand work over sooner.",
])
def test_a_lesson_told_as_a_clause_is_a_result(text):
    report = _star(text, "en")
    assert report["elements"]["result"] and not report["elements"]["action"]


def test_learning_a_tool_is_no_lesson():
    assert not _star("I learned the billing tool in my first week.", "en")["elements"]["result"]


def test_i_need_is_no_act():
    assert not _star("I need to get better at saying no to people.", "en")["elements"]["action"]


def test_the_word_le_closes_is_the_predicate():
    assert _after_the_change("半年省了")          # 省 tagged as a noun
    assert not _after_the_change("组里有")        # how things stood
    assert not _after_the_change("两")            # no predicate before the count


def test_an_amount_saved_quantifies_the_result():
    report = _star("我提议把两条夜班线合成一条，半年省了二十几万。", "zh-CN")
    assert report["elements"]["result"] and report["quantified_result"]
