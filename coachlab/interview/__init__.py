"""Promotion and performance interviews: competency model, evaluation form, report, follow-ups, prep sheet."""

from .followup import FollowUp, plan_followups, to_ics
from .form import DevelopmentAction, EvaluationForm, Rating, form_problems
from .model import RATINGS, competencies, competency, flow, prep_checklist, question_bank, rating_label, role_name
from .prep import PrepSheet, format_value, prep_sheet
from .report import AssessmentReport, build_report, to_html, to_markdown

__all__ = ["AssessmentReport", "DevelopmentAction", "EvaluationForm", "FollowUp", "PrepSheet", "RATINGS", "Rating",
           "build_report", "competencies", "competency", "flow", "form_problems", "format_value",
           "plan_followups", "prep_checklist", "prep_sheet", "question_bank", "rating_label", "role_name",
           "to_html", "to_ics", "to_markdown"]
