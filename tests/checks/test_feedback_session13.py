"""Session 13 (judge feedback13), feedback: the person praised by a trait, raised by an intensifier or ranked first,
with no act, is vague praise (rules feedback.*.praise.trait). The check saw no praise in these; the retired sets
blind14 (zh), blind15 (en, zh) and blind16 (en, zh), five writers, label them vague praise. A trait asked for or
denied is no praise, and praise with the act beside it stays specific."""

from __future__ import annotations

import pytest

from coachlab.checks.feedback import check_feedback


@pytest.mark.parametrize("text, lang", [
    ("Honestly you're so thorough, the most thorough person I've managed.", "en"),
    ("ur really so reliable mate", "en"),
    ("You're the best agent on this floor, no question.", "en"),
    ("你这人真踏实，佩服。", "zh-CN"),
    ("说真的，你是我们组最用心的人。", "zh-CN"),
    ("小周你真是组里的顶梁柱！", "zh-CN"),
    # retired misses
    ("You're so careful, honestly the most careful person on this team.", "en"),  # blind15
    ("ur so patient with the elderly callers ❤️ love it", "en"),  # blind16
    ("你真是我们组的宝藏！❤️", "zh-CN"),  # blind15
    ("晓雯，说真的，你是我带过最认真的人。", "zh-CN"),  # blind14
    ("阿杰你整个人就是很细心哈 👍", "zh-CN"),  # blind16
])
def test_a_trait_praised_with_no_act_is_vague_praise(text: str, lang: str) -> None:
    """Praise of the person's trait with nothing observable behind it is flagged vague."""
    report = check_feedback(text, lang)
    assert "vague_praise" in report.flags and not report.elements["behavior"]


@pytest.mark.parametrize("text, lang", [
    ("You need to be more careful with the refund codes.", "en"),
    ("You're not always careful with the notes.", "en"),
    ("以后你要细心一点。", "zh-CN"),
    ("你最近不太认真。", "zh-CN"),
    ("你真是太不细心了", "zh-CN"),
])
def test_a_trait_asked_for_or_denied_is_no_praise(text: str, lang: str) -> None:
    """A trait the agent is asked for, or told they lack, is no vague praise."""
    assert "vague_praise" not in check_feedback(text, lang).flags


@pytest.mark.parametrize("text, lang", [
    ("On the 3pm call you read the address back twice, you're so careful, thanks", "en"),
    ("昨天下午那通电话你把地址核对了两遍，你真细心，谢谢。", "zh-CN"),
])
def test_a_trait_praised_beside_the_act_stays_specific(text: str, lang: str) -> None:
    """With the act told, the trait word is the warmth around it: behaviour, no vague praise."""
    report = check_feedback(text, lang)
    assert report.elements["behavior"] and "vague_praise" not in report.flags
