"""An unsure dig is asked, never told, in the role-play player, in both languages (issue 13, session 10, H-tone-ask).

When only the learned tone model flags an answer, and not surely (below ``model.ask_below`` in
coachlab/checks/rules/tone.yaml), the coach asks whether the learner meant their own quoted sentence in earnest;
the question uses no try. "No, let me rewrite it" keeps the mockery: the tone note quoting the sentence, a try used
and the text back in the box. Sent again and answered "Yes, that's what I meant", the pitfall is dropped and the
turn resolves on the rest (a sincere open question: its intent). Reuses the fixtures and helpers of
tests/browser/test_dispute_loop.py (the course server, sign-in, screenshots).
"""

from __future__ import annotations

import re

import pytest

from coachlab.i18n import t
from coachlab.progress import open_store
from tests.browser.test_dispute_loop import _first, _play_to_free_text

pytestmark = pytest.mark.browser
SCENARIO = "review-peak-day"
# Our own sincere questions that throw the person's word back first, the shape of many mocking answers; the test
# takes the first the current checks flag unsure at the turn (the server runs the same code) and fails when none is.
SINCERE = {"en": ["So once? What happened that time?", "Mostly happy? What is the part that is not?",
                  "Once? Is that all you noticed?"],
           "zh-CN": ["速度快？那客户那边反馈怎么样？", "每周五通？那你打算怎么安排时间？", "没时间？那你一天里哪段时间最被打断？",
                     "速度很快？那客户怎么说？", "速度快了？那你是怎么调整的？", "速度提上来了？那你是怎么做到的？"]}
LEARNER = {"en": "tone-ask-en", "zh-CN": "语气追问学员"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def _free_session(lang: str):  # noqa: ANN202 - (scenario, session) at the first free-text turn
    from coachlab.paths import course_root
    from coachlab.scenarios import engine, load_all

    scenario = load_all(course_root())[0][SCENARIO]
    session = engine.start(scenario)
    while engine.view(scenario, session, lang)["kind"] != "free":
        session, _ = engine.choose(scenario, session, engine.view(scenario, session, lang)["options"][0]["id"])
    return scenario, session


def _asks_about_the_dig(scenario, session, lang: str):  # noqa: ANN001, ANN202
    from coachlab.scenarios import engine

    def check(text: str) -> bool:
        after, event = engine.answer(scenario, session, text, lang=lang)
        return event.kind == "ask" and all(labels == ["sarcasm"] for labels in after.pending["asked"].values())
    return check


@pytest.mark.parametrize(("code", "lang"), [("en", "en"), ("zh", "zh-CN")])
def test_an_unsure_dig_is_asked_no_keeps_the_note_yes_takes_the_intent(voila_server, page, screenshot, code, lang):
    from coachlab.scenarios import engine

    scenario, session = _free_session(lang)
    text = _first(SINCERE[lang], _asks_about_the_dig(scenario, session, lang))
    asked, event = engine.answer(scenario, session, text, lang=lang)
    question = event.feedback[lang]
    quote = re.split(r"[\"“”]", question)[1].rstrip("…")
    assert quote and quote in text  # the question quotes only the learner's own words
    _, resolved = engine.confirm(scenario, asked, True)
    assert resolved.kind == "intent"
    intent_line = resolved.feedback[lang]

    page.set_default_timeout(240_000)
    _play_to_free_text(page, voila_server, LEARNER[lang], SCENARIO, code)
    tries = page.inner_text(".coachlab-turn + .cl-note") if page.query_selector(".coachlab-turn + .cl-note") else ""
    page.fill(".coachlab-free-text textarea", text)
    page.click(".coachlab-send")
    page.wait_for_selector(".coachlab-ask")
    shown = page.inner_text(".coachlab-ask")
    assert question in shown and t("player.ask.heading", lang) in shown
    assert bool(HAN.search(question)) == (lang == "zh-CN")
    assert page.input_value(".coachlab-free-text textarea") == text
    assert not tries or page.inner_text(".coachlab-turn + .cl-note") == tries  # the question uses no try
    page.locator(".coachlab-ask-yes").scroll_into_view_if_needed()
    screenshot(page, f"player-{code}-tone-ask")

    # "No, let me rewrite it": the mockery stands; the coach names the dig quoting the learner, a try is used.
    page.click(f'.coachlab-ask-no:has-text("{t("player.ask.no", lang)}")')
    page.wait_for_selector(".coachlab-ask", state="detached")
    dig = "挖苦" if lang == "zh-CN" else "reads as a dig"
    page.wait_for_function("(t) => [...document.querySelectorAll('.coachlab-chat .cl-coach')]"
                           ".some(e => e.innerText.includes(t))", arg=dig)
    coach = page.locator(".coachlab-chat .cl-coach").last.inner_text()
    assert coach.split("“", 1)[1].split("”", 1)[0] in text and t("player.try_again", lang) in coach
    assert page.input_value(".coachlab-free-text textarea") == text  # back in the box to rewrite
    page.locator(".coachlab-chat .cl-coach").last.scroll_into_view_if_needed()
    screenshot(page, f"player-{code}-tone-ask-no")

    # Sent again and "Yes, that's what I meant": in earnest, so the turn resolves on the rest.
    page.click(".coachlab-send")
    page.wait_for_selector(".coachlab-ask")
    page.click(f'.coachlab-ask-yes:has-text("{t("player.ask.yes", lang)}")')
    page.wait_for_selector(".coachlab-ask", state="detached")
    page.wait_for_function("(t) => [...document.querySelectorAll('.coachlab-chat .cl-coach')]"
                           ".some(e => e.innerText.includes(t))", arg=intent_line[:20])
    page.locator(".coachlab-chat .cl-coach").last.scroll_into_view_if_needed()
    screenshot(page, f"player-{code}-tone-ask-yes")
    assert page.locator(".coachlab-error").count() == 0
    with open_store(voila_server.data / "progress.sqlite3") as store:
        kept = store.load_state(LEARNER[lang], SCENARIO)
    free = [turn for turn in kept["turns"] if turn["kind"] == "free"]
    assert [(turn["confirmed"], turn.get("intent"), turn.get("retry", False)) for turn in free[-2:]] == [
        (False, None, True), (True, resolved.matched, False)]
    assert all(turn["said"] == text and "sarcasm" in turn["unsure"] for turn in free[-2:])
