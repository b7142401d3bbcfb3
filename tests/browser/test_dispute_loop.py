"""The dispute loop in a real browser, in both languages: a learner says a verdict is wrong, the facilitator overturns it.

The learner side is the course server (`coachlab serve`, the shared fixture); the facilitator side is the
dashboard served as `make dashboard` serves it, reading the same learner records.
"""

from __future__ import annotations

import re

import pytest

from coachlab.i18n import t
from coachlab.progress import open_store
from tests.browser.signin import sign_in_cookie
from tests.conftest import dashboard_server

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
# What a learner disputes: feedback whose impact the checks miss, with the learner's note. The checks improve, so the
# test takes the first text whose impact the current checks do not find (the server runs the same code) and fails
# when none is left: then add one. Until session 18 the texts told the impact as a number ("…dropped to 71%"), which
# the checks now find, and the screenshots showed a learner disputing a verdict that agreed with them.
MISSED_IMPACT = {
    "en": [("Logged in at 8:15 again. Rest of the team picked up your queue.",
            "The team picking up my agent's queue is the impact I meant."),
           ("8:15 log-in today. Lin covered your first calls and missed her own break.",
            "Lin missing her break is the impact I meant.")],
    "zh-CN": [("今天又是8点15登录，你那条队列是大家帮你接的。", "“队列是大家帮你接的”就是我想说的影响。"),
              ("今天8点15才登录，小林帮你接了头几个电话，自己的休息都没顾上。", "“小林休息都没顾上”就是我想说的影响。")],
}


def _missed_impact(lang: str) -> tuple[str, str]:
    from coachlab.checks import run

    found = [(text, note) for text, note in MISSED_IMPACT[lang]
             if not run("feedback", text, lang).to_dict()["elements"]["impact"]]
    assert found, f"the checks now find the impact in every {lang} text of MISSED_IMPACT: add one they miss"
    return found[0]


LEARNER = {"en": "browser-en", "zh-CN": "浏览器学员"}
LANGS = [("en", "en"), ("zh", "zh-CN")]
PANEL = ".coachlab-dispute-panel"


@pytest.fixture(scope="module")
def dashboard_for(voila_server, tmp_path_factory):
    """The facilitator dashboard over the course server's learner records (no gradebook yet)."""
    grader = tmp_path_factory.mktemp("disputes-grader")
    with dashboard_server(voila_server.data, grader, grader, USER="coach-zhang") as url:
        yield url


def _learner_disputes(page, server, lang: str, code: str, screenshot) -> int:
    text, note = _missed_impact(lang)
    sign_in_cookie(page, server.url, LEARNER[lang])
    page.goto(f"{server.url}/voila/render/practice-pad.ipynb?lang={code}&kind=feedback")
    page.locator(".coachlab-checkpad .coachlab-checkpad-text textarea").fill(text)
    page.wait_for_function("([sel, head]) => { const m = document.querySelector(sel + ' .cp-marked');"
                           " return m && m.innerText.startsWith(head); }",
                           arg=[".coachlab-checkpad-result", text[:12]])
    page.click(f".coachlab-dispute-open:has-text('{t('dispute.open', lang)}')")
    page.locator(PANEL).wait_for()
    # Bad input first: no verdict picked and no note; the learner is told what to do, nothing is saved.
    page.click(f"{PANEL} .coachlab-dispute-send")
    page.wait_for_selector(f"{PANEL} .coachlab-dispute-status .bad")
    assert t("dispute.error.note_empty", lang) in page.inner_text(f"{PANEL} .coachlab-dispute-status")
    # Then a real one: the impact verdict, with a note.
    select = page.locator(f"{PANEL} .coachlab-dispute-label select")
    impact = [o for o in select.locator("option").all_inner_texts() if o.startswith(t("checkpad.element.impact", lang))]
    assert impact, select.locator("option").all_inner_texts()
    select.select_option(label=impact[0])
    page.fill(f"{PANEL} .coachlab-dispute-note textarea", note)
    screenshot(page, f"dispute-learner-{code}-note")
    page.click(f"{PANEL} .coachlab-dispute-send")
    page.wait_for_selector(f"{PANEL} .coachlab-dispute-status .ok")
    status = page.inner_text(f"{PANEL} .coachlab-dispute-status")
    assert bool(HAN.search(status)) == (lang == "zh-CN")
    page.wait_for_selector(f"{PANEL} .coachlab-dispute-mine li")
    mine = page.inner_text(f"{PANEL} .coachlab-dispute-mine")
    assert t("dispute.status.open", lang) in mine
    page.locator(f"{PANEL} .coachlab-dispute-mine").scroll_into_view_if_needed()
    screenshot(page, f"dispute-learner-{code}-sent")
    assert page.locator(".coachlab-error").count() == 0
    with open_store(server.data / "progress.sqlite3") as store:
        [dispute] = store.disputes(learner_id=LEARNER[lang])
    assert (dispute.text, dispute.label, dispute.note, dispute.status) == (text, "impact", note, "open")
    assert dispute.verdict["elements"]["impact"] is False  # the learner disputes a miss
    assert f"{dispute.id}" in status
    return dispute.id


@pytest.mark.parametrize(("code", "lang"), LANGS)
def test_learner_disputes_and_facilitator_overturns(voila_server, dashboard_for, page, screenshot, code, lang):
    """Practice pad → 'I think this is wrong' → note saved → dashboard lists it → Overturn → labels saved."""
    page.set_default_timeout(240_000)
    row = _learner_disputes(page, voila_server, lang, code, screenshot)
    text, note = _missed_impact(lang)

    page.goto(f"{dashboard_for}?lang={code}")
    card = page.locator(f".coachlab-dispute-{row}")
    card.wait_for()
    info = card.inner_text()
    assert LEARNER[lang] in info and note in info and text[:20] in info
    assert t("dashboard.dispute.kind.feedback", lang) in info and t("dashboard.disputes", lang) in page.inner_text(
        ".coachlab-disputes")
    screenshot(page, f"dispute-dashboard-{code}")
    card.locator(".coachlab-dispute-overturn").click()
    editor = card.locator(".coachlab-dispute-editor")
    editor.wait_for()
    impact_box = editor.locator(".coachlab-label-impact input[type=checkbox]")
    with open_store(voila_server.data / "progress.sqlite3") as store:
        checked_was = bool(store.dispute(row).verdict["elements"]["impact"])
    assert impact_box.is_checked() is (not checked_was)  # the disputed label starts flipped
    card.locator(".coachlab-dispute-save").scroll_into_view_if_needed()
    screenshot(page, f"dispute-dashboard-{code}-overturn")
    card.locator(".coachlab-dispute-save").click()
    card.locator(".coachlab-dispute-result p").wait_for()
    result = card.locator(".coachlab-dispute-result").inner_text()
    assert t("dashboard.dispute.overturned", lang, id=row) in result
    card.locator(".coachlab-dispute-result").scroll_into_view_if_needed()
    screenshot(page, f"dispute-dashboard-{code}-done")
    assert page.locator(".coachlab-error").count() == 0
    with open_store(voila_server.data / "progress.sqlite3") as store:
        done = store.dispute(row)
    assert (done.status, done.resolved_by, done.corrected["impact"]) == ("overturned", "coach-zhang", not checked_was)
    assert done.corrected["behavior"] is bool(done.verdict["elements"]["behavior"])  # every label, as the contract says


# Texts the checks have been unsure about; the tests take the first the current checks are unsure about
# (the server runs the same code), and fail when none is left, so a new one must be found.
UNSURE_QUESTIONS = ["要不要试试早一班车？", "那你打算怎么办呢", "这个事你怎么看", "今天想聊点啥？",
                    # writers split on these: well-being or Reality, a closed check of the result or Reality
                    "最近上班感觉怎么样？", "你对这次的结果满意吗？", "听说你想转去在线客服？", "最近接电话感觉怎么样？"]
ASKED_ANSWERS = ["上周二和周四你都是八点零五以后才登录的。", "上周有三次你8点后才登录，小王只好替你接了好几通。",
                 "你最近老是晚到。", "你从来不迟到，这点挺好。", "你这个月早班迟了好几次，具体我这有记录。",
                 "这个月早班你有五次登录晚了。",  # a count with no impact: asked since session 9's checks
                 # a habit with no count (a counted act is a sure behaviour since session 10): asked whether it is one
                 "这两周你登录比排班晚，我看了记录。", "上个月你经常卡着点登录。",
                 # session 13's refit is sure of every line above: an impact told as what came next, and a verdict on
                 # attendance with no act, are asked about
                 "你早上晚到那几分钟，后面排队的客户就多了。", "你这段时间早班的出勤不太理想。"]


def _play_to_free_text(page, server, learner: str, scenario: str = "bid-late-logins",  # noqa: ANN001 - a page, the server
                       code: str = "zh") -> None:
    """Open ``scenario`` (bid-late-logins in Chinese by default) as ``learner``; take the first option until a
    free-text turn."""
    sign_in_cookie(page, server.url, learner)
    page.goto(f"{server.url}/voila/render/roleplay.ipynb?scenario={scenario}&lang={code}")
    page.click(".coachlab-start")
    for step in range(6):
        page.wait_for_selector(f".coachlab-turn[data-step='{step}']")
        if page.query_selector(".coachlab-free-text"):
            return
        page.query_selector_all(".coachlab-option")[0].click()
    pytest.fail("no free-text turn within six steps")


def _first(texts: list[str], unsure) -> str:
    found = [text for text in texts if unsure(text)]
    assert found, f"no text of {texts} fits this test any more (the checks changed): add one that does"
    return found[0]


def test_an_unsure_verdict_is_asked_not_marked_on_the_pad(voila_server, page, screenshot):
    """The pad shows the check's own question for an unsure verdict, and counts it half in the practice score."""
    from coachlab.checks import run

    UNSURE_QUESTION = _first(UNSURE_QUESTIONS, lambda text: run("question", text).unsure)
    report = run("question", UNSURE_QUESTION)
    page.set_default_timeout(240_000)
    page.goto(f"{voila_server.url}/voila/render/practice-pad.ipynb?lang=zh&kind=question")
    page.locator(".coachlab-checkpad .coachlab-checkpad-text textarea").fill(UNSURE_QUESTION)
    page.wait_for_selector(".coachlab-checkpad-result .cp-questions")
    shown = page.inner_text(".coachlab-checkpad-result .cp-questions")
    assert report.questions[0]["text"] in shown
    assert page.locator(".coachlab-checkpad-result li[data-found='unsure']").count() >= 1
    assert t("checkpad.unsure", "zh-CN") in page.inner_text(".coachlab-checkpad-result .cp-checklist")
    page.locator(".coachlab-checkpad-result .cp-questions").scroll_into_view_if_needed()
    screenshot(page, "checkpad-unsure-zh")


def test_a_roleplay_turn_can_be_disputed(voila_server, page, screenshot):
    """In the player, the note names the scenario and the turn; the learner's own name comes from the page."""
    page.set_default_timeout(240_000)
    _play_to_free_text(page, voila_server, "角色扮演学员")
    text, _ = _missed_impact("zh-CN")
    page.fill(".coachlab-free-text textarea", text)
    page.click(".coachlab-send")
    page.wait_for_selector(".coachlab-dispute-open:visible, .coachlab-ask-yes")
    if page.query_selector(".coachlab-ask-yes"):
        page.locator(".coachlab-ask").scroll_into_view_if_needed()
        screenshot(page, "player-zh-ask")
        page.click(".coachlab-ask-yes")
    page.click(".coachlab-dispute-open:visible")
    page.locator(f"{PANEL} .coachlab-dispute-turn select").wait_for()
    page.fill(f"{PANEL} .coachlab-dispute-note textarea", "这一轮我说了影响，教练却说没有。")
    page.click(f"{PANEL} .coachlab-dispute-send")
    page.wait_for_selector(f"{PANEL} .coachlab-dispute-status .ok")
    page.locator(f"{PANEL} .coachlab-dispute-mine").scroll_into_view_if_needed()
    screenshot(page, "player-zh-dispute")
    with open_store(voila_server.data / "progress.sqlite3") as store:
        [dispute] = store.disputes(learner_id="角色扮演学员")
    assert dispute.item_id == "bid-late-logins" and "#" in dispute.place and dispute.text == text
    assert dispute.context and HAN.search(dispute.context)


def test_the_coach_asks_when_unsure_and_yes_resolves_the_turn(voila_server, page, screenshot):
    """An unsure verdict that decides the turn comes as the coach's question with yes / no buttons."""
    from coachlab.paths import course_root
    from coachlab.scenarios import engine, load_all

    scenario = load_all(course_root())[0]["bid-late-logins"]
    session = engine.start(scenario)
    while engine.view(scenario, session, "zh-CN")["kind"] != "free":
        session, _ = engine.choose(scenario, session, engine.view(scenario, session, "zh-CN")["options"][0]["id"])
    ASKED = _first(ASKED_ANSWERS, lambda text: engine.answer(scenario, session, text, lang="zh-CN")[1].kind == "ask")
    _, event = engine.answer(scenario, session, ASKED, lang="zh-CN")
    page.set_default_timeout(240_000)
    _play_to_free_text(page, voila_server, "被问到的学员")
    tries = page.inner_text(".coachlab-turn + .cl-note") if page.query_selector(".coachlab-turn + .cl-note") else ""
    page.fill(".coachlab-free-text textarea", ASKED)
    page.click(".coachlab-send")
    page.wait_for_selector(".coachlab-ask")
    assert event.feedback["zh-CN"].splitlines()[0] in page.inner_text(".coachlab-ask")
    assert page.input_value(".coachlab-free-text textarea") == ASKED
    assert not tries or page.inner_text(".coachlab-turn + .cl-note") == tries  # no try used by the question
    page.locator(".coachlab-ask-yes").scroll_into_view_if_needed()
    screenshot(page, "player-zh-ask")
    page.click(f".coachlab-ask-yes:has-text('{t('player.ask.yes', 'zh-CN')}')")
    page.wait_for_selector(".coachlab-ask", state="detached")
    with open_store(voila_server.data / "progress.sqlite3") as store:
        kept = store.load_state("被问到的学员", "bid-late-logins")
    free = [turn for turn in kept["turns"] if turn["kind"] == "free"]
    assert free[-1]["confirmed"] is True and free[-1]["said"] == ASKED


MOCKING_ANSWERS = ["你这时间观念真是绝了，八点一刻才到，佩服佩服。", "行，就你最守时，别人都不用上班的。",
                   "怎么了？你自己心里没数吗？"]


def test_a_mocking_reply_is_named_as_a_dig_in_the_chat(voila_server, page, screenshot):
    """A sarcastic answer gets the coach's tone note quoting the learner's own sentence, then the hint; a try is used."""
    from coachlab.paths import course_root
    from coachlab.scenarios import engine, load_all

    scenario = load_all(course_root())[0]["bid-late-logins"]
    session = engine.start(scenario)
    while engine.view(scenario, session, "zh-CN")["kind"] != "free":
        session, _ = engine.choose(scenario, session, engine.view(scenario, session, "zh-CN")["options"][0]["id"])
    MOCKING = _first(MOCKING_ANSWERS, lambda text: engine.answer(scenario, session, text, lang="zh-CN")[1].kind == "retry"
                     and "挖苦" in engine.answer(scenario, session, text, lang="zh-CN")[1].feedback["zh-CN"])
    _, event = engine.answer(scenario, session, MOCKING, lang="zh-CN")
    page.set_default_timeout(240_000)
    _play_to_free_text(page, voila_server, "挖苦的学员")
    page.fill(".coachlab-free-text textarea", MOCKING)
    page.click(".coachlab-send")
    page.wait_for_function("(t) => [...document.querySelectorAll('.coachlab-chat .cl-coach')]"
                           ".some(e => e.innerText.includes(t))", arg="挖苦")
    coach = page.locator(".coachlab-chat .cl-coach").last.inner_text()
    quote = coach.split("“", 1)[1].split("”", 1)[0]
    assert quote and quote in MOCKING  # only the learner's own words are quoted
    assert event.feedback["zh-CN"] in coach and t("player.try_again", "zh-CN") in coach
    page.locator(".coachlab-chat .cl-coach").last.scroll_into_view_if_needed()
    screenshot(page, "player-zh-tone")


def test_an_exercise_practice_check_can_be_disputed(voila_server, page, screenshot):
    """The exercise form's practice check has the control; the note is filed with the exercise and question."""
    page.set_default_timeout(240_000)
    sign_in_cookie(page, voila_server.url, "exercise-learner")
    page.goto(f"{voila_server.url}/voila/render/exercises/a05-feedback.ipynb?lang=en")
    page.wait_for_selector(".coachlab-exercise .coachlab-practice-button")
    assert page.locator(".coachlab-dispute-open:visible").count() == 0  # nothing checked, nothing to dispute
    page.locator(".coachlab-answer-feedback_bia textarea").fill(_missed_impact("en")[0])
    page.locator(".coachlab-practice-button").first.click()
    page.wait_for_selector(".coachlab-practice")
    page.locator(".coachlab-dispute-open:visible").click()
    page.fill(f"{PANEL} .coachlab-dispute-note textarea", "The team covering the queue is the impact, and it says there is none.")
    page.click(f"{PANEL} .coachlab-dispute-send")
    page.wait_for_selector(f"{PANEL} .coachlab-dispute-status .ok")
    page.locator(f"{PANEL} .coachlab-dispute-status .ok").scroll_into_view_if_needed()
    screenshot(page, "exercise-en-dispute")
    with open_store(voila_server.data / "progress.sqlite3") as store:
        [dispute] = store.disputes(learner_id="exercise-learner")
    assert (dispute.item_id, dispute.place, dispute.label) == ("a05-feedback", "feedback_bia", None)
