"""Evidence spans that run to the end of their clause stop at punctuation, not inside a number.

The pads highlight an element's evidence. "This morning you logged in at 8:15 …" was highlighted only up to
"…at 8": the clause end took the colon of the clock time for a clause break (seen in the screenshot
dispute-learner-en-note, session 13). A colon, point or comma with a digit on both sides is part of the number.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run


def _evidence(text: str, element: str) -> list[str]:
    return [e["text"] for e in run("feedback", text, lang="en").to_dict()["evidence"] if e["element"] == element]


@pytest.mark.parametrize(("text", "element", "whole"), [
    ("This morning you logged in at 8:15 and the queue was one person short.", "behavior", "at 8:15"),
    ("Your AHT went from 4.5 to 6.2 minutes, so the queue grew.", "impact", "4.5 to 6.2 minutes"),
    ("On Tuesday you handled 1,200 chats, and the backlog cleared.", "behavior", "1,200 chats"),
])
def test_a_number_inside_the_clause_is_not_a_clause_end(text: str, element: str, whole: str) -> None:
    spans = _evidence(text, element)
    assert spans, f"no {element} evidence in {text!r}"
    assert any(whole in span for span in spans), spans


def test_punctuation_between_words_still_ends_the_clause() -> None:
    spans = _evidence("On Tuesday you handled 1,200 chats, and the backlog cleared.", "behavior")
    assert spans and all("backlog" not in span for span in spans), spans
