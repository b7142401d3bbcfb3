"""Session 13 (judge J-feedback13c), feedback.

1. The agent's will guessed as a question in Chinese ("你是不是不想上早班？", "是不是对早班有意见啊？") is a motive
   (rules feedback.zh.motive): turns, turns6, turns10, turns15 at bid-late-logins behaviour, and blind5, blind9,
   blind15 per label, by different writers, label it so; the check saw only the question form. A sincere question
   about a difficulty, or about someone else's grudge, is no motive.
2. The person praised with nothing found ("你这个人靠谱", "你很有领导力", "ur great with customers", "You're tougher than
   you think") is vague praise (rules feedback.*.praise.trait): turns5, turns8, turns9, turns14, turns15 at kpi
   strength, and the praise turns of listening-abusive-call and promo-followup-month; the check saw no praise. The
   trait asked for or denied stays no praise, and praise beside an act stays specific.
"""

from __future__ import annotations

import pytest

from coachlab.checks.feedback import check_feedback


@pytest.mark.parametrize("text", [
    "你是不是不想干早班啊？",
    "你是不是对新排班有意见？",
    "小刘，你最近是不是不太愿意上早班？",
    # retired misses
    "你是不是不想上早班？",  # turns
    "你是不是对早班有意见啊？",  # turns6
    "你是不是对早版有意见啊？感觉你最近有点散慢。",  # turns10
    "你是不是早上不太想来上班？",  # turns15
])
def test_a_will_guessed_as_a_question_is_a_motive(text: str) -> None:
    """Asking whether the agent does not want to, or holds a grudge, guesses at a motive."""
    assert "motive" in check_feedback(text, "zh-CN").flags


@pytest.mark.parametrize("text", [
    "你是不是遇到什么困难了？早班要不要调一下？",
    "最近是不是家里有什么事？",
    "你是不是还没拿到新排班表？",
    "那几个人是不是对你有意见？",
])
def test_a_sincere_question_is_no_motive(text: str) -> None:
    """A question about a difficulty, a fact, or someone else's grudge guesses at no motive of the agent's."""
    assert "motive" not in check_feedback(text, "zh-CN").flags


@pytest.mark.parametrize("text, lang", [
    ("You're great with the new starters, honestly.", "en"),
    ("you're just so good with the older callers", "en"),
    ("你这人挺能干的。", "zh-CN"),
    ("你确实有领导力。", "zh-CN"),
    # retired misses
    ("ur great with customers, always were 👏", "en"),  # turns9 kpi strength
    ("You're just really good with angry people. You've got that calm thing going on.", "en"),  # turns15
    ("You're tougher than you think.", "en"),  # listening-abusive-call praise
    ("你一直是组里最靠谱的人。", "zh-CN"),  # turns5 kpi strength
    ("你这个人靠谱，大家都服你。", "zh-CN"),  # turns14 kpi strength
    ("你是咱组的顶梁柱，没得说。", "zh-CN"),  # turns15 kpi strength
    ("你很有领导力。", "zh-CN"),  # promo-followup-month praise
    ("你性格好，脾气好，这种电话你最合适接。", "zh-CN"),  # listening-abusive-call praise
])
def test_the_person_praised_with_nothing_found_is_vague_praise(text: str, lang: str) -> None:
    """Praise of the person, with no act told, is vague praise."""
    report = check_feedback(text, lang)
    assert "vague_praise" in report.flags and not report.elements["behavior"]


@pytest.mark.parametrize("text, lang", [
    ("You're good to go.", "en"),
    ("你要坚强一点。", "zh-CN"),
    ("你脾气不好。", "zh-CN"),
    ("你是不是不太靠谱？", "zh-CN"),
])
def test_a_trait_asked_for_or_denied_stays_no_praise(text: str, lang: str) -> None:
    """A trait the agent is asked for, or told they lack, is no vague praise."""
    assert "vague_praise" not in check_feedback(text, lang).flags


@pytest.mark.parametrize("text, lang", [
    ("you're great at reading the account back before you confirm, on the 3pm call you did it twice", "en"),
    ("你很有耐心，昨天下午那通电话你把退款金额跟客户核对了两遍。", "zh-CN"),
])
def test_praise_beside_the_act_stays_specific(text: str, lang: str) -> None:
    """With the act told, the praise of the person is the warmth around it: never a sure vague praise (since the
    session 13 refit the English line is asked about, confidence 0.5, rather than passed), and the act is found or
    asked about, never surely missed (the session 19 refit, with blind23, asks "did you mean … as the behaviour?" at
    0.52: "you did it twice" names the act by a pronoun)."""
    report = check_feedback(text, lang)
    assert report.elements["behavior"] or "behavior" in report.unsure
    assert "vague_praise" not in report.flags or "vague_praise" in report.unsure
