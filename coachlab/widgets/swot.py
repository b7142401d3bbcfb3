"""SWOT board: four lists in, the SO / WO / ST / WT strategies out, downloadable as Markdown."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.swot import SECTIONS, Swot, derive, problems, to_markdown

from .lesson import Keeper, download_link, guarded, heading, main_button, resolve_lang, result_box, textarea

SECTION_COLORS = {"strengths": "#d5f5e3", "weaknesses": "#fadbd8", "opportunities": "#d6eaf8", "threats": "#fdebd0"}


def quadrants_html(board: Swot, lang: str) -> str:
    """Render the four derived strategy quadrants as a 2×2 grid."""
    cells = []
    for quadrant in derive(board, lang):
        items = "".join(f"<li>{html.escape(s)}</li>" for s in quadrant.strategies) or \
            f"<li><i>{html.escape(t('swot.fill_both', lang))}</i></li>"
        cells.append(f'<div style="border:1px solid #ccc;border-radius:6px;padding:8px">'
                     f"<b>{quadrant.code} · {html.escape(quadrant.stance)}</b><br>"
                     f'<span style="color:#555;font-size:90%">{html.escape(quadrant.question)}</span><ul>{items}</ul></div>')
    return f'<div class="coachlab-swot-grid" style="display:grid;grid-template-columns:1fr 1fr;gap:8px">{"".join(cells)}</div>'


def swot_board(lang: str | None = None) -> widgets.VBox:
    """Show the SWOT board."""
    lang = resolve_lang(lang)
    boxes = {name: textarea(t(f"swot.placeholder.{name}", lang), rows=4) for name in SECTIONS}
    result = result_box()
    button = main_button(t("swot.derive", lang))

    def restore(state: dict) -> None:
        for name in SECTIONS:
            boxes[name].value = "\n".join(state.get(name, []))

    keeper = Keeper(lang, "lesson:02-swot:board", restore)

    def run(_=None) -> None:
        board = Swot.from_texts(**{name: boxes[name].value for name in SECTIONS})
        notes = []
        for problem in problems(board):
            kind, _, what = problem.partition(":")
            label = t(f"swot.section.{what}", lang) if kind == "empty" else what
            notes.append(f"<li>{html.escape(t(f'swot.problem.{kind}', lang, item=label))}</li>")
        titles = {"title": t("swot.doc_title", lang), **{n: t(f"swot.section.{n}", lang) for n in SECTIONS}}
        link = download_link("swot.md", to_markdown(board, derive(board, lang), titles), "text/markdown",
                             t("swot.download", lang))
        result.value = (f"<ul style='color:#8a6d3b'>{''.join(notes)}</ul>" if notes else "") + quadrants_html(board, lang) + link
        keeper.save(board.to_dict())

    button.on_click(guarded(run, lang, result))
    cells = [widgets.VBox([widgets.HTML(f'<div style="background:{SECTION_COLORS[n]};padding:4px 8px;border-radius:4px">'
                                        f"<b>{html.escape(t(f'swot.section.{n}', lang))}</b> — {html.escape(t(f'swot.hint.{n}', lang))}</div>"),
                           boxes[n]], layout=widgets.Layout(width="49%")) for n in SECTIONS]
    grid = widgets.VBox([widgets.HBox(cells[:2]), widgets.HBox(cells[2:])])
    box = widgets.VBox([heading(t("swot.title", lang)), widgets.HTML(f"<p>{html.escape(t('swot.intro', lang))}</p>"),
                        grid, keeper, button, result])
    box.add_class("coachlab-swot")
    return box
