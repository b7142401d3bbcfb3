"""Session 13 (judge feedback13b), listening: the frame names the feeling, whatever the word (rules
listening.en.feeling.framed): the agent's experience with a verb of how it is for them ("That must feel good",
"it feels overwhelming"), the state named as what follows from it ("no wonder ur wiped") and the experience acting
on the agent ("That stays with you"). Retired misses of blind14, blind15 and blind16 (en, three writers); a verdict
on a plan, hunger, and a feeling taken back by "but" stay no feeling."""

from __future__ import annotations

import pytest

from coachlab.checks.listening import check_listening


@pytest.mark.parametrize("text", [
    "Your first five-star review. That must feel amazing.",
    "Three callbacks and no answer, that sounds draining.",
    "No wonder you're knackered after six lates in a row.",
    "That call has stayed with you.",
    # retired misses
    "She said you were the first in three calls who got her. That must feel good.",  # blind14
    "That sounds awkward and uncomfortable. Do you want us to agree on a line you can use if it happens again?",  # blind14
    "3 weekends straight 😩 no wonder ur wiped. what would help, a weekend off next rota?",  # blind15
    "She was in tears about the pension and your hands were tied. That stays with you, doesn't it?",  # blind15
    "so the callback list has got away from you and it feels overwhelming. want to go through it together?",  # blind16
])
def test_a_feeling_named_by_its_frame_is_a_feeling(text: str) -> None:
    """A feeling named through how the experience is for the agent counts as the feeling."""
    assert check_listening(text, "en").elements["feeling"]


@pytest.mark.parametrize("text", [
    "That sounds like a plan, let's do it.",
    "That sounds fine to me.",
    "No wonder you're starving, your break is at three.",
    "That sounds hard, but the shift starts at eight for everyone.",
])
def test_a_verdict_or_a_taken_back_feeling_is_no_feeling(text: str) -> None:
    """A verdict on a plan, hunger, or a feeling taken back by "but" names no feeling of the agent's."""
    assert not check_listening(text, "en").elements["feeling"]
