"""The dashboard's charts: matplotlib figures drawn off-screen, returned as <img> tags with a PNG inside.

Every chart takes words already chosen in the facilitator's language (titles, not slugs); Chinese is drawn with
Noto Sans CJK SC (Debian's fonts-noto-cjk), so no character becomes a box.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Sequence

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "DejaVu Sans"]
# A role-play's flow shows how each step was answered (best ... fallback) and how the play ended (good, mixed,
# poor) in one legend, so every quality has a colour of its own: steps in green-amber-red, endings in
# teal-purple-plum.
COLORS = {"best": "#2f855a", "other": "#d69e2e", "wrong": "#c53030", "retry": "#dd6b20", "fallback": "#9b2c2c",
          "good": "#2c7a7b", "mixed": "#6b46c1", "poor": "#97266d", "bar": "#3f7cac", "line": "#c53030"}


def _rc() -> dict:
    return {"font.family": "sans-serif", "font.sans-serif": CJK_FONTS, "axes.unicode_minus": False,
            "font.size": 10, "axes.spines.top": False, "axes.spines.right": False}


def chart_font() -> str:
    """Return the font file matplotlib uses for Chinese (a test checks it is a CJK font, not a fallback)."""
    from matplotlib import font_manager, rc_context

    with rc_context(_rc()):
        return font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)


def _png(fig, alt: str, css: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<img class="coachlab-chart {css}" alt="{html.escape(alt)}" title="{html.escape(alt)}" '
            f'src="data:image/png;base64,{data}">')


def _wrap(text: str, width: int, lines: int = 2) -> str:
    """Return ``text`` on at most ``lines`` lines of about ``width`` characters (a Chinese character counts two)."""
    import textwrap

    wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) > len(text) * 1.5
    parts = textwrap.wrap(" ".join(str(text).split()), width // 2 if wide else width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


def _short(text: str, size: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[: size - 1] + "…"


def skill_profile(rows: Sequence[tuple[str, float, int]], title: str, threshold: float, threshold_label: str,
                  axis_label: str) -> str:
    """Return a horizontal bar chart: one bar per skill (label, mean percent, learners), a line at the threshold."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(_rc()):
        fig = Figure(figsize=(7.5, 0.45 * len(rows) + 1.2))
        ax = fig.subplots()
        labels = [f"{label} (n={n})" for label, _, n in rows]
        values = [value for _, value, _ in rows]
        y = list(range(len(rows)))[::-1]
        ax.barh(y, values, color=COLORS["bar"], height=0.6)
        for yy, value in zip(y, values):
            ax.text(min(value + 1.5, 92), yy, f"{value:.0f}%", va="center", fontsize=9)
        ax.set_yticks(y, labels)
        ax.set_xlim(0, 100)
        ax.axvline(threshold, color=COLORS["line"], linestyle="--", linewidth=1)
        ax.text(threshold, len(rows) - 0.45, threshold_label, color=COLORS["line"], fontsize=8, ha="center")
        ax.set_xlabel(axis_label)
        ax.set_title(title, loc="left", fontsize=11)
        return _png(fig, title, "coachlab-chart-skills")


def distributions(panels: Sequence[tuple[str, Sequence[tuple[str, int]]]], title: str, x_label: str,
                  y_label: str) -> str:
    """Return one small bar chart per exercise (its title, then (band, learners) pairs)."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    columns = min(3, max(1, len(panels)))
    rows = (len(panels) + columns - 1) // columns
    with rc_context(_rc()):
        fig = Figure(figsize=(3.3 * columns, 2.6 * rows + 0.5))
        axes = fig.subplots(rows, columns, squeeze=False)
        top = max([count for _, bands in panels for _, count in bands] + [1])
        for ax, (name, bands) in zip(axes.flat, panels):
            ax.bar([b for b, _ in bands], [c for _, c in bands], color=COLORS["bar"])
            for i, (_, count) in enumerate(bands):
                if count:
                    ax.text(i, count, str(count), ha="center", va="bottom", fontsize=8)
            ax.set_ylim(0, top * 1.25)
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.set_title(_wrap(name, 34), fontsize=9)
            ax.tick_params(axis="x", labelsize=7)
            ax.set_xlabel(x_label, fontsize=8)
            ax.set_ylabel(y_label, fontsize=8)
        for ax in list(axes.flat)[len(panels):]:
            ax.set_visible(False)
        fig.suptitle(title, x=0.02, ha="left", fontsize=11)
        fig.tight_layout()
        return _png(fig, title, "coachlab-chart-distribution")


def flow(turns: Sequence[tuple[str, int, Sequence[tuple[str, str, int]]]], title: str,
         legend: dict[str, str], learners_word: str) -> str:
    """Return a role-play's path as a flow, top to bottom in conversation order.

    ``turns`` holds per turn (and finally the endings): its name, how many learners reached it, and the ways out
    as (label, quality, learners); each way is a segment of the turn's bar, coloured by quality and labelled.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    with rc_context(_rc()):
        fig = Figure(figsize=(10, 0.8 * len(turns) + 1.4))
        ax = fig.subplots()
        widest = max([sum(n for _, _, n in ways) for _, _, ways in turns] + [1])
        for row, (name, reached, ways) in enumerate(turns):
            y = len(turns) - 1 - row
            left = 0.0
            for label, quality, count in ways:
                ax.barh(y, count, left=left, color=COLORS.get(quality, "#a0aec0"), edgecolor="white", height=0.62)
                share = count / widest
                text = f"{_wrap(label, int(share * 100))} · {count}" if share > 0.18 else str(count)
                ax.text(left + count / 2, y, text, ha="center", va="center", fontsize=8, color="white")
                left += count
            if row < len(turns) - 1:
                ax.annotate("", xy=(-0.02 * widest, y - 0.62), xytext=(-0.02 * widest, y - 0.38),
                            arrowprops={"arrowstyle": "->", "color": "#7b8794"})
        ax.set_yticks(range(len(turns))[::-1],
                      [f"{_wrap(name, 24)}\n{reached} {learners_word}" for name, reached, _ in turns], fontsize=9)
        ax.set_xlim(-0.04 * widest, widest)
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        used = [q for q in legend if any(q == quality for _, _, ways in turns for _, quality, _ in ways)]
        ax.legend(handles=[Patch(color=COLORS[q], label=legend[q]) for q in used], loc="upper center",
                  bbox_to_anchor=(0.5, -0.02), ncol=min(4, len(used) or 1), fontsize=8, frameon=False)
        ax.set_title(title, loc="left", fontsize=11)
        return _png(fig, title, "coachlab-chart-flow")
