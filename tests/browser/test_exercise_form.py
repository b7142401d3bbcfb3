"""An exercise form in a real browser: fill it in, check a draft, submit, and see the receipt."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser.signin import sign_in_cookie

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
SLUG = "a05-feedback"
BIA = {"en": "On Tuesday's 3 pm call about the lost parcel you stayed calm and rang the courier while the customer "
             "waited. She withdrew her complaint. Thank you, I really appreciate it.",
       "zh": "周二下午3点那通包裹丢失的电话，你一直保持冷静，并在客户等候时致电快递公司核实，客户最后撤回了投诉。谢谢你！"}


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    """A facilitator's course root outside the repo, with a05-feedback released."""
    from coachlab.grading.course import run_nbgrader

    root = tmp_path_factory.mktemp("grader")
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(REPO / "exercises" / SLUG, root / "source" / SLUG)
    done = run_nbgrader(["generate_assignment", SLUG, "--force"], root, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    return root


@pytest.fixture(scope="module")
def server(start_voila, course):
    """The repo's pages, writing submissions into the scratch course (no preheated pool: one page is used)."""
    return start_voila(REPO, pool=False, env={"COACHLAB_GRADER": str(course)})


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_fill_check_and_submit(server, course, page, screenshot, lang):
    """A signed-in learner types an answer, checks the draft, submits, and the receipt and file appear."""
    learner = f"browser-{lang}"
    page.set_default_timeout(180_000)
    sign_in_cookie(page, server.url, learner)
    page.goto(f"{server.url}/voila/render/exercises/{SLUG}.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-exercise .coachlab-submit")
    assert page.locator(".coachlab-exercise input[type=text]").count() == 0  # no name field in the form
    page.locator(".coachlab-answer-feedback_bia textarea").fill(BIA[lang])
    page.locator(".coachlab-practice-button").first.click()
    page.wait_for_selector(".coachlab-practice")
    assert page.inner_text(".coachlab-practice").count("✔") >= 3
    page.locator(".coachlab-submit").click()
    page.wait_for_selector(".coachlab-receipt")
    receipt = page.inner_text(".coachlab-receipt")
    assert learner in receipt and ("Received" in receipt if lang == "en" else "已收到" in receipt)
    page.locator(".coachlab-receipt").scroll_into_view_if_needed()
    screenshot(page, f"exercise-form-{lang}")
    submitted = course / "submitted" / learner / SLUG
    assert (submitted / "timestamp.txt").exists()
    assert "courier" in (submitted / f"{SLUG}.ipynb").read_text(encoding="utf-8") or lang == "zh"
    assert page.locator(".coachlab-error").count() == 0


@pytest.fixture(scope="module")
def hub_server(start_voila, course):
    """The same pages as a learner's server under JupyterHub would run them: JUPYTERHUB_USER is set."""
    return start_voila(REPO, pool=False, env={"COACHLAB_GRADER": str(course), "JUPYTERHUB_USER": "hub-learner"})


def test_under_the_hub_a_forged_name_is_ignored(hub_server, course, page, screenshot):
    """With JUPYTERHUB_USER set, a cookie naming someone else changes nothing: the hand-in is the hub user's."""
    page.set_default_timeout(180_000)
    sign_in_cookie(page, hub_server.url, "someone-else")
    page.goto(f"{hub_server.url}/voila/render/exercises/{SLUG}.ipynb?lang=zh")
    page.wait_for_selector(".coachlab-exercise .coachlab-submit")
    assert "学员：hub-learner" in page.inner_text(".coachlab-topbar")
    assert page.locator(".coachlab-signin, .coachlab-exercise input[type=text]").count() == 0
    page.locator(".coachlab-answer-feedback_bia textarea").fill(BIA["zh"])
    page.locator(".coachlab-submit").click()
    page.wait_for_selector(".coachlab-receipt")
    assert "hub-learner" in page.inner_text(".coachlab-receipt")
    screenshot(page, "exercise-form-hub-zh")
    assert (course / "submitted" / "hub-learner" / SLUG / "timestamp.txt").exists()
    assert not (course / "submitted" / "someone-else").exists()


def test_plain_serve_opens_an_unreleased_exercise_on_demand(start_voila, tmp_path_factory, page, screenshot):
    """On `make serve` a learner can always hand in: an exercise nobody released is released when its form opens."""
    grader = tmp_path_factory.mktemp("unreleased")
    shutil.copy2(REPO / "grader" / "nbgrader_config.py", grader / "nbgrader_config.py")
    server = start_voila(REPO, pool=False, env={"COACHLAB_GRADER": str(grader)})
    page.set_default_timeout(180_000)
    sign_in_cookie(page, server.url, "on-demand")
    page.goto(f"{server.url}/voila/render/exercises/{SLUG}.ipynb?lang=zh")
    page.wait_for_selector(".coachlab-exercise .coachlab-submit")
    body = page.inner_text(".coachlab-exercise")
    assert "还没有开放提交" not in body
    assert "正在为这个练习准备提交" in body or page.locator(".coachlab-submit:not([disabled])").count() == 1
    screenshot(page, "exercise-form-preparing-zh")
    page.locator(".coachlab-answer-feedback_bia textarea").fill(BIA["zh"])
    page.wait_for_selector(".coachlab-submit:not([disabled])", timeout=180_000)
    page.locator(".coachlab-submit").click()
    page.wait_for_selector(".coachlab-receipt")
    assert (grader / "release" / SLUG / f"{SLUG}.ipynb").exists()
    assert (grader / "submitted" / "on-demand" / SLUG / "timestamp.txt").exists()
