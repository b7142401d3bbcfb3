"""The trainer's pictures: well-formed SVG in both languages, the model's own words on them, text that fits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from coachlab.i18n import LANGS
from coachlab.tools import conflict, execution, johari, pictures, positions
from coachlab.tools.svg import text_em, wrap

HAN = re.compile(r"[\u4e00-\u9fff]")
STATIC = ["grow", "swot", "golden", "interview", "corral", "conflict"]


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", STATIC)
def test_static_pictures_are_svg_in_the_learner_language(name, lang):
    """Draw each model as parseable SVG whose labels are Chinese on the Chinese page and not on the English one."""
    svg = pictures.static_picture(name, lang)
    labels = texts(svg)
    assert labels and 'font-family="' in svg and "Noto Sans CJK SC" in svg
    chinese = sum(bool(HAN.search(x)) for x in labels)
    assert (chinese >= len(labels) // 2) if lang == "zh-CN" else chinese == 0


@pytest.mark.parametrize("lang", LANGS)
def test_pictures_carry_the_models_words(lang):
    """Show the four GROW stages, the four SWOT stances, and the four interview stages in order."""
    words = pictures.picture_words()
    grow = " ".join(texts(pictures.grow_svg(lang)))
    assert all(stage["name"][lang] in grow for stage in words["grow"]["stages"])
    from coachlab.tools.swot import quadrant_specs

    swot = " ".join(texts(pictures.swot_svg(lang)))
    assert all(spec["stance"][lang] in swot for spec in quadrant_specs().values())
    flow = " ".join(texts(pictures.interview_svg(lang)))
    positions_in_flow = [flow.index(stage["name"][lang]) for stage in words["interview"]["stages"]]
    assert positions_in_flow == sorted(positions_in_flow) and len(positions_in_flow) == 4


def test_picture_names_are_checked():
    """Refuse a picture name that does not exist."""
    with pytest.raises(ValueError):
        pictures.static_picture("fishbone", "en")


def test_wrap_keeps_lines_in_width_and_words_whole():
    """Break Chinese between characters but not before a comma, English only at spaces."""
    zh = wrap("被扣分的那几通电话，实际发生了什么？", 8)
    assert all(text_em(line) <= 8 + 1 for line in zh) and not any(line.startswith("，") for line in zh)
    assert "".join(zh) == "被扣分的那几通电话，实际发生了什么？"
    en = wrap("What happens on the calls that lose points?", 10)
    assert " ".join(en) == "What happens on the calls that lose points?" and len(en) > 1
    assert wrap("一二三四五六七八九十" * 3, 5, max_lines=2)[-1].endswith("…")


@pytest.mark.parametrize("lang", LANGS)
def test_johari_picture_lists_items_and_pane_counts(lang):
    """Name each pane with its count and list the items that fit; the rest show as +n."""
    ids = johari.behaviour_ids()
    window = johari.classify(ids[:2], ids[1:3], ids)
    labels = texts(pictures.johari_svg(window, lang))
    panes = johari.johari_content()["panes"]
    assert f"{panes['open']['name'][lang]} · 1" in labels and f"{panes['unknown']['name'][lang]} · {len(ids) - 3}" in labels
    joined = "".join(labels)
    assert johari.label(ids[1], lang)[:6] in joined
    assert any(x.startswith("+") for x in labels), "the unknown pane cannot list all items"
    assert '<rect class="johari-pane johari-open"' in pictures.johari_svg(window, lang)


def test_johari_picture_pane_sizes_follow_the_window():
    """Draw a wider open pane when the open area holds more items."""
    ids = johari.behaviour_ids()
    width = lambda svg: float(re.search(r'johari-open" x="[\d.]+" y="[\d.]+" width="([\d.]+)"', svg).group(1))
    small = pictures.johari_svg(johari.classify(ids[:1], ids[:1], ids), "en")
    big = pictures.johari_svg(johari.classify(ids[:10], ids[:10], ids), "en")
    assert width(big) > width(small)


def test_result_pictures_show_the_learners_numbers():
    """Print the position counts and the conflict scores on their pictures; draw the timeline's gates and actions."""
    situations = positions.positions_content()["situations"]
    profile = positions.score_positions({i: 0 for i in range(len(situations))})
    assert f"{profile.counts[profile.main()]} / {len(situations)}" in texts(pictures.corral_svg("zh-CN", profile))
    scores = conflict.score_conflict([5] * 15)
    assert "竞争 15" in texts(pictures.conflict_svg("zh-CN", scores))
    plan = execution.Plan("g", date(2026, 12, 1), date(2026, 12, 31), (execution.Action("huddle", "Li", date(2026, 12, 2)),),
                          {"plan": execution.Gate(date(2026, 12, 3), "1", "x")})
    svg = pictures.execution_svg(plan, "zh-CN")
    assert svg.count('class="execution-gate"') == 1 and svg.count('class="execution-action"') == 1
    assert pictures.execution_svg(execution.Plan("g", None, None), "en") == ""


@pytest.mark.parametrize("lang", LANGS)
def test_levels_staircase_marks_the_drill_replies(lang):
    """Draw the five listening levels lowest first and mark how many drill replies sit on each."""
    from coachlab.tools import listening

    svg = pictures.levels_svg(lang, {"pretending": 2, "selective": 8})
    order = [m for m in re.findall(r'class="level-(\w+)"', svg)]
    assert order == [level["id"] for level in listening.listening_content()["levels"]] and len(order) == 5
    labels = texts(svg)
    assert "2" in labels and "8" in labels and "0" not in labels
