"""A lesson's knowledge check: pick an option per question, then read why each choice is right or not."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.quiz import grade, quiz

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box


def knowledge_check(slug: str, lang: str | None = None) -> widgets.VBox:
    """Show the knowledge check of lesson ``slug``."""
    lang = resolve_lang(lang)
    questions = quiz(slug)
    radios = []
    rows: list[widgets.Widget] = [heading(t("quiz.title", lang))]
    for i, question in enumerate(questions):
        radio = widgets.RadioButtons(options=[(o["text"][lang], j) for j, o in enumerate(question["options"])],
                                     value=None, layout=widgets.Layout(width="auto"))
        radio.add_class("coachlab-quiz-options")
        radios.append(radio)
        rows += [widgets.HTML(f"<b>{i + 1}. {html.escape(question['q'][lang])}</b>"), radio]
    result = result_box()
    button = main_button(t("quiz.check", lang))

    def restore(state: dict) -> None:
        for radio, choice in zip(radios, state.get("answers", [])):
            radio.value = choice

    keeper = Keeper(lang, f"lesson:{slug}:quiz", restore)

    def check(_=None) -> None:
        answers = {i: r.value for i, r in enumerate(radios) if r.value is not None}
        if not answers:
            result.value = f"<p>{html.escape(t('quiz.pick', lang))}</p>"
            return
        graded = grade(slug, answers, lang)
        items = []
        for qi, ok, why in graded.verdicts:
            mark, color = ("✔", "#2e7d32") if ok else ("✘", "#c0392b")
            items.append(f'<li style="margin-bottom:6px"><span style="color:{color}">{mark}</span> '
                         f"<b>{qi + 1}.</b> {html.escape(why)}</li>")
        summary = t("quiz.score", lang, correct=graded.correct, total=graded.total)
        result.value = f"<p><b>{html.escape(summary)}</b></p><ul style='list-style:none;padding-left:0'>{''.join(items)}</ul>"
        keeper.save({"answers": [r.value for r in radios]})
        keeper.record({"answers": {str(k): v for k, v in answers.items()}}, {"score": graded.score})

    button.on_click(guarded(check, lang, result))
    box = widgets.VBox([*rows, keeper, button, result])
    box.add_class("coachlab-knowledge-check")
    return box
