"""The facilitator guide: agendas, each module's group work, and what to assign, rendered from guide.yaml.

Pure: :func:`render_guide` and :func:`handout_html` take the guide data and the content catalog and return
HTML; nothing here reads a widget or the page. What to assign comes from the catalog's declared links (a
role-play's or exercise's ``lesson:``), shown by title, so the guide never lists a slug of its own.

Print a handout from the command line::

    python -m coachlab.guide --lang zh-CN -o guide-zh.html
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coachlab.content import Catalog
from coachlab.i18n import LANGS

GUIDE_PATH = Path(__file__).with_name("guide.yaml")
BLOCK_KINDS = ("opening", "break", "lunch", "recap", "practice", "close")
PAUSES = ("break", "lunch")  # blocks that are not teaching time


def load_guide(path: Path = GUIDE_PATH) -> dict[str, Any]:
    """Return the guide data."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@dataclass(frozen=True)
class Slot:
    """One block of a day with its clock times."""

    start: str
    end: str
    minutes: int
    block: dict[str, Any]

    @property
    def is_pause(self) -> bool:
        """Return True for a break or lunch."""
        return self.block.get("kind") in PAUSES


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule(day: dict[str, Any]) -> list[Slot]:
    """Return the day's blocks with start and end times, one after the other from the day's start."""
    now = _minutes(str(day["start"]))
    slots = []
    for block in day["blocks"]:
        length = int(block["minutes"])
        slots.append(Slot(_clock(now), _clock(now + length), length, block))
        now += length
    return slots


def _texts(node: Any, where: str = "") -> list[tuple[str, dict]]:
    """Return every {en, zh-CN} text in the guide with where it is, for the language check."""
    found: list[tuple[str, dict]] = []
    if isinstance(node, dict):
        if set(node) & set(LANGS) and set(node) <= set(LANGS):
            return [(where, node)]
        for key, value in node.items():
            found += _texts(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _texts(value, f"{where}[{i}]")
    return found


def guide_problems(guide: dict[str, Any], catalog: Catalog) -> list[str]:
    """Return what is wrong with the guide, one plain sentence per problem (empty when it is sound).

    Every lesson slug names a lesson of the course; every module of the course has a section with an
    activity, prompts and debrief questions; every text is in both languages (empty only where both are,
    as for a break); each day's blocks fill exactly the time from its start to its end; each agenda teaches
    every module; a module's group activity fits in the time the two-day agenda gives it.
    """
    problems: list[str] = []
    lessons = {lesson.slug for lesson in catalog.lessons}
    for where, text in _texts(guide):
        filled = [lang for lang in LANGS if str(text.get(lang) or "").strip()]
        if filled and len(filled) != len(LANGS):
            missing = ", ".join(lang for lang in LANGS if lang not in filled)
            problems.append(f"{where}: no {missing} text")
    modules = {m.get("lesson"): m for m in guide.get("modules", [])}
    for slug in modules:
        if slug not in lessons:
            problems.append(f"modules: lesson {slug!r} does not exist")
    for slug in sorted(lessons - set(modules)):
        problems.append(f"modules: lesson {slug} has no section")
    for slug, module in modules.items():
        for part in ("activity", "prompts", "debrief", "projector"):
            if not module.get(part):
                problems.append(f"modules.{slug}: no {part}")
        if module.get("activity") and not module["activity"].get("steps"):
            problems.append(f"modules.{slug}.activity: no steps")
    for agenda in guide.get("agendas", []):
        name = agenda.get("id", "?")
        taught: set[str] = set()
        for number, day in enumerate(agenda.get("days", []), start=1):
            slots = schedule(day)
            if not slots:
                problems.append(f"agenda {name}, day {number}: no blocks")
                continue
            if slots[-1].end != str(day["end"]):
                problems.append(f"agenda {name}, day {number}: blocks end at {slots[-1].end}, the day at {day['end']}")
            for slot in slots:
                block = slot.block
                kind, slug = block.get("kind"), block.get("lesson")
                if kind is None and slug is None:
                    problems.append(f"agenda {name}, day {number}, {slot.start}: neither a lesson nor a kind")
                if kind is not None and kind not in BLOCK_KINDS:
                    problems.append(f"agenda {name}, day {number}, {slot.start}: unknown kind {kind!r}")
                if kind is not None and kind not in guide.get("blocks", {}):
                    problems.append(f"agenda {name}, day {number}, {slot.start}: no text for kind {kind!r}")
                if slug is not None and slug not in lessons:
                    problems.append(f"agenda {name}, day {number}, {slot.start}: lesson {slug!r} does not exist")
                if slug is not None and kind is None:
                    taught.add(slug)
                    activity = modules.get(slug, {}).get("activity") or {}
                    if name == "two-day" and int(activity.get("minutes", 0)) > slot.minutes:
                        problems.append(f"agenda {name}: the {slug} activity takes {activity['minutes']} min "
                                        f"of the {slot.minutes} min block")
        for slug in sorted(lessons - taught):
            problems.append(f"agenda {name}: lesson {slug} is not taught")
    return problems


# --- rendering ---------------------------------------------------------------------------------------------

def _t(text: Any, lang: str, **values: Any) -> str:
    """Return a {en, zh-CN} text in ``lang`` with {placeholders} filled, HTML-escaped."""
    value = str((text or {}).get(lang, "")) if isinstance(text, dict) else str(text or "")
    return html.escape(value.format(**values) if values else value)


def _lesson_title(catalog: Catalog, slug: str, lang: str) -> str:
    lesson = next((item for item in catalog.lessons if item.slug == slug), None)
    return lesson.title(lang) if lesson else slug


def _block_title(guide: dict[str, Any], catalog: Catalog, block: dict[str, Any], lang: str) -> str:
    if block.get("title"):
        return _t(block["title"], lang)
    if block.get("kind"):
        title = _t(guide["blocks"][block["kind"]]["title"], lang)
        if block.get("lesson"):
            title += f" · {html.escape(_lesson_title(catalog, block['lesson'], lang))}"
        return title
    return html.escape(_lesson_title(catalog, block["lesson"], lang))


def _block_notes(guide: dict[str, Any], block: dict[str, Any], lang: str) -> str:
    if block.get("focus"):
        return _t(block["focus"], lang)
    if block.get("kind"):
        return _t(guide["blocks"][block["kind"]].get("notes"), lang)
    module = next((m for m in guide["modules"] if m["lesson"] == block.get("lesson")), None)
    if module:  # the full module: name its group activity
        activity = module["activity"]
        return _t(guide["labels"]["activity_line"], lang, title=activity["title"][lang], minutes=activity["minutes"])
    return ""


def agenda_html(guide: dict[str, Any], catalog: Catalog, agenda: dict[str, Any], lang: str) -> str:
    """Return one agenda: a timed table per day, with the teaching and break minutes added up."""
    labels = guide["labels"]
    parts = [f'<section class="cl-guide-agenda" data-agenda="{html.escape(agenda["id"])}">',
             f"<h3>{_t(agenda['title'], lang)}</h3>", f"<p>{_t(agenda.get('audience'), lang)}</p>"]
    for number, day in enumerate(agenda["days"], start=1):
        slots = schedule(day)
        teaching = sum(s.minutes for s in slots if not s.is_pause)
        pauses = sum(s.minutes for s in slots if s.is_pause)
        heading = _t(labels["day"], lang, n=number) if len(agenda["days"]) > 1 else ""
        parts.append(f"<h4>{heading} {html.escape(day['start'])}–{html.escape(slots[-1].end)}</h4>" if heading
                     else f"<h4>{html.escape(day['start'])}–{html.escape(slots[-1].end)}</h4>")
        rows = "".join(
            f'<tr class="{"cl-pause" if s.is_pause else ""}"><td class="cl-time">{s.start}–{s.end}</td>'
            f'<td class="cl-min">{s.minutes}</td><td>{_block_title(guide, catalog, s.block, lang)}</td>'
            f"<td>{_block_notes(guide, s.block, lang)}</td></tr>" for s in slots)
        parts.append(f'<table class="cl-guide-table"><thead><tr><th>{_t(labels["time"], lang)}</th>'
                     f'<th>{_t(labels["minutes"], lang)}</th><th>{_t(labels["session"], lang)}</th>'
                     f'<th>{_t(labels["notes"], lang)}</th></tr></thead><tbody>{rows}</tbody></table>')
        parts.append(f'<p class="cl-total">{_t(labels["total"], lang, teaching=teaching, breaks=pauses)}</p>')
    parts.append("</section>")
    return "".join(parts)


def assignments(catalog: Catalog, slug: str) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Return the role-plays and exercises to assign for a module: those that declare its lesson."""
    return catalog.practice_for(slug)


def _items(items: tuple[Any, ...], lang: str, link_prefix: str | None) -> str:
    rows = []
    for item in items:
        title = html.escape(item.title(lang))
        minutes = f" ({item.minutes} min)" if lang == "en" and item.minutes else (
            f"（约 {item.minutes} 分钟）" if item.minutes else "")
        target = item.links.get(lang)
        if link_prefix is not None and target:
            joiner = "&" if "?" in target else "?"
            href = html.escape(f"{link_prefix}{target}{joiner}lang={lang}")
            rows.append(f'<li><a href="{href}" target="_blank">{title}</a>{minutes}</li>')
        else:
            rows.append(f"<li>{title}{minutes}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def module_html(guide: dict[str, Any], catalog: Catalog, module: dict[str, Any], lang: str,
                link_prefix: str | None = None) -> str:
    """Return one module's section: activity, prompts, debrief, projector, and what to assign."""
    labels, slug = guide["labels"], module["lesson"]
    activity = module["activity"]
    lesson = next((item for item in catalog.lessons if item.slug == slug), None)
    title = html.escape(_lesson_title(catalog, slug, lang))
    if link_prefix is not None and lesson and lesson.links.get(lang):
        title += (f' <a class="cl-lesson-link" href="{html.escape(link_prefix + lesson.links[lang])}?lang={lang}" '
                  f'target="_blank">{_t(labels["lesson_page"], lang)} ↗</a>')
    parts = [f'<section class="cl-guide-module" data-lesson="{html.escape(slug)}">', f"<h3>{title}</h3>",
             f'<h4>{_t(labels["activity_heading"], lang, title=activity["title"][lang], minutes=activity["minutes"])}</h4>',
             "<ol>" + "".join(f"<li>{_t(step, lang)}</li>" for step in activity["steps"]) + "</ol>"]
    for part in ("prompts", "debrief", "projector"):
        parts.append(f"<h4>{_t(labels[part], lang)}</h4>")
        parts.append("<ul>" + "".join(f"<li>{_t(item, lang)}</li>" for item in module[part]) + "</ul>")
    scenarios, exercises = assignments(catalog, slug)
    parts.append(f'<h4>{_t(labels["assign"], lang)}</h4><div class="cl-assign">')
    if scenarios:
        parts.append(f'<p><b>{_t(labels["roleplays"], lang)}</b></p>{_items(scenarios, lang, link_prefix)}')
    if exercises:
        parts.append(f'<p><b>{_t(labels["exercises"], lang)}</b></p>{_items(exercises, lang, link_prefix)}')
    if not scenarios and not exercises:
        parts.append(f'<p class="cl-nothing">{_t(labels["nothing_linked"], lang)}</p>')
    parts.append("</div></section>")
    return "".join(parts)


def render_guide(guide: dict[str, Any], catalog: Catalog, lang: str, link_prefix: str | None = None) -> str:
    """Return the whole guide in ``lang`` as an HTML fragment; ``link_prefix`` makes titles links to pages
    (relative to the page showing the guide), None leaves them as text (the printed handout)."""
    labels = guide["labels"]
    modules = {m["lesson"]: m for m in guide["modules"]}
    order = [lesson.slug for lesson in catalog.lessons if lesson.slug in modules]
    order += [slug for slug in modules if slug not in order]
    parts = [f'<div class="cl-guide" lang="{lang}">', f"<h1>{_t(labels['title'], lang)}</h1>",
             f'<p class="cl-intro">{_t(labels["intro"], lang)}</p>', f"<h2>{_t(labels['agendas'], lang)}</h2>"]
    parts += [agenda_html(guide, catalog, agenda, lang) for agenda in guide["agendas"]]
    parts.append(f"<h2 class=\"cl-modules\">{_t(labels['modules'], lang)}</h2>")
    parts += [module_html(guide, catalog, modules[slug], lang, link_prefix) for slug in order]
    parts.append("</div>")
    return "".join(parts)


GUIDE_CSS = """
.cl-guide { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.55; color: #222; max-width: 60em; }
.cl-guide h1 { font-size: 1.7em; margin: 0.2em 0; }
.cl-guide h2 { font-size: 1.35em; border-bottom: 2px solid #1565c0; padding-bottom: 0.2em; margin-top: 1.4em; }
.cl-guide h3 { font-size: 1.15em; margin: 1.1em 0 0.3em; color: #1565c0; }
.cl-guide h4 { font-size: 1em; margin: 0.8em 0 0.2em; }
.cl-guide-table { border-collapse: collapse; width: 100%; margin: 0.3em 0; font-size: 0.92em; }
.cl-guide-table th, .cl-guide-table td { border: 1px solid #c9d3e0; padding: 4px 8px; vertical-align: top;
  text-align: left; }
.cl-guide-table th { background: #eef3fa; white-space: nowrap; }
.cl-guide-table td.cl-time { white-space: nowrap; }
.cl-guide-table td.cl-min { text-align: right; }
.cl-guide-table td:nth-child(3) { width: 30%; }
.cl-guide-table tr.cl-pause td { background: #f6f6f6; color: #666; }
.cl-guide .cl-total { color: #555; font-size: 0.9em; margin: 0.2em 0 0.8em; }
.cl-guide a { color: #1565c0; text-decoration: underline; }
.cl-guide .cl-lesson-link { font-size: 0.8em; font-weight: normal; margin-left: 0.6em; }
.cl-guide .cl-assign { background: #f4f8f4; border-left: 4px solid #2e7d32; padding: 2px 12px; }
.cl-guide .cl-nothing { color: #8a6d3b; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { margin: 0; }
  .cl-guide { max-width: none; font-size: 10.5pt; }
  .cl-guide a { color: inherit; text-decoration: none; }
  .cl-guide .cl-lesson-link { display: none; }
  .cl-guide-agenda { break-inside: avoid; }
  .cl-guide-table tr { break-inside: avoid; }
  .cl-guide h2.cl-modules { break-before: page; }
  .cl-guide-module { break-before: page; }
  .cl-guide h2.cl-modules + .cl-guide-module { break-before: auto; }
  .cl-guide h3, .cl-guide h4 { break-after: avoid; }
}
"""


def handout_html(guide: dict[str, Any], catalog: Catalog, lang: str) -> str:
    """Return a standalone, printable HTML document of the guide in ``lang`` (A4 print CSS, no links)."""
    title = _t(guide["labels"]["title"], lang)
    html_lang = "zh-CN" if lang == "zh-CN" else "en"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
            f"<title>{title} · coachlab</title><style>{GUIDE_CSS}</style></head>"
            f"<body>{render_guide(guide, catalog, lang)}</body></html>\n")


def main(argv: list[str] | None = None) -> int:
    """Write the printable handout: ``python -m coachlab.guide --lang zh-CN -o guide.html``."""
    import argparse
    import sys

    from coachlab.content import discover
    from coachlab.paths import course_root

    parser = argparse.ArgumentParser(prog="python -m coachlab.guide", description=main.__doc__)
    parser.add_argument("--lang", choices=list(LANGS), default="zh-CN")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    guide, catalog = load_guide(), discover(course_root())
    problems = guide_problems(guide, catalog)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    document = handout_html(guide, catalog, args.lang)
    if args.output:
        args.output.write_text(document, encoding="utf-8")
    else:
        sys.stdout.write(document)
    return 0
