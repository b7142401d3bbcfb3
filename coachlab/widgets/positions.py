"""Communication-positions self-check: pick the reply closest to yours; see which position it comes from."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.pictures import corral_svg
from coachlab.tools.positions import POSITIONS, positions_content, score_positions

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box

LETTERS = "ABCD"


def positions_check(lang: str | None = None) -> widgets.VBox:
    """Show the positions self-check."""
    lang = resolve_lang(lang)
    content = positions_content()
    choices, rows = [], []
    for i, situation in enumerate(content["situations"]):
        options = "".join(f"<li><b>{LETTERS[j]}</b> {html.escape(o[lang])}</li>" for j, o in enumerate(situation["options"]))
        rows.append(widgets.HTML(f"<p style='margin:10px 0 2px'><b>{i + 1}. {html.escape(situation['prompt'][lang])}</b></p>"
                                 f"<ul style='list-style:none;padding-left:8px;margin:0'>{options}</ul>"))
        choice = widgets.ToggleButtons(options=[(LETTERS[j], j) for j in range(len(situation["options"]))], value=None,
                                       style={"button_width": "48px"})
        choice.add_class("coachlab-positions-item")
        choices.append(choice)
        rows.append(choice)
    result = result_box()
    button = main_button(t("positions.check", lang))

    def restore(state: dict) -> None:
        for choice, value in zip(choices, state.get("choices", [])):
            choice.value = value

    keeper = Keeper(lang, "lesson:05-communication-feedback:positions", restore)

    def check(_=None) -> None:
        missing = [str(i + 1) for i, c in enumerate(choices) if c.value is None]
        if missing:
            result.value = f"<p style='color:#8a6d3b'>{html.escape(t('positions.missing', lang, items=('、' if lang == 'zh-CN' else ', ').join(missing)))}</p>"
            return
        profile = score_positions({i: c.value for i, c in enumerate(choices)})
        positions = content["positions"]
        main = positions[profile.main()]
        gap = "" if lang == "zh-CN" else " "
        parts = [f'<div class="coachlab-corral">{corral_svg(lang, profile)}</div>',
                 f"<p><b>{html.escape(t('positions.main', lang, label=main['label'][lang], mode=main['mode'][lang]))}</b>{gap}"
                 f"{html.escape(main['sounds'][lang])}</p>"]
        work = profile.to_work_on()
        if work:
            p = positions[work]
            parts.append(f"<p>{html.escape(t('positions.work_on', lang, label=p['label'][lang], count=profile.counts[work]))}{gap}"
                         f"{html.escape(p['cost'][lang])}</p><p style='color:#2e7d32'>{html.escape(p['move'][lang])}</p>")
        else:
            parts.append(f"<p style='color:#2e7d32'>{html.escape(positions['ok_ok']['move'][lang])}</p>")
        result.value = "".join(parts)
        keeper.save({"choices": [c.value for c in choices]})
        keeper.record({"choices": [c.value for c in choices]}, {p: s for p, s in profile.shares().items() if p in POSITIONS})

    button.on_click(guarded(check, lang, result))
    box = widgets.VBox([heading(t("positions.title", lang)), widgets.HTML(f"<p>{html.escape(t('positions.intro', lang))}</p>"),
                        *rows, keeper, button, result])
    box.add_class("coachlab-positions")
    return box
