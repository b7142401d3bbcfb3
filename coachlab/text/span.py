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


class SpanSet:
    """Spans kept sorted so that "does this overlap any of them?" costs a binary search, not a scan."""

    def __init__(self, spans: "list[Span] | tuple[Span, ...]" = ()):
        self._spans: list[Span] = sorted(spans, key=lambda s: s.start)
        self._starts = [s.start for s in self._spans]
        self._max_end: list[int] = []
        best = -1
        for s in self._spans:
            best = max(best, s.end)
            self._max_end.append(best)

    def overlaps(self, span: Span) -> bool:
        """Return True when ``span`` shares a character with any span in the set."""
        from bisect import bisect_left

        i = bisect_left(self._starts, span.end)  # spans starting before span.end
        return i > 0 and self._max_end[i - 1] > span.start

    def add(self, span: Span) -> None:
        """Add a span (rebuilds the index; sets here are small or built once)."""
        self.__init__([*self._spans, span])
