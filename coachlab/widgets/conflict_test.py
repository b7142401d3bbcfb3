"""Conflict-style self-test: rate fifteen statements; see your five styles on the map and when each fits."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.conflict import SCALE, STYLES, conflict_content, score_conflict
from coachlab.tools.pictures import conflict_svg

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box


def conflict_test(lang: str | None = None) -> widgets.VBox:
    """Show the conflict-style self-test."""
    lang = resolve_lang(lang)
    content = conflict_content()
    styles = content["styles"]
    scale = [(t(f"conflict.scale.{v}", lang), v) for v in SCALE]
    choices, rows = [], []
    for i, statement in enumerate(content["statements"]):
        choice = widgets.ToggleButtons(options=scale, value=None, style={"button_width": "auto"})
        choice.add_class("coachlab-conflict-item")
        choices.append(choice)
        rows += [widgets.HTML(f"{i + 1}. {html.escape(statement[lang])}"), choice]
    result = result_box()
    button = main_button(t("conflict.score_button", lang))

    def restore(state: dict) -> None:
        for choice, value in zip(choices, state.get("answers", [])):
            choice.value = value

    keeper = Keeper(lang, "lesson:05-communication-feedback:conflict-test", restore)

    def names(ids: list[str]) -> str:
        return ("、" if lang == "zh-CN" else ", ").join(styles[s]["name"][lang] for s in ids)

    def score(_=None) -> None:
        answers = [c.value for c in choices]
        missing = [str(i + 1) for i, a in enumerate(answers) if a is None]
        if missing:
            result.value = f"<p style='color:#8a6d3b'>{html.escape(t('conflict.missing', lang, items=('、' if lang == 'zh-CN' else ', ').join(missing)))}</p>"
            return
        profile = score_conflict(answers)
        parts = [f'<div class="coachlab-conflict-map">{conflict_svg(lang, profile)}</div>']
        if profile.flat():
            parts.append(f"<p>{html.escape(t('conflict.flat', lang))}</p>")
        else:
            parts.append(f"<p><b>{html.escape(t('conflict.top', lang, styles=names(profile.top())))}</b>{'' if lang == 'zh-CN' else ' '}"
                         f"{html.escape(t('conflict.least', lang, styles=names(profile.least())))}</p>")
        for style in profile.overused():
            parts.append(f"<p style='color:#8a6d3b'>{html.escape(t('conflict.overused', lang, style=styles[style]['name'][lang], score=profile.scores[style]))}</p>")
        rows_html = "".join(f"<tr><td><b>{html.escape(styles[s]['name'][lang])}</b> {profile.scores[s]}</td>"
                            f"<td>{html.escape(styles[s]['when'][lang])}</td><td>{html.escape(styles[s]['risk'][lang])}</td></tr>"
                            for s in STYLES)
        parts.append(f"<table cellpadding='4' style='border-collapse:collapse'><tr><th></th><th>{html.escape(t('conflict.when', lang))}</th>"
                     f"<th>{html.escape(t('conflict.risk', lang))}</th></tr>{rows_html}</table>")
        result.value = "".join(parts)
        keeper.save({"answers": answers})
        keeper.record({"answers": answers}, {s: profile.scores[s] / 15 for s in STYLES})

    button.on_click(guarded(score, lang, result))
    box = widgets.VBox([heading(t("conflict.title", lang)), widgets.HTML(f"<p>{html.escape(t('conflict.intro', lang))}</p>"),
                        *rows, keeper, button, result])
    box.add_class("coachlab-conflict-test")
    return box
