"""Every learner page in Chinese, as the browser shows it: no English labels, no internal words on screen.

Each page (landing, role-play list, a role-play, practice pad, my work, every lesson, every exercise form) is opened
in Chromium with ?lang=zh by a signed-in learner; its visible text (``innerText``: what a learner can read) is
checked for Latin words that are not course terms (GROW, BIA, FCR… are written in capitals; a few product names
are allowed) and for internal names: check flags (``leading``, ``grow_stage``), slugs and ids, message keys,
snake_case. The pure part (``visible_text_problems``) is tested on its own so it can be seen to fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.signin import sign_in_cookie

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
LEARNER = "王芳"

# Latin words a Chinese page may show: product names and the language switch's "English".
ALLOWED_WORDS = {"coachlab", "English", "JupyterLab", "Jupyter", "Voilà", "Voila", "Excel", "Markdown", "iCalendar",
                 "Outlook", "pandas", "App"}  # "App" as written in Chinese: 自助App
# Names the code uses inside; none of them may reach a learner's eyes.
CHECK_FLAGS = {"leading", "advice", "grow_stage", "statement", "quantified_result", "first_person_ratio", "elements",
               "pitfalls", "evidence", "needs_work", "developing", "proficient", "behaviour", "behavior", "impact",
               "appreciation", "development", "fact", "feeling", "focus", "situation", "task", "action", "result",
               "specific", "measurable", "achievable", "relevant", "time_bound", "fallback", "retry", "ending"}


def internal_names(root: Path = REPO) -> set[str]:
    """Return the slugs and ids of the course's content (lessons, role-plays, exercises)."""
    from coachlab.content import discover

    catalog = discover(root)
    names = {item.slug for item in (*catalog.lessons, *catalog.scenarios, *catalog.exercises)}
    assert names, "the course has content"
    return names


# A Latin gloss opening full-width brackets right after the Chinese term it glosses: 事实（Fact）, 意图（Focus，…）.
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])（[A-Za-z][A-Za-z /&-]*(?=[），、,])")


def visible_text_problems(text: str, internal: set[str], allowed: set[str] = frozenset()) -> list[str]:
    """Return what in a Chinese page's visible text is English or internal, one line each ([] when clean).

    A Latin gloss of a model's term in brackets after the Chinese term (事实（Fact）) is the course's way of
    naming a model and is not counted.
    """
    text = GLOSS.sub("", text)
    problems = []
    for word in sorted(set(re.findall(r"\b[a-z]+(?:[_.][a-z0-9]+)+\b", text))):
        problems.append(f"internal name: {word}")  # snake_case, dotted message keys
    for name in sorted(internal):
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            problems.append(f"slug or id: {name}")
    for word in sorted(set(re.findall(r"(?<![\w@.])[A-Za-z][A-Za-z'’-]{2,}(?![\w@.])", text))):
        if word in ALLOWED_WORDS or word in allowed or re.fullmatch(r"[A-Z0-9&-]+s?", word):
            continue
        problems.append(f"{'check flag' if word.lower() in CHECK_FLAGS else 'English word'}: {word}")
    return problems


def test_the_text_check_can_fail():
    """The checker finds what issue 16 found on screen, and passes clean Chinese with course terms."""
    internal = {"bid-late-logins", "a05-feedback"}
    assert visible_text_problems("用 BIA 和 GROW 提升 FCR；coachlab 课程首页 English；事实（Fact）", internal) == []
    found = visible_text_problems("leading：‘不就行了’ 提交 Submit bid-late-logins player.debrief.heading aht_min",
                                  internal)
    assert "check flag: leading" in found and "English word: Submit" in found
    assert "slug or id: bid-late-logins" in found and "internal name: player.debrief.heading" in found
    assert "internal name: aht_min" in found
    assert visible_text_problems("（Fact）开头", internal) == ["check flag: Fact"]  # a gloss needs its term


def pages(root: Path = REPO) -> list[str]:
    """Return every learner page's path, with its query, in Chinese."""
    from coachlab.content import discover

    catalog = discover(root)
    found = ["index.ipynb?lang=zh", "roleplays.ipynb?lang=zh", "practice-pad.ipynb?lang=zh", "my-work.ipynb?lang=zh"]
    if catalog.scenarios:
        found.append(f"roleplay.ipynb?scenario={catalog.scenarios[0].slug}&lang=zh")
    found += [f"{item.links['zh-CN']}?lang=zh" for item in catalog.lessons if item.links.get("zh-CN")]
    found += [f"exercises/{item.slug}.ipynb?lang=zh" for item in catalog.exercises]
    assert len(found) > 10
    return found


def settled_text(page) -> str:
    """Return the page's visible text once widgets have drawn (the text stops changing for a second)."""
    page.wait_for_selector(".coachlab-topbar")
    last, same = "", 0
    for _ in range(60):
        page.wait_for_timeout(500)
        now = page.evaluate("() => document.body.innerText")
        same = same + 1 if now == last else 0
        last = now
        if same >= 2:
            break
    return last


@pytest.fixture(scope="module")
def server(start_voila):
    return start_voila(REPO, pool=False)


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.split("?")[0])
def test_every_page_reads_in_chinese(server, page, screenshot, path):
    """A learner page in zh shows no English label and no internal word."""
    sign_in_cookie(page, server.url, LEARNER)
    page.goto(f"{server.url}/voila/render/{path}")
    text = settled_text(page)
    name = "zh-page-" + re.sub(r"[^\w-]+", "_", path.split("?")[0])
    screenshot(page, name)
    assert "学员：" + LEARNER in text and "课程首页" in text
    assert visible_text_problems(text, internal_names(), {LEARNER}) == []


LEADING = "你是不是应该早点来上班？"  # a leading question: its check flags it, and the pad must say so in words


def test_practice_pad_result_reads_in_chinese(server, page, screenshot):
    """The practice pad's verdict on a leading question names the problem in Chinese, never as a flag."""
    sign_in_cookie(page, server.url, LEARNER)
    page.goto(f"{server.url}/voila/render/practice-pad.ipynb?lang=zh&kind=question")
    page.locator(".coachlab-checkpad .coachlab-checkpad-text textarea").fill(LEADING)
    page.locator(".coachlab-checkpad-check").click()
    page.wait_for_function("(sel) => /得分/.test(document.querySelector(sel)?.innerText || '')",
                           arg=".coachlab-checkpad-result")
    text = settled_text(page)
    screenshot(page, "zh-page-practice-pad-leading")
    assert LEADING[:6] in text
    assert visible_text_problems(text, internal_names(), {LEARNER}) == []
