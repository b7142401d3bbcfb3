"""The practice of lessons 00–02 in a real browser.

Each lesson leads to its new role-play, played to the debrief on the best test-plan path (00 and 02 in Chinese,
01 in English); the reading-KPIs (zh), golden-circle (zh) and SWOT (en) exercise forms are filled with model
answers, checked, handed in, and the hand-in is autograded by nbgrader to full marks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coachlab.i18n import t
from coachlab.scenarios import load_plan, load_scenario, plan_path
from tests.browser.signin import sign_in_cookie
from tests.grading.test_foundation_exercises import GOLDEN, KPIS, SWOT

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")
ERROR_TEXT = ("Traceback", "There was an error", "Something went wrong", "页面出了点问题", "KeyError", "NameError")
FORMS = [("a00-reading-kpis", "zh", KPIS["model-zh"]), ("a01-golden-circle", "zh", GOLDEN["model-zh"]),
         ("a02-swot-team", "en", SWOT["model-en"])]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A scratch nbgrader course with the three new exercises released."""
    from coachlab.grading.course import run_nbgrader

    root = tmp_path_factory.mktemp("grader")
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", root / "nbgrader_config.py")
    for slug, _, _ in FORMS:
        shutil.copytree(REPO / "exercises" / slug, root / "source" / slug)
        done = run_nbgrader(["generate_assignment", slug, "--force"], root, timeout=600)
        assert done.returncode == 0, done.stdout[-3000:]
    return root


@pytest.fixture(scope="module")
def server(start_voila, course):
    """The repo's pages with one kernel per visit, writing hand-ins into the scratch course."""
    return start_voila(REPO, pool=False, env={"COACHLAB_GRADER": str(course), "COACHLAB_RELEASE_ON_DEMAND": "0"})


def _no_error(tab) -> None:
    body = tab.inner_text("body")
    for marker in ERROR_TEXT:
        assert marker not in body, marker
    assert tab.locator(".coachlab-error").count() == 0


ROLEPLAYS = [("00-first-line-manager", "zh", "kpi-first-week-former-peer", "高洋", ("80%", "66%")),
             ("01-learning-golden-circle", "en", "golden-circle-callback-pushback", "Tang Jing", ("64%", "11%")),
             ("02-swot", "zh", "swot-self-scan-candidate", "马涛", ("76%",))]


@pytest.mark.parametrize(("lesson", "lang", "sid", "name", "figures"), ROLEPLAYS, ids=[r[2] for r in ROLEPLAYS])
def test_lesson_leads_to_its_roleplay_played_to_the_best_ending(server, page, screenshot, lesson, lang, sid, name,
                                                                 figures):
    """From the lesson page, the role-play link opens the persona's card; the best test-plan path is played in
    the browser to its good ending, with every skill in the debrief."""
    code = "zh-CN" if lang == "zh" else "en"
    scenario, problems = load_scenario(REPO, sid)
    assert scenario is not None, problems
    plan, problems = load_plan(plan_path(REPO / "scenarios" / f"{sid}.yaml"))
    [play] = [p for p in plan["plays"] if p["name"] == "best"]
    assert play["steps"]
    sign_in_cookie(page, server.url, f"foundation-{lang}")
    page.set_default_timeout(180_000)
    page.goto(f"{server.url}/voila/render/{lang}/{lesson}.ipynb?lang={lang}")
    link = page.wait_for_selector(".coachlab-lesson-links a.coachlab-roleplay-link")
    assert scenario.data["title"][code] in link.inner_text()
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.set_default_timeout(180_000)
    tab.wait_for_selector(".coachlab-persona")
    card = tab.inner_text(".coachlab-persona")
    assert name in card and all(figure in card for figure in figures)
    tab.click(f".coachlab-start:has-text('{t('player.start', code)}')")
    tab.wait_for_selector(".coachlab-chat .cl-them")
    for step, planned in enumerate(play["steps"]):
        tab.wait_for_selector(f".coachlab-turn[data-step='{step}']")
        if "choose" in planned:
            node = scenario.nodes[tab.get_attribute(".coachlab-turn", "data-node")]
            [option] = [o for o in node["choices"] if o["id"] == planned["choose"]]
            text = option["text"][code].strip()
            find = ("(t) => [...document.querySelectorAll('.coachlab-option')]"
                    ".findIndex(e => (e.title || e.innerText).trim() === t)")
            tab.wait_for_function(f"(t) => ({find})(t) >= 0", arg=text)  # the buttons update after the turn label
            index = tab.evaluate(find, text)
            tab.locator(".coachlab-option").nth(index).click()
        else:
            tab.fill(".coachlab-free-text textarea", planned["say"][code])
            tab.click(".coachlab-send")
            tab.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief, .coachlab-ask-yes")
            if tab.query_selector(".coachlab-ask-yes"):
                tab.click(".coachlab-ask-yes")
        tab.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief")
        if step == 2:
            screenshot(tab, f"foundation-{lang}-{sid}-during-play")
    tab.wait_for_selector(".coachlab-debrief")
    debrief = tab.inner_text(".coachlab-debrief")
    assert scenario.endings[play["ending"]]["title"][code] in tab.inner_text("body")
    assert all(scenario.data["debrief"][skill]["label"][code] in debrief for skill in scenario.skills)
    assert bool(HAN.search(debrief)) == (lang == "zh")
    _no_error(tab)
    tab.locator(".coachlab-debrief").scroll_into_view_if_needed()
    screenshot(tab, f"foundation-{lang}-{sid}-debrief")


@pytest.mark.parametrize(("slug", "lang", "answers"), FORMS, ids=[f"{s}-{lang}" for s, lang, _ in FORMS])
def test_form_checks_hands_in_and_grades_full_marks(server, course, page, screenshot, slug, lang, answers):
    """Every field filled with a model answer; the practice check on the first goal-kind field finds number and
    date; the hand-in is received, and nbgrader's autograde gives it every point."""
    from coachlab.grading.autograde import autograde
    from coachlab.grading.course import Course, load_exercise

    learner = f"foundation-{lang}"
    exercise = load_exercise(slug)
    page.set_default_timeout(180_000)
    sign_in_cookie(page, server.url, learner)
    page.goto(f"{server.url}/voila/render/exercises/{slug}.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-exercise .coachlab-submit")
    header = page.inner_text(".coachlab-exercise h1")
    assert exercise.title("zh-CN" if lang == "zh" else "en") in header
    assert bool(HAN.search(header)) == (lang == "zh")
    assert exercise.questions
    for q in exercise.questions:
        value = answers[q["name"]]
        if q.get("type") == "choice":
            page.locator(f".coachlab-answer-{q['name']} select").select_option(label=value.upper())
        else:
            page.locator(f".coachlab-answer-{q['name']} :is(textarea, input)").fill(str(value))
    goal_questions = [q for q in exercise.questions if q.get("kind") == "goal"]
    assert goal_questions
    page.locator(".coachlab-practice-button").nth(
        [q for q in exercise.questions if q.get("kind")].index(goal_questions[0])).click()
    page.wait_for_selector(".coachlab-practice")
    assert page.inner_text(".coachlab-practice").count("✔") >= 3
    page.locator(".coachlab-submit").click()
    page.wait_for_selector(".coachlab-receipt")
    assert learner in page.inner_text(".coachlab-receipt")
    _no_error(page)
    screenshot(page, f"foundation-{lang}-{slug}-form")
    outcomes = {o.student: o for o in autograde(Course(course), slug, workers=1, timeout=120, progress=False)}
    graded = outcomes[learner]
    assert graded.status == "ok", graded
    assert graded.score == graded.max_score > 0, graded
