"""Cantonese- and Wuhan-flavoured Mandarin read as Mandarin, one character for one (sessions 14, 16).

``plain(text)`` returns the text a check reads: the same length as ``text``, with the dialect words of
lexicons/cantonese.yaml and lexicons/wuhan.yaml (``LEXICONS``, read in that order) replaced by their Mandarin ones, so
every offset of evidence points into what the learner wrote. ``restore(s, shown, read)`` puts the learner's own words back into a string a report built from the read text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from coachlab.packaged import load_yaml

_HAN = re.compile(r"[\u4e00-\u9fff]")
LEXICONS = ("cantonese.yaml", "wuhan.yaml")  # Cantonese (session 14), Wuhan 么 = 什么 / 怎么 (session 16)


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[re.Pattern[str], str, re.Pattern[str] | None, re.Pattern[str] | None,
                              re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    out = []
    for name, entry in ((name, entry) for name in LEXICONS for entry in load_yaml(
            resources.files("coachlab.text").joinpath(f"lexicons/{name}").read_text("utf-8"))["entries"]):
        source, target = str(entry["from"]), str(entry["to"])
        if len(source) != len(target):
            raise ValueError(f"{name}: {source!r} -> {target!r} must keep the length")
        after = re.compile(entry["after"]) if entry.get("after") else None
        before = re.compile(entry["before"]) if entry.get("before") else None
        not_before = re.compile(entry["not_before"]) if entry.get("not_before") else None
        not_after = re.compile(entry["not_after"]) if entry.get("not_after") else None
        out.append((re.compile(re.escape(source)), target, after, before, not_before, not_after))
    return tuple(out)


@lru_cache(maxsize=2048)
def plain(text: str) -> str:
    """Return ``text`` with its Cantonese words read as Mandarin (same length; unchanged without any)."""
    if not _HAN.search(text):
        return text
    chars = list(text)
    for pattern, target, after, before, not_before, not_after in _entries():
        for m in pattern.finditer(text):
            if after is not None and not after.search(text[max(0, m.start() - 4):m.start()]):
                continue
            if before is not None and not before.search(text[m.end():m.end() + 4]):
                continue
            if not_before is not None and not_before.search(text[m.end():m.end() + 4]):
                continue
            if not_after is not None and not_after.search(text[max(0, m.start() - 4):m.start()]):
                continue
            if text[m.start():m.end()] != "".join(chars[m.start():m.end()]):
                continue  # already read by a longer entry
            chars[m.start():m.end()] = target
    return "".join(chars)


def restore(s: str, shown: str, read: str, shortest: int = 4) -> str:
    """Return ``s`` with every stretch of ``read`` it quotes (``shortest`` characters or more, holding a word this
    module replaced) put back as the learner wrote it in ``shown``; the rest of ``s`` (a template's words) stays."""
    if shown == read or len(s) < shortest:
        return s
    out, i = list(s), 0
    while i <= len(s) - shortest:
        if s[i:i + shortest] not in read:
            i += 1
            continue
        j = i + shortest
        while j < len(s) and s[i:j + 1] in read:  # the longest stretch from here (every shorter one is in too)
            j += 1
        at = read.find(s[i:j])
        out[i:j] = shown[at:at + j - i]
        i = j
    return "".join(out)
