"""The role-play player in a real browser, in both languages: the persona card during play, every option
explained after a choice, the path drawn as stages, the debrief saved and reopened only by its learner."""

from __future__ import annotations

import json
import re
import time

import pytest

from coachlab.i18n import t
from coachlab.progress import open_store
from coachlab.scenarios import load_scenario
from coachlab.scenarios.record import details_of
from coachlab.scenarios.testplan import load_plan, plan_path

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
SCENARIO = "bid-late-logins"
CODES = {"zh": "zh-CN", "en": "en"}
LATENCY_FILE = "player-turn-latency-{lang}.json"


def best_play(root):
    """Return the scenario and the steps of its best test-plan playthrough."""
    scenario, problems = load_scenario(root, SCENARIO)
    assert scenario is not None, problems
    plan, problems = load_plan(plan_path(root / "scenarios" / f"{SCENARIO}.yaml"))
    assert plan is not None, problems
    [play] = [p for p in plan["plays"] if p["name"] == "best"]
    assert play["steps"]
    return scenario, play["steps"]


def sign_in(page, url: str, name: str) -> None:
    """Sign this browser in as ``name``: the name cookie the pages read, and the name field where a page has one."""
    page.context.add_cookies([{"name": "coachlab_learner", "value": name, "url": url}])


def fill_name_if_asked(page, name: str) -> None:
    """Type the name where the page still shows a name field (older pages); nothing otherwise."""
    field = page.query_selector(".coachlab-learner-id input")
    if field is not None and field.is_visible():
        field.fill(name)


def click_option(page, text: str) -> None:
    """Click the option button showing exactly ``text``."""
    index = page.eval_on_selector_all(
        ".coachlab-option", "(els, t) => els.findIndex(e => (e.title || e.innerText).trim() === t)", text.strip())
    assert index >= 0, f"no option button reads {text!r}"
    page.locator(".coachlab-option").nth(index).click()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_play_to_the_debrief_and_reopen_it(voila_server, page, browser, screenshot, lang):
    """Play the best path: the persona card stays, every option explained, the path as stages, the debrief reopens."""
    code = CODES[lang]
    learner = f"player-{lang}"
    scenario, steps = best_play(voila_server.root)
    persona = scenario.data["persona"]
    sign_in(page, voila_server.url, learner)
    page.goto(f"{voila_server.url}/voila/render/roleplay.ipynb?scenario={SCENARIO}&lang={lang}")
    page.wait_for_selector(".coachlab-persona")
    kpi = persona["kpis"][0]["value"]
    assert persona["name"][code] in page.inner_text(".coachlab-persona") and kpi in page.inner_text(".coachlab-persona")
    fill_name_if_asked(page, learner)
    page.click(f".coachlab-start:has-text('{t('player.start', code)}')")
    page.wait_for_selector(".coachlab-chat .cl-them")
    latencies: list[tuple[str, float]] = []
    step, disputed = 0, False
    for planned in steps:
        page.wait_for_selector(f".coachlab-turn[data-step='{step}']")
        if "choose" in planned:
            node = scenario.nodes[page.get_attribute(".coachlab-turn", "data-node")]
            offered = [o for o in node["choices"] if o["id"] == planned["choose"]]
            assert offered, (planned, node.get("stage"))
            started = time.monotonic()
            click_option(page, offered[0]["text"][code])
            page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief")
            latencies.append(("choose", time.monotonic() - started))
            if step == 0:
                explained = page.query_selector_all(".coachlab-chat .coachlab-options-explained li")
                assert len(explained) == len(node["choices"]) >= 2  # every option, not only the chosen one
                for option in node["choices"]:
                    assert option["feedback"][code] in page.inner_text(".coachlab-chat .coachlab-options-explained")
                side = page.locator(".coachlab-persona-side .coachlab-persona-card")
                assert side.is_visible() and kpi in side.inner_text()  # the KPIs while playing
                screenshot(page, f"player-{lang}-during-play")
        else:
            page.fill(".coachlab-free-text textarea", planned["say"][code])
            started = time.monotonic()
            page.click(".coachlab-send")
            page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief, .coachlab-ask-yes")
            latencies.append(("say", time.monotonic() - started))
            if page.query_selector(".coachlab-ask-yes"):  # the coach is unsure and asks: this learner meant it
                page.click(".coachlab-ask-yes")
                page.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief")
            if not disputed:  # "I think this is wrong" is one button until used; then the box opens on this turn
                page.click(".coachlab-turn-dispute .coachlab-dispute-open:visible")
                picker = page.wait_for_selector(".coachlab-dispute-panel .coachlab-dispute-turn select")
                assert planned["say"][code][:12] in picker.inner_text().replace("\xa0", " ")
                page.click(".coachlab-dispute-panel .coachlab-dispute-close")
                page.wait_for_selector(".coachlab-dispute-panel", state="hidden")
                disputed = True
        step += 1
        if step == len(steps) - 1:  # late in the talk, scrolled down to the reply box: the KPIs are still in view
            page.locator(".coachlab-turn").scroll_into_view_if_needed()
            box = page.locator(".coachlab-persona-side").bounding_box()
            assert box is not None and 0 <= box["y"] < 900 and box["y"] + box["height"] > 0, box
            screenshot(page, f"player-{lang}-late-in-play")
    page.wait_for_selector(".coachlab-debrief")
    debrief = page.inner_text(".coachlab-debrief")
    assert t("player.debrief.heading", code) in debrief and page.query_selector(".coachlab-saved") is not None
    assert scenario.data["debrief"][scenario.skills[0]]["label"][code] in debrief
    stages = page.query_selector_all(".coachlab-path > li")
    assert len(stages) >= 5 and "↺" not in page.inner_text(".coachlab-path")
    assert all(s.query_selector(".cl-stage-said") for s in stages[:-1])  # what the learner said at each stage
    assert "cl-stage-end" in (stages[-1].get_attribute("class") or "")
    if lang == "zh":
        assert HAN.search(page.inner_text(".coachlab-chat")) and HAN.search(page.inner_text(".coachlab-path"))
    page.locator(".coachlab-path").scroll_into_view_if_needed()
    screenshot(page, f"player-{lang}-debrief")

    with open_store(voila_server.data / "progress.sqlite3") as store:
        [attempt] = store.attempts(learner, SCENARIO)
    record = details_of(attempt.answers)
    assert [turn["outcome"] for turn in record["turns"]] and record["ending"]["id"] == attempt.answers["path"][-1][4:]

    page.goto(f"{voila_server.url}/voila/render/roleplay.ipynb?attempt={attempt.id}&lang={lang}")
    page.wait_for_selector(".coachlab-reopened .coachlab-debrief")
    assert page.inner_text(".coachlab-reopened .coachlab-debrief") == debrief  # exactly as shown
    assert page.query_selector(".coachlab-reopened .coachlab-replay .cl-me") is not None
    screenshot(page, f"player-{lang}-reopened")

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = other.new_page()
        tab.set_default_timeout(90_000)
        sign_in(tab, voila_server.url, f"someone-else-{lang}")
        tab.goto(f"{voila_server.url}/voila/render/roleplay.ipynb?attempt={attempt.id}&lang={lang}")
        fill_name_if_asked(tab, f"someone-else-{lang}")
        refused = tab.wait_for_selector(".coachlab-reopen-refused")
        assert str(attempt.id) in refused.inner_text() and tab.query_selector(".coachlab-debrief") is None
        said = [turn["said"] for turn in record["turns"] if isinstance(turn["said"], str)]
        assert said and not any(text[:20] in tab.content() for text in said)
        screenshot(tab, f"player-{lang}-reopen-refused")
    finally:
        other.close()

    seconds = sorted(s for _, s in latencies)
    p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
    (voila_server.data / LATENCY_FILE.format(lang=lang)).write_text(json.dumps(
        {"turns": [[kind, round(s, 3)] for kind, s in latencies], "p95": round(p95, 3)}))
    print(f"turn latency ({lang}): p95 {p95:.2f} s over {len(seconds)} turns: "
          + ", ".join(f"{kind} {s:.2f}" for kind, s in latencies))


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
