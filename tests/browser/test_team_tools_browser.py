"""The team-module tools in Voilà, in both languages: each is used once on its lesson page, the result and
the pictures render (Chinese on the Chinese page), and screenshots are kept for a person to look at."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
ERROR_TEXT = ("Traceback", "There was an error", "Something went wrong", "页面出了点问题", "KeyError", "NameError")


@pytest.fixture(scope="module")
def tools_server(start_voila):
    """The course served without a kernel pool: one kernel per visit on a small shared machine."""
    return start_voila(pool=False)


def open_lesson(page, server, lang: str, slug: str, ready: str) -> None:
    page.set_default_timeout(150_000)  # a cold kernel imports the tools first
    page.goto(f"{server.url}/voila/render/{lang}/{slug}.ipynb?lang={lang}")
    page.wait_for_selector(ready)
    unpin_topbar(page)


def run(page, tool: str, done: str) -> str:
    """Click the tool's main action, wait until ``done`` shows inside its result, and return the result text."""
    page.locator(f"{tool} .coachlab-main-action").first.click()
    page.wait_for_selector(f"{tool} .coachlab-result {done}")
    return page.inner_text(f"{tool} .coachlab-result")


def no_errors(page, where: str) -> None:
    body = page.inner_text("body")
    for marker in ERROR_TEXT:
        assert marker not in body, f"{where} shows {marker!r}"
    assert page.locator(".coachlab-error").count() == 0


def unpin_topbar(page) -> None:
    """Let the course's top bar scroll away, so element screenshots show the whole tool."""
    page.add_style_tag(content=".coachlab-topbar{position:static !important}")


def in_language(text: str, lang: str) -> bool:
    return bool(HAN.search(text)) == (lang == "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_communication_tools(tools_server, page, screenshot, lang):
    """Johari window, listening drill, positions, advanced feedback steps and conflict test on lesson 05."""
    open_lesson(page, tools_server, lang, "05-communication-feedback", ".coachlab-conflict-test .coachlab-main-action")

    johari = ".coachlab-johari"
    boxes = page.locator(f"{johari} input[type=checkbox]")
    assert boxes.count() == 32
    for n in (0, 1, 2, 5, 6, 7, 9, 16, 17):  # rows of two boxes: me, team
        boxes.nth(n).check()
    shots = screenshot(page, f"tools-{lang}-05-page").parent
    page.locator(johari).screenshot(path=str(shots / f"tools-{lang}-johari-form.png"))
    text = run(page, johari, "svg.coachlab-johari-picture")
    assert in_language(text, lang)
    assert page.locator(f"{johari} svg .johari-pane").count() == 4
    page.locator(f"{johari} .coachlab-johari-window").screenshot(path=str(screenshot(page, f"tools-{lang}-05-page").parent / f"tools-{lang}-johari.png"))

    drill = ".coachlab-listening-drill"
    items = page.locator(f"{drill} .coachlab-drill-item")
    assert items.count() == 10
    for i in range(10):
        items.nth(i).locator("button").nth(i % 5).click()
    text = run(page, drill, "ol")
    assert in_language(text, lang) and re.search(r"\d+ */ *10|\d+ of 10|10", text)
    assert page.locator(f"{drill} svg.coachlab-levels-picture .level-empathic").count() == 1

    positions = ".coachlab-positions"
    items = page.locator(f"{positions} .coachlab-positions-item")
    assert items.count() == 8
    for i in range(8):
        items.nth(i).locator("button").nth(i % 4).click()
    text = run(page, positions, "svg.coachlab-corral-picture")
    assert in_language(text, lang)

    steps = ".coachlab-feedback-steps"
    lines = {"en": ["Yesterday at 3 pm, on the double-charge call, you read back both charges.",
                    "The customer calmed down and did not need to call back.", "Thank you, I appreciate that.",
                    "Could you share this at Friday's huddle?"],
             "zh": ["昨天下午3点那通重复扣款的电话，你把两笔扣款都复述了一遍。", "客户很快平静下来，不用再打第二次电话。",
                    "谢谢你，这一点我很欣赏。", "周五班前会能不能跟大家分享一下？"]}[lang]
    for n, line in enumerate(lines):
        page.locator(f"{steps} textarea").nth(n).fill(line)
    text = run(page, steps, "a.coachlab-download")
    assert ("4 of 4" in text) if lang == "en" else ("4步中已完成4步" in text)

    conflict = ".coachlab-conflict-test"
    items = page.locator(f"{conflict} .coachlab-conflict-item")
    assert items.count() == 15
    for i in range(15):
        items.nth(i).locator("button").nth((i * 2) % 5).click()
    text = run(page, conflict, "svg.coachlab-conflict-picture")
    assert in_language(text, lang)
    no_errors(page, f"05 ({lang})")
    shots = screenshot(page, f"tools-{lang}-05-page").parent
    for tool, name in ((drill, "listening-drill"), (positions, "positions"), (steps, "feedback-steps"), (conflict, "conflict")):
        page.locator(f"{tool} .coachlab-result").screenshot(path=str(shots / f"tools-{lang}-{name}.png"))


PLAN = {
    "en": ["Raise billing FCR from 68% to 72% by 31 December", "2026-12-01", "2026-12-31",
           ("Kick-off huddle on the check question", "Li Na", "2026-12-02"),
           ("Listen to two billing calls with each agent", "Li Na", "2026-12-18"),
           [("2026-12-03", "12 of 12 agents can say the target", "Repeat the huddle"),
            ("2026-12-16", "FCR at least 70%", "Re-plan the coaching"),
            ("2026-12-31", "FCR 72% for the month", "复盘 with the team")]],
    "zh": ["12月31日前把账单类来电一次解决率从68%提升到72%", "2026-12-01", "2026-12-31",
           ("班前会讲解结束前的确认问题", "李娜", "2026-12-02"), ("和每位客服一起听两通账单来电", "李娜", "2026-12-18"),
           [("2026-12-03", "12名客服都能说出目标", "再开一次班前会"), ("2026-12-16", "一次解决率不低于70%", "调整辅导安排"),
            ("2026-12-31", "当月一次解决率72%", "和团队一起复盘")]],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_execution_planner(tools_server, page, screenshot, lang):
    """Fill a complete plan on lesson 03: no gaps listed, the timeline drawn with three gates."""
    open_lesson(page, tools_server, lang, "03-goals-smart", ".coachlab-execution .coachlab-main-action")
    tool = ".coachlab-execution"
    goal, start, end, first, second, gates = PLAN[lang]
    fields = page.locator(f"{tool} input[type=text]")
    values = [goal, start, end, *first, *second, *[""] * 9, *[v for gate in gates for v in gate]]
    assert fields.count() == len(values)
    for n, value in enumerate(values):
        if value:
            fields.nth(n).fill(value)
    text = run(page, tool, "svg.coachlab-execution-picture")
    assert in_language(text, lang)
    assert page.locator(f"{tool} svg .execution-gate").count() == 3
    assert page.locator(f"{tool} .coachlab-result ul").count() == 0, text  # nothing left to fix
    no_errors(page, f"03 ({lang})")
    page.locator(f"{tool} .coachlab-result").screenshot(path=str(screenshot(page, f"tools-{lang}-03-page").parent / f"tools-{lang}-execution.png"))


BOARD = {
    "en": ("How can we cut repeat calls on billing disputes next month?",
           ["Read back the charges before closing", "A checklist for refund cases", "New hires shadow a senior",
            "Refund steps in the knowledge base", "One case in each huddle", "Spot-check two refund calls weekly"],
           ["Close every call with a check", "Better refund knowledge"], "Check question on every call · Li Na · 12-05"),
    "zh": ("下个月怎样减少账单争议的重复来电？",
           ["结束前复述扣款信息", "退款做核对清单", "新人跟听骨干电话", "知识库补退款流程", "班前会讲一个案例", "每周抽查两通退款来电"],
           ["收尾确认", "退款知识"], "每通电话结束前确认下一步 · 李娜 · 12月5日"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cocreation_board(tools_server, page, screenshot, lang):
    """Run a co-creation on lesson 04: sort the cards, place the dots, rank the themes."""
    open_lesson(page, tools_server, lang, "04-review", ".coachlab-cocreation .coachlab-main-action")
    tool = ".coachlab-cocreation"
    focus, cards, themes, action = BOARD[lang]
    page.locator(f"{tool} input[type=text]").first.fill(focus)
    page.locator(f"{tool} textarea").nth(0).fill("\n".join(cards))
    page.locator(f"{tool} textarea").nth(1).fill("\n".join(themes))
    page.locator(f"{tool} .coachlab-cocreate-sort").click()
    page.wait_for_function("(sel) => document.querySelectorAll(sel + ' .coachlab-cocreate-pick select').length === 6", arg=tool)
    picks = page.locator(f"{tool} .coachlab-cocreate-pick select")
    for n in range(6):
        picks.nth(n).select_option(label=themes[n % 2])
    dots = page.locator(f"{tool} .coachlab-cocreate-dots input")
    dots.nth(0).fill("9")
    dots.nth(0).press("Enter")
    dots.nth(1).fill("7")
    dots.nth(1).press("Enter")
    page.locator(f"{tool} input[type=text]").nth(1).fill(action)
    page.locator(f"{tool} input[type=text]").nth(1).press("Enter")
    text = run(page, tool, "ol")
    assert in_language(text, lang)
    ranked = page.inner_text(f"{tool} .coachlab-result ol")
    assert ranked.index(themes[0]) < ranked.index(themes[1])
    no_errors(page, f"04 ({lang})")
    page.locator(f"{tool} .coachlab-result").screenshot(path=str(screenshot(page, f"tools-{lang}-04-page").parent / f"tools-{lang}-cocreation.png"))


PICTURES = [("01-learning-golden-circle", "golden"), ("02-swot", "swot"), ("06-coaching-grow", "grow"), ("06-coaching-grow", "interview")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_pictures(tools_server, page, screenshot, lang):
    """Show the golden circle, SWOT strategies, GROW cycle and interview flow on their lessons, in the page's language."""
    seen = set()
    for slug, name in PICTURES:
        if slug not in seen:
            open_lesson(page, tools_server, lang, slug, f"svg.coachlab-{name}-picture")
            seen.add(slug)
        picture = page.locator(f"svg.coachlab-{name}-picture")
        assert picture.count() == 1
        labels = picture.locator("text").all_text_contents()
        assert labels and (any(HAN.search(x) for x in labels) == (lang == "zh"))
        box = picture.bounding_box()
        assert box and box["width"] > 300 and box["height"] > 150
        picture.screenshot(path=str(screenshot(page, f"tools-{lang}-{slug}").parent / f"tools-{lang}-picture-{name}.png"))
        no_errors(page, f"{slug} ({lang})")
