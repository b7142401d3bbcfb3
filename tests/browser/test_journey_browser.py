"""A learner's journey on a plain `make serve`, in both languages, as issue 16 asks for it.

Sign in once on the landing page, use a tool on two lessons, finish a role-play, hand in an exercise, come back to
the landing page and see all of it marked (and on the role-play list), open "my work" and reopen the debrief exactly
as it was shown, switch the language once for the whole page, and finally "not you?" signs the browser out.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from coachlab.i18n import t
from tests.browser.signin import sign_in
from tests.browser.test_player import SCENARIO, best_play, click_option
from tests.browser.test_zh_pages import internal_names, visible_text_problems

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
CODES = {"zh": "zh-CN", "en": "en"}
LEARNER = {"zh": "李娜", "en": "li.na"}
EXERCISE = "a05-feedback"
BIA = {"en": "On Tuesday's 3 pm call about the lost parcel you stayed calm and rang the courier while the customer "
             "waited. She withdrew her complaint. Thank you, I really appreciate it.",
       "zh": "周二下午3点那通包裹丢失的电话，你一直保持冷静，并在客户等候时致电快递公司核实，客户最后撤回了投诉。谢谢你！"}
# Two lessons and their main tool: (slug, tool root, [(textarea index, en, zh)]).
LESSONS = [
    ("02-swot", ".coachlab-swot", [(0, "Best billing knowledge", "账单业务最熟"), (2, "Self-service app launch", "自助App上线")]),
    ("03-goals-smart", ".coachlab-smart-builder",
     [(0, "Raise FCR on billing calls from 64% to 70% by 30 September", "9月30日前把账单来电的一次解决率从64%提升到70%")]),
]


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A facilitator's course root outside the repo with the exercise released (the on-demand release of a plain
    serve is tested in test_exercise_form.py)."""
    from coachlab.grading.course import run_nbgrader

    root = tmp_path_factory.mktemp("grader")
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "exercises" / EXERCISE, root / "source" / EXERCISE)
    done = run_nbgrader(["generate_assignment", EXERCISE, "--force"], root, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    return root


@pytest.fixture(scope="module")
def server(start_voila, course):
    """The course as `make serve` serves it (no hub), without a pool so a cold kernel serves each visit."""
    return start_voila(REPO, pool=False, env={"COACHLAB_GRADER": str(course)})


def mark_of(page, selector: str) -> str:
    """Return the text of the marks inside ``selector`` ("" when it has none)."""
    return " ".join(page.locator(f"{selector} .coachlab-mark").all_inner_texts())


def play_best(page, scenario, steps, code: str) -> None:
    """Play the test plan's best path through the page's own buttons and text box, to the debrief."""
    page.click(".coachlab-start")
    page.wait_for_selector(".coachlab-chat .cl-them")
    step = 0
    for planned in steps:
        page.wait_for_selector(f".coachlab-turn[data-step='{step}']")
        if "choose" in planned:
            node = scenario.nodes[page.get_attribute(".coachlab-turn", "data-node")]
            [offered] = [o for o in node["choices"] if o["id"] == planned["choose"]]
            click_option(page, offered["text"][code])
            page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief")
        else:
            page.fill(".coachlab-free-text textarea", planned["say"][code])
            page.click(".coachlab-send")
            page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief, .coachlab-ask-yes")
            if page.query_selector(".coachlab-ask-yes"):  # the coach is unsure and asks: the learner meant it
                page.click(".coachlab-ask-yes")
                page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief")
        step += 1
    page.wait_for_selector(".coachlab-debrief")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_learners_journey(server, course, page, screenshot, lang):
    code, other = CODES[lang], ("en" if lang == "zh" else "zh")
    learner = LEARNER[lang]
    page.set_default_timeout(180_000)

    # Sign in once: the landing page asks for a name, with no error before anything is typed.
    page.goto(f"{server.url}/?lang={lang}")
    page.wait_for_selector(".coachlab-landing h1")
    assert page.inner_text(".coachlab-signin-problem") == ""
    assert t("signin.needed", code) in page.inner_text(".coachlab-landing")
    assert t("nav.trust", code) in page.inner_text("body")  # one person or a trusted room: said plainly
    screenshot(page, f"journey-{lang}-1-sign-in")
    page.click(".coachlab-signin-go")  # empty: told why, nothing sent
    assert page.inner_text(".coachlab-signin-problem") == t("learner_id.empty", code)
    sign_in(page, learner)
    assert t("nav.signed_in", code, learner=learner) in page.inner_text(".coachlab-topbar")

    # Tools on two lessons: no name field anywhere, the work is saved for the signed-in learner.
    for slug, tool, typing in LESSONS:
        page.goto(f"{server.url}/voila/render/{lang}/{slug}.ipynb?lang={lang}")
        page.wait_for_selector(f"{tool} .coachlab-main-action")
        assert page.locator(".coachlab-learner-id input, .coachlab-signin").count() == 0
        assert learner in page.inner_text(".coachlab-topbar")
        for index, en_text, zh_text in typing:
            page.locator(f"{tool} textarea").nth(index).fill(zh_text if lang == "zh" else en_text)
        page.locator(f"{tool} .coachlab-main-action").first.click()
        page.wait_for_function("(sel) => document.querySelector(sel + ' .coachlab-save-status')?.innerText.trim()",
                               arg=tool)
        assert t("lesson.saved", code) in page.inner_text(f"{tool} .coachlab-save-status")
    screenshot(page, f"journey-{lang}-2-lesson-tool")
    # The lesson's switch opens the same lesson in the other language, with the learner's work restored.
    slug, tool, _typing = LESSONS[-1]
    with page.expect_navigation():
        page.click(f".coachlab-lang-switch button[value='{other}']")
    page.wait_for_selector(f"{tool} .coachlab-save-status")
    assert f"/voila/render/{other}/{slug}.ipynb" in page.url and f"lang={other}" in page.url
    page.wait_for_function("(sel) => document.querySelector(sel + ' .coachlab-save-status')?.innerText.trim()",
                           arg=tool)
    assert t("lesson.restored", CODES[other]) in page.inner_text(f"{tool} .coachlab-save-status")

    # A role-play, finished.
    scenario, steps = best_play(REPO)
    page.goto(f"{server.url}/voila/render/roleplay.ipynb?scenario={SCENARIO}&lang={lang}")
    page.wait_for_selector(".coachlab-start")
    assert page.locator(".coachlab-learner-id input").count() == 0
    play_best(page, scenario, steps, code)
    debrief = page.inner_text(".coachlab-debrief")
    assert page.query_selector(".coachlab-saved") is not None
    if lang == "zh":  # the played conversation and its debrief read in Chinese: no check flag, no id on screen
        assert visible_text_problems(page.inner_text("body"), internal_names(), {learner}) == []

    # An exercise, handed in.
    page.goto(f"{server.url}/voila/render/exercises/{EXERCISE}.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-exercise .coachlab-submit:not([disabled])")
    page.locator(".coachlab-answer-feedback_bia textarea").fill(BIA[lang])
    page.locator(".coachlab-practice-button").first.click()
    page.wait_for_selector(".coachlab-practice")
    if lang == "zh":  # the practice check's result too
        assert visible_text_problems(page.inner_text("body"), internal_names(), {learner}) == []
    page.locator(".coachlab-submit").click()
    page.wait_for_selector(".coachlab-receipt")
    assert learner in page.inner_text(".coachlab-receipt")
    # The facilitator runs the graded checks (what `coachlab grade autograde` does).
    from coachlab.grading.autograde import autograde
    from coachlab.grading.course import Course

    outcomes = {o.student: o for o in autograde(Course(course), EXERCISE, workers=1, timeout=120, progress=False)}
    assert outcomes, "the hand-in was graded"

    # Back to the course home through the top bar: everything is marked.
    with page.expect_navigation():
        page.click(".coachlab-topbar .coachlab-home")
    page.wait_for_selector(".coachlab-landing .coachlab-progress")
    progress = page.inner_text(".coachlab-progress")
    assert learner in progress
    for slug, _tool, _typing in LESSONS:
        assert t("landing.mark.tools", code, count=1) in mark_of(page, f"li[data-slug='{slug}']")
    band = t("player.band.proficient", code)
    assert t("landing.mark.roleplay", code, count=1, band=band) in mark_of(page, f"li[data-slug='{SCENARIO}']")
    handed = mark_of(page, f"li[data-slug='{EXERCISE}']")
    assert t("landing.mark.graded", code, score="@", max="@").split("@")[0].strip() in handed, handed
    assert mark_of(page, "li[data-slug='07-promotion-interview']") == ""  # untouched stays unmarked
    screenshot(page, f"journey-{lang}-3-landing-marked")
    page.locator(".coachlab-exercises").scroll_into_view_if_needed()
    screenshot(page, f"journey-{lang}-3-landing-exercises")

    # The role-play list says the same.
    page.goto(f"{server.url}/voila/render/roleplays.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-scenarios")
    assert band in page.inner_text(f"tr[data-slug='{SCENARIO}'] .coachlab-mark")

    # My work: every attempt with its date; the debrief reopens exactly as it was shown.
    with page.expect_navigation():
        page.click(".coachlab-topbar .coachlab-my-work")
    page.wait_for_selector(".coachlab-work-row")
    kinds = [row.get_attribute("data-kind") for row in page.query_selector_all(".coachlab-work-row")]
    assert kinds.count("lesson") == 2 and kinds.count("roleplay") == 1 and kinds.count("exercise") == 1
    assert all(re.search(r"\d{1,2}:\d{2}", text) for text in page.locator(".coachlab-work-row td.when").all_inner_texts())
    graded = t("mywork.graded", code, score="@", max="@").split("@")[0]
    assert graded in page.inner_text(".coachlab-work-row[data-kind='exercise']")
    screenshot(page, f"journey-{lang}-4-my-work")
    with page.expect_navigation():
        page.click(".coachlab-reopen")
    page.wait_for_selector(".coachlab-reopened .coachlab-debrief")
    assert page.inner_text(".coachlab-reopened .coachlab-debrief") == debrief
    screenshot(page, f"journey-{lang}-5-debrief-reopened")

    # One switch changes the whole page, and the learner stays signed in.
    page.goto(f"{server.url}/?lang={lang}")
    page.wait_for_selector(".coachlab-landing .coachlab-progress")
    with page.expect_navigation():
        page.click(f".coachlab-lang-switch button[value='{other}']")
    page.wait_for_selector(".coachlab-landing .coachlab-progress")
    other_code = CODES[other]
    assert page.inner_text(".coachlab-landing h1") == t("landing.title", other_code)
    assert t("nav.home", other_code) in page.inner_text(".coachlab-topbar")
    assert t("player.band.proficient", other_code) in mark_of(page, f"li[data-slug='{SCENARIO}']")
    assert t("landing.exercises.heading", other_code) in page.inner_text(".coachlab-exercises h2")
    screenshot(page, f"journey-{lang}-6-switched-to-{other}")

    # "Not you?" forgets the name in this browser: the sign-in box is back, nothing of the learner shown.
    with page.expect_navigation():
        page.click(".coachlab-not-you")
    page.wait_for_selector(".coachlab-signin-name")
    assert learner not in page.inner_text("body")
