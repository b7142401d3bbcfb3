"""A mocking answer (the tone check's sarcasm pitfall) reaches the fallback, and the coach names the dig first.

The role-play writers labelled sarcastic answers "fallback" in most turns (no intent's feedback names
mockery); the engine routes them there in one place instead of every intent excluding the pitfall, and
quotes the learner's own mocking words, never words the learner did not write.
"""

from __future__ import annotations

from typing import Any

import pytest

from coachlab.i18n import t
from coachlab.scenarios import Scenario, answer, choose, start
from coachlab.scenarios.engine import TONE_TEST
from scenario_testdata import mocking


def test_a_mocking_answer_skips_the_intent_it_would_reach_and_the_coach_quotes_the_dig(speaking):
    """Behaviour and impact named, but with a dig: the fallback, its hint, and the learner's own words quoted."""
    scenario, session = speaking
    text = "You logged in at 8:09 and the queue waited. Great time-keeping, genius."
    plain, event = answer(scenario, session, text, mocking(None, behavior=True, impact=True))
    assert event.matched == "bi"  # without the dig this is the good move
    after, event = answer(scenario, session, text, mocking("genius", behavior=True, impact=True))
    assert event.kind == "retry" and event.matched is None
    # The whole mocking sentence is quoted (not only the span the rule matched), without its full stop.
    quoted = t("player.tone_quoted", "en", quote="Great time-keeping, genius")
    assert event.feedback["en"] == quoted + " Say what you saw."
    assert event.feedback["zh-CN"].startswith("“Great time-keeping, genius”") and event.feedback["zh-CN"].endswith(
        "中文：Say what you saw.")
    assert after.turns[-1]["feedback"] == dict(event.feedback) and after.node == "speak"


def test_a_long_mocking_sentence_is_cut_to_the_mocking_words(speaking):
    """A rambling sentence is not quoted whole: only the words the tone check found."""
    scenario, session = speaking
    text = ("You logged in at 8:09 on Monday and at 8:12 on Tuesday and at 8:07 on Thursday while the queue "
            "kept growing, what a model of punctuality you are")
    _, event = answer(scenario, session, text, mocking("what a model of punctuality", behavior=True, impact=True))
    assert event.feedback["en"].startswith("“what a model of punctuality” reads as a dig")


def test_without_evidence_the_note_still_names_the_dig_without_a_quote(speaking):
    """A report with the pitfall but no span gets the unquoted note: no words are put in the learner's mouth."""
    scenario, session = speaking
    _, event = answer(scenario, session, "Sure, whatever.", mocking("not in the text", behavior=True, impact=True))
    assert event.feedback["en"] == t("player.tone", "en") + " Say what you saw."
    assert "“" not in event.feedback["en"]


def test_an_intent_that_names_the_sarcasm_pitfall_still_takes_the_answer(mini):
    """Authors may write an intent for mockery; a mocking answer reaches it, with its own feedback."""
    intents = mini["nodes"]["speak"]["free"]["intents"]
    intents.insert(0, {"id": "dig", "when": {"any": [TONE_TEST]}, "feedback": {"en": "A dig.", "zh-CN": "挖苦。"},
                       "next": "listen"})
    scenario = Scenario(mini)
    session, _ = choose(scenario, start(scenario), "good")
    _, event = answer(scenario, session, "Nice one, genius.", mocking("Nice one, genius."))
    assert event.kind == "intent" and event.matched == "dig" and event.feedback["en"] == "A dig."


def test_the_real_tone_check_sends_a_mocking_reply_at_a_real_turn_to_the_fallback_with_the_note():
    """With coachlab.checks and a shipped role-play: the sarcastic line is quoted back in the coach's note."""
    from coachlab.paths import course_root
    from coachlab.scenarios import load_scenario
    from coachlab.scenarios.engine import play_free, reached

    scenario, problems = load_scenario(course_root(), "bid-curt-tone-qa")
    assert scenario is not None, problems
    node = next(n for n, spec in scenario.nodes.items() if spec.get("free", {}).get("check") == "feedback")
    text = "Thanks, I guess miracles do happen in billing."
    event, _ = play_free(scenario, node, text, "en", yes=False)
    assert reached(event) == "fallback"
    note = event.feedback["en"]
    assert note.startswith("“") and "reads as a dig" in note and note.split("”")[0][1:] in text
