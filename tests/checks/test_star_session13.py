"""Session 13, judge J-star13: zeros and full counts told in words quantify a STAR result (convention 1).

Classes fixed (rules/star.yaml, data rows with examples):
- a zero told in the perfect, "hasn't missed a single callback", "we haven't lost one since" (blind15, blind16), and
  a zero of incidents, "not a single data protection incident" (blind14): star.en.zero_count;
- every one of a counted set passed a check, told without "were": "All four passed their first QA check" (blind14,
  blind15; the writers of blind5, blind7, blind9 to blind11 and blind13 to blind16 label all of them q):
  star.en.quantified_result.all_n.
- English interview notes: "she" / "he" is the candidate, not a customer (NOTES_SHE_IS_THE_CANDIDATE in star.py),
  so the clause structure finds the candidate's acts and the result after them (blind14; issue 13's open class).
They hold with the shipped models.json of HEAD.
"""

from __future__ import annotations

import pytest

from coachlab.checks import run
from coachlab.checks.engine import Doc
from coachlab.checks.star import _candidate_clauses
from coachlab.checks.structure import clauses


@pytest.mark.parametrize("text", [
    # our own wording
    "I rebuilt the callback tracker in March. Since then the team hasn't missed a single callback.",
    "I moved the handover to a written checklist, and we haven't dropped one since.",
    "I set up a clean-desk check every Friday. Not a single data protection incident since.",
    "I coached the three night agents on the refund script for a month. All three passed their QA review.",
    "My task was onboarding the 10 new starters. I paired each with a buddy and ran a daily Q&A. All 10 passed probation.",
    # retired misses
    "I built the weekly callback dashboard. Since then my team hasn't missed a single callback.",  # blind16
    "They fixed it the next release and we haven't lost one since. I had kept a log of every callback I booked.",  # blind15, shortened
    "Result: not a single data protection incident since I introduced the clean-desk check.",  # blind14
    "My task was to train the four new starters on the returns process in their first week. I wrote a one-page "
    "checklist and sat with each of them for two hours on live calls. All four passed their first QA check.",  # blind15
])
def test_a_zero_or_a_full_count_in_words_quantifies_the_result(text: str) -> None:
    """A zero of a defined thing, or all of a counted set passing, is a result with a number."""
    report = run("star", text, lang="en")
    assert report.elements["result"] and report.quantified_result


@pytest.mark.parametrize("text", [
    "I rewrote the returns script. We haven't lost our nerve since.",           # no count of anything
    "I set up a buddy rota for the new starters. All of them passed by my desk to say thanks.",  # no number
    "I changed the rota. She has missed one shift since.",                    # not a zero
    "I ran the refresher sessions. In the end there were no problems.",       # convention 1: nothing defined
])
def test_neighbours_without_a_count_stay_unquantified(text: str) -> None:
    """No zero of a defined thing and no counted set: the result (if any) is not quantified."""
    assert not run("star", text, lang="en").quantified_result


# ---------------------------------------------------------------- notes: she / he is the candidate
@pytest.mark.parametrize("text", [
    # our own wording
    "Candidate notes: in March her team's FCR was 66%. She was asked to bring it up. She listened to 40 calls and "
    "wrote a billing checklist. FCR went to 74% by May.",
    "Interview notes, Li Ming: the refund backlog had 900 cases in June. He was asked to clear it. He sorted them by "
    "age and worked the oldest first with two agents. The backlog was down to 40 by the end of July.",
    # retired misses (blind14)
    "Candidate says: in Q2 her team's FCR was 70%. She was asked by the manager to bring it up. She listened to 50 "
    "calls and found most repeat calls were about password resets, so she made a one-page guide. FCR went to 77% by "
    "the end of Q3.",
    "In the interview, Wang Fang described the outage of 12 May. She was the only senior on shift. She posted a status "
    "message on the IVR and gave the agents a two-line script. The abandonment rate that evening was 4%, the lowest "
    "of any outage that year.",
])
def test_notes_tell_the_candidates_act_and_a_counted_result(text: str) -> None:
    """Third-person notes: the candidate acted, and the number after it quantifies the result."""
    report = run("star", text, lang="en")
    assert report.elements["action"] and report.elements["result"] and report.quantified_result


def test_notes_without_an_outcome_get_no_result() -> None:
    """The neighbour: the same notes cut before the outcome have acts and no result."""
    text = ("Candidate notes: in March her team's FCR was 66%. She was asked to bring it up. She listened to 40 calls "
            "and wrote a billing checklist.")
    report = run("star", text, lang="en")
    assert report.elements["action"] and not report.elements["result"] and not report.quantified_result


@pytest.mark.parametrize("text", [
    "The customer was furious about the double charge. She shouted for ten minutes and then hung up.",
    "A lady rang about her late parcel. She was in tears and she asked for a manager.",
])
def test_she_after_a_named_customer_is_still_the_customer(text: str) -> None:
    """A customer named last before "she": she is the customer, her acts are no action of the speaker's."""
    doc = Doc(text, "en")
    assert _candidate_clauses(clauses(doc)) == clauses(doc)
    assert not run("star", text, lang="en").elements["action"]


def test_the_speakers_own_story_is_read_as_before() -> None:
    """With a first person the answer is the speaker's: "she" is not read as a candidate."""
    text = ("I took a call from an elderly customer. She was confused about her bill, so I walked her through it line by "
            "line. She thanked me and didn't call again.")
    report = run("star", text, lang="en")
    assert report.elements["action"] and report.elements["result"]


def test_reporting_what_the_candidate_said_is_no_act() -> None:
    """"he said…" reports the interview: not read as an act of the candidate."""
    clause = next(c for c in _candidate_clauses(clauses(Doc("Asked about conflict: he said he and a colleague argued.", "en")))
                  if c.span.text.strip().startswith("he said"))
    assert clause.actor is None
