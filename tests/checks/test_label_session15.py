"""Label flag, session 15 (J-label15): the agent's manner as a whole rated is a label, praise of a gift is not.

Phrasings of our own (not from any corpus). Classes: the agent's tone, attitude, service or work rated with no act
(feedback.*.label.whole_verdict), a trait the person must stop being or is ("stop being so …", "散漫", "太心软"),
praise of a gift ("a natural", "天生…的料") left to vague praise, and the customer's word for the agent or the
manager's quote of what was said kept out of the label.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run


def flags(text: str) -> tuple[str, ...]:
    return tuple(run("feedback", text).flags)


@pytest.mark.parametrize("text", [
    "Your tone with that pensioner wasn't okay, Sam.",
    "ur attitude in the huddle was really not great tbh",
    "Your courtesy on the chat queue has been inconsistent lately.",
    "This is just not professional, Priya.",
    "Half the floor has noticed your attitude this month.",
    "Stop being so sulky when the rota comes out.",
    "Honestly you're the weak link on the late shift.",
    "你这通电话口气不太行啊。",
    "这个call的attitude不太OK，要改一改。",
    "你最近服务意识不强，做事也不够用心。",
    "你这种服务态度，客户不满意很正常。",
    "你这阵子有点散漫，跟以前不一样了。",
    "你就是太心软，谁哭你都给退。",
])
def test_a_verdict_on_the_person_is_a_label(text: str) -> None:
    assert "label" in flags(text)


@pytest.mark.parametrize("text", [
    # praise of a gift is vague praise, not a label
    "You're a natural with the grumpy ones.",
    "ur a natural on the phones honestly",
    "你天生就是吃这碗饭的料。",
    "你这人就是脾气好，谁都愿意找你。",
    # observable behaviour told, or someone else's manner or word
    "At 9:40 you said \"I've explained that already\" and your tone wasn't okay after that.",
    "The caller's attitude wasn't okay, and you kept your voice level.",
    "She called you hopeless twice and you still booked the engineer for her.",
    "客户的口气不太好，你一直没有打断他。",
    "你那句“这个我说过了”之后，语气不太好，客户就挂了。",
    "你这个态度挺好的，下周继续。",
    # supportive, not a trait
    "Stop being so hard on yourself, the queue was brutal.",
])
def test_praise_and_observable_behaviour_are_no_label(text: str) -> None:
    assert "label" not in flags(text)


@pytest.mark.parametrize("text", ["You're a natural with the grumpy ones.", "你天生就是吃这碗饭的料。"])
def test_praise_of_a_gift_stays_vague_praise(text: str) -> None:
    assert "vague_praise" in flags(text)
