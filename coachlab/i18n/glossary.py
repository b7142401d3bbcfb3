"""The course glossary (glossary.yaml): one term per concept and language, and a scan for the variants to avoid.

Text is scanned per language: a bilingual YAML mapping ({en: ..., zh-CN: ...}) gives each value its language, a
catalog file is all one language, and a lesson source file's language comes from its folder or name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from . import LANGS
from coachlab.packaged import packaged_yaml


@dataclass(frozen=True)
class Term:
    """One concept: the chosen term in each language and the variants to avoid, compiled."""

    id: str
    chosen: dict[str, str]
    avoid: dict[str, tuple[re.Pattern[str], ...]]
    why: str


@dataclass(frozen=True, order=True)
class Hit:
    """A variant found in learner-facing text."""

    file: str
    line: int
    lang: str
    found: str
    term: str
    chosen: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: [{self.lang}] {self.found!r}: write {self.chosen!r} ({self.term})"


@lru_cache(maxsize=1)
def glossary() -> tuple[Term, ...]:
    """Load and compile glossary.yaml."""
    data = packaged_yaml(__package__, "glossary.yaml")
    terms = []
    for entry in data["terms"]:
        avoid = {lang: tuple(re.compile(p, re.IGNORECASE if lang == "en" else 0)
                             for p in (entry.get("avoid") or {}).get(lang) or ())
                 for lang in LANGS}
        terms.append(Term(entry["id"], {lang: entry[lang] for lang in LANGS}, avoid, entry.get("why", "")))
    return tuple(terms)


def variants(text: str, lang: str) -> list[tuple[Term, str]]:
    """Return (term, the variant as written) for every variant of a glossary term in ``text``."""
    found = []
    for term in glossary():
        for pattern in term.avoid.get(lang, ()):
            for match in pattern.finditer(text):
                found.append((term, match.group(0)))
    return found


def _strings(data: Any, lang: str | None, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    """Yield (path, language, text) for each string; a mapping key naming a language sets it below."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, key if key in LANGS else lang, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, lang, path + (i,))
    elif isinstance(data, str) and lang is not None:
        yield path, lang, data


def scan_yaml(path: Path, lang: str | None = None, label: str | None = None) -> list[Hit]:
    """Return the variants in a YAML file's strings; ``lang`` for a one-language file (a catalog)."""
    from coachlab.scenarios.loader import read_marked  # keeps line numbers

    marked = read_marked(path)
    hits = []
    for where, text_lang, text in _strings(marked.data, lang):
        for term, found in variants(text, text_lang):
            line, _ = marked.where(where)
            hits.append(Hit(label or str(path), line, text_lang, found, term.id, term.chosen[text_lang]))
    return hits


def scan_text(path: Path, lang: str, label: str | None = None) -> list[Hit]:
    """Return the variants in a one-language text file (a lesson source), line by line."""
    hits = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for term, found in variants(line, lang):
            hits.append(Hit(label or str(path), number, lang, found, term.id, term.chosen[lang]))
    return hits


def lesson_lang(path: Path) -> str | None:
    """Return a lesson source file's language from its folder (en/, zh/) or name (….zh-CN.md), else None."""
    parts = [p.lower() for p in path.parts]
    name = path.name.lower()
    if "zh" in parts or "zh-cn" in parts or ".zh" in name:
        return "zh-CN"
    if "en" in parts or ".en." in name:
        return "en"
    return None


def learner_texts(root: Path) -> list[tuple[Path, str | None]]:
    """Return the learner-facing content files under the course root, each with its language (None: mixed)."""
    package = Path(__file__).resolve().parent.parent
    files: list[tuple[Path, str | None]] = [(package / "i18n" / f"{lang}.yaml", lang) for lang in LANGS]
    files += [(p, None) for p in sorted((package / "tools").glob("*.yaml"))]
    files += [(p, None) for p in sorted((root / "scenarios").glob("*.yaml")) if not p.name.endswith(".testplan.yaml")]
    files += [(p, None) for p in sorted((package / "data").glob("*.yaml"))]
    for folder in ("en", "zh"):
        for p in sorted((root / "notebooks" / folder).glob("*.md")):
            files.append((p, lesson_lang(p)))
    return files


def scan(root: Path) -> list[Hit]:
    """Return every variant in the course's learner-facing text."""
    hits: list[Hit] = []
    for path, lang in learner_texts(root):
        label = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if path.suffix == ".yaml":
            hits += scan_yaml(path, lang, label)
        elif lang:
            hits += scan_text(path, lang, label)
    return sorted(hits)
