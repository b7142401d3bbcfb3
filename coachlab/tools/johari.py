"""Johari window: sort behaviours by who knows them into open, blind, hidden and unknown, and say what next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from coachlab.packaged import packaged_yaml

PANES: tuple[str, ...] = ("open", "blind", "hidden", "unknown")
MIN_SHARE, MAX_SHARE = 0.32, 0.68  # keep every pane wide enough to read in the picture


def johari_content() -> dict:
    """Load the panes, axes, behaviours and next-step texts."""
    return packaged_yaml(__package__, "johari.yaml")


def behaviour_ids() -> tuple[str, ...]:
    """Return the ids of the listed behaviours, in order."""
    return tuple(b["id"] for b in johari_content()["behaviours"])


def label(item: str, lang: str) -> str:
    """Return a behaviour's text in ``lang``; a learner's own item is returned as typed."""
    for b in johari_content()["behaviours"]:
        if b["id"] == item:
            return b[lang]
    return item


def own_items(text: str) -> list[str]:
    """Split a box of the learner's own items: one per line, bullets removed, no repeats (as the SWOT board)."""
    from .swot import split_items

    return split_items(text)


@dataclass(frozen=True)
class JohariWindow:
    """Four panes of items (behaviour ids or the learner's own words)."""

    open: tuple[str, ...] = ()
    blind: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """Return how many items each pane holds."""
        return {pane: len(getattr(self, pane)) for pane in PANES}

    def splits(self) -> tuple[float, float]:
        """Return where to draw the lines: the share known to me (across) and known to my team (down)."""
        total = sum(self.counts().values())
        if not total:
            return 0.5, 0.5
        across = (len(self.open) + len(self.hidden)) / total
        down = (len(self.open) + len(self.blind)) / total
        return _clamp(across), _clamp(down)


def _clamp(share: float) -> float:
    return min(MAX_SHARE, max(MIN_SHARE, share))


def classify(known_to_me: Iterable[str], known_to_team: Iterable[str], listed: Iterable[str] = ()) -> JohariWindow:
    """Sort items by who knows them; listed items nobody ticked fall in the unknown pane."""
    mine, theirs = list(dict.fromkeys(known_to_me)), list(dict.fromkeys(known_to_team))
    everything = list(dict.fromkeys([*listed, *mine, *theirs]))
    return JohariWindow(
        open=tuple(i for i in everything if i in mine and i in theirs),
        blind=tuple(i for i in everything if i in theirs and i not in mine),
        hidden=tuple(i for i in everything if i in mine and i not in theirs),
        unknown=tuple(i for i in everything if i not in mine and i not in theirs))


def next_steps(window: JohariWindow, lang: str) -> list[str]:
    """Return what to do next, most useful first, quoting one item from the pane concerned."""
    texts = johari_content()["next_steps"]
    if not window.open and not window.hidden:
        return [texts["ask_self"][lang]]
    if not window.open and not window.blind:
        return [texts["ask_team"][lang]]
    steps = []
    if window.blind:
        steps.append(texts["ask"][lang].format(item=label(window.blind[0], lang)))
    if window.hidden:
        steps.append(texts["disclose"][lang].format(item=label(window.hidden[0], lang)))
    counts = window.counts()
    if counts["unknown"] > max(counts["open"], counts["blind"], counts["hidden"]):
        steps.append(texts["explore"][lang])
    if counts["open"] >= max(counts["blind"], counts["hidden"], counts["unknown"]):
        steps.append(texts["keep_open"][lang])
    return steps
