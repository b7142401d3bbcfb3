"""Routing of two role-play praise turns, session 19 (issue 13).

First class: at kpi-first-week-former-peer's strength turn the prompt asks for "a specific behaviour of his, when or how
often", and the good answers tell a habit against the other person's line ("每次遇到账单投诉都先把明细对一遍", "whenever a
bill gets disputed u pull the last 3 statements"). The rules and the structure read the act; the learned layer, fitted on
lines without the other person's line (where such a habit is mostly labelled no behaviour), took it away, and the praise
then read as vague: the retired turn sets lost 27 (zh-CN) and 21 (en) good answers there. With a context, an act the
structure found in a sentence that says when or how often stands (feedback.CONTEXT_ACT_STANDS). A metric's level alone,
or praise of a manner ("stayed calm the whole time"), is no such act and still reads as vague.

Second class (convention 25, a stock phrase names nothing): at bia-angry-customer's appreciation turn the bare word of
thanks with stock encouragement ("辛苦了。", "thx 👍", "thanks. good job. keep it up.") reached the thanks intent; nine
writers' labels of the retired turn sets send it to the fallback (one, turns3, to thanks, marked poor).

Every text is our own wording.
"""

from __future__ import annotations

import pytest

from coachlab.checks import feedback, run
from tests.checks.playing import reached

NODE = ("kpi-first-week-former-peer", "strength")
CONTEXT = {"en": "Go on then. What do my numbers say?", "zh-CN": "那你说吧，我的数据怎么样？"}


@pytest.mark.parametrize(("text", "lang"), [
    ("你每次遇到账单投诉都先把三个月的明细拉出来对一遍，所以你的客户很少二次来电，一次解决率80%，全组72%。", "zh-CN"),
    ("FCR 80% last 4 wks vs team 72. whenever a bill gets disputed u pull the last 3 statements before u answer, "
     "so ur callers rarely ring back", "en"),
])
def test_a_habit_told_against_the_line_keeps_its_act(text: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The act stands with the context, and it is this rule that keeps it (without it the praise reads as vague)."""
    assert run("feedback", text, lang=lang, context=CONTEXT[lang]).elements["behavior"]
    assert reached(*NODE, text, lang) != "vague-praise"
    monkeypatch.setattr(feedback, "CONTEXT_ACT_STANDS", False)
    assert reached(*NODE, text, lang) == "vague-praise"


@pytest.mark.parametrize(("text", "lang"), [
    ("你一次解决率80%，组里平均才72%，挺好的。", "zh-CN"),
    ("FCR 80% against a team average of 72. Nice work.", "en"),
])
def test_a_metric_level_still_reads_as_vague_praise(text: str, lang: str) -> None:
    assert reached(*NODE, text, lang) == "vague-praise"


@pytest.mark.parametrize(("text", "lang", "intent"), [
    ("辛苦了。", "zh-CN", "fallback"),  # convention 25: a stock phrase names nothing
    ("辛苦啦，继续加油哈！", "zh-CN", "fallback"),
    ("thx 👍", "en", "fallback"),
    ("Thanks. Good job, keep it up.", "en", "fallback"),
    ("陈浩，谢谢你🙏 这单要是升级了，我得忙一整个下午。", "zh-CN", "thanks"),
    ("Thank you, Chen Hao. That call saved me an afternoon of escalation paperwork.", "en", "thanks"),
])
def test_bare_thanks_is_no_personal_thanks(text: str, lang: str, intent: str) -> None:
    """The appreciation turn asks for thanks "plainly and personally": the word of thanks with stock encouragement and
    nothing else reaches the fallback (feedback.BARE_THANKS_IS_NOT_THANKS); thanks to the person for something is thanks."""
    assert reached("bia-angry-customer", "appreciation", text, lang) == intent
    report = run("feedback", text, lang=lang).to_dict()
    assert report["elements"]["appreciation"] and report["thanks"] is (intent == "thanks")
