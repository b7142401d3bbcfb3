"""Small pure helpers for the SVG pictures: escaping, wrapping Chinese and English text, boxes and labels."""

from __future__ import annotations

import html
import unicodedata

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
NO_LINE_START = set("，。、；：？！）」』”’》%,.;:?!)")


def char_em(ch: str) -> float:
    """Return the width of one character in em: a Chinese character is a full em, Latin about half."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    return 0.3 if ch in " il.,;:'!|" else 0.56


def text_em(text: str) -> float:
    """Return the approximate width of ``text`` in em."""
    return sum(char_em(c) for c in text)


def wrap(text: str, width_em: float, max_lines: int = 4) -> list[str]:
    """Break ``text`` into lines no wider than ``width_em``: Latin at spaces, Chinese between characters."""
    tokens: list[str] = []
    for ch in text.strip():
        if tokens and not _is_wide(ch) and ch != " " and not _is_wide(tokens[-1][-1]) and tokens[-1][-1] != " ":
            tokens[-1] += ch  # keep a Latin word or number whole
        else:
            tokens.append(ch)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if line and text_em(line + token) > width_em and not (token in NO_LINE_START):
            lines.append(line.rstrip())
            line = "" if token == " " else token
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, len(lines[-1]) - 1)] + "…"
    return lines


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def esc(text: str) -> str:
    """Escape text for SVG."""
    return html.escape(str(text), quote=True)


def text_block(x: float, y: float, lines: list[str], size: float, *, anchor: str = "start", weight: str = "normal",
               fill: str = "#222", gap: float = 1.3) -> str:
    """Return <text> elements for ``lines`` starting at baseline ``y``."""
    return "".join(
        f'<text x="{x:.1f}" y="{y + i * size * gap:.1f}" font-size="{size:.1f}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{esc(line)}</text>' for i, line in enumerate(lines))


def svg(width: int, height: int, body: str, title: str, css_class: str) -> str:
    """Wrap ``body`` in an accessible, scalable <svg> with the course's CJK font."""
    return (f'<svg class="coachlab-picture {css_class}" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {width} {height}" width="{width}" style="max-width:100%;height:auto" '
            f'font-family="{FONT}"><title>{esc(title)}</title>{body}</svg>')
