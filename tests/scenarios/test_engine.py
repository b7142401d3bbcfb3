"""The engine: pure, deterministic steps; serialisable sessions; bad input handled."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from coachlab.scenarios import EngineError, Scenario, Session, answer, choose, debrief, percentages, start, view
from coachlab.scenarios.engine import MAX_TEXT, options, path


@pytest.fixture
def scenario(mini) -> Scenario:
    """Return the tiny scenario as an engine object."""
    return Scenario(mini)


def test_choice_applies_effects_scores_and_moves_on(scenario):
    """Picking an option changes state and points and returns its feedback."""
    session = start(scenario)
    after, event = choose(scenario, session, "good")
    assert after.variables["trust"] == 7 and after.points["feedback-bid"] == 2 and after.node == "speak"
    assert event.kind == "choice" and event.feedback["en"] == "Good."
    assert session.variables["trust"] == 5 and session.turns == ()  # the old session is untouched


def test_effects_are_clamped_to_bounds(scenario):
    """A variable never leaves its declared range."""
    after, _ = choose(scenario, start(scenario), "bad")
    assert after.variables["trust"] == 2
    low = Session(**{**start(scenario).__dict__, "variables": {"trust": 1}})
    assert choose(scenario, low, "bad")[0].variables["trust"] == 0


def test_conditional_options_are_offered_only_when_they_hold(scenario):
    """An option with `when` appears only when its state test holds, and cannot be forced."""
    session = start(scenario)
    assert [o["id"] for o in options(scenario, session)] == ["good", "bad"]
    with pytest.raises(EngineError):
        choose(scenario, session, "secret")
    trusted = Session(**{**session.__dict__, "variables": {"trust": 9}})
    assert "secret" in [o["id"] for o in options(scenario, trusted)]


def test_free_text_matches_the_first_intent_and_keeps_evidence(scenario, checker):
    """The learner's words are read by the checker; the evidence span is kept in the transcript."""
    session, _ = choose(scenario, start(scenario), "good")
    after, event = answer(scenario, session, "On Monday you logged in at 8:09 and the queue waited.", checker)
    assert event.kind == "intent" and event.matched == "bi" and after.node == "listen"
    assert after.turns[-1]["said"] == "On Monday you logged in at 8:09 and the queue waited."
    assert after.turns[-1]["evidence"][0]["text"] == "logged"
    assert after.points["feedback-bid"] == 5


def test_retry_intent_asks_again_then_moves_on(scenario, checker):
    """A retry intent keeps the learner on the turn while retries remain, then applies its effects."""
    session, _ = choose(scenario, start(scenario), "good")
    once, event = answer(scenario, session, "You are lazy.", checker)
    assert event.kind == "retry" and once.node == "speak" and once.variables["trust"] == 7 and event.tries_left == 0
    twice, event = answer(scenario, once, "Lazy again.", checker)
    assert event.kind == "intent" and twice.node == "listen" and twice.variables["trust"] == 5


def test_fallback_hints_then_moves_on(scenario, checker):
    """Unmatched text gets the fallback hint, then (retries spent) the fallback's next."""
    session, _ = choose(scenario, start(scenario), "good")
    once, event = answer(scenario, session, "hmm", checker)
    assert event.kind == "retry" and event.feedback["en"] == "Say what you saw."
    twice, event = answer(scenario, once, "hmm again", checker)
    assert event.kind == "fallback" and twice.node == "listen"


def test_empty_text_asks_again_without_using_a_try(scenario, checker):
    """Empty or blank text changes nothing."""
    session, _ = choose(scenario, start(scenario), "good")
    for blank in ("", "   \n\t"):
        after, event = answer(scenario, session, blank, checker)
        assert event.kind == "empty" and after == session


def test_long_text_is_cut_with_a_notice(scenario, checker):
    """Text over 2,000 characters is cut and the event says so."""
    session, _ = choose(scenario, start(scenario), "good")
    after, event = answer(scenario, session, "logged queue " * 400, checker)
    assert event.cut and len(after.turns[-1]["said"]) == MAX_TEXT


def test_a_failing_check_does_not_crash_the_turn(scenario):
    """When the checker raises, the text is still saved and the fallback applies."""
    def broken(kind, text):
        raise RuntimeError("boom")
    session, _ = choose(scenario, start(scenario), "good")
    after, event = answer(scenario, session, "💥' OR 1=1; --", broken)
    assert event.kind == "retry" and after.turns[-1]["said"] == "💥' OR 1=1; --"


def test_branches_pick_the_ending_from_state_and_flags(scenario, checker):
    """`next` branches route by state and flags to the right ending."""
    session, _ = choose(scenario, start(scenario), "good")
    session, _ = answer(scenario, session, "you logged in late and the queue waited", checker)
    end, event = answer(scenario, session, "the bus is late, that must be stressful", checker)
    assert end.finished and end.ending == "happy" and event.ending == "happy" and "heard" in end.flags
    session, _ = choose(scenario, start(scenario), "bad")
    session, _ = answer(scenario, session, "you logged in late and the queue waited", checker)
    end, _ = answer(scenario, session, "the bus is late, that must be stressful", checker)
    assert end.ending == "meh"


def test_wrong_kind_of_step_is_refused(scenario, checker):
    """Free text at a choice turn, a choice at a free turn, or any step after the end is an EngineError."""
    session = start(scenario)
    with pytest.raises(EngineError):
        answer(scenario, session, "hello", checker)
    at_free, _ = choose(scenario, session, "good")
    with pytest.raises(EngineError):
        choose(scenario, at_free, "good")


def test_session_round_trips_through_json(scenario, checker):
    """A session saved as JSON resumes exactly where it was."""
    session, _ = choose(scenario, start(scenario, seed=7), "good")
    session, _ = answer(scenario, session, "hmm", checker)
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    assert restored == session
    assert answer(scenario, restored, "you logged in; queue", checker)[0] == answer(scenario, session,
                                                                                    "you logged in; queue", checker)[0]


def test_bad_saved_session_is_refused():
    """Something that is not a saved session raises EngineError, never a raw KeyError."""
    with pytest.raises(EngineError):
        Session.from_dict({"version": 1})
    with pytest.raises(EngineError):
        Session.from_dict({"version": 99, "scenario_id": "x", "node": "a", "variables": {}})


def test_line_variants_are_seeded(scenario):
    """The same seed always shows the same variant; the variants differ across seeds."""
    seen = {view(scenario, start(scenario, seed=s), "en")["say"] for s in range(20)}
    assert seen == {"Hello A.", "Hello B."}
    assert view(scenario, start(scenario, seed=3), "en") == view(scenario, start(scenario, seed=3), "en")


def test_debrief_reports_bands_path_and_better_lines(scenario, checker):
    """The debrief gives per-skill percent and band, the path and a better alternative per turn."""
    session, _ = choose(scenario, start(scenario), "good")
    session, _ = answer(scenario, session, "you logged in; the queue waited", checker)
    session, _ = answer(scenario, session, "nothing relevant", checker)
    report = debrief(scenario, session)
    by_skill = {s["skill"]: s for s in report["skills"]}
    assert by_skill["feedback-bid"]["percent"] == 100 and by_skill["feedback-bid"]["band"] == "proficient"
    assert by_skill["listening"]["percent"] == 0 and by_skill["listening"]["band"] == "needs_work"
    assert report["path"] == ["open:good", "speak:bi", "listen:fallback", "end:meh"]
    assert report["turns"][0]["was_best"] is True
    assert report["turns"][2]["better"]["en"] == "The bus is late and that is stressful."
    assert json.loads(json.dumps(report)) == report


def test_negative_points_floor_at_zero(scenario, checker):
    """A skill's percentage never goes below 0."""
    session, _ = choose(scenario, start(scenario), "bad")
    assert percentages(scenario, session)["feedback-bid"] == 0


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_is_read_without_crashing(text):
    """Whatever the learner types, the engine answers with an event and keeps the text as typed."""
    import copy

    from scenario_testdata import MINI, stub_checker
    scenario = Scenario(copy.deepcopy(MINI))
    session, _ = choose(scenario, start(scenario), "good")
    after, event = answer(scenario, session, text, stub_checker)
    if text.strip():
        assert after.turns[-1]["said"] == text[:MAX_TEXT] and event.kind in ("intent", "retry")
    else:
        assert event.kind == "empty" and after == session


# ---------------------------------------------------------------- unsure verdicts: ask, confirm, context


def _unsure_checker(seen: list):
    """Return a checker that is unsure of the impact when the text says "maybe", and logs the context it got."""
    def check(kind: str, text: str, context: str | None = None) -> dict:
        seen.append((kind, context))
        low = text.lower()
        unsure = ["impact"] if "maybe" in low else []
        return {"elements": {"behavior": "logged" in low, "impact": "queue" in low, "appreciation": False,
                             "development": False},
                "flags": [], "evidence": [], "unsure": unsure,
                "questions": [{"label": "impact", "text": "Did you mean “maybe” as the impact?"}] if unsure else [],
                "answers": {"impact": {"yes": True, "no": False}} if unsure else {}}
    return check


def test_an_unsure_verdict_that_decides_the_intent_asks_without_using_a_try(scenario):
    """When yes and no would pick different intents, the step asks; the session waits on the turn."""
    from coachlab.scenarios.engine import Session

    session, _ = choose(scenario, start(scenario), "good")
    asked, event = answer(scenario, session, "You logged in late, maybe it hurt.", _unsure_checker([]))
    assert event.kind == "ask" and event.node == "speak" and "maybe" in event.feedback["en"]
    assert asked.node == "speak" and asked.tries == session.tries and asked.turns == session.turns
    assert asked.pending and asked.pending["asked"] == {"feedback": ["impact"]}
    assert view(scenario, asked, "en")["question"] == event.feedback["en"]
    saved = json.loads(json.dumps(asked.to_dict()))
    assert Session.from_dict(saved) == asked


def test_confirming_yes_or_no_resolves_the_turn_and_history_keeps_it(scenario):
    """Yes treats the unsure label as present, no as absent; the turn record says the learner was asked."""
    from coachlab.scenarios import confirm

    session, _ = choose(scenario, start(scenario), "good")
    asked, _ = answer(scenario, session, "You logged in late, maybe it hurt.", _unsure_checker([]))
    yes, event = confirm(scenario, asked, True)
    assert event.kind == "intent" and event.matched == "bi" and yes.node == "listen" and yes.pending is None
    assert yes.turns[-1]["unsure"] == ["impact"] and yes.turns[-1]["confirmed"] is True
    no, event = confirm(scenario, asked, False)
    assert event.kind == "retry" and no.node == "speak" and no.tries == session.tries + 1
    assert no.turns[-1]["unsure"] == ["impact"] and no.turns[-1]["confirmed"] is False


def test_a_new_answer_replaces_an_open_question(scenario):
    """Typing again instead of answering the question clears it; confirm then has nothing to answer."""
    from coachlab.scenarios import confirm

    session, _ = choose(scenario, start(scenario), "good")
    asked, _ = answer(scenario, session, "You logged in late, maybe it hurt.", _unsure_checker([]))
    again, event = answer(scenario, asked, "You logged in at 8:09 and the queue waited.", _unsure_checker([]))
    assert event.kind == "intent" and again.pending is None
    assert again.turns[-1]["unsure"] == [] and again.turns[-1]["confirmed"] is None
    with pytest.raises(EngineError):
        confirm(scenario, again, True)


def test_an_unsure_verdict_that_changes_nothing_is_not_asked(scenario):
    """When yes and no pick the same intent, the turn resolves and records the unsure label."""
    session, _ = choose(scenario, start(scenario), "good")
    after, event = answer(scenario, session, "Maybe the queue.", _unsure_checker([]))  # no behaviour either way
    assert event.kind == "retry" and after.turns[-1]["unsure"] == ["impact"]
    assert after.turns[-1]["confirmed"] is None


def test_the_check_gets_the_other_persons_line_in_the_learners_language(scenario):
    """A free-text turn passes the node's line as context, in the language of the session."""
    seen: list = []
    session, _ = choose(scenario, start(scenario), "good")
    answer(scenario, session, "You logged in at 8:09.", _unsure_checker(seen))
    answer(scenario, session, "你八点零九分才登录。", _unsure_checker(seen), lang="zh-CN")
    assert seen == [("feedback", "Go on."), ("feedback", "中文：Go on.")]


def test_the_real_checks_ask_instead_of_sending_back_an_answer_they_are_unsure_of():
    """With coachlab.checks, an unsure element the intent depends on becomes a question, not a retry."""
    from coachlab.checks import run

    report = run("feedback", "结果客户撤回了投诉。").to_dict()
    assert set(report) >= {"confidence", "unsure", "questions", "answers"}
    for label in report["unsure"]:
        assert report["answers"][label]["yes"] != report["answers"][label]["no"]


def test_only_the_verdict_that_decides_is_asked_and_settled(scenario):
    """With two unsure verdicts, the question is about the one that changes the intent; yes settles only it."""
    from coachlab.scenarios import confirm

    def check(kind: str, text: str, context: str | None = None) -> dict:
        return {"elements": {"behavior": True, "impact": False, "appreciation": False, "development": False},
                "flags": [], "evidence": [], "unsure": ["appreciation", "impact"],
                "confidence": {"appreciation": 0.5, "impact": 0.6},
                "questions": [{"label": "appreciation", "text": "Q-appreciation"}, {"label": "impact", "text": "Q-impact"}],
                "answers": {"appreciation": {"yes": True, "no": False}, "impact": {"yes": True, "no": False}}}

    session, _ = choose(scenario, start(scenario), "good")
    asked, event = answer(scenario, session, "You logged in late.", check)
    assert event.kind == "ask" and event.feedback["en"] == "Q-impact"  # appreciation changes no intent here
    assert asked.pending["asked"] == {"feedback": ["impact"]}
    after, event = confirm(scenario, asked, True)
    assert event.matched == "bi" and after.turns[-1]["unsure"] == ["appreciation", "impact"]
