"""The facilitator guide: sound data (slugs exist, both languages, agendas that add up), one trainer's terms,
assignments taken from the declared links, and a handout that prints."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from coachlab.content import discover
from coachlab.guide import guide_problems, handout_html, load_guide, render_guide, schedule

REPO = Path(__file__).resolve().parent.parent
TAG = re.compile(r"<(/?[a-z0-9]+)")


@pytest.fixture(scope="module")
def catalog():
    return discover(REPO)


@pytest.fixture
def guide():
    return load_guide()


def test_the_guide_is_sound(guide, catalog):
    """Every slug exists, every text has both languages, each day adds up, every module has its section."""
    assert catalog.lessons and guide["modules"] and guide["agendas"]
    assert guide_problems(guide, catalog) == []


def test_the_guide_uses_the_glossary_terms():
    """No variant the glossary rules out (e.g. 培训师 for 讲师, 首解率 for 一次解决率) appears in the guide."""
    from coachlab.i18n.glossary import scan_yaml

    assert scan_yaml(REPO / "coachlab" / "guide" / "guide.yaml") == []


def test_a_missing_lesson_a_missing_translation_and_a_day_that_overruns_are_reported(guide, catalog):
    """The check can fail: each kind of slip gives one message that says where."""
    broken = copy.deepcopy(guide)
    broken["modules"][0]["lesson"] = "00-no-such-lesson"
    broken["modules"][1]["prompts"][0]["zh-CN"] = ""
    broken["agendas"][0]["days"][0]["blocks"][1]["minutes"] += 5
    found = guide_problems(broken, catalog)
    assert "modules: lesson '00-no-such-lesson' does not exist" in found
    assert "modules: lesson 00-first-line-manager has no section" in found
    assert any(p.startswith("modules[1].prompts[0]: no zh-CN") for p in found)
    assert any(p.startswith("agenda one-day, day 1: blocks end at 17:35") for p in found)
    assert len(found) == 4, found


def test_an_agenda_that_drops_a_module_or_squeezes_an_activity_is_reported(guide, catalog):
    two_day = next(a for a in guide["agendas"] if a["id"] == "two-day")
    blocks = two_day["days"][1]["blocks"]
    grow = next(b for b in blocks if b.get("lesson") == "06-coaching-grow" and not b.get("kind"))
    grow["minutes"] = 30
    blocks.append({"kind": "break", "minutes": 75})
    found = guide_problems(guide, catalog)
    assert found == ["agenda two-day: the 06-coaching-grow activity takes 40 min of the 30 min block"]
    blocks.remove(grow)
    blocks.append({"kind": "break", "minutes": 30})
    assert "agenda two-day: lesson 06-coaching-grow is not taught" in guide_problems(guide, catalog)


def test_schedule_gives_each_block_its_clock_times(guide):
    day = guide["agendas"][0]["days"][0]
    slots = schedule(day)
    assert slots[0].start == day["start"] and slots[-1].end == day["end"]
    assert all(a.end == b.start for a, b in zip(slots, slots[1:]))


def test_both_languages_render_the_same_structure(guide, catalog):
    """The en and zh guides have the same sections, tables and list items, in the same order."""
    en, zh = render_guide(guide, catalog, "en", ""), render_guide(guide, catalog, "zh-CN", "")
    assert TAG.findall(en) == TAG.findall(zh)
    assert en.count("cl-guide-module") == zh.count("cl-guide-module") == len(catalog.lessons)
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"复盘|<[^>]+>", "", en).replace("讲师手册", ""))
    assert len(re.findall(r"[\u4e00-\u9fff]", zh)) > 3000


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_assignments_come_from_the_declared_links(guide, catalog, lang):
    """Each module lists, by title in the language, exactly the role-plays and exercises that name its lesson."""
    body = render_guide(guide, catalog, lang, "")
    sections = dict(re.findall(r'data-lesson="([^"]+)">(.*?)</section>', body))
    assert set(sections) == {lesson.slug for lesson in catalog.lessons}
    linked = 0
    for slug, section in sections.items():
        scenarios, exercises = catalog.practice_for(slug)
        for item in (*scenarios, *exercises):
            assert item.title(lang).replace("'", "&#x27;").replace('"', "&quot;") in section, (slug, item.slug)
            linked += 1
        others = [s for s in catalog.scenarios if s.lesson != slug]
        assert not [s for s in others if f"scenario={s.slug}&" in section]
        if not scenarios and not exercises:
            assert guide["labels"]["nothing_linked"][lang].split("：")[0].split(":")[0] in section
    assert linked == len(catalog.scenarios) + len(catalog.exercises) > 0


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_handout_is_a_printable_document_without_links(guide, catalog, lang):
    doc = handout_html(guide, catalog, lang)
    assert doc.startswith("<!DOCTYPE html>") and f'<html lang="{lang}"' in doc
    assert "@media print" in doc and "size: A4" in doc and "break-before: page" in doc
    assert "<a " not in doc  # paper has no links: titles only
    assert guide["labels"]["title"][lang] in doc


def test_page_widget_links_to_lessons_roleplays_and_exercises(monkeypatch):
    """The Voila page shows the guide with working relative links and a handout download in its language."""
    from coachlab.widgets.guide import facilitator_guide

    monkeypatch.setenv("COACHLAB_ROOT", str(REPO))
    box = facilitator_guide("zh-CN").value
    assert 'href="zh/05-communication-feedback.ipynb?lang=zh-CN"' in box
    assert 'href="roleplay.ipynb?scenario=bid-late-logins&amp;lang=zh-CN"' in box
    assert 'href="exercises/a05-feedback.ipynb?lang=zh-CN"' in box
    assert 'download="coachlab-facilitator-guide-zh-CN.html"' in box and "data:text/html;base64," in box
    for target in re.findall(r'href="((?:zh|exercises)/[^"?]+)', box):
        assert (REPO / "notebooks" / target).exists(), target
