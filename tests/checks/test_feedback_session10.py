"""Feedback at the role-play turns, session 10 (issue 13, judge fb10).

Half-right poor answers reach the intent that names what is missing, not the fallback. The texts are our own
wording, never copied from the retired turn sets.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from tests.checks.playing import reached

# Praise whose only "act" the learned layer does not believe: a number or a competency rated, with a clause the
# rules read as the agent doing something. With no behaviour left, the praise is vague (PRAISE_LEFT_WITHOUT_ACT).
PRAISE_WITHOUT_ACT = [
    ("kpi-first-week-former-peer", "strength", "Your numbers look good, but your calls run long.", "en",
     "vague-praise"),
    ("kpi-first-week-former-peer", "strength", "你的指标还不错，就是通话有点长。", "zh-CN", "vague-praise"),
    # (session 12b: with "，就是通话有点长" it is praise taken back by a "but", the fallback there: convention 23,
    # test_feedback_session12b.py)
    ("listening-abusive-call", "praise", "你的指标还不错，继续保持。", "zh-CN", "vague"),
    ("listening-abusive-call", "praise", "这一个月你的表现值得肯定，展现了很强的带队能力。", "zh-CN", "vague"),
]


@pytest.mark.parametrize(("scenario", "node", "text", "lang", "want"), PRAISE_WITHOUT_ACT)
def test_praise_left_without_an_act_is_vague_praise(scenario: str, node: str, text: str, lang: str,
                                                     want: str) -> None:
    """No behaviour in the verdict, praise in the text: the vague-praise flag and the intent that asks for the act."""
    report = run("feedback", text, lang=lang)
    assert report.elements["behavior"] is False
    assert "vague_praise" in report.flags
    assert reached(scenario, node, text, lang) == want


def test_praise_with_an_act_is_not_vague() -> None:
    """The mechanism only fills in for a missing act: praise of a named act keeps its behaviour, no flag."""
    report = run("feedback", "On the 10:20 call you read the refund amount back twice. Great work.", lang="en")
    assert report.elements["behavior"] is True
    assert "vague_praise" not in report.flags


# The act renamed: "that's not <act>, that's <another>", "这不叫 X，叫 Y" is a verdict on the person's way of working
# (rules/feedback.yaml feedback.*.label.renamed), so the BID turn names the label instead of falling back.
RENAMED = [
    ("Honestly, that's not coaching, that's doing the work for them.", "en"),
    ("taking every case off them isnt mentoring tbh, its just being nice", "en"),
    ("你这样不算辅导，算包办。", "zh-CN"),
    ("帮同事把单子都做完，这个不叫带新人。", "zh-CN"),
]


@pytest.mark.parametrize(("text", "lang"), RENAMED)
def test_an_act_renamed_is_a_label(text: str, lang: str) -> None:
    """The renaming is a label and reaches the BID turn's label intent."""
    assert "label" in run("feedback", text, lang=lang).flags
    assert reached("swot-self-scan-candidate", "bid", text, lang) == "label-or-absolute"


@pytest.mark.parametrize(("text", "lang"), [
    ("This isn't blaming, it's looking at three calls together.", "en"),
    ("这不叫批评，是想跟你一起看看那三通电话。", "zh-CN"),
    ("迟到两分钟不算大事，不过这周有五次。", "zh-CN"),
])
def test_a_contrast_about_the_talk_is_no_label(text: str, lang: str) -> None:
    """A contrast about the talk itself, or a size played down, renames nothing of the person's."""
    assert "label" not in run("feedback", text, lang=lang).flags



def test_the_note_piece_cut_is_the_clause_cut_less_two_joins() -> None:
    """feedback's English piece cut is derived from structure's clause cut: the same cut, less "which" and
    "after that" (those join inside a piece), so a change to the clause cut reaches the pieces too."""
    from coachlab.checks import structure
    from coachlab.checks.feedback import _EN_PIECE_CUT, _pieces

    assert structure.en_cut_without().pattern == structure._EN_CUT.pattern
    assert _EN_PIECE_CUT.flags == structure._EN_CUT.flags
    text = "say which plan it is, after that read it back but slowly"
    assert [s.text for s in structure.split_spans(text, structure._EN_CUT)] == ["say", "plan it is", "read it back",
                                                                              "slowly"]
    assert [p.text.strip() for p in _pieces(text, "en")] == ["say which plan it is", "after that read it back",
                                                              "slowly"]


# The price left unnamed after "or" / 不然 (convention 15): a veiled threat, and the development turn names it.
@pytest.mark.parametrize(("text", "lang"), [
    ("Log the callbacks before you leave, or we're going to have a problem.", "en"),
    ("回访都给我按时打，不然评优就别想了。", "zh-CN"),
    ("下周再超时，就不是找你聊聊这么简单了。", "zh-CN"),
])
def test_a_price_after_or_is_a_threat(text: str, lang: str) -> None:
    assert "threat" in run("feedback", text, lang=lang).flags
    assert reached("bid-late-logins", "development", text, lang) == "threat"


@pytest.mark.parametrize(("text", "lang"), [
    ("Say 'one moment please' before you search, or the caller thinks the line dropped.", "en"),
    ("查记录的时候跟客户说一声，不然客户以为掉线了。", "zh-CN"),
])
def test_a_natural_consequence_after_or_is_no_threat(text: str, lang: str) -> None:
    """What happens to the customer if the step is skipped is a reason, not a threat."""
    assert "threat" not in run("feedback", text, lang=lang).flags


def test_a_counted_act_is_a_sure_behaviour() -> None:
    """An act of the agent's with how often it happened is a behaviour the check does not ask about, so a poor
    answer that has only the behaviour reaches the behaviour-only intent, not the fallback (COUNTED_ACT_IS_SURE).
    ("上个月你有六次打卡晚了。" was the text until session 13: with blind16 in training the learned layer is sure it
    names no act, a drift the mechanism does not override; overriding every sure "no" lost 20 of 3,116 training
    items, so it stays a miss.)"""
    text = "这个月你有五次开会迟到。"
    report = run("feedback", text, lang="zh-CN")
    assert report.elements["behavior"] is True and "behavior" not in report.unsure
    assert reached("bid-late-logins", "behaviour", text, "zh-CN") == "behaviour-only"


@pytest.mark.parametrize("text", ["Honestly, you're just not good with the new CRM.", "ur not very confident on the phones"])
def test_the_persons_ability_judged_is_a_label(text: str) -> None:
    """"You're not good with X" rates the person, not an act: the evaluation turn names the label."""
    assert "label" in run("feedback", text, lang="en").flags
    assert reached("perf-interview-csat-drop", "evaluation", text, "en") == "label"


def test_an_act_not_done_well_is_no_label() -> None:
    """A call named with what was done is an observation, even when it went badly."""
    text = "On the 3 pm call you were not able to find the order for two minutes."
    assert "label" not in run("feedback", text, lang="en").flags
