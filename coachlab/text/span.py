"""A piece of the input text, located by character offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A matched piece of text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    def overlaps(self, other: "Span") -> bool:
        """Return True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end
