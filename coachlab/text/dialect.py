"""Dialect and chat spellings read as the standard language the checks' rules are written in (sessions 14, 16, 18).

``reading(text)`` returns a ``Reading``: the text a check reads, with the words of the lexicons in ``LEXICONS``
(coachlab/text/lexicons/) replaced, and for every character read the offset in what the learner wrote it stands
for. Chinese entries keep the length (Cantonese 佢 -> 他, Wuhan 么事 -> 什么, Shaanxi 额 -> 我); English chat
spellings do not (u -> you, wud -> would, didnt -> didn't), so the offsets are what lets every piece of evidence
point into, and every quote repeat, the learner's own words. ``plain(text)`` is the read text alone;
``restore(s, reading)`` puts the learner's own words back into a string a report built from the read text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from coachlab.packaged import load_yaml

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Read in this order; a character is read once (the earlier lexicon and, within one, the earlier entry wins).
# Cantonese (session 14); the question and person words of other Mandarin dialects (session 18), whole words read
# before Wuhan's single 么 (session 16); English chat spellings and the question words of the languages mixed into
# English (Tagalog, Malay, Swahili, Hindi; session 18).
LEXICONS = ("cantonese.yaml", "mandarin-dialects.yaml", "wuhan.yaml", "chat-en.yaml", "mixed-en.yaml")


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern[str] | None  # a Chinese entry's own pattern (English ones share one: see _entries)
    target: str
    after: re.Pattern[str] | None
    before: re.Pattern[str] | None
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    words: bool  # an English entry: a whole word in any case, its capital kept


@dataclass(frozen=True)
class Reading:
    """What the learner wrote (``shown``), what a check reads (``read``) and, for every offset of ``read`` (its
    length included), the offset of ``shown`` it stands for (``at``)."""

    shown: str
    read: str
    at: tuple[int, ...]
    regions: tuple[tuple[int, int], ...] = ()  # the read spans that replace a word of the learner's

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the offsets in ``shown`` of the read span ``start:end``."""
        return self.at[start], self.at[end]

    def quotes(self, start: int, end: int, whole: bool = False) -> bool:
        """Return whether the read span ``start:end`` can stand for a quote of the learner: it holds a replaced word,
        cuts none read at another length, and (Latin text, unless the quote is a ``whole`` field such as a goal's deadline) holds a word of
        the learner's own too, so a template's "you" or "what" that happens to match a read "u" -> "you" is no
        quote."""
        inside = False
        for a, b in self.regions:
            if not (a < end and start < b):
                continue
            if (a < start or end < b) and self.at[b] - self.at[a] != b - a:
                return False  # cuts a word read at another length (a Chinese word read one for one may be cut)
            inside = True
        if not inside:
            return False
        if whole or _HAN.search(self.read[start:end]):
            return True
        return any(not any(a <= start + m.start() < b for a, b in self.regions)
                   for m in re.finditer(r"[A-Za-z]{3,}", self.read[start:end]))


def _compiled(entry: dict, key: str) -> re.Pattern[str] | None:
    return re.compile(entry[key], re.IGNORECASE) if entry.get(key) else None


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[_Entry, ...], re.Pattern[str] | None, dict[str, tuple[_Entry, ...]]]:
    """Return the Chinese entries in reading order, and the English ones as one pattern of every spelling with the
    entries of each spelling (lower case) in reading order: one search of the text, whatever the lexicon's size."""
    han: list[_Entry] = []
    latin: dict[str, list[_Entry]] = {}
    for name in LEXICONS:
        spec = load_yaml(resources.files("coachlab.text").joinpath(f"lexicons/{name}").read_text("utf-8"))
        words = spec.get("lang") == "en"
        for entry in spec["entries"]:
            source, target = str(entry["from"]), str(entry["to"])
            if not words and len(source) != len(target):
                raise ValueError(f"{name}: {source!r} -> {target!r} must keep the length")
            read = _Entry(None if words else re.compile(re.escape(source)), target, _compiled(entry, "after"), _compiled(entry, "before"),
                          _compiled(entry, "not_before"), _compiled(entry, "not_after"), words)
            if words:
                latin.setdefault(source.lower(), []).append(read)
            else:
                han.append(read)
    spellings = "|".join(re.escape(w) for w in sorted(latin, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’])(?:{spellings})(?![\w'’])", re.IGNORECASE) if latin else None
    return tuple(han), pattern, {w: tuple(es) for w, es in latin.items()}


def _fits(entry: _Entry, text: str, start: int, end: int) -> bool:
    """Return whether ``entry`` reads ``text[start:end]``: what stands before and after it is as the entry asks."""
    reach = 12 if entry.words else 4
    before, after = text[end:end + reach], text[max(0, start - reach):start]
    return ((entry.after is None or entry.after.search(after) is not None)
            and (entry.before is None or entry.before.search(before) is not None)
            and (entry.not_before is None or entry.not_before.search(before) is None)
            and (entry.not_after is None or entry.not_after.search(after) is None))


def _cased(source: str, target: str) -> str:
    return target[:1].upper() + target[1:] if source[:1].isupper() else target


@lru_cache(maxsize=2048)
def reading(text: str) -> Reading:
    """Return how the checks read ``text`` (the identity when it holds no dialect or chat word)."""
    han, spellings, latin = _entries()
    taken = [False] * len(text)
    found: list[tuple[int, int, str]] = []

    def take(start: int, end: int, target: str) -> None:
        taken[start:end] = [True] * (end - start)
        found.append((start, end, target))

    if _HAN.search(text):
        for entry in han:
            for m in entry.pattern.finditer(text):  # type: ignore[union-attr]  (every Chinese entry has one)
                if not any(taken[m.start():m.end()]) and _fits(entry, text, m.start(), m.end()):
                    take(m.start(), m.end(), entry.target)
    if spellings is not None and _LATIN.search(text):
        for m in spellings.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            entry = next((e for e in latin[m.group(0).lower()] if _fits(e, text, m.start(), m.end())), None)
            if entry is not None:
                take(m.start(), m.end(), _cased(m.group(0), entry.target))
    if not found:
        return Reading(text, text, tuple(range(len(text) + 1)))
    out: list[str] = []
    at: list[int] = []
    regions: list[tuple[int, int]] = []
    pos = 0
    for start, end, target in sorted(found):
        out.append(text[pos:start])
        at.extend(range(pos, start))
        regions.append((len(at), len(at) + len(target)))
        out.append(target)
        at.extend(start + min(k, end - start - 1) for k in range(len(target)))
        pos = end
    out.append(text[pos:])
    at.extend(range(pos, len(text) + 1))
    return Reading(text, "".join(out), tuple(at), tuple(regions))


def plain(text: str) -> str:
    """Return ``text`` as the checks read it (unchanged without any dialect or chat word)."""
    return reading(text).read


def restore(s: str, seen: Reading, shortest: int = 4) -> str:
    """Return ``s`` with every stretch of the read text it quotes (``shortest`` characters or more, see
    ``Reading.quotes``) put back as the learner wrote it; the rest of ``s`` (a template's words) stays."""
    read, shown = seen.read, seen.shown
    if shown == read or len(s) < shortest:
        return s
    out: list[str] = []
    i = last = 0
    while i <= len(s) - shortest:
        if s[i:i + shortest] not in read:
            i += 1
            continue
        j = i + shortest
        while j < len(s) and s[i:j + 1] in read:  # the longest stretch from here (every shorter one is in too)
            j += 1
        stretch = s[i:j]
        whole = i == 0 and j == len(s)
        at = next((m.start() for m in re.finditer(re.escape(stretch), read)
                   if seen.quotes(m.start(), m.end(), whole)), None)
        if at is None:
            i += 1
            continue
        start, end = seen.span(at, at + j - i)
        out.append(s[last:i])
        out.append(shown[start:end])
        i = last = j
    out.append(s[last:])
    return "".join(out)
