"""The practice pad in Voilà: typing a BID statement highlights its behaviour and impact, in both languages.

One page (one kernel) serves both languages through the pad's own language switch, so the test does
not wait for the kernel pool to warm a second kernel for the same notebook.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
BID = {
    "en": ("On this morning's 10:15 call you put Mrs Chen on hold for six minutes without checking back, "
           "so she complained in the survey. Next time, come back on the line every two minutes and give her an update."),
    "zh-CN": "今天上午十点那通电话，你让陈女士等了六分钟都没回来说一声，所以她在回访问卷里投诉了。下次请每两分钟回到线上，告诉她处理进展。",
}
RESULT = ".coachlab-checkpad-result"


def _type_and_see_highlights(page, text: str) -> None:
    box = page.locator(".coachlab-checkpad .coachlab-checkpad-text textarea")
    box.fill(text)
    # Wait for this text's own report, not the previous one still on screen.
    page.wait_for_function("([sel, head]) => { const m = document.querySelector(sel + ' .cp-marked');"
                           " return m && m.innerText.startsWith(head); }", arg=[RESULT, text[:12]])
    behaviour = page.locator(f'{RESULT} mark[data-element="behavior"]')
    impact = page.locator(f'{RESULT} mark[data-element="impact"]')
    behaviour.first.wait_for()  # the debounced live check: no button press needed
    impact.first.wait_for()
    assert behaviour.first.inner_text() in text and impact.first.inner_text() in text
    colours = {loc.first.evaluate("e => getComputedStyle(e).backgroundColor") for loc in (behaviour, impact)}
    assert len(colours) == 2, "behaviour and impact share a colour"
    page.locator(f'{RESULT} li[data-element="behavior"][data-found="true"]').wait_for()
    page.locator(f'{RESULT} li[data-element="impact"][data-found="true"]').wait_for()
    page.locator(f'{RESULT} li[data-element="development"][data-found="true"]').wait_for()


def test_bid_statement_is_highlighted_in_both_languages(voila_server, page, screenshot):
    """Type a BID statement in English, then switch to Chinese and type one there; both are marked up."""
    page.set_default_timeout(240_000)  # the first page may wait while the kernel pool preheats
    page.goto(f"{voila_server.url}/voila/render/practice-pad.ipynb?lang=en&kind=feedback")
    page.locator(".coachlab-checkpad .coachlab-checkpad-text textarea").wait_for()
    _type_and_see_highlights(page, BID["en"])
    assert not HAN.search(page.inner_text(RESULT))
    screenshot(page, "checkpad-feedback-en")

    with page.expect_navigation():  # the one switch, in the top bar, reloads the whole page (kind= kept)
        page.locator(".coachlab-topbar .coachlab-lang-switch button", has_text="中文").click()
    page.wait_for_function("() => document.querySelector('.coachlab-checkpad-check')?.innerText.includes('检查')")
    assert "kind=feedback" in page.url and "lang=zh" in page.url
    _type_and_see_highlights(page, BID["zh-CN"])
    page.locator(".coachlab-checkpad-check").click()
    page.wait_for_function("(sel) => /得分/.test(document.querySelector(sel).innerText)", arg=RESULT)
    assert HAN.search(page.inner_text(RESULT))
    assert page.locator(".coachlab-error").count() == 0
    screenshot(page, "checkpad-feedback-zh")
