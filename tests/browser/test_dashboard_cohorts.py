"""The facilitator dashboard with two cohorts, in a real browser as `make dashboard` serves it: the cohort chooser
appears, and choosing a cohort shows its learners' grades, role-plays and disputes only."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import dashboard_server, released_course

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
SLUG = "a05-feedback"
SCENARIO = "bid-late-logins"
GOOD = {"feedback_bia": "On Tuesday's call about the lost parcel you stayed calm and rang the courier while the "
                        "customer waited. Because of that she withdrew her complaint. Thank you, I really appreciate it."}
# Each cohort's learner: her exercise answers, her role-play, her course.
LEARNERS = {"陈静": ({"feedback_bia": GOOD["feedback_bia"]}, "best", "wave-a"),
            "zhou-lei": ({}, "judging", "wave-b")}


@pytest.fixture(scope="module")
def two_cohorts(tmp_path_factory) -> dict[str, Path]:
    """A graded a05-feedback hand-in and a role-play by one learner of wave-a and one of wave-b; a dispute each."""
    from coachlab.grading.autograde import autograde
    from coachlab.grading.submission import write_submission
    from coachlab.progress import Attempt, open_store
    from coachlab.progress.store import Dispute
    from coachlab.scenarios import engine, load_all
    from coachlab.scenarios.testplan import load_plan, plan_path, run_play

    base = tmp_path_factory.mktemp("cohorts-dashboard")
    course = released_course(base / "grader", SLUG)
    for learner, (answers, _, _) in LEARNERS.items():
        write_submission(course, learner, SLUG, answers)
    assert [o.status for o in autograde(course, SLUG, workers=2, timeout=60, progress=False)] == ["ok", "ok"]

    data = base / "data"
    scenario = load_all(REPO)[0][SCENARIO]
    plays = {p["name"]: p for p in load_plan(plan_path(REPO / "scenarios" / f"{SCENARIO}.yaml"))[0]["plays"]}
    store = open_store(data / "progress.sqlite3")
    try:
        for learner, (_, play, cohort) in LEARNERS.items():
            session = run_play(scenario, plays[play], "zh-CN").session
            store.record(Attempt(learner, SCENARIO, engine.attempt_answers(session),
                                 engine.percentages(scenario, session), lang="zh-CN"), course=cohort)
            store.add_submission(learner, SLUG, "{}", course=cohort)  # handed in under the hub, in the cohort
            store.add_dispute(Dispute(learner, "practice-pad", "feedback", f"{learner} 的反馈原文",
                                      {"labels": {"impact": False}}, "这条判断不对"), course=cohort)
    finally:
        store.close()
    return {"grader": course.root, "data": data}


@pytest.fixture(scope="module")
def dashboard_url(two_cohorts):
    with dashboard_server(two_cohorts["data"], two_cohorts["grader"], two_cohorts["data"],
                          COACHLAB_COHORTS="wave-a,wave-b") as url:
        yield url


def test_choosing_a_cohort_shows_that_cohort_only(dashboard_url, page, screenshot):
    from playwright.sync_api import expect

    page.set_default_timeout(180_000)
    page.goto(f"{dashboard_url}?lang=zh")
    chooser = page.locator(".coachlab-cohort-picker select")
    chooser.wait_for()
    options = [o.strip() for o in page.locator(".coachlab-cohort-picker option").all_inner_texts()]
    assert options == ["coachlab", "wave-a", "wave-b"]
    assert "班级" in page.inner_text(".coachlab-cohort-picker")
    for cohort, learner, other in (("wave-a", "陈静", "zhou-lei"), ("wave-b", "zhou-lei", "陈静")):
        chooser.select_option(cohort)
        page.wait_for_selector(f".coachlab-cohort-note:has-text('“{cohort}”班')")
        # The learner picker is redrawn last: once it names this cohort's learner, the whole page is this cohort's.
        expect(page.locator(".coachlab-learner-picker option")).to_have_text([learner], timeout=120_000)
        page.wait_for_selector(".coachlab-dashboard section.coachlab-dashboard-distribution")
        cohort_tab = page.inner_text(".coachlab-dashboard-tabs")
        assert f"{learner} 的反馈原文" in cohort_tab and f"{other} 的反馈原文" not in cohort_tab
        if cohort == "wave-a":
            screenshot(page, "dashboard-zh-cohorts")
        page.get_by_role("tab", name="单个学员").click()
        assert page.locator(".coachlab-learner-picker select").input_value() == learner
        page.get_by_role("tab", name="全班概况").click()
    assert page.locator(".coachlab-error").count() == 0
