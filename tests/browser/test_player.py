"""The role-play player in a real browser: persona card, a button, free text, an ending and the debrief."""

from __future__ import annotations

import re

import pytest

from coachlab.i18n import t
from coachlab.progress import open_store

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
SCENARIO = "bid-late-logins"
# What a learner might type at each free-text turn of bid-late-logins (the best playthrough's lines).
LINES = {
    "behaviour": "最近 10 个早班里，你有 7 次在 8:00 之后 4 到 9 分钟才登录。结果那一刻钟队列少了一个人，服务水平降到了 71%。",
    "reason": "也就是说，换班以后你 7:30 要送儿子，公交总让你迟到。听起来你又累又焦虑。",
    "options": "你觉得有哪些办法能让你在 8:00 前登录？",
    "development": "下次开始，从周一起请在 8:00 前登录就绪。如果公交晚了，7:50 前给我发消息。",
}


def test_play_to_an_ending_with_buttons_and_free_text(voila_server, page, screenshot):
    """A learner plays bid-late-logins in Chinese with buttons and typed replies, and sees the debrief."""
    page.goto(f"{voila_server.url}/voila/render/roleplay.ipynb?scenario={SCENARIO}&lang=zh")
    page.wait_for_selector(".coachlab-persona")
    assert "李娜" in page.inner_text(".coachlab-persona") and "86%" in page.inner_text(".coachlab-persona")
    page.fill(".coachlab-learner-id input", "browser-learner")
    screenshot(page, "player-zh-persona")
    page.click(f".coachlab-start:has-text('{t('player.start', 'zh-CN')}')")
    page.wait_for_selector(".coachlab-chat .cl-them")
    used_button = used_text = False
    for step in range(20):
        # Each turn carries its step number, so we never act on the buttons of a turn already answered.
        page.wait_for_selector(f".coachlab-turn[data-step='{step}'], .coachlab-debrief")
        if page.query_selector(".coachlab-debrief"):
            break
        options = page.query_selector_all(".coachlab-option")
        if options:
            options[0].click()
            used_button = True
        else:
            node = page.get_attribute(".coachlab-turn", "data-node")
            page.fill(".coachlab-free-text textarea", LINES[node])
            if not used_text:
                screenshot(page, "player-zh-free-text")
            page.click(".coachlab-send")
            used_text = True
            # When the coach is unsure it asks first (no retry used): this learner means what they wrote.
            page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief, .coachlab-ask-yes")
            if page.query_selector(".coachlab-ask-yes"):
                page.click(".coachlab-ask-yes")
    page.wait_for_selector(".coachlab-debrief")
    assert used_button and used_text
    debrief = page.inner_text(".coachlab-debrief")
    assert t("player.debrief.heading", "zh-CN") in debrief and "BID 反馈" in debrief
    assert any(t(f"player.band.{band}", "zh-CN") in debrief for band in ("needs_work", "developing", "proficient"))
    assert page.query_selector(".coachlab-ending") is not None
    assert page.query_selector(".coachlab-saved") is not None
    assert HAN.search(page.inner_text(".coachlab-chat"))
    page.locator(".coachlab-debrief").scroll_into_view_if_needed()
    screenshot(page, "player-zh-debrief")
    with open_store(voila_server.data / "progress.sqlite3") as store:
        attempts = store.attempts("browser-learner", SCENARIO)
    assert len(attempts) == 1 and attempts[0].answers["path"][-1].startswith("end:")


def test_unknown_scenario_gets_a_friendly_message(voila_server, page, screenshot):
    """A wrong ?scenario= shows a message and a link to the list, never a traceback."""
    page.goto(f"{voila_server.url}/voila/render/roleplay.ipynb?scenario=no-such-thing&lang=en")
    page.wait_for_selector(".coachlab-error")
    assert "no-such-thing" in page.inner_text(".coachlab-error")
    assert "Traceback" not in page.content()
    screenshot(page, "player-en-unknown")


def test_list_page_links_every_scenario(voila_server, page, screenshot):
    """The role-plays page lists every scenario with a link into the player."""
    page.goto(f"{voila_server.url}/voila/render/roleplays.ipynb?lang=zh")
    page.wait_for_selector(".coachlab-scenarios table")
    links = page.eval_on_selector_all(".coachlab-scenarios tr[data-slug] a", "els => els.map(e => e.href)")
    assert any(f"scenario={SCENARIO}" in href for href in links)
    screenshot(page, "roleplays-zh")
