"""A lesson's knowledge check: pick an option per question, then read why each choice is right or not."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.quiz import OptionNote, explain, grade, quiz

from .lesson import Keeper, guarded, heading, main_button, resolve_lang, result_box


QUIZ_STYLE = """<style>
.cl-quiz-result { list-style: none; padding-left: 0; }
.cl-quiz-result > li { margin-bottom: 12px; }
.cl-quiz-options { list-style: none; margin: 4px 0 0; padding-left: 18px; }
.cl-quiz-options li { margin-bottom: 6px; line-height: 1.5; }
.cl-quiz-options .cl-quiz-why { color: #334e68; font-size: 14px; }
.cl-quiz-tag { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 12px; }
.cl-quiz-tag-yours { background: #d6ecff; color: #1d4f7c; }
.cl-quiz-tag-right { background: #e3f9e5; color: #276749; }
.cl-quiz-muted { color: #7b8794; }
</style>"""


def _option_html(note: OptionNote, lang: str) -> str:
    """Return one option of a checked question: ✔ or ✘, the text, whose choice it was, and why."""
    mark, color = ("✔", "#2e7d32") if note.correct else ("✘", "#c0392b")
    tags = ""
    if note.chosen:
        tags += f'<span class="cl-quiz-tag cl-quiz-tag-yours">{html.escape(t("quiz.yours", lang))}</span>'
    if note.correct:
        tags += f'<span class="cl-quiz-tag cl-quiz-tag-right">{html.escape(t("quiz.right", lang))}</span>'
    return (f'<li class="coachlab-quiz-option{" cl-quiz-chosen" if note.chosen else ""}">'
            f'<span style="color:{color}">{mark}</span> {html.escape(note.text)}{tags}'
            f'<div class="cl-quiz-why">{html.escape(note.why)}</div></li>')


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

    def chosen() -> dict[int, int]:
        return {i: r.value for i, r in enumerate(radios) if r.value is not None}

    def show(answers: dict[int, int]):
        """Show the score and why each option is right or not; return the grade."""
        graded = grade(slug, answers, lang)
        notes = dict(explain(slug, answers, lang))
        items = []
        for qi, question in enumerate(questions):
            if qi not in notes:
                items.append(f'<li class="coachlab-quiz-unanswered"><b>{qi + 1}.</b> '
                             f'<span class="cl-quiz-muted">{html.escape(t("quiz.unanswered", lang))}</span></li>')
                continue
            ok = any(note.chosen and note.correct for note in notes[qi])
            mark, color = ("✔", "#2e7d32") if ok else ("✘", "#c0392b")
            items.append(f'<li class="coachlab-quiz-question" data-question="{qi}"><span style="color:{color}">'
                         f'{mark}</span> <b>{qi + 1}. {html.escape(question["q"][lang])}</b>'
                         f'<ul class="cl-quiz-options">{"".join(_option_html(n, lang) for n in notes[qi])}</ul></li>')
        summary = t("quiz.score", lang, correct=graded.correct, total=graded.total)
        result.value = (f"{QUIZ_STYLE}<p><b>{html.escape(summary)}</b></p>"
                        f"<ol class='cl-quiz-result'>{''.join(items)}</ol>")
        return graded

    def restore(state: dict) -> None:
        """A learner coming back sees their saved answers already explained, as they left them."""
        for radio, choice in zip(radios, state.get("answers", [])):
            if choice is None or (isinstance(choice, int) and 0 <= choice < len(radio.options)):
                radio.value = choice  # an answer to an option that no longer exists is dropped
        answers = chosen()
        if answers:
            show(answers)

    keeper = Keeper(lang, f"lesson:{slug}:quiz", restore)

    def check(_=None) -> None:
        answers = chosen()
        if not answers:
            result.value = f"<p>{html.escape(t('quiz.pick', lang))}</p>"
            return
        graded = show(answers)
        keeper.save({"answers": [r.value for r in radios]})
        keeper.record({"answers": {str(k): v for k, v in answers.items()}}, {"score": graded.score})

    button.on_click(guarded(check, lang, result))
    box = widgets.VBox([*rows, keeper, button, result])
    box.add_class("coachlab-knowledge-check")
    return box
