"""What the course holds: lessons, role-play scenarios and exercises, found on disk by slug.

Discovery never fails because one file is broken: a file that cannot be read is reported in
``Catalog.problems`` and left out, and everything else is still listed.

Each role-play (``lesson:`` in scenarios/<slug>.yaml) and each exercise (``lesson:`` in
exercises/<slug>/exercise.yaml) names the one lesson it belongs to. The catalog checks those links
(:func:`link_problems`): every link names a lesson that exists, and every lesson has at least one
role-play or exercise to practise with.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from coachlab.i18n import LANGS

# notebooks/<dir>/ holds the lessons of one language; same slugs in both.
LESSON_DIRS: dict[str, str] = {"en": "en", "zh-CN": "zh"}
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Item:
    """One piece of content, named by its slug, with a title per language."""

    kind: str  # "lesson", "scenario" or "exercise"
    slug: str
    titles: dict[str, str]
    links: dict[str, str] = field(default_factory=dict)  # language -> page path, where a page exists
    minutes: int | None = None
    skills: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> skill labels
    lesson: str | None = None  # the slug of the lesson a role-play or exercise belongs to

    def title(self, lang: str) -> str:
        """Return the title in ``lang`` (falling back to the slug when the content lacks one)."""
        return self.titles.get(lang) or self.slug


@dataclass(frozen=True)
class Catalog:
    """Everything the landing page lists."""

    lessons: tuple[Item, ...]
    scenarios: tuple[Item, ...]
    exercises: tuple[Item, ...]
    problems: tuple[str, ...] = ()

    def practice_for(self, lesson: str) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
        """Return the role-plays and the exercises that name ``lesson``, in slug order."""
        return (tuple(s for s in self.scenarios if s.lesson == lesson),
                tuple(e for e in self.exercises if e.lesson == lesson))


_KIND_FILES = {"scenario": "scenarios/{slug}.yaml", "exercise": "exercises/{slug}/exercise.yaml"}


def link_problems(lessons: tuple[Item, ...], scenarios: tuple[Item, ...], exercises: tuple[Item, ...]) -> list[str]:
    """Return what is wrong with the declared lesson links, one plain sentence per problem.

    A role-play or exercise must name a lesson that exists; a lesson must have at least one role-play
    or exercise. No lessons at all (an empty course) is not a link problem.
    """
    known = {lesson.slug for lesson in lessons}
    problems: list[str] = []
    for item in (*scenarios, *exercises):
        where = _KIND_FILES[item.kind].format(slug=item.slug)
        if not item.lesson:
            problems.append(f"{where}: names no lesson; add `lesson: <lesson slug>` "
                            f"(one of: {', '.join(sorted(known)) or 'no lessons yet'})")
        elif item.lesson not in known:
            problems.append(f"{where}: `lesson: {item.lesson}` names no lesson in notebooks/ "
                            f"(known: {', '.join(sorted(known)) or 'none'})")
    linked = {item.lesson for item in (*scenarios, *exercises)}
    for lesson in lessons:
        if lesson.slug not in linked:
            problems.append(f"lesson {lesson.slug}: no role-play or exercise names it; add "
                            f"`lesson: {lesson.slug}` to a scenario or an exercise.yaml that practises it")
    return problems


def _notebook_title(path: Path) -> str | None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    meta_title = nb.get("metadata", {}).get("coachlab", {}).get("title")
    if meta_title:
        return str(meta_title)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = "".join(cell.get("source", []))
            found = _HEADING.search(source)
            if found:
                return found.group(1)
    return None


def _lessons(root: Path, problems: list[str]) -> tuple[Item, ...]:
    titles: dict[str, dict[str, str]] = {}
    links: dict[str, dict[str, str]] = {}
    for lang, folder in LESSON_DIRS.items():
        for path in sorted((root / "notebooks" / folder).glob("*.ipynb")):
            try:
                title = _notebook_title(path)
            except (OSError, ValueError) as exc:
                problems.append(f"{path.relative_to(root)}: {exc}")
                continue
            titles.setdefault(path.stem, {})[lang] = title or path.stem
            links.setdefault(path.stem, {})[lang] = f"{folder}/{path.name}"
    return tuple(Item("lesson", slug, titles[slug], links[slug]) for slug in sorted(titles))


def _scenarios(root: Path, problems: list[str]) -> tuple[Item, ...]:
    # The scenario loader validates each file; an invalid one is reported and left off the list.
    from coachlab.scenarios import load_all

    scenarios, issues = load_all(root)
    problems.extend(str(issue) for issue in issues)
    player = (root / "notebooks" / "roleplay.ipynb").exists()
    found = []
    for slug, scenario in sorted(scenarios.items()):
        titles = {lang: scenario.text("title", lang) for lang in LANGS}
        skills = {lang: tuple(scenario.data["debrief"][skill]["label"][lang] for skill in scenario.skills)
                  for lang in LANGS}
        links = {lang: f"roleplay.ipynb?scenario={slug}" for lang in LANGS} if player else {}
        found.append(Item("scenario", slug, titles, links, scenario.data.get("minutes"), skills,
                          scenario.data.get("lesson")))
    return tuple(found)


def _exercises(root: Path, problems: list[str]) -> tuple[Item, ...]:
    found = []
    for folder in sorted(p for p in (root / "exercises").glob("*") if p.is_dir()):
        titles: dict[str, str] = {}
        lesson = None
        meta = folder / "exercise.yaml"
        if meta.exists():
            try:
                data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
                title = data.get("title") or {}
                titles = {lang: str(title[lang]) for lang in LANGS if isinstance(title, dict) and title.get(lang)}
                lesson = str(data["lesson"]) if data.get("lesson") else None
            except (OSError, ValueError, AttributeError, yaml.YAMLError) as exc:
                problems.append(f"{meta.relative_to(root)}: {exc}")
        form = root / "notebooks" / "exercises" / f"{folder.name}.ipynb"
        links = {lang: f"exercises/{form.name}" for lang in LANGS} if form.exists() else {}
        found.append(Item("exercise", folder.name, titles, links, lesson=lesson))
    return tuple(found)


def discover(root: Path) -> Catalog:
    """Return the lessons, scenarios and exercises under the course root, in slug order."""
    problems: list[str] = []
    lessons, scenarios, exercises = _lessons(root, problems), _scenarios(root, problems), _exercises(root, problems)
    problems.extend(link_problems(lessons, scenarios, exercises))
    return Catalog(lessons, scenarios, exercises, tuple(problems))
