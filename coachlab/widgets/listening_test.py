"""The scored listening self-test: fifteen statements, a level of listening and what to practise."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.listening import SCALE, listening_content, score_listening

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box


def result_html(result, lang: str) -> str:
    """Render the score, the level, a bar per process and the advice."""
    processes = listening_content()["processes"]
    bars = "".join(
        f'<div style="margin:2px 0"><span style="display:inline-block;width:260px">{html.escape(processes[p][lang])}</span>'
        f'<span style="display:inline-block;background:#1565c0;height:10px;width:{v * 2:.0f}px"></span> {v:.0f}</div>'
        for p, v in result.by_process.items())
    return (f"<p><b>{html.escape(t('listening_test.score', lang, score=f'{result.score:.0f}'))}</b> — "
            f"{html.escape(result.level_text(lang))}</p>{bars}"
            f"<p>{html.escape(t('listening_test.practise', lang, process=processes[result.weakest][lang]))} "
            f"{html.escape(result.advice(lang))}</p>")


def listening_test(lang: str | None = None) -> widgets.VBox:
    """Show the listening self-test."""
    lang = resolve_lang(lang)
    items = listening_content()["items"]
    scale = [(t(f"listening_test.scale.{v}", lang), v) for v in SCALE]
    choices = []
    rows: list[widgets.Widget] = [heading(t("listening_test.title", lang)),
                                  widgets.HTML(f"<p>{html.escape(t('listening_test.intro', lang))}</p>")]
    for i, item in enumerate(items):
        choice = widgets.ToggleButtons(options=scale, value=None, style={"button_width": "72px"})
        choice.add_class("coachlab-listening-item")
        choices.append(choice)
        rows += [widgets.HTML(f"{i + 1}. {html.escape(item[lang])}"), choice]
    result = result_box()
    button = main_button(t("listening_test.score_button", lang))

    def restore(state: dict) -> None:
        for choice, value in zip(choices, state.get("answers", [])):
            choice.value = value

    keeper = Keeper(lang, "lesson:05-communication-feedback:listening-test", restore)

    def score(_=None) -> None:
        answers = [c.value for c in choices]
        missing = [str(i + 1) for i, a in enumerate(answers) if a is None]
        if missing:
            result.value = f"<p style='color:#8a6d3b'>{html.escape(t('listening_test.missing', lang, items=', '.join(missing)))}</p>"
            return
        scored = score_listening(answers)
        result.value = result_html(scored, lang)
        keeper.save({"answers": answers})
        keeper.record({"answers": answers}, {"score": scored.score / 100, **{p: v / 100 for p, v in scored.by_process.items()}})

    button.on_click(guarded(score, lang, result))
    box = widgets.VBox([*rows, keeper, button, result])
    box.add_class("coachlab-listening-test")
    return box
