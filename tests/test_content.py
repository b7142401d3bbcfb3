"""Discovery of lessons, role-plays and exercises, and the landing page built from them."""

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from coachlab.content import Item, discover, link_problems
from coachlab.i18n import t
from coachlab.scenarios import load_scenario
from coachlab.widgets.landing import Landing, render_landing
from tests.lessons.gaps import PRACTICE_GAPS  # lessons nothing practises yet

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
    write_lesson(tmp_path, "en", "05-communication-feedback", "Feedback that lands")
    write_lesson(tmp_path, "zh", "05-communication-feedback", "有效反馈")
    write_lesson(tmp_path, "en", "00-first-line-manager", "The first-line manager")
    write_lesson(tmp_path, "zh", "00-first-line-manager", "一线经理")
    (tmp_path / "scenarios").mkdir()
    shutil.copy(REPO / "scenarios" / "bid-late-logins.yaml", tmp_path / "scenarios")
    shutil.copy(REPO / "scenarios" / "bid-late-logins.testplan.yaml", tmp_path / "scenarios")
    (tmp_path / "scenarios" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (tmp_path / "exercises" / "a05-feedback").mkdir(parents=True)
    (tmp_path / "exercises" / "a05-feedback" / "exercise.yaml").write_text(
        "title: {en: Rewrite the feedback, zh-CN: 改写反馈}\nlesson: 05-communication-feedback\n", encoding="utf-8")
    (tmp_path / "exercises" / "a00-kpi-story").mkdir(parents=True)
    (tmp_path / "exercises" / "a00-kpi-story" / "exercise.yaml").write_text(
        "title: {en: The story in the numbers, zh-CN: 数字背后的故事}\nlesson: 00-first-line-manager\n", encoding="utf-8")
    return tmp_path


def test_discover_lists_by_slug_with_titles_per_language(course):
    """Lessons come in slug order with each language's title and page."""
    found = discover(course)
    assert [item.slug for item in found.lessons] == ["00-first-line-manager", "05-communication-feedback"]
    feedback = found.lessons[1]
    assert feedback.title("zh-CN") == "有效反馈" and feedback.title("en") == "Feedback that lands"
    assert feedback.links == {"en": "en/05-communication-feedback.ipynb", "zh-CN": "zh/05-communication-feedback.ipynb"}


def test_broken_scenario_is_reported_and_others_still_listed(course):
    """One broken file never hides the rest; test plans are not role-plays."""
    found = discover(course)
    scenario, _ = load_scenario(REPO, "bid-late-logins")
    assert [s.slug for s in found.scenarios] == ["bid-late-logins"]
    assert found.scenarios[0].minutes == scenario.data["minutes"]
    assert found.scenarios[0].title("zh-CN") == scenario.text("title", "zh-CN")
    assert len(found.scenarios[0].skills["zh-CN"]) == len(scenario.skills)
    assert found.problems and all("broken.yaml" in p for p in found.problems)
    assert [e.title("en") for e in found.exercises] == ["The story in the numbers", "Rewrite the feedback"]


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
    """Links open the lesson in the page's language (the top bar's switch reloads the page in the other)."""
    (course / "notebooks" / "roleplay.ipynb").write_text(json.dumps(nbformat.v4.new_notebook()))
    page = Landing(discover(course), "zh-CN")
    assert 'href="zh/05-communication-feedback.ipynb?lang=zh-CN"' in page.body.value
    assert "有效反馈" in page.body.value and "Feedback that lands" not in page.body.value
    assert 'href="roleplay.ipynb?scenario=bid-late-logins&amp;lang=zh-CN"' in page.body.value
    page = Landing(discover(course), "en")
    assert 'href="en/05-communication-feedback.ipynb?lang=en"' in page.body.value
    assert "Feedback that lands" in page.body.value and "有效反馈" not in page.body.value
    assert t("landing.exercises.heading", "en") in page.body.value


def test_declared_links_group_practice_under_its_lesson(course):
    """A role-play and an exercise that name a lesson are listed under it, and nowhere else."""
    found = discover(course)
    kpi, feedback = found.exercises
    assert found.practice_for("05-communication-feedback") == ((found.scenarios[0],), (feedback,))
    assert found.scenarios[0].lesson == "05-communication-feedback" and feedback.slug == "a05-feedback"
    assert found.practice_for("00-first-line-manager") == ((), (kpi,))
    assert not [p for p in found.problems if "broken.yaml" not in p]


def test_a_lesson_with_nothing_linked_is_reported(course):
    """A lesson no role-play or exercise names is a catalog problem that names the lesson and the fix."""
    write_lesson(course, "en", "02-swot", "SWOT")
    write_lesson(course, "zh", "02-swot", "SWOT 分析")
    found = discover(course)
    hits = [p for p in found.problems if "02-swot" in p]
    assert len(hits) == 1 and "no role-play or exercise" in hits[0] and "lesson: 02-swot" in hits[0]


def test_a_link_to_a_missing_lesson_is_reported(course):
    """A scenario or exercise naming a lesson that does not exist is reported with its file and the known slugs."""
    meta = course / "exercises" / "a05-feedback" / "exercise.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("05-communication-feedback", "05-feedbak"), encoding="utf-8")
    found = discover(course)
    hits = [p for p in found.problems if "05-feedbak" in p]
    assert len(hits) == 1 and hits[0].startswith("exercises/a05-feedback/exercise.yaml")
    assert "05-communication-feedback" in hits[0]  # the slugs that do exist
    # ...and the lesson it was meant for, if nothing else names it, is reported as unpractised.
    assert found.practice_for("05-communication-feedback")[1] == ()


def test_a_scenario_without_a_lesson_is_reported():
    """The pure check: an item with no lesson and one with a misspelt lesson each get one message."""
    lesson = Item("lesson", "03-goals-smart", {"en": "Goals"})
    orphan = Item("scenario", "smart-goal-agent", {"en": "SMART"})
    typo = Item("exercise", "a03-smart-goals", {"en": "SMART"}, lesson="03-goal-smart")
    found = link_problems((lesson,), (orphan,), (typo,))
    assert found[0].startswith("scenarios/smart-goal-agent.yaml: names no lesson")
    assert found[1].startswith("exercises/a03-smart-goals/exercise.yaml: `lesson: 03-goal-smart`")
    assert found[2].startswith("lesson 03-goals-smart: no role-play or exercise")
    assert len(found) == 3
    linked = Item("scenario", "smart-goal-agent", {"en": "SMART"}, lesson="03-goals-smart")
    assert link_problems((lesson,), (linked,), ()) == []


def test_every_declared_link_in_the_course_resolves():
    """Every role-play and exercise in the repository names a lesson that exists."""
    found = discover(REPO)
    assert found.lessons and found.scenarios and found.exercises
    assert all(item.lesson for item in (*found.scenarios, *found.exercises))
    bad = [p for p in found.problems if not p.startswith("lesson ")]
    assert bad == []


LESSON_SLUGS = sorted(p.stem for p in (REPO / "notebooks" / "en").glob("[0-9][0-9]-*.ipynb"))


def test_the_course_has_lessons():
    assert len(LESSON_SLUGS) >= 8


@pytest.mark.parametrize("slug", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason="no role-play or exercise practises it yet"))
    if s in PRACTICE_GAPS else s for s in LESSON_SLUGS])
def test_every_lesson_has_a_roleplay_or_exercise(slug):
    """Each lesson of the course has at least one role-play or exercise, and the catalog has no problem about it."""
    found = discover(REPO)
    scenarios, exercises = found.practice_for(slug)
    assert scenarios or exercises, f"{slug}: nothing to practise"
    assert not [p for p in found.problems if p.startswith(f"lesson {slug}:")]
