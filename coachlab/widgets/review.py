"""复盘 worksheet: six steps with prompts, the ten-question list, pitfall notes and a document to download."""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.tools.review import Worksheet, find_pitfalls, missing_steps, review_content, to_html, to_markdown

from .lesson import Keeper, download_link, guarded, heading, main_button, resolve_lang, result_box, textarea


def review_worksheet(lang: str | None = None) -> widgets.VBox:
    """Show the six-step review worksheet."""
    lang = resolve_lang(lang)
    steps = review_content()["steps"]
    title = widgets.Text(placeholder=t("review.title_placeholder", lang), description=t("review.doc_title", lang),
                         style={"description_width": "initial"}, layout=widgets.Layout(width="98%"))
    people = widgets.Text(description=t("review.participants", lang), style={"description_width": "initial"},
                          layout=widgets.Layout(width="60%"))
    when = widgets.Text(value=date.today().isoformat(), description=t("review.date", lang),
                        style={"description_width": "initial"}, layout=widgets.Layout(width="35%"))
    boxes = {step["id"]: textarea(step["prompt"][lang], rows=3) for step in steps}
    questions = "".join(f"<li>{html.escape(q[lang])}</li>" for q in review_content()["ten_questions"])
    q10 = widgets.HTML(f"<details><summary><b>{html.escape(t('review.q10', lang))}</b></summary><ol>{questions}</ol></details>")
    result = result_box()
    button = main_button(t("review.export", lang))

    def sheet() -> Worksheet:
        return Worksheet(title.value, people.value, when.value, {k: b.value for k, b in boxes.items()})

    def restore(state: dict) -> None:
        saved = Worksheet.from_dict(state)
        title.value, people.value, when.value = saved.title, saved.participants, saved.date or when.value
        for key, box in boxes.items():
            box.value = saved.answers.get(key, "")

    keeper = Keeper(lang, "lesson:04-review:worksheet", restore)

    def export(_=None) -> None:
        current = sheet()
        labels = {"untitled": t("review.untitled", lang), "participants": t("review.participants", lang),
                  "date": t("review.date", lang)}
        notes = [f"<li>{html.escape(t('review.missing', lang, step=next(s['title'][lang] for s in steps if s['id'] == m)))}</li>"
                 for m in missing_steps(current)]
        notes += [f"<li><b>{html.escape(next(s['title'][lang] for s in steps if s['id'] == f.step))}</b>: "
                  f"{html.escape(f.message)}</li>" for f in find_pitfalls(current, lang)]
        verdict = (f"<p><b>{html.escape(t('review.notes', lang))}</b></p><ul>{''.join(notes)}</ul>" if notes
                   else f"<p style='color:#2e7d32'>{html.escape(t('review.clean', lang))}</p>")
        links = (download_link("review.md", to_markdown(current, lang, labels), "text/markdown", t("review.download_md", lang))
                 + download_link("review.html", to_html(current, lang, labels), "text/html", t("review.download_html", lang)))
        result.value = verdict + links
        keeper.save(current.to_dict())

    button.on_click(guarded(export, lang, result))
    rows: list[widgets.Widget] = [heading(t("review.title", lang)), widgets.HTML(f"<p>{html.escape(t('review.intro', lang))}</p>"),
                                  title, widgets.HBox([people, when]), q10]
    for step in steps:
        rows += [widgets.HTML(f"<b>{html.escape(step['title'][lang])}</b>"), boxes[step["id"]]]
    box = widgets.VBox([*rows, keeper, button, result])
    box.add_class("coachlab-review")
    return box
