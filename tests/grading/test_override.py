"""An overturned dispute on a graded exercise changes that learner's gradebook score as a manual override."""

from __future__ import annotations

import shutil

import pytest

from coachlab.checks import run
from coachlab.grading.autograde import autograde
from coachlab.grading.course import Course
from coachlab.grading.override import apply_override
from coachlab.grading.submission import write_submission
from coachlab.progress import open_store
from coachlab.progress.store import Dispute

SLUG = "a05-feedback"
# Behaviour and thanks, and no consequence at all: the check rightly finds no impact; the facilitator
# overturns it anyway, which is what this test needs (the mechanism, not the check's judgement).
NO_IMPACT = ("On Tuesday afternoon's call about the twice-lost parcel, you stayed calm and rang the courier "
             "while the customer waited on the line. Thank you, I really appreciate it.")


@pytest.fixture(scope="module")
def graded_once(released_course, grading_root, tmp_path_factory):
    """A copy of the released course with one learner's a05-feedback autograded."""
    course = Course(tmp_path_factory.mktemp("override") / "grader")
    shutil.copytree(released_course.root, course.root, ignore=shutil.ignore_patterns("submitted", "autograded"))
    write_submission(course, "wang-fang", SLUG, {"feedback_bia": NO_IMPACT, "feedback_bid": ""})
    [outcome] = autograde(course, SLUG, workers=1, timeout=120, progress=False)
    assert outcome.status == "ok", outcome
    return course


@pytest.fixture
def graded(graded_once, tmp_path):
    """A fresh copy of the graded course for each test (overrides change its gradebook)."""
    course = Course(tmp_path / "grader")
    shutil.copytree(graded_once.root, course.root)
    return course


def _grade(course: Course, name: str):
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url) as gb:
        grade = gb.find_grade(name, SLUG, SLUG, "wang-fang")
        comment = gb.find_comment("answer_feedback_bia", SLUG, SLUG, "wang-fang")
        score = float(gb.find_submission(SLUG, "wang-fang").score)
        return grade.auto_score, grade.manual_score, comment.manual_comment, score


def test_overturned_impact_changes_the_score_and_is_marked_manual(graded, in_course, tmp_path):
    """The facilitator flips the impact verdict: the impact test's points change as manual_score, with a comment.

    Whichever way the check judges this text, the overturn sets the opposite, so the test does not depend
    on the check's current rules.
    """
    verdict = run("feedback", NO_IMPACT).to_dict()
    impact = not verdict["elements"]["impact"]
    auto, manual, comment, before = _grade(graded, "feedback_bia_impact")
    assert auto == (0.0 if impact else 1.0) and manual is None and not comment
    with open_store(tmp_path / "p.sqlite3") as store:
        row = store.add_dispute(Dispute("wang-fang", SLUG, "feedback", NO_IMPACT, verdict, "这里的影响判断不对",
                                        "impact", place="feedback_bia", lang="zh-CN"))
        dispute = store.resolve_dispute(row, "overturned", "coach-zhang", {"impact": impact})
    result = apply_override(graded, dispute, dispute.corrected, "coach-zhang")
    assert result.outcome == "changed"
    assert result.grades["feedback_bia_impact"] == (auto, 1.0 - auto)
    _, manual, comment, after = _grade(graded, "feedback_bia_impact")
    assert manual == 1.0 - auto
    assert after == before + sum(new - old for old, new in result.grades.values()) and after != before
    assert (result.before, result.after) == (before, after)
    assert f"dispute no. {row}" in comment and f"申诉 {row}" in comment and "coach-zhang" in comment
    assert "manual override" in result.message("en") and "人工改分" in result.message("zh-CN")
    assert "Rewrite the feedback: BIA and BID" in result.message("en") and SLUG not in result.message("en")
    assert "改写反馈：BIA 与 BID" in result.message("zh-CN")  # the exercise by its title, not its slug


def test_a_dispute_about_another_text_leaves_the_gradebook_alone(graded, in_course):
    """A practice draft that is not the graded answer changes nothing."""
    _, manual_before, _, score_before = _grade(graded, "feedback_bia_behavior")
    draft = Dispute("wang-fang", SLUG, "feedback", "An earlier draft.", run("feedback", "An earlier draft.").to_dict(),
                    "", "behavior", place="feedback_bia", status="overturned", corrected={"behavior": True}, id=99)
    result = apply_override(graded, draft, {"behavior": True}, "coach-zhang")
    assert result.outcome == "differs" and "not the text they disputed" in result.message("en")
    assert _grade(graded, "feedback_bia_behavior")[1] == manual_before and _grade(graded, "feedback_bia_behavior")[3] == score_before


def test_a_pad_dispute_is_not_graded(graded, in_course):
    """A dispute from the practice pad is not an exercise question: no gradebook message."""
    pad = Dispute("wang-fang", "practice-pad", "feedback", NO_IMPACT, {}, "x", place="feedback")
    assert apply_override(graded, pad, {"impact": True}, "coach").outcome == "not_graded"


@pytest.mark.parametrize(("lang", "label"), [("zh-CN", "appreciation"), ("en", "behavior")])
def test_dashboard_review_keeps_or_overturns_and_says_what_the_gradebook_did(graded, in_course, tmp_path, lang,
                                                                             label):
    """The facilitator's cards: Keep closes a dispute; Overturn with a changed label updates the gradebook.

    Each language flips another label, so each overturn moves points of its own.
    """
    from coachlab.widgets.dashboard import DisputeReview

    verdict = run("feedback", NO_IMPACT).to_dict()
    data = tmp_path / "p.sqlite3"
    with open_store(data) as store:
        keep = store.add_dispute(Dispute("wang-fang", "practice-pad", "feedback", "Good job.",
                                         run("feedback", "Good job.").to_dict(), "it is specific", "behavior",
                                         place="feedback"))
        flip = store.add_dispute(Dispute("wang-fang", SLUG, "feedback", NO_IMPACT, verdict, "", label,
                                         place="feedback_bia"))
    review = DisputeReview(lang, graded, data)
    cards = {card.dispute.id: card for card in review.cards}
    assert set(cards) == {keep, flip} and "wang-fang" in cards[flip].info.value
    assert cards[flip].fields[label].value is (not verdict["elements"][label])  # flipped to start
    kept = cards[keep].decide("confirmed")
    assert {"zh-CN": "维持原判", "en": "the verdict stands"}[lang] in kept
    _, _, _, before = _grade(graded, "feedback_bia_impact")
    said = cards[flip].decide("overturned")
    assert {"zh-CN": "已改判", "en": "overturned"}[lang] in said
    _, _, _, after = _grade(graded, "feedback_bia_impact")
    assert after != before and {"zh-CN": "人工改分", "en": "manual override"}[lang] in said
    with open_store(data) as store:
        assert [d.status for d in store.disputes()] == ["confirmed", "overturned"]
    review.render(lang)
    assert review.cards == [] and {"zh-CN": "暂时没有", "en": "No open disputes"}[lang] in review.head.value


def test_a_second_overturn_of_the_same_answer_keeps_the_first(graded, in_course, tmp_path):
    """Two disputes on one answer, two labels: after the second overturn both corrections hold in the gradebook."""
    from coachlab.widgets.dashboard import DisputeReview

    verdict = run("feedback", NO_IMPACT).to_dict()
    data = tmp_path / "p.sqlite3"
    with open_store(data) as store:
        first = store.add_dispute(Dispute("wang-fang", SLUG, "feedback", NO_IMPACT, verdict, "", "appreciation",
                                          place="feedback_bia"))
        second = store.add_dispute(Dispute("wang-fang", SLUG, "feedback", NO_IMPACT, verdict, "", "impact",
                                           place="feedback_bia"))
    review = DisputeReview("en", graded, data)
    cards = {card.dispute.id: card for card in review.cards}
    cards[first].decide("overturned")
    appreciation = _grade(graded, "feedback_bia_appreciation")[1]
    assert appreciation == (0.0 if verdict["elements"]["appreciation"] else 1.0)
    cards[second].decide("overturned")
    assert _grade(graded, "feedback_bia_appreciation")[1] == appreciation  # the first overturn still holds
    assert _grade(graded, "feedback_bia_impact")[1] == (0.0 if verdict["elements"]["impact"] else 1.0)
