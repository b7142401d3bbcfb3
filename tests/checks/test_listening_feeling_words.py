"""Listening in Chinese: feelings a trainer names in plain talk ("自责", "失落", "懵", "受挫", "松了口气", "很气")."""

from __future__ import annotations

import pytest

from coachlab.checks import check_listening


@pytest.mark.parametrize("text", [
    "客户投诉到你头上，你心里一直在自责吧。",
    "评优又没轮到你，挺失落的。",
    "系统突然黑屏，你当时肯定有点懵。",
    "连着被拒了三次，挺受挫的吧？",
    "那单总算关了，松口气了吧。",
    "他当着大家的面说你，你肯定很气。",
])
def test_a_feeling_in_plain_talk_is_named(text: str) -> None:
    report = check_listening(text, "zh-CN")
    assert report.elements["feeling"] is True


def test_the_mood_of_a_room_is_no_feeling() -> None:
    """'气氛' holds 气 and names nobody's feeling."""
    report = check_listening("你们组的气氛一直不错。", "zh-CN")
    assert report.elements["feeling"] is False
