"""Ineffective-listening drill: name the kind of listening behind each reply, then see a reply that listens."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.listening import listening_content
from coachlab.tools.listening_drill import KINDS, drill_content, score_drill
from coachlab.tools.pictures import levels_svg

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box


def _level_name(level: str, lang: str) -> str:
    return next(l[lang] for l in listening_content()["levels"] if l["id"] == level).split("：")[0].split(":")[0]


def listening_drill(lang: str | None = None) -> widgets.VBox:
    """Show the five kinds of ineffective listening and the drill."""
    lang = resolve_lang(lang)
    content = drill_content()
    kinds = content["kinds"]
    table = "".join(f"<tr><td><b>{html.escape(kinds[k]['name'][lang])}</b></td><td>{html.escape(kinds[k]['sign'][lang])}</td>"
                    f"<td>{html.escape(kinds[k]['cause'][lang])}</td></tr>" for k in KINDS)
    overview = widgets.HTML(f"<table style='border-collapse:collapse' cellpadding='4'><tr><th>{html.escape(t('listen_drill.kind', lang))}</th>"
                            f"<th>{html.escape(t('listen_drill.sign', lang))}</th><th>{html.escape(t('listen_drill.cause', lang))}</th></tr>"
                            f"{table}</table>")
    options = [(kinds[k]["name"][lang], k) for k in KINDS]
    choices, rows = [], []
    for i, item in enumerate(content["items"]):
        choice = widgets.ToggleButtons(options=options, value=None, style={"button_width": "auto"})
        choice.add_class("coachlab-drill-item")
        choices.append(choice)
        rows += [widgets.HTML(f"<p style='margin:10px 0 2px'>{i + 1}. {html.escape(item['says'][lang])}<br>"
                              f"<span style='color:#8a3b12'>→ {html.escape(item['reply'][lang])}</span></p>"), choice]
    result = result_box()
    button = main_button(t("listen_drill.check", lang))

    def restore(state: dict) -> None:
        for choice, value in zip(choices, state.get("answers", [])):
            choice.value = value if value in KINDS else None

    keeper = Keeper(lang, "lesson:05-communication-feedback:listening-drill", restore)

    def check(_=None) -> None:
        answers = {i: c.value for i, c in enumerate(choices) if c.value}
        missing = [str(i + 1) for i, c in enumerate(choices) if not c.value]
        if missing:
            result.value = f"<p style='color:#8a6d3b'>{html.escape(t('listen_drill.missing', lang, items=('、' if lang == 'zh-CN' else ', ').join(missing)))}</p>"
            return
        scored = score_drill(answers)
        gap, colon = ("", "：") if lang == "zh-CN" else (" ", ": ")
        notes = []
        for i, item in enumerate(content["items"]):
            ok = i in scored.right
            verdict = (t("listen_drill.right", lang, kind=kinds[item["kind"]]["name"][lang]) if ok else
                       t("listen_drill.wrong", lang, chosen=kinds[answers[i]]["name"][lang], kind=kinds[item["kind"]]["name"][lang]))
            notes.append(f"<li>{'✔' if ok else '✘'} <b>{i + 1}.</b> {html.escape(verdict)}{gap}{html.escape(item['why'][lang])}<br>"
                         f"<span style='color:#555'>{html.escape(t('listen_drill.level', lang, level=_level_name(item['level'], lang)))}</span><br>"
                         f"<span style='color:#2e7d32'>{html.escape(t('listen_drill.better', lang))} {html.escape(item['better'][lang])}</span></li>")
        review = scored.kinds_to_review()
        tips = "".join(f"<li><b>{html.escape(kinds[k]['name'][lang])}</b>{colon}{html.escape(kinds[k]['fix'][lang])}</li>" for k in review)
        levels: dict[str, int] = {}
        for item in content["items"]:
            levels[item["level"]] = levels.get(item["level"], 0) + 1
        result.value = (f"<p><b>{html.escape(t('quiz.score', lang, correct=scored.correct, total=scored.total))}</b></p>"
                        + f'<div class="coachlab-levels">{levels_svg(lang, levels)}</div>'
                        + (f"<p>{html.escape(t('listen_drill.review', lang))}</p><ul>{tips}</ul>" if review else "")
                        + f"<ol style='list-style:none;padding-left:0'>{''.join(notes)}</ol>")
        keeper.save({"answers": [c.value for c in choices]})
        keeper.record({"answers": [c.value for c in choices]}, {"score": scored.correct / scored.total})

    button.on_click(guarded(check, lang, result))
    box = widgets.VBox([heading(t("listen_drill.title", lang)), widgets.HTML(f"<p>{html.escape(t('listen_drill.intro', lang))}</p>"),
                        overview, *rows, keeper, button, result])
    box.add_class("coachlab-listening-drill")
    return box
