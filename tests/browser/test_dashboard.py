"""The facilitator dashboard in a real browser, served as `make dashboard` serves it, over a graded cohort:
charts, titles instead of slugs, learners by the names they used, a learner's page and the replay of an attempt."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import dashboard_server, released_course

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
SLUG = "a05-feedback"
SCENARIO = "bid-late-logins"
WANG = "王芳 Wang"  # a name nbgrader cannot use as it is: the gradebook keeps a hashed id, the dashboard her name
GOOD = {"feedback_bia": "On Tuesday's call about the lost parcel you stayed calm and rang the courier while the "
                        "customer waited. Because of that she withdrew her complaint. Thank you, I really appreciate it."}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> dict[str, Path]:
    """A graded a05-feedback cohort of four and role-play records of three learners."""
    from coachlab.grading.autograde import autograde
    from coachlab.grading.submission import write_submission
    from coachlab.progress import Attempt, open_store
    from coachlab.scenarios import engine, load_all
    from coachlab.scenarios.testplan import load_plan, plan_path, run_play

    try:  # the player's full record of a play (newer players); the engine's transcript otherwise
        from coachlab.scenarios.record import attempt_answers as record_answers
    except ImportError:
        record_answers = None

    base = tmp_path_factory.mktemp("dashboard")
    course = released_course(base / "grader", SLUG)
    write_submission(course, "chen-jing", SLUG, GOOD)
    write_submission(course, "zhou-lei", SLUG, {})
    write_submission(course, WANG, SLUG, {"feedback_bia": "You are a star!"})
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
                               (WANG, ["judging", "kind-but-vague", "best"])):
            for name in names:
                session = run_play(scenario, plays[name], "zh-CN").session
                answers = record_answers(scenario, session, "zh-CN") if record_answers else \
                    engine.attempt_answers(session)
                store.record(Attempt(learner, SCENARIO, answers, engine.percentages(scenario, session), lang="zh-CN"))
    finally:
        store.close()
    return {"grader": course.root, "data": data}


@pytest.fixture(scope="module")
def dashboard_url(cohort):
    """`make dashboard`'s command on a free port, reading the cohort above."""
    with dashboard_server(cohort["data"], cohort["grader"], cohort["data"]) as url:
        yield url


WORDS = {
    "zh": {"sections": ["讲师看板", "按技能查看全班", "需要帮助的学员", "角色扮演路径", "首次、最佳与提升"],
           "exercise": "改写反馈：BIA 与 BID", "scenario": "BID 反馈：迟登录与排班遵从率", "unreadable": "文件无法读取",
           "skill": "反馈（BIA/BID）", "tab": "单个学员", "said": "学员说", "coach": "教练点评"},
    "en": {"sections": ["Facilitator dashboard", "Cohort by skill", "Learners who need help", "Role-play paths",
                        "first, best and lift"],
           "exercise": "Rewrite the feedback: BIA and BID", "scenario": "BID feedback: late log-ins and schedule adherence",
           "unreadable": "unreadable file", "skill": "Feedback (BIA/BID)", "tab": "One learner",
           "said": "The learner said", "coach": "Coaching note"},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dashboard_shows_the_cohort(dashboard_url, cohort, page, screenshot, lang):
    """Charts, titles (not slugs), who needs help (with the unreadable notebook) and each role-play's flow."""
    from coachlab.grading.course import student_id

    words = WORDS[lang]
    page.set_default_timeout(180_000)
    page.goto(f"{dashboard_url}?lang={lang}")
    page.wait_for_selector(".coachlab-dashboard img.coachlab-chart-flow")
    text = page.inner_text(".coachlab-dashboard")
    assert all(title in text for title in words["sections"]), text[:2000]
    help_rows = page.locator("section.coachlab-dashboard-help table").inner_text()
    assert "li-na" in help_rows and "zhou-lei" in help_rows and "chen-jing" not in help_rows
    assert words["unreadable"] in help_rows and "invalid_notebook" not in text
    assert words["skill"] in text and words["exercise"] in text and words["scenario"] in text
    assert SLUG not in text and SCENARIO not in text and "end:" not in text
    assert WANG in text and student_id(WANG) not in text  # the name she used, never nbgrader's hashed id
    charts = page.locator("img.coachlab-chart")
    assert charts.count() == 3  # skill profile, score distribution, the one role-play's flow
    widths = charts.evaluate_all("imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert all(w > 300 for w in widths), widths
    screenshot(page, f"dashboard-{lang}")
    page.locator("section.coachlab-dashboard-help").scroll_into_view_if_needed()
    screenshot(page, f"dashboard-{lang}-help")
    page.locator("img.coachlab-chart-flow").scroll_into_view_if_needed()
    screenshot(page, f"dashboard-{lang}-roleplays")
    assert page.locator(".coachlab-error").count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_learners_page_and_the_replay_of_an_attempt(dashboard_url, page, screenshot, lang):
    """Pick a learner: her exercise and role-play rows, then a replay of her first attempt turn by turn."""
    words = WORDS[lang]
    page.set_default_timeout(180_000)
    page.goto(f"{dashboard_url}?lang={lang}")
    page.wait_for_selector(".coachlab-dashboard img.coachlab-chart-flow")
    page.get_by_role("tab", name=words["tab"]).click()
    picker = page.locator(".coachlab-learner-picker select")
    picker.select_option(label=WANG)
    page.wait_for_selector(f"h2.coachlab-learner-name:has-text('{WANG}')")
    body = page.inner_text(".coachlab-learner-page")
    assert words["exercise"] in body and words["scenario"] in body and SLUG not in body
    choices = [c.replace("\xa0", " ") for c in page.locator(".coachlab-attempt-picker select option").all_inner_texts()]
    assert len(choices) == 3 and all(words["scenario"] in c for c in choices), choices
    page.locator(".coachlab-attempt-picker select").select_option(index=2)  # the oldest: her first attempt
    from playwright.sync_api import expect

    turns = page.locator(".coachlab-replay .coachlab-replay-turn")
    expect(turns).to_have_count(11, timeout=60_000)  # the "judging" play: every turn, retries included
    replay = page.inner_text(".coachlab-replay")
    assert words["said"] in replay and words["coach"] in replay
    assert "贴标签" in replay  # her coaching notes as she saw them, in Chinese (she played in zh-CN)
    assert page.locator(".coachlab-replay mark").count() >= 1  # the words that counted are marked
    screenshot(page, f"dashboard-{lang}-learner")
    page.locator(".coachlab-replay .coachlab-replay-turn[data-turn='2']").scroll_into_view_if_needed()
    screenshot(page, f"dashboard-{lang}-replay")
    assert page.locator(".coachlab-error").count() == 0
