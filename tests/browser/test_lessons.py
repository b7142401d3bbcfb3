"""Each lesson in Voilà, in both languages: the page renders, its main tool is used once, no error shows, it
lists the role-plays and exercises that name it, and those links open pages that render."""

from __future__ import annotations

import re

import pytest

from coachlab.widgets.lesson import related_items
from tests.lessons.gaps import PRACTICE_GAPS  # their page must say plainly that nothing is published

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


PRACTICE_HEADING = {"en": "Role-plays for this lesson", "zh": "本课的角色扮演"}
NO_ROLEPLAYS = {"en": "No role-play for this lesson has been published yet.", "zh": "本课的角色扮演尚未发布。"}


@pytest.fixture(scope="module")
def lesson_server(start_voila, tmp_path_factory):
    """The course served without a kernel pool: one kernel per visit, so sixteen lessons do not all
    preheat at once on a small shared machine (the landing-page tests cover the pooled path). An exercise
    page opened from a lesson releases nothing (no nbgrader run) and writes only to a scratch grader folder."""
    grader = tmp_path_factory.mktemp("grader")
    return start_voila(pool=False, env={"COACHLAB_GRADER": str(grader), "COACHLAB_RELEASE_ON_DEMAND": "0"})


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
    links = page.locator(".coachlab-lesson-links a")
    practice = page.inner_text(".coachlab-lesson-links")
    if slug in PRACTICE_GAPS:
        assert links.count() == 0 and NO_ROLEPLAYS[lang] in practice
    else:
        assert links.count() >= 1, f"{slug} ({lang}) lists no role-play or exercise"
        roleplays, _ = related_items(slug)
        assert (NO_ROLEPLAYS[lang] in practice) == (not roleplays)  # a lesson practised by exercises only says so
        for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
            assert href.startswith(("../roleplay.ipynb?scenario=", "../exercises/")) and "lang=" in href
        assert PRACTICE_HEADING[lang] in practice and PRACTICE_HEADING["zh" if lang == "en" else "en"] not in practice
    shot = screenshot(page, f"lesson-{lang}-{slug}")
    section = page.locator(".coachlab-lesson-links")
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(shot.with_name(f"lesson-{lang}-{slug}-practice.png")))


# (lesson, language): a lesson with both a role-play and an exercise, one per language.
FOLLOW = [("05-communication-feedback", "zh"), ("06-coaching-grow", "en")]


@pytest.mark.parametrize("slug,lang", FOLLOW)
def test_lesson_links_open_their_roleplay_and_exercise(lesson_server, page, screenshot, slug, lang):
    """From a lesson, follow its first role-play link and its first exercise link; each page renders in the
    lesson's language with no error."""
    page.set_default_timeout(150_000)
    page.goto(f"{lesson_server.url}/voila/render/{lang}/{slug}.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-lesson-links a.coachlab-roleplay-link")
    targets = [(".coachlab-roleplay-link", ".coachlab-persona", "roleplay"),
               (".coachlab-exercise-link", ".coachlab-exercise", "exercise")]
    for link_class, ready, name in targets:
        link = page.locator(f".coachlab-lesson-links a{link_class}").first
        title = link.inner_text().strip()
        assert title
        with page.context.expect_page() as opened:
            link.click()
        target = opened.value
        target.set_default_timeout(150_000)
        target.wait_for_selector(ready)
        body = target.inner_text("body")
        for marker in ERROR_TEXT:
            assert marker not in body, f"{name} from {slug} ({lang}) shows {marker!r}"
        assert target.locator(".coachlab-error").count() == 0
        assert bool(HAN.search(target.inner_text(ready))) == (lang == "zh")
        if name == "roleplay":
            assert title in body  # the scenario the lesson named is the one that opened
        screenshot(target, f"lesson-{lang}-{slug}-to-{name}")
        target.close()
