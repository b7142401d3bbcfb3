"""Each lesson in Voilà, in both languages: the page renders, its main tool is used once, no error shows."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")

# slug -> (root class of the main tool, [(textarea index, text in en, text in zh)]) typed before the click
USES = {
    "00-first-line-manager": (".coachlab-kpi-explorer", []),
    "01-learning-golden-circle": (".coachlab-golden-circle", [(0, "So that customers get their problem solved on the first call", "为了让客户一次来电就把问题解决")]),
    "02-swot": (".coachlab-swot", [(0, "Best billing knowledge", "账单业务最熟"), (2, "Self-service app launch", "自助App上线")]),
    "03-goals-smart": (".coachlab-smart-builder", [(0, "Raise FCR on billing calls from 64% to 70% by end of Q3", "9月30日前把账单来电首解率从64%提升到70%")]),
    "04-review": (".coachlab-review", [(0, "Goal: FCR from 68 % to 72 % in April.", "目标：4月首解率从68%提到72%。")]),
    "05-communication-feedback": (".coachlab-listening-test", []),
    "06-coaching-grow": (".coachlab-grow-planner", [(1, "What happens on the calls that end without a fix?", "那些没解决就结束的通话里，发生了什么？")]),
    "07-promotion-interview": (".coachlab-promotion", []),
}


@pytest.fixture(scope="module")
def lesson_server(start_voila):
    """The course served without a kernel pool: one kernel per visit, so sixteen lessons do not all
    preheat at once on a small shared machine (the landing-page tests cover the pooled path)."""
    return start_voila(pool=False)


ERROR_TEXT = ("Traceback", "There was an error", "Something went wrong", "页面出了点问题", "KeyError", "NameError")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("slug", list(USES))
def test_lesson_page_and_main_tool(lesson_server, page, screenshot, slug, lang):
    """Render the lesson, use its main tool once, and find no error text on the page."""
    tool, typing = USES[slug]
    page.set_default_timeout(150_000)  # a cold kernel imports pandas and matplotlib first
    page.goto(f"{lesson_server.url}/voila/render/{lang}/{slug}.ipynb?lang={lang}")
    page.wait_for_selector(f"{tool} .coachlab-main-action")
    page.wait_for_selector(".coachlab-knowledge-check")
    page.wait_for_selector(".coachlab-lesson-links")
    for index, en_text, zh_text in typing:
        page.locator(f"{tool} textarea").nth(index).fill(en_text if lang == "en" else zh_text)
    if slug == "05-communication-feedback":
        page.locator(".coachlab-listening-item").first.locator("button").nth(3).click()
    page.locator(f"{tool} .coachlab-main-action").first.click()
    page.wait_for_function(
        "(sel) => { const r = document.querySelector(sel + ' .coachlab-result'); return r && (r.innerText.trim().length > 0 || r.querySelector('img') !== null); }",
        arg=tool)
    result = page.inner_text(f"{tool} .coachlab-result")
    if slug in ("00-first-line-manager",):
        page.wait_for_selector(f"{tool} img.coachlab-plot")
    body = page.inner_text("body")
    for marker in ERROR_TEXT:
        assert marker not in body, f"{slug} ({lang}) shows {marker!r}"
    assert page.locator(".coachlab-error").count() == 0
    assert bool(HAN.search(result)) == (lang == "zh") or slug == "00-first-line-manager"
    screenshot(page, f"lesson-{lang}-{slug}")
