"""What the course holds: lessons, role-play scenarios and exercises, found on disk by slug.

Discovery never fails because one file is broken: a file that cannot be read is reported in
``Catalog.problems`` and left out, and everything else is still listed.
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
        found.append(Item("scenario", slug, titles, links, scenario.data.get("minutes"), skills))
    return tuple(found)


def _exercises(root: Path, problems: list[str]) -> tuple[Item, ...]:
    found = []
    for folder in sorted(p for p in (root / "exercises").glob("*") if p.is_dir()):
        titles: dict[str, str] = {}
        meta = folder / "exercise.yaml"
        if meta.exists():
            try:
                data = yaml.safe_load(meta.read_text(encoding="utf-8")) or {}
                title = data.get("title") or {}
                titles = {lang: str(title[lang]) for lang in LANGS if isinstance(title, dict) and title.get(lang)}
            except (OSError, ValueError, AttributeError, yaml.YAMLError) as exc:
                problems.append(f"{meta.relative_to(root)}: {exc}")
        form = root / "notebooks" / "exercises" / f"{folder.name}.ipynb"
        links = {lang: f"exercises/{form.name}" for lang in LANGS} if form.exists() else {}
        found.append(Item("exercise", folder.name, titles, links))
    return tuple(found)


def discover(root: Path) -> Catalog:
    """Return the lessons, scenarios and exercises under the course root, in slug order."""
    problems: list[str] = []
    return Catalog(_lessons(root, problems), _scenarios(root, problems), _exercises(root, problems), tuple(problems))
