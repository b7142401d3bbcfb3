"""A lesson's knowledge check in a real browser, in both languages: after checking, every option explains itself."""

from __future__ import annotations

import re

import pytest

from coachlab.i18n import t
from coachlab.tools import quiz

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
SLUG = "05-communication-feedback"
CODES = {"zh": "zh-CN", "en": "en"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_checking_explains_every_option_of_the_questions_answered(voila_server, page, screenshot, lang):
    """Answer two questions (one wrong), check: each of their options shows ✔/✘ and why; the third stays closed."""
    code = CODES[lang]
    questions = quiz.quiz(SLUG)
    assert len(questions) >= 3
    page.context.add_cookies([{"name": "coachlab_learner", "value": f"quiz-{lang}", "url": voila_server.url}])
    page.goto(f"{voila_server.url}/voila/render/{lang}/{SLUG}.ipynb?lang={lang}")
    check = page.wait_for_selector(".coachlab-knowledge-check")
    check.scroll_into_view_if_needed()
    groups = page.locator(".coachlab-knowledge-check .coachlab-quiz-options")
    right = [next(i for i, o in enumerate(q["options"]) if o["correct"]) for q in questions[:2]]
    groups.nth(0).locator("input[type=radio]").nth(right[0]).check()
    groups.nth(1).locator("input[type=radio]").nth((right[1] + 1) % len(questions[1]["options"])).check()
    page.locator(".coachlab-knowledge-check button", has_text=t("quiz.check", code)).click()
    result = page.wait_for_selector(".cl-quiz-result")
    shown = result.inner_text()
    assert t("quiz.score", code, correct=1, total=len(questions)) in page.inner_text(".coachlab-knowledge-check")
    for question in questions[:2]:
        for option in question["options"]:
            assert option["why"][code] in shown
    assert all(o["why"][code] not in shown for o in questions[2]["options"]) and t("quiz.unanswered", code) in shown
    assert len(page.query_selector_all(".cl-quiz-result .coachlab-quiz-option")) == 6
    if lang == "zh":
        assert HAN.search(shown)
    result.scroll_into_view_if_needed()
    screenshot(page, f"knowledge-check-{lang}")
