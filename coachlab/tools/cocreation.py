"""Team co-creation board for a 复盘: cards, themes, dot votes, ranked themes and their actions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import review
from .swot import split_items
from coachlab.packaged import packaged_yaml

MIN_CARDS = 6
TOP_THEMES = 3


def cocreation_content() -> dict:
    """Load the steps, limits, words and problem messages."""
    return packaged_yaml(__package__, "cocreation.yaml")


def split_lines(text: str) -> list[str]:
    """Split a box into cards: one per line (a card may hold a "；"), bullets removed, repeats kept once."""
    return split_items(text, semicolons=False)


@dataclass(frozen=True)
class Board:
    """A co-creation board: the question, the cards, the themes, where each card went, votes and actions."""

    focus: str = ""
    cards: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    placement: dict[str, str] = field(default_factory=dict)  # card -> theme
    votes: dict[str, int] = field(default_factory=dict)  # theme -> dots
    people: int = 0
    actions: dict[str, str] = field(default_factory=dict)  # theme -> action text

    def to_dict(self) -> dict:
        """Return the board as plain data."""
        return {"focus": self.focus, "cards": list(self.cards), "themes": list(self.themes),
                "placement": dict(self.placement), "votes": dict(self.votes), "people": self.people,
                "actions": dict(self.actions)}

    @classmethod
    def from_dict(cls, data: dict) -> "Board":
        """Rebuild a board saved with ``to_dict``."""
        return cls(data.get("focus", ""), tuple(data.get("cards", ())), tuple(data.get("themes", ())),
                   dict(data.get("placement", {})), {k: int(v) for k, v in data.get("votes", {}).items()},
                   int(data.get("people", 0)), dict(data.get("actions", {})))


@dataclass(frozen=True)
class Problem:
    """Something to fix on the board: a message id and its placeholders."""

    code: str
    params: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str) -> str:
        """Return the message in ``lang``."""
        return cocreation_content()["problems"][self.code][lang].format(**self.params)


def card_problems(board: Board, lang: str) -> list[Problem]:
    """Check the question and the cards: open question, enough cards, one short idea each, no blame."""
    content = cocreation_content()
    found: list[Problem] = []
    if not board.focus.strip():
        found.append(Problem("no_focus"))
    elif not any(w in board.focus.lower() for w in content["focus_words"][lang]):
        found.append(Problem("focus_closed"))
    if len(board.cards) < MIN_CARDS:
        found.append(Problem("few_cards", {"count": str(len(board.cards)), "min": str(MIN_CARDS)}))
    for card in board.cards:
        if len(card) > content["max_card"][lang]:
            found.append(Problem("long_card", {"card": card}))
        if review.pitfall_hits("blame", card, lang) or review.pitfall_hits("outside_only", card, lang):
            found.append(Problem("blame_card", {"card": card}))
    return found


def theme_problems(board: Board) -> list[Problem]:
    """Check the sorting: every card in a theme, no empty theme."""
    found: list[Problem] = []
    unsorted = [c for c in board.cards if board.placement.get(c) not in board.themes]
    if unsorted:
        found.append(Problem("unsorted", {"count": str(len(unsorted))}))
    for theme in board.themes:
        if not any(board.placement.get(c) == theme for c in board.cards):
            found.append(Problem("empty_theme", {"theme": theme}))
    return found


def vote_problems(board: Board) -> list[Problem]:
    """Check the dots: some placed, no more than the people present have."""
    total = sum(v for t, v in board.votes.items() if t in board.themes)
    allowed = board.people * cocreation_content()["dots_per_person"]
    if total <= 0:
        return [Problem("no_votes")]
    if board.people and total > allowed:
        return [Problem("too_many_votes", {"votes": str(total), "people": str(board.people), "allowed": str(allowed)})]
    return []


def ranking(board: Board) -> list[tuple[str, int, list[str]]]:
    """Return the themes by votes (then by number of cards, then by order), each with its cards."""
    cards_of = {theme: [c for c in board.cards if board.placement.get(c) == theme] for theme in board.themes}
    order = sorted(board.themes, key=lambda t: (-board.votes.get(t, 0), -len(cards_of[t]), board.themes.index(t)))
    return [(theme, board.votes.get(theme, 0), cards_of[theme]) for theme in order]


def action_problems(board: Board) -> list[Problem]:
    """Check that each of the top themes has an action naming an owner and a date (a number)."""
    found = []
    for theme, _, _ in ranking(board)[:TOP_THEMES]:
        text = board.actions.get(theme, "")
        if not re.search(r"\d", text) or len(text.strip()) < 4:
            found.append(Problem("action_no_owner_date", {"theme": theme}))
    return found


def to_markdown(board: Board, lang: str, labels: dict[str, str]) -> str:
    """Write the board as a Markdown document for the 复盘 file."""
    lines = [f"# {labels['title']}", "", f"**{labels['focus']}**: {board.focus.strip() or '—'}", ""]
    for n, (theme, votes, cards) in enumerate(ranking(board), start=1):
        lines += [f"## {n}. {theme} ({labels['votes']}: {votes})", *[f"- {c}" for c in cards]]
        if board.actions.get(theme, "").strip():
            lines.append(f"- **{labels['action']}**: {board.actions[theme].strip()}")
        lines.append("")
    return "\n".join(lines)
