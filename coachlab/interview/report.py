"""The written assessment report: strengths, gaps, development plan and agreements, as Markdown or HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta

from coachlab.i18n import t

from .form import EvaluationForm
from .model import RATINGS, competency, rating_label, role_name

REPORT_WITHIN = timedelta(hours=24)  # the report reaches HR and the hiring manager within a day


@dataclass(frozen=True)
class ReportLine:
    """One competency in the report: its name, rating and the evidence behind it."""

    dim_id: str
    name: str
    rating: str
    evidence: str


@dataclass(frozen=True)
class AssessmentReport:
    """The report built from a completed form, in one language."""

    lang: str
    candidate: str
    interviewer: str
    role: str
    interview_at: datetime
    due_by: datetime
    strengths: tuple[ReportLine, ...]
    gaps: tuple[ReportLine, ...]
    plan: tuple[tuple[str, str, str, bool], ...]  # (action, owner, due, suggested by the model?)
    agreements: tuple[str, ...]
    aspirations: str


def build_report(form: EvaluationForm, lang: str) -> AssessmentReport:
    """Turn an evaluation form into a report: excellent and good are strengths, to-improve are gaps."""
    lines = []
    for dim_id, rating in form.ratings.items():
        lines.append(ReportLine(dim_id, competency(dim_id, lang).name, rating.level, rating.evidence.strip()))
    order = {level: i for i, level in enumerate(RATINGS)}
    lines.sort(key=lambda line: order.get(line.rating, 9))
    strengths = tuple(line for line in lines if line.rating in ("excellent", "good"))
    gaps = tuple(line for line in lines if line.rating == "to_improve")
    plan = [(a.action, a.owner, a.due, False) for a in form.actions if a.action.strip()]
    plan += [(competency(g.dim_id, lang).develop, "", "", True) for g in gaps]
    return AssessmentReport(lang, form.candidate, form.interviewer, role_name(lang), form.interview_at,
                            form.interview_at + REPORT_WITHIN, strengths, gaps, tuple(plan),
                            tuple(a.strip() for a in form.agreements if a.strip()), form.aspirations.strip())


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _plan_item(action: str, owner: str, due: str, suggested: bool, lang: str) -> str:
    extras = [x for x in (owner, due) if x]
    if suggested:
        extras.append(t("promotion.report.suggested", lang))
    return action + (f" ({'; '.join(extras)})" if extras else "")


def to_markdown(report: AssessmentReport) -> str:
    """Write the report as Markdown."""
    lang = report.lang
    none = t("promotion.report.none", lang)
    out = [f"# {t('promotion.report.title', lang, candidate=report.candidate)}", "",
           t("promotion.report.meta", lang, role=report.role, interviewer=report.interviewer,
             when=_when(report.interview_at)), "",
           f"> {t('promotion.report.due', lang, due=_when(report.due_by))}", "",
           f"## {t('promotion.report.strengths', lang)}", ""]
    out += [f"- **{l.name}** ({rating_label(l.rating, lang)}): {l.evidence}" for l in report.strengths] or [f"- {none}"]
    out += ["", f"## {t('promotion.report.gaps', lang)}", ""]
    out += [f"- **{l.name}** ({rating_label(l.rating, lang)}): {l.evidence}" for l in report.gaps] or [f"- {none}"]
    out += ["", f"## {t('promotion.report.plan', lang)}", ""]
    out += [f"{i}. {_plan_item(*item, lang)}" for i, item in enumerate(report.plan, 1)] or [f"- {none}"]
    out += ["", f"## {t('promotion.report.aspirations', lang)}", "", report.aspirations or none, "",
            f"## {t('promotion.report.agreements', lang)}", ""]
    out += [f"- {a}" for a in report.agreements] or [f"- {none}"]
    return "\n".join(out) + "\n"


def to_html(report: AssessmentReport) -> str:
    """Write the report as a standalone HTML page."""
    lang, esc = report.lang, html.escape
    none = esc(t("promotion.report.none", lang))

    def items(lines: tuple[ReportLine, ...]) -> str:
        if not lines:
            return f"<ul><li>{none}</li></ul>"
        return "<ul>" + "".join(f'<li class="{l.rating}"><b>{esc(l.name)}</b> ({esc(rating_label(l.rating, lang))}): '
                                f"{esc(l.evidence)}</li>" for l in lines) + "</ul>"

    plan = "".join(f"<li>{esc(_plan_item(*item, lang))}</li>" for item in report.plan)
    agreements = "".join(f"<li>{esc(a)}</li>" for a in report.agreements) or f"<li>{none}</li>"
    title = esc(t("promotion.report.title", lang, candidate=report.candidate))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f"<h1>{title}</h1><p>{esc(t('promotion.report.meta', lang, role=report.role, interviewer=report.interviewer, when=_when(report.interview_at)))}</p>"
        f"<p><em>{esc(t('promotion.report.due', lang, due=_when(report.due_by)))}</em></p>"
        f'<h2 id="strengths">{esc(t("promotion.report.strengths", lang))}</h2>{items(report.strengths)}'
        f'<h2 id="gaps">{esc(t("promotion.report.gaps", lang))}</h2>{items(report.gaps)}'
        f'<h2 id="plan">{esc(t("promotion.report.plan", lang))}</h2><ol>{plan or f"<li>{none}</li>"}</ol>'
        f'<h2 id="aspirations">{esc(t("promotion.report.aspirations", lang))}</h2><p>{esc(report.aspirations) or none}</p>'
        f'<h2 id="agreements">{esc(t("promotion.report.agreements", lang))}</h2><ul>{agreements}</ul>'
        "</body></html>\n"
    )
