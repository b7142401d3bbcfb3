"""SWOT self-scan: four lists in, four strategy quadrants (SO, WO, ST, WT) out."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product

from coachlab.packaged import packaged_yaml

SECTIONS: tuple[str, ...] = ("strengths", "weaknesses", "opportunities", "threats")
QUADRANTS: tuple[str, ...] = ("SO", "WO", "ST", "WT")
MAX_PAIRS = 4  # more pairings than this per quadrant stop being a plan


def quadrant_specs() -> dict[str, dict]:
    """Load the quadrant definitions."""
    return packaged_yaml(__package__, "swot.yaml")


def split_items(text: str, semicolons: bool = True) -> list[str]:
    """Split a text box into items: one per line (and per full-width "；" unless ``semicolons`` is False),
    bullets, blanks and repeats removed. The SWOT board, the Johari window and the co-creation cards use it."""
    items: list[str] = []
    for line in (text.replace("；", "\n") if semicolons else text).splitlines():
        item = line.strip().lstrip("-*•·").strip()
        if item and item not in items:
            items.append(item)
    return items


@dataclass(frozen=True)
class Swot:
    """A SWOT board: inner strengths and weaknesses, outer opportunities and threats."""

    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    threats: tuple[str, ...] = ()

    @classmethod
    def from_texts(cls, **texts: str) -> "Swot":
        """Build a board from one text box per section."""
        return cls(**{name: tuple(split_items(texts.get(name, ""))) for name in SECTIONS})

    def to_dict(self) -> dict[str, list[str]]:
        """Return the board as plain lists."""
        return {name: list(getattr(self, name)) for name in SECTIONS}


@dataclass(frozen=True)
class Quadrant:
    """One derived strategy: which items meet, the stance, and the sentences that pair them."""

    code: str
    stance: str
    question: str
    pairs: tuple[tuple[str, str], ...]
    strategies: tuple[str, ...] = field(default=())


def problems(board: Swot) -> list[str]:
    """Return what keeps the board from being usable: empty sections and items filed twice."""
    found = [f"empty:{name}" for name in SECTIONS if not getattr(board, name)]
    seen: dict[str, str] = {}
    for name in SECTIONS:
        for item in getattr(board, name):
            if item in seen and seen[item] != name:
                found.append(f"duplicate:{item}")
            seen[item] = name
    return found


def derive(board: Swot, lang: str) -> list[Quadrant]:
    """Derive the SO, WO, ST and WT strategies by pairing each inner factor with each outer one."""
    specs = quadrant_specs()
    result = []
    for code in QUADRANTS:
        spec = specs[code]
        inner, outer = getattr(board, spec["inner"]), getattr(board, spec["outer"])
        pairs = tuple(product(inner, outer))[:MAX_PAIRS]
        sentences = tuple(spec["template"][lang].format(inner=i, outer=o) for i, o in pairs)
        result.append(Quadrant(code, spec["stance"][lang], spec["question"][lang], pairs, sentences))
    return result


def to_markdown(board: Swot, quadrants: list[Quadrant], titles: dict[str, str]) -> str:
    """Write the board and its strategies as a Markdown document (``titles`` holds the headings)."""
    lines = [f"# {titles['title']}", ""]
    for name in SECTIONS:
        lines += [f"## {titles[name]}", *[f"- {item}" for item in getattr(board, name)], ""]
    for quadrant in quadrants:
        lines += [f"## {quadrant.code} · {quadrant.stance}", f"_{quadrant.question}_", ""]
        lines += [f"- {s}" for s in quadrant.strategies] or ["- —"]
        lines.append("")
    return "\n".join(lines)
