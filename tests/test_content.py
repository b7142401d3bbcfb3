"""Discovery of lessons, role-plays and exercises, and the landing page built from them."""

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from coachlab.content import discover
from coachlab.i18n import t
from coachlab.scenarios import load_scenario
from coachlab.widgets.landing import Landing, render_landing

REPO = Path(__file__).resolve().parent.parent


def write_lesson(root: Path, folder: str, slug: str, title: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["coachlab"] = {"title": title}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}")]
    (root / "notebooks" / folder).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, root / "notebooks" / folder / f"{slug}.ipynb")


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A small course: two lessons in both languages, a scenario, a broken scenario, an exercise."""
    write_lesson(tmp_path, "en", "05-feedback", "Feedback that lands")
    write_lesson(tmp_path, "zh", "05-feedback", "有效反馈")
    write_lesson(tmp_path, "en", "00-first-line-manager", "The first-line manager")
    write_lesson(tmp_path, "zh", "00-first-line-manager", "一线经理")
    (tmp_path / "scenarios").mkdir()
    shutil.copy(REPO / "scenarios" / "bid-late-logins.yaml", tmp_path / "scenarios")
    shutil.copy(REPO / "scenarios" / "bid-late-logins.testplan.yaml", tmp_path / "scenarios")
    (tmp_path / "scenarios" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "exercises" / "a05-feedback").mkdir(parents=True)
    (tmp_path / "exercises" / "a05-feedback" / "exercise.yaml").write_text(
        "title: {en: Rewrite the feedback, zh-CN: 改写反馈}\n", encoding="utf-8")
    return tmp_path


def test_discover_lists_by_slug_with_titles_per_language(course):
    """Lessons come in slug order with each language's title and page."""
    found = discover(course)
    assert [item.slug for item in found.lessons] == ["00-first-line-manager", "05-feedback"]
    feedback = found.lessons[1]
    assert feedback.title("zh-CN") == "有效反馈" and feedback.title("en") == "Feedback that lands"
    assert feedback.links == {"en": "en/05-feedback.ipynb", "zh-CN": "zh/05-feedback.ipynb"}


def test_broken_scenario_is_reported_and_others_still_listed(course):
    """One broken file never hides the rest; test plans are not role-plays."""
    found = discover(course)
    scenario, _ = load_scenario(REPO, "bid-late-logins")
    assert [s.slug for s in found.scenarios] == ["bid-late-logins"]
    assert found.scenarios[0].minutes == scenario.data["minutes"]
    assert found.scenarios[0].title("zh-CN") == scenario.text("title", "zh-CN")
    assert len(found.scenarios[0].skills["zh-CN"]) == len(scenario.skills)
    assert found.problems and all("broken.yaml" in p for p in found.problems)
    assert [e.title("en") for e in found.exercises] == ["Rewrite the feedback"]


def test_scenario_links_only_when_player_page_exists(course):
    """A role-play links to the player page once that page exists."""
    assert discover(course).scenarios[0].links == {}
    write_lesson(course, ".", "roleplay", "player")
    assert discover(course).scenarios[0].links["zh-CN"] == "roleplay.ipynb?scenario=bid-late-logins"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_empty_course_says_so_plainly(tmp_path, lang):
    """Each empty section shows its own plain message."""
    body = render_landing(discover(tmp_path), lang)
    for key in ("lessons", "roleplays", "exercises"):
        assert t(f"landing.{key}.empty", lang) in body


def test_landing_links_carry_the_language(course):
    """Links open the lesson in the language on screen, and the switch re-renders."""
    (course / "notebooks" / "roleplay.ipynb").write_text(json.dumps(nbformat.v4.new_notebook()))
    page = Landing(discover(course), "zh-CN")
    assert 'href="zh/05-feedback.ipynb?lang=zh-CN"' in page.body.value
    assert "有效反馈" in page.body.value and "Feedback that lands" not in page.body.value
    assert 'href="roleplay.ipynb?scenario=bid-late-logins&amp;lang=zh-CN"' in page.body.value
    page.switch.value = "en"
    assert 'href="en/05-feedback.ipynb?lang=en"' in page.body.value
    assert t("landing.exercises.heading", "en") in page.body.value
