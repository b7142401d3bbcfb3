"""The facilitator dashboard in a real browser, served as `make dashboard` serves it, over a graded cohort."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import dashboard_server

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
SLUG = "a05-feedback"
SCENARIO = "bid-late-logins"
GOOD = {"feedback_bia": "On Tuesday's call about the lost parcel you stayed calm and rang the courier while the "
                        "customer waited. Because of that she withdrew her complaint. Thank you, I really appreciate it."}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> dict[str, Path]:
    """A graded a05-feedback cohort of four and role-play records of three learners."""
    from coachlab.grading.autograde import autograde
    from coachlab.grading.course import Course, run_nbgrader
    from coachlab.grading.submission import write_submission
    from coachlab.progress import Attempt, open_store
    from coachlab.scenarios import engine, load_all
    from coachlab.scenarios.testplan import load_plan, plan_path, run_play

    base = tmp_path_factory.mktemp("dashboard")
    course = Course(base / "grader")
    course.root.mkdir()
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", course.root / "nbgrader_config.py")
    shutil.copytree(REPO / "exercises" / SLUG, course.root / "source" / SLUG)
    done = run_nbgrader(["generate_assignment", SLUG, "--force"], course.root, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    write_submission(course, "chen-jing", SLUG, GOOD)
    write_submission(course, "zhou-lei", SLUG, {})
    write_submission(course, "wang-fang", SLUG, {"feedback_bia": "You are a star!"})
    (course.submitted_dir("li-na", SLUG) / f"{SLUG}.ipynb").parent.mkdir(parents=True)
    (course.submitted_dir("li-na", SLUG) / f"{SLUG}.ipynb").write_text("{not json", encoding="utf-8")
    outcomes = autograde(course, SLUG, workers=2, timeout=60, progress=False)
    assert {o.student: o.status for o in outcomes}["li-na"] == "invalid_notebook"

    data = base / "data"
    scenario = load_all(REPO)[0][SCENARIO]
    plays = {p["name"]: p for p in load_plan(plan_path(REPO / "scenarios" / f"{SCENARIO}.yaml"))[0]["plays"]}
    store = open_store(data / "progress.sqlite3")
    try:
        for learner, names in (("chen-jing", ["judging", "best"]), ("zhou-lei", ["judging"]),
                               ("wang-fang", ["kind-but-vague", "best"])):
            for name in names:
                session = run_play(scenario, plays[name], "zh-CN").session
                store.record(Attempt(learner, SCENARIO, engine.attempt_answers(session),
                                     engine.percentages(scenario, session), lang="zh-CN"))
    finally:
        store.close()
    return {"grader": course.root, "data": data}


@pytest.fixture(scope="module")
def dashboard_url(cohort):
    """`make dashboard`'s command on a free port, reading the cohort above."""
    with dashboard_server(cohort["data"], cohort["grader"], cohort["data"]) as url:
        yield url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dashboard_shows_the_cohort(dashboard_url, page, screenshot, lang):
    """Skills, questions, who needs help (with the unreadable notebook) and the role-play paths are all there."""
    page.set_default_timeout(180_000)
    page.goto(f"{dashboard_url}?lang={lang}")
    page.wait_for_selector(".coachlab-dashboard table")
    text = page.inner_text(".coachlab-dashboard")
    titles = {"zh": ["讲师看板", "按技能查看全班", "需要帮助的学员", "角色扮演路径", "首次、最佳与提升"],
              "en": ["Facilitator dashboard", "Cohort by skill", "Learners who need help", "Role-play paths",
                     "first, best and lift"]}[lang]
    assert all(title in text for title in titles), text[:2000]
    help_rows = page.locator("table").nth(3).inner_text()
    assert "li-na" in help_rows and "zhou-lei" in help_rows and "chen-jing" not in help_rows
    assert {"zh": "文件无法读取", "en": "unreadable file"}[lang] in help_rows and "invalid_notebook" not in text
    assert {"zh": "反馈（BIA/BID）", "en": "Feedback (BIA/BID)"}[lang] in text
    assert SCENARIO in text and "end:" in text
    screenshot(page, f"dashboard-{lang}")
    page.locator("section.coachlab-dashboard-progress").scroll_into_view_if_needed()
    screenshot(page, f"dashboard-{lang}-roleplays")
    assert page.locator(".coachlab-error").count() == 0
