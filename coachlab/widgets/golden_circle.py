"""Golden-circle builder (why → how → what) and the red–green contrast drill."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.golden import RINGS, GoldenCircle, golden_content, review_circle, score_red_green

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box, textarea

RING_COLORS = {"why": "#f9e79f", "how": "#aed6f1", "what": "#d5f5e3"}


def circle_html(circle: GoldenCircle, notes: list, lang: str) -> str:
    """Draw the three rings with the learner's words and a note per ring."""
    rings = []
    for note in notes:
        text = getattr(circle, note.ring).strip() or "—"
        icon = {"ok": "✔", "revise": "✎", "empty": "…"}[note.status]
        message = note.message or t(f"golden.status.{note.status}", lang)
        rings.append(
            f'<div style="background:{RING_COLORS[note.ring]};border-radius:8px;padding:8px 12px;margin:4px 0">'
            f"<b>{html.escape(t(f'golden.ring.{note.ring}', lang))}</b> {icon}<br>{html.escape(text)}"
            f'<br><span style="font-size:90%;color:#555">{html.escape(message)}</span></div>')
    svg = ('<svg width="150" height="150" viewBox="0 0 150 150" aria-hidden="true">'
           '<circle cx="75" cy="75" r="72" fill="#d5f5e3"/><circle cx="75" cy="75" r="48" fill="#aed6f1"/>'
           '<circle cx="75" cy="75" r="24" fill="#f9e79f"/>'
           f'<text x="75" y="80" text-anchor="middle" font-size="13">{html.escape(t("golden.ring.why", lang))}</text>'
           f'<text x="75" y="42" text-anchor="middle" font-size="12">{html.escape(t("golden.ring.how", lang))}</text>'
           f'<text x="75" y="17" text-anchor="middle" font-size="12">{html.escape(t("golden.ring.what", lang))}</text></svg>')
    return f'<div style="display:flex;gap:16px;align-items:flex-start"><div>{svg}</div><div style="flex:1">{"".join(rings)}</div></div>'


def golden_circle(lang: str | None = None) -> widgets.VBox:
    """Show the golden-circle builder followed by the red–green drill."""
    lang = resolve_lang(lang)
    boxes = {ring: textarea(t(f"golden.placeholder.{ring}", lang), rows=2) for ring in RINGS}
    result = result_box()
    button = main_button(t("golden.check", lang))

    def restore(state: dict) -> None:
        for ring in RINGS:
            boxes[ring].value = state.get(ring, "")

    keeper = Keeper(lang, "lesson:01-learning-golden-circle:circle", restore)

    def check(_=None) -> None:
        circle = GoldenCircle(**{ring: boxes[ring].value for ring in RINGS})
        result.value = circle_html(circle, review_circle(circle, lang), lang)
        keeper.save(circle.to_dict())

    button.on_click(guarded(check, lang, result))
    rows: list[widgets.Widget] = [heading(t("golden.title", lang)), widgets.HTML(f"<p>{html.escape(t('golden.intro', lang))}</p>")]
    for ring in RINGS:
        rows += [widgets.HTML(f"<b>{html.escape(t(f'golden.ring.{ring}', lang))}</b> — {html.escape(t(f'golden.ask.{ring}', lang))}"), boxes[ring]]
    box = widgets.VBox([*rows, keeper, button, result, red_green_drill(lang)])
    box.add_class("coachlab-golden-circle")
    return box


def red_green_drill(lang: str | None = None) -> widgets.VBox:
    """Show statements to sort into red (defending) or green (learning) thinking."""
    lang = resolve_lang(lang)
    statements = golden_content()["red_green"]
    toggles = []
    rows: list[widgets.Widget] = [heading(t("golden.rg.title", lang)), widgets.HTML(f"<p>{html.escape(t('golden.rg.intro', lang))}</p>")]
    for s in statements:
        toggle = widgets.ToggleButtons(options=[(t("golden.rg.red", lang), "red"), (t("golden.rg.green", lang), "green")],
                                       value=None, style={"button_width": "90px"})
        toggles.append(toggle)
        rows += [widgets.HTML(f"“{html.escape(s['text'][lang])}”"), toggle]
    result = widgets.HTML()
    button = widgets.Button(description=t("golden.rg.check", lang), layout=widgets.Layout(width="auto"))

    def check(_=None) -> None:
        answers = {i: tg.value for i, tg in enumerate(toggles) if tg.value}
        correct, total = score_red_green(answers)
        items = "".join(
            f"<li>{'✔' if answers.get(i) == s['color'] else '✘'} {html.escape(t('golden.rg.' + s['color'], lang))}: "
            f"{html.escape(s['why'][lang])}</li>" for i, s in enumerate(statements) if i in answers)
        result.value = f"<p><b>{html.escape(t('quiz.score', lang, correct=correct, total=total))}</b></p><ul>{items}</ul>"

    button.on_click(guarded(check, lang, result))
    return widgets.VBox([*rows, button, result])
