"""Promotion-interview evaluation form: ratings with evidence → report (Markdown, HTML) and follow-ups (.ics)."""

from __future__ import annotations

import html
from datetime import date, datetime, time, timedelta

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.interview import (RATINGS, DevelopmentAction, EvaluationForm, Rating, build_report, competencies, flow,
                                form_problems, plan_followups, prep_checklist, rating_label, to_html, to_ics, to_markdown)

from .lesson import Keeper, download_link, guarded, heading, main_button, resolve_lang, result_box, textarea


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def promotion_form(lang: str | None = None) -> widgets.VBox:
    """Show the evaluation form, the report it writes and the follow-up schedule to download."""
    lang = resolve_lang(lang)
    model = competencies(lang)
    text_style = {"description_width": "initial"}
    candidate = widgets.Text(description=t("promotion.candidate", lang), style=text_style)
    interviewer = widgets.Text(description=t("promotion.interviewer", lang), style=text_style)
    day = widgets.DatePicker(value=date.today(), description=t("promotion.date", lang), style=text_style)
    hour = widgets.Dropdown(options=[f"{h:02d}:00" for h in range(8, 20)], value="10:00",
                            description=t("promotion.time", lang), style=text_style)
    checklist = "".join(f"<li>{html.escape(x)}</li>" for x in prep_checklist(lang))
    stages = "".join(f"<li>{html.escape(text)}</li>" for _, text in flow(lang))
    intro = widgets.HTML(f"<details><summary><b>{html.escape(t('promotion.before', lang))}</b></summary><ul>{checklist}</ul></details>"
                         f"<details><summary><b>{html.escape(t('promotion.during', lang))}</b></summary><ol>{stages}</ol></details>")
    ratings, evidence, dims = {}, {}, []
    for c in model:
        ratings[c.id] = widgets.ToggleButtons(options=[(rating_label(r, lang), r) for r in RATINGS], value=None,
                                              style={"button_width": "96px"})
        ratings[c.id].add_class("coachlab-rating")
        evidence[c.id] = textarea(t("promotion.evidence_placeholder", lang), rows=2)
        questions = "".join(f"<li>{html.escape(q)}</li>" for q in c.questions)
        probes = "".join(f"<li>{html.escape(p)}</li>" for p in c.probes)
        dims.append(widgets.VBox([
            widgets.HTML(f"<b>{html.escape(c.name)}</b> — {html.escape(c.definition)}"
                         f"<details><summary>{html.escape(t('promotion.star_questions', lang))}</summary><ul>{questions}</ul>"
                         f"<i>{html.escape(t('promotion.probes', lang))}</i><ul>{probes}</ul>"
                         f"<i>{html.escape(t('promotion.excellent_looks', lang))}</i> {html.escape(c.excellent)}<br>"
                         f"<i>{html.escape(t('promotion.to_improve_looks', lang))}</i> {html.escape(c.to_improve)}</details>"),
            ratings[c.id], evidence[c.id]], layout=widgets.Layout(border="1px solid #ddd", padding="6px", margin="4px 0")))
    aspirations = textarea(t("promotion.aspirations_placeholder", lang), rows=2)
    agreements = textarea(t("promotion.agreements_placeholder", lang), rows=3)
    actions = textarea(t("promotion.actions_placeholder", lang), rows=3)
    months = widgets.Dropdown(options=[(t("promotion.months", lang, n=n), n) for n in (1, 2, 3)], value=2,
                              description=t("promotion.followup_over", lang), style=text_style)
    every = widgets.Dropdown(options=[(t("promotion.every", lang, n=n), n) for n in (1, 2, 4)], value=2,
                             description=t("promotion.cadence", lang), style=text_style)
    result = result_box()
    button = main_button(t("promotion.write", lang))

    def form() -> EvaluationForm:
        at = datetime.combine(day.value or date.today(), time.fromisoformat(hour.value))
        acts = []
        for line in _lines(actions.value):
            parts = [p.strip() for p in line.replace("｜", "|").split("|")]
            acts.append(DevelopmentAction(*(parts + ["", ""])[:3]))
        return EvaluationForm(candidate.value.strip(), interviewer.value.strip(), at,
                              {d: Rating(ratings[d].value, evidence[d].value) for d in ratings if ratings[d].value},
                              aspirations.value, _lines(agreements.value), acts)

    def restore(state: dict) -> None:
        saved = EvaluationForm.from_dict(state["form"])
        candidate.value, interviewer.value = saved.candidate, saved.interviewer
        day.value, hour.value = saved.interview_at.date(), saved.interview_at.strftime("%H:00")
        for d, rating in saved.ratings.items():
            if d in ratings:
                ratings[d].value, evidence[d].value = rating.level, rating.evidence
        aspirations.value, agreements.value = saved.aspirations, "\n".join(saved.agreements)
        actions.value = "\n".join(" | ".join(x for x in (a.action, a.owner, a.due) if x) for a in saved.actions)
        months.value, every.value = state.get("months", 2), state.get("every", 2)

    keeper = Keeper(lang, "lesson:07-promotion-interview:form", restore)

    def write(_=None) -> None:
        current = form()
        keeper.save({"form": current.to_dict(), "months": months.value, "every": every.value})
        problems = form_problems(current)
        if problems:
            names = {c.id: c.name for c in model}
            items = "".join(f"<li>{html.escape(t(f'promotion.problem.{kind}', lang, field=names[field] if field in names else t(f'promotion.field.{field}', lang)))}</li>"
                            for field, kind in problems)
            result.value = f"<p style='color:#8a6d3b'><b>{html.escape(t('promotion.fix_first', lang))}</b></p><ul>{items}</ul>"
            return
        report = build_report(current, lang)
        markdown = to_markdown(report)
        meetings = plan_followups(current.interview_at.date() + timedelta(days=7), months.value, every.value,
                                  time(15, 0), current.candidate, [g.name for g in report.gaps], lang)
        schedule = "".join(f"<li>{m.start.strftime('%Y-%m-%d %H:%M')} · {html.escape(m.summary)}</li>" for m in meetings)
        slug = "".join(ch for ch in current.candidate if ch.isalnum()) or "candidate"
        links = (download_link(f"report-{slug}.md", markdown, "text/markdown", t("promotion.download_md", lang))
                 + download_link(f"report-{slug}.html", to_html(report), "text/html", t("promotion.download_html", lang))
                 + download_link(f"followups-{slug}.ics", to_ics(meetings, t("promotion.calendar_name", lang, candidate=current.candidate)),
                                 "text/calendar", t("promotion.download_ics", lang)))
        preview = to_html(report).split("<body>", 1)[1].rsplit("</body>", 1)[0]
        result.value = (f"<div style='border:1px solid #ccc;padding:8px 16px;border-radius:6px'>{preview}</div>"
                        f"<h4>{html.escape(t('promotion.schedule', lang))}</h4><ul>{schedule}</ul>{links}")
        keeper.record({"form": current.to_dict()}, {"to_improve": float(len(report.gaps))})

    button.on_click(guarded(write, lang, result))
    box = widgets.VBox([heading(t("promotion.title", lang)), intro, widgets.HBox([candidate, interviewer]),
                        widgets.HBox([day, hour]), *dims,
                        widgets.HTML(f"<b>{html.escape(t('promotion.aspirations', lang))}</b>"), aspirations,
                        widgets.HTML(f"<b>{html.escape(t('promotion.agreements', lang))}</b>"), agreements,
                        widgets.HTML(f"<b>{html.escape(t('promotion.actions', lang))}</b>"), actions,
                        widgets.HBox([months, every]), keeper, button, result])
    box.add_class("coachlab-promotion")
    return box
