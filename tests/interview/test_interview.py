"""Promotion-interview toolkit: model, form, report (parsed), follow-ups (parsed as iCalendar), prep sheet."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser

import pytest
from icalendar import Calendar

from coachlab.data import agent_facts, generate_team
from coachlab.i18n import LANGS
from coachlab.interview import (RATINGS, DevelopmentAction, EvaluationForm, Rating, build_report, competencies,
                                flow, form_problems, plan_followups, prep_checklist, prep_sheet, question_bank,
                                rating_label, to_html, to_ics, to_markdown)


def full_form() -> EvaluationForm:
    dims = [c.id for c in competencies("en")]
    levels = ["excellent", "good", "to_improve", "good", "excellent", "to_improve"]
    ratings = {d: Rating(level, f"Observed example for {d} <with markup>") for d, level in zip(dims, levels)}
    return EvaluationForm("Li Na", "Wang Fang", datetime(2025, 3, 4, 10, 0), ratings,
                          "Lead a team of 20 within three years",
                          ["Mentor: Zhang, from April", "Management training in Q2"],
                          [DevelopmentAction("Shadow the shift manager twice", "Zhang", "2025-04-30")])


@pytest.mark.parametrize("lang", LANGS)
def test_model_has_dimensions_with_star_questions(lang):
    """Give each competency a definition, two STAR questions and probes, in both languages."""
    model = competencies(lang)
    assert len(model) >= 5 and len({c.id for c in model}) == len(model)
    for c in model:
        assert c.name and c.definition and c.develop and len(c.questions) >= 2 and c.probes
    assert sum(len(q) for q in question_bank(lang).values()) >= 10
    assert [step for step, _ in flow(lang)] == ["opening", "evaluation", "development", "summary"]
    assert any("60" in item for item in prep_checklist(lang))


def test_ratings_use_the_three_levels():
    """Rate on excellent / good / to improve, shown as 优秀 / 良好 / 待提升 in Chinese."""
    assert RATINGS == ("excellent", "good", "to_improve")
    assert [rating_label(r, "zh-CN") for r in RATINGS] == ["优秀", "良好", "待提升"]


def test_form_problems_require_every_rating_with_evidence_and_an_agreement():
    """Refuse a report while a competency is unrated or lacks evidence, or nothing is agreed."""
    assert form_problems(full_form()) == []
    form = full_form()
    first, second = list(form.ratings)[:2]
    del form.ratings[first]
    form.ratings[second] = Rating("good", "ok")
    form.agreements = [" "]
    assert set(form_problems(form)) == {(first, "unrated"), (second, "no_evidence"), ("agreements", "missing")}
    form.ratings[first] = Rating("great", "a long enough example")
    assert (first, "bad_level") in form_problems(form)


def test_form_round_trips_through_saved_data():
    """Save and restore the form without losing anything."""
    form = full_form()
    assert EvaluationForm.from_dict(form.to_dict()) == form


class _Outline(HTMLParser):
    """Collect h2 ids and the text of list items under each."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.current, self.in_li, self.buf = None, False, ""

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self.current = dict(attrs).get("id")
            self.sections[self.current] = []
        if tag == "li":
            self.in_li, self.buf = True, ""

    def handle_endtag(self, tag):
        if tag == "li" and self.current:
            self.sections[self.current].append(self.buf)
            self.in_li = False

    def handle_data(self, data):
        if self.in_li:
            self.buf += data


@pytest.mark.parametrize("lang", LANGS)
def test_report_sorts_strengths_gaps_and_plan(lang):
    """Put excellent and good under strengths, to-improve under gaps, and a plan step per gap."""
    report = build_report(full_form(), lang)
    assert [l.rating for l in report.strengths] == ["excellent", "excellent", "good", "good"]
    assert [l.rating for l in report.gaps] == ["to_improve", "to_improve"]
    assert len(report.plan) == 1 + len(report.gaps) and report.plan[0][0] == "Shadow the shift manager twice"
    assert report.due_by - report.interview_at == timedelta(hours=24)

    outline = _Outline()
    outline.feed(to_html(report))
    assert list(outline.sections) == ["strengths", "gaps", "plan", "aspirations", "agreements"]
    assert len(outline.sections["strengths"]) == 4 and len(outline.sections["gaps"]) == 2
    assert outline.sections["agreements"] == ["Mentor: Zhang, from April", "Management training in Q2"]
    assert any("<with markup>" in item for item in outline.sections["gaps"])  # escaped, then parsed back

    markdown = to_markdown(report)
    headings = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    assert len(headings) == 5
    assert markdown.count("\n- **") == 6 and "Li Na" in markdown.splitlines()[0]


def test_report_says_none_for_empty_sections():
    """Say 'none noted' rather than leave a section empty."""
    form = full_form()
    form.ratings = {k: Rating("good", v.evidence) for k, v in form.ratings.items()}
    form.actions = []
    report = build_report(form, "en")
    assert report.gaps == () and report.plan == ()
    assert "## Areas to improve\n\n- None noted" in to_markdown(report)


@pytest.mark.parametrize("months,every,expected", [(1, 1, 5), (2, 2, 5), (3, 4, 4)])
def test_followups_parse_as_icalendar(months, every, expected):
    """Write 1:1s over 1–3 months that a real iCalendar parser reads back, the last one a re-evaluation."""
    meetings = plan_followups(date(2025, 3, 8), months, every, time(15, 0), "李娜", ["辅导", "授权"], "zh-CN")
    cal = Calendar.from_ical(to_ics(meetings, "晋升跟进"))
    events = cal.walk("VEVENT")
    assert len(events) == expected == len(meetings)
    assert cal.get("version") == "2.0" and cal.walk("VTIMEZONE")
    starts = [e.decoded("dtstart") for e in events]
    assert all(s.weekday() < 5 and s.hour == 15 for s in starts)
    assert starts == sorted(starts)
    assert starts[-1] - starts[0] <= timedelta(days=31 * months)
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(minutes=30) for e in events)
    assert len({str(e.get("uid")) for e in events}) == len(events)
    assert "李娜" in str(events[0].get("summary")) and "辅导" in str(events[0].get("description"))
    assert "再评估" in str(events[-1].get("description"))


@pytest.mark.parametrize("bad", [{"months": 0}, {"months": 4}, {"every_weeks": 0}])
def test_followups_refuse_impossible_plans(bad):
    """Refuse follow-ups outside one to three months or with no cadence."""
    args = {"months": 2, "every_weeks": 2, **bad}
    with pytest.raises(ValueError):
        plan_followups(date(2025, 3, 3), args["months"], args["every_weeks"], time(9), "x", [], "en")


@pytest.mark.parametrize("lang", LANGS)
def test_prep_sheet_names_the_shift_and_its_month(lang):
    """Talk about the KPI that moved and the month it moved, and ask about it."""
    team = generate_team(11)
    events = team.agents[team.agents["event_kind"].notna() & team.agents["hired"].isna()]
    agent = events.iloc[0]
    facts = agent_facts(team, agent.agent_id)
    sheet = prep_sheet(facts, lang)
    fcr_moves = [m for m in facts.moves if m.kpi == "fcr"]
    assert fcr_moves, "the planted shift should be found"
    assert any(fcr_moves[0].month in point for point in sheet.talking_points)
    assert any(fcr_moves[0].month in q for q in sheet.questions)
    assert len(sheet.questions) >= 3 and all("{" not in q for q in sheet.questions)
