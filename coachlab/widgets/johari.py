"""Johari window: tick what you know about yourself and what your team told you; see your window drawn."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.johari import PANES, behaviour_ids, classify, johari_content, next_steps, own_items
from coachlab.tools.pictures import johari_svg

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box, textarea


def johari_window(lang: str | None = None) -> widgets.VBox:
    """Show the Johari window builder."""
    lang = resolve_lang(lang)
    behaviours = johari_content()["behaviours"]
    mine = {b["id"]: widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="90px")) for b in behaviours}
    team = {b["id"]: widgets.Checkbox(value=False, indent=False, layout=widgets.Layout(width="90px")) for b in behaviours}
    header = widgets.HBox([widgets.HTML("", layout=widgets.Layout(width="520px")),
                           widgets.HTML(f"<b>{html.escape(t('johari.col_me', lang))}</b>", layout=widgets.Layout(width="90px")),
                           widgets.HTML(f"<b>{html.escape(t('johari.col_team', lang))}</b>", layout=widgets.Layout(width="90px"))])
    rows = [widgets.HBox([widgets.HTML(html.escape(b[lang]), layout=widgets.Layout(width="520px")), mine[b["id"]], team[b["id"]]])
            for b in behaviours]
    own_me = textarea(t("johari.own_me", lang), rows=2)
    own_team = textarea(t("johari.own_team", lang), rows=2)
    result = result_box()
    button = main_button(t("johari.draw", lang))

    def restore(state: dict) -> None:
        for key, box in mine.items():
            box.value = key in state.get("me", [])
        for key, box in team.items():
            box.value = key in state.get("team", [])
        own_me.value, own_team.value = state.get("own_me", ""), state.get("own_team", "")

    keeper = Keeper(lang, "lesson:05-communication-feedback:johari", restore)

    def draw(_=None) -> None:
        me = [k for k, box in mine.items() if box.value] + own_items(own_me.value)
        them = [k for k, box in team.items() if box.value] + own_items(own_team.value)
        window = classify(me, them, behaviour_ids())
        steps = "".join(f"<li>{html.escape(s)}</li>" for s in next_steps(window, lang))
        result.value = (f'<div class="coachlab-johari-window">{johari_svg(window, lang)}</div>'
                        f"<p><b>{html.escape(t('johari.next', lang))}</b></p><ul>{steps}</ul>")
        keeper.save({"me": [k for k, b in mine.items() if b.value], "team": [k for k, b in team.items() if b.value],
                     "own_me": own_me.value, "own_team": own_team.value})
        counts = window.counts()
        total = sum(counts.values()) or 1
        keeper.record({"me": me, "team": them}, {pane: counts[pane] / total for pane in PANES})

    button.on_click(guarded(draw, lang, result))
    mask = johari_content()["mask_interview"]
    steps = "".join(f"<li>{html.escape(step[lang])}</li>" for step in mask["steps"])
    cards = "".join(f"<li>{html.escape(q[lang])}</li>" for q in mask["questions"])
    mask_html = widgets.HTML(f'<details class="coachlab-mask-interview"><summary><b>{html.escape(mask["title"][lang])}</b></summary>'
                             f"<ol>{steps}</ol><p><i>{html.escape(mask['rules'][lang])}</i></p><ul>{cards}</ul></details>")
    box = widgets.VBox([heading(t("johari.title", lang)), widgets.HTML(f"<p>{html.escape(t('johari.intro', lang))}</p>"),
                        header, *rows, widgets.HTML(f"<b>{html.escape(t('johari.own_title', lang))}</b>"), own_me, own_team,
                        keeper, button, result, mask_html])
    box.add_class("coachlab-johari")
    return box
