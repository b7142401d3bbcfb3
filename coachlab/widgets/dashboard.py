"""The facilitator dashboard: cohort per skill, question difficulty, score bands, who needs help, role-plays.

All numbers come from coachlab.grading.analytics; this module only lays them out in the chosen language. When one
hub serves several cohorts (coachlab.hub.cohorts), a chooser picks one and everything shown is that cohort's.
"""

from __future__ import annotations

import html
import math
from typing import Any, Callable, Iterable

import ipywidgets as widgets
import pandas as pd

from coachlab.i18n import t

from .page import LanguageSwitch, safe, setup_page

STYLE = """
<style>
.coachlab-dashboard { max-width: 1000px; font-family: "Noto Sans CJK SC", "Noto Sans SC", system-ui, sans-serif; }
.coachlab-dashboard h1 { font-size: 26px; margin: 6px 0; }
.coachlab-dashboard h2 { font-size: 18px; margin: 18px 0 6px; }
.coachlab-dashboard table { border-collapse: collapse; font-size: 13px; }
.coachlab-dashboard td, .coachlab-dashboard th { padding: 3px 10px; border-bottom: 1px solid #e4e7eb; text-align: left; }
.coachlab-dashboard .bar { display: inline-block; height: 12px; background: #3f7cac; vertical-align: middle; }
.coachlab-dashboard .empty { color: #52606d; font-style: italic; }
.coachlab-dashboard img.coachlab-chart { display: block; max-width: 100%; height: auto; margin: 6px 0 10px; }
.coachlab-dashboard .note { color: #52606d; font-size: 13px; margin: 0 0 14px; }
.coachlab-dashboard .lead { color: #52606d; font-size: 13px; }
.coachlab-replay-turn { border: 1px solid #d9e2ec; border-left: 4px solid #a0aec0; border-radius: 6px; padding: 6px 10px;
  margin: 8px 0; max-width: 900px; background: #fff; font-size: 14px; line-height: 1.5; }
.coachlab-replay-turn.q-best { border-left-color: #2f855a; }
.coachlab-replay-turn.q-other { border-left-color: #d69e2e; }
.coachlab-replay-turn.q-wrong, .coachlab-replay-turn.q-fallback { border-left-color: #c53030; }
.coachlab-replay-turn.q-retry { border-left-color: #dd6b20; }
.coachlab-replay-turn .stage { color: #52606d; font-size: 12px; font-weight: 600; }
.coachlab-replay-turn .msg { display: flex; gap: 10px; margin: 3px 0; }
.coachlab-replay-turn .who { flex: 0 0 7.5em; color: #52606d; font-size: 13px; }
.coachlab-replay-turn .me { background: #f0f4f8; border-radius: 4px; padding: 2px 0; }
.coachlab-replay-turn mark { background: #fff3bf; padding: 0 2px; border-radius: 2px; }
.coachlab-replay-turn .counted { font-size: 13px; }
.coachlab-replay-turn .better { font-size: 13px; color: #2f855a; }
.coachlab-replay-ending { border-radius: 6px; padding: 6px 10px; margin: 8px 0; max-width: 900px; background: #f0f4f8; }
.coachlab-disputes { max-width: 1000px; }
.coachlab-disputes h2 { font-size: 18px; margin: 18px 0 6px; }
.coachlab-disputes .lead { color: #52606d; font-size: 13px; line-height: 1.5; margin: 0 0 6px; }
.coachlab-dispute-card { border: 1px solid #d9e2ec; border-left: 4px solid #f0b429; border-radius: 6px;
  padding: 8px 12px; margin: 8px 0; background: #fff; max-width: 960px; }
.coachlab-dispute-card .meta { color: #52606d; font-size: 13px; }
.coachlab-dispute-card .rows { margin: 6px 0; font-size: 14px; line-height: 1.5; }
.coachlab-dispute-card .row { display: flex; gap: 12px; margin: 2px 0; }
.coachlab-dispute-card .row .k { flex: 0 0 9.5em; color: #52606d; white-space: nowrap; }
.coachlab-dispute-card .row .v { flex: 1 1 auto; min-width: 0; }
.coachlab-dispute-card .said { display: block; background: #f8fafc; padding: 2px 6px; border-radius: 3px;
  white-space: pre-wrap; }
.coachlab-dispute-card .disputed { background: #fff3bf; font-weight: 600; padding: 0 3px; border-radius: 3px; }
.coachlab-dispute-card .verdicts span { display: inline-block; margin: 0 10px 2px 0; }
.coachlab-dispute-result { color: #1e7b34; font-weight: 600; }
</style>
"""


def _table(frame: pd.DataFrame, columns: dict[str, str], lang: str, bar: str | None = None, scale: float = 1.0,
           labels: dict[str, Callable[[Any], str]] | None = None) -> str:
    """Return ``frame`` as an HTML table with translated headers; ``bar`` draws a bar for that column.

    ``labels`` maps a column to a function that turns its values (slugs, status words) into words for people.
    """
    head = "".join(f"<th>{html.escape(t(f'dashboard.col.{key}', lang))}</th>" for key in columns.values())
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for column in columns:
            value = record.get(column)
            text = f"{value:g}" if isinstance(value, float) else str(value)
            if labels and column in labels:
                text = labels[column](value)
            if column == bar and isinstance(value, (int, float)):
                text = f'<span class="bar" style="width:{max(2, int(value * scale))}px"></span> {html.escape(text)}'
            else:
                text = html.escape(text)
            cells.append(f"<td>{text}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


class Names:
    """Words for people instead of slugs: exercise, question and role-play titles, skills, turns, options."""

    def __init__(self, lang: str):
        from coachlab.paths import course_root
        from coachlab.scenarios import load_all

        self.lang = lang
        self.scenarios = load_all(course_root())[0]
        self._exercises: dict[str, Any] = {}

    def exercise(self, slug: str):
        """Return the exercise ``slug`` (None when it no longer loads)."""
        if slug not in self._exercises:
            from coachlab.grading.course import load_exercise

            try:
                self._exercises[slug] = load_exercise(str(slug))
            except (OSError, ValueError):
                self._exercises[slug] = None
        return self._exercises[slug]

    def exercise_title(self, slug: Any) -> str:
        exercise = self.exercise(str(slug))
        return exercise.title(self.lang) if exercise else str(slug)

    def question_title(self, slug: Any, question: Any) -> str:
        exercise = self.exercise(str(slug))
        for spec in (exercise.questions if exercise else ()):
            if spec.get("name") == question:
                prompt = str((spec.get("prompt") or {}).get(self.lang) or question)
                return prompt.rstrip(":：").strip()
        return str(question)

    def scenario_title(self, sid: Any) -> str:
        scenario = self.scenarios.get(str(sid))
        return scenario.text("title", self.lang) if scenario else str(sid)

    def exercise_skill(self, skill: Any) -> str:
        try:
            return t(f"skill.{skill}", self.lang)
        except Exception:  # a skill the catalog does not name yet: its slug is name enough
            return str(skill)

    def roleplay_skill(self, skill: Any) -> str:
        for scenario in self.scenarios.values():
            spec = (scenario.data.get("debrief") or {}).get(str(skill))
            if spec:
                return (spec.get("label") or {}).get(self.lang) or str(skill)
        return str(skill)

    def turn(self, sid: str, node: str) -> str:
        scenario = self.scenarios.get(sid)
        spec = scenario.nodes.get(node, {}) if scenario else {}
        return (spec.get("stage") or {}).get(self.lang) or node

    def way(self, sid: str, node: str, picked: str, quality: str) -> str:
        """Return words for a way out of a turn: an option's text, an intent's coaching note's first sentence."""
        scenario = self.scenarios.get(sid)
        if scenario is None:
            return picked
        if node == "end":
            return (scenario.endings.get(picked, {}).get("title") or {}).get(self.lang) or picked
        if quality in ("retry", "fallback"):
            return t(f"dashboard.quality.{quality}", self.lang)
        for edge in scenario.edges(node) if node in scenario.nodes else ():
            if edge.id == picked:
                words = edge.body.get("text") or edge.body.get("feedback") or {}
                return " ".join(str(words.get(self.lang) or picked).split())
        return picked


def _pct(value: Any) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{float(value):.0f}%"


def _section(key: str, body: str, lang: str) -> str:
    return f'<section class="coachlab-{key.replace(".", "-")}"><h2>{html.escape(t(key, lang))}</h2>{body}</section>'


def _empty(key: str, lang: str, **params: Any) -> str:
    return f'<p class="empty">{html.escape(t(key, lang, **params))}</p>'


def head_html(lang: str) -> str:
    """Return the dashboard's title and lead."""
    return (STYLE + f"<h1>{html.escape(t('dashboard.title', lang))}</h1>"
            f"<p>{html.escape(t('dashboard.lead', lang))}</p>")


def roleplay_skill_rows(attempts: list[Any], names: Names) -> list[tuple[str, float, int]]:
    """Return (label, mean of each learner's best percent, learners) per role-play skill."""
    from coachlab.grading import analytics

    progress = analytics.skill_progress(analytics.roleplay_attempts(attempts))
    rows = []
    if progress.empty:
        return rows
    for skill, group in progress.groupby("skill", sort=True):
        best = group.groupby("learner")["best"].max()
        rows.append((t("dashboard.chart.roleplay_skill", names.lang, skill=names.roleplay_skill(skill)),
                     round(float(best.mean()), 1), int(best.size)))
    return rows


def flow_html(sid: str, attempts: list[Any], names: Names) -> str:
    """Return one role-play's flow chart and the turn where most learners missed the best way."""
    from coachlab.grading import analytics

    from . import charts

    lang = names.lang
    scenario = names.scenarios[sid]
    frame = analytics.roleplay_flow(scenario, attempts)
    turns = []
    for (position, node), group in frame.groupby(["position", "node"], sort=True):
        name = t("dashboard.chart.endings", lang) if node == "end" else f"{position + 1}. {names.turn(sid, node)}"
        ways = [(names.way(sid, node, r.picked, r.quality), r.quality, int(r.learners)) for r in group.itertuples()]
        turns.append((name, int(group["reached"].iloc[0]), ways))
    legend = {q: t(f"dashboard.quality.{q}", lang) for q in (*analytics.QUALITIES, "good", "mixed", "poor")}
    chart = charts.flow(turns, t("dashboard.chart.flow", lang, title=names.scenario_title(sid)), legend,
                        t("dashboard.chart.learners", lang))
    steps = frame[frame["node"] != "end"]
    missed = []
    for (_, node), group in steps.groupby(["position", "node"], sort=True):
        wrong, reached = int(group["missed"].iloc[0]), int(group["reached"].iloc[0])
        if wrong:
            missed.append((wrong, reached, node))
    if missed:
        count, reached, node = max(missed, key=lambda m: (m[0] / max(m[1], 1), m[0]))
        note = t("dashboard.flow.missed", lang, turn=names.turn(sid, node), count=count, reached=reached)
    else:
        note = t("dashboard.flow.all_best", lang)
    return (f'<div class="coachlab-flow" data-scenario="{html.escape(sid)}">{chart}'
            f'<p class="note">{html.escape(note)}</p></div>')


def dashboard_html(grades: pd.DataFrame, attempts: Iterable[Any], lang: str, head: bool = True) -> str:
    """Return the cohort view for the export frame and role-play attempts, in ``lang``.

    ``grades["learner"]`` should already hold the names learners used (see ``Dashboard.render``).
    """
    from coachlab.grading import analytics

    from . import charts

    attempts = list(attempts)
    names = Names(lang)
    state = lambda v: t(f"dashboard.state.{v}", lang)  # noqa: E731 - one-line label functions
    reason = lambda v: t(f"dashboard.reason.{v}", lang)  # noqa: E731
    parts = [head_html(lang)] if head else [STYLE]
    roleplay_rows = roleplay_skill_rows(attempts, names)
    skills = analytics.skill_summary(grades) if not grades.empty else pd.DataFrame()
    rows = [(names.exercise_skill(r.skill), float(r.mean_percent), int(r.learners)) for r in skills.itertuples()]
    rows += roleplay_rows
    threshold = f"{analytics.HELP_THRESHOLD:g}"
    if rows:
        chart = charts.skill_profile(rows, t("dashboard.chart.skills", lang), analytics.HELP_THRESHOLD,
                                     t("dashboard.chart.threshold", lang, percent=threshold),
                                     t("dashboard.chart.percent_axis", lang))
        table = _table(skills, {"skill": "skill", "learners": "learners", "mean_percent": "mean",
                                "below_percent": "below"}, lang,
                       labels={"skill": names.exercise_skill, "mean_percent": _pct, "below_percent": _pct}) \
            if not skills.empty else ""
        parts.append(_section("dashboard.skills", chart + table, lang))
    if grades.empty:
        parts.append(f'<p class="empty">{html.escape(t("dashboard.no_grades", lang))}</p>')
    else:
        bands = analytics.score_distribution(grades)
        panels = [(names.exercise_title(slug), list(zip(group["band"], group["learners"].astype(int))))
                  for slug, group in bands.groupby("assignment", sort=True)]
        parts.append(_section("dashboard.distribution", charts.distributions(
            panels, t("dashboard.chart.distribution", lang), t("dashboard.chart.band_axis", lang),
            t("dashboard.chart.learners_axis", lang)), lang))
        questions = analytics.question_difficulty(grades)
        questions = questions.assign(question=[names.question_title(a, q) for a, q in
                                               zip(questions["assignment"], questions["question"])])
        parts.append(_section("dashboard.questions", _table(questions, {"assignment": "assignment",
                              "question": "question", "submissions": "submissions", "mean_percent": "mean"}, lang,
                              labels={"assignment": names.exercise_title, "mean_percent": _pct}), lang))
        helpers = analytics.needs_help(grades)
        body = _table(helpers, {"learner": "learner", "assignment": "assignment", "percent": "percent",
                                "status": "status", "reason": "reason"}, lang,
                      labels={"assignment": names.exercise_title, "percent": _pct, "status": state,
                              "reason": reason}) if not helpers.empty else \
            _empty("dashboard.help.nobody", lang, percent=threshold)
        parts.append(_section("dashboard.help", body, lang))
    played = sorted({a.item_id for a in analytics.roleplay_attempts(attempts)})
    if not played:
        parts.append(_section("dashboard.paths", _empty("dashboard.no_roleplays", lang), lang))
    else:
        flows = []
        for sid in played:
            if sid in names.scenarios:
                flows.append(flow_html(sid, attempts, names))
            else:  # a role-play that no longer loads: its steps as recorded, in the order learners met them
                steps = analytics.path_counts([a for a in attempts if a.item_id == sid])
                flows.append(f"<h3>{html.escape(sid)}</h3>" + _table(steps, {"step": "step", "attempts": "attempts"},
                                                                     lang))
        parts.append(_section("dashboard.paths", "".join(flows), lang))
        progress = analytics.skill_progress(analytics.roleplay_attempts(attempts))
        parts.append(_section("dashboard.progress", _table(progress, {"learner": "learner", "scenario": "scenario",
                              "skill": "skill", "first": "first", "best": "best", "lift": "lift"}, lang,
                              labels={"skill": names.roleplay_skill, "scenario": names.scenario_title,
                                      "first": _pct, "best": _pct, "lift": _lift}), lang))
    return "".join(parts)


def _lift(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{float(value):+.0f}" if value else "0"


# --- one learner ----------------------------------------------------------------------------------------------

def learner_names(grades: pd.DataFrame, attempts: Iterable[Any]) -> list[str]:
    """Return every learner with a graded exercise or a role-play attempt, sorted."""
    from coachlab.grading import analytics

    found = set(grades["learner"]) if not grades.empty and "learner" in grades else set()
    found |= {a.learner_id for a in analytics.roleplay_attempts(attempts)}
    return sorted(str(name) for name in found)


def learner_html(learner: str, grades: pd.DataFrame, attempts: Iterable[Any], names: Names) -> str:
    """Return one learner's exercises (scores) and role-plays (first, best, lift)."""
    from coachlab.grading import analytics

    lang = names.lang
    state = lambda v: t(f"dashboard.state.{v}", lang)  # noqa: E731
    exercises = analytics.learner_exercises(grades, learner)
    if exercises.empty:
        first = _empty("dashboard.learner.no_exercises", lang)
    else:
        if {"score", "max_score"} <= set(exercises.columns):
            exercises = exercises.assign(score=[f"{s:g} / {m:g}" for s, m in zip(exercises["score"],
                                                                                 exercises["max_score"])])
        first = _table(exercises, {"assignment": "assignment", "score": "score", "percent": "percent",
                                   "status": "status"}, lang,
                       labels={"assignment": names.exercise_title, "percent": _pct, "status": state})
    roleplays = analytics.learner_roleplays(attempts, learner)
    if roleplays.empty:
        second = _empty("dashboard.learner.no_roleplays", lang)
    else:
        roleplays = roleplays.assign(ending=[names.way(sid, "end", str(e), "") if e else "—"
                                             for sid, e in zip(roleplays["scenario"], roleplays["ending"])])
        second = _table(roleplays, {"scenario": "scenario", "attempts": "attempts", "first": "first", "best": "best",
                                    "lift": "lift", "ending": "ending"}, lang,
                        labels={"scenario": names.scenario_title, "first": _pct, "best": _pct, "lift": _lift})
    return (STYLE + f'<h2 class="coachlab-learner-name">{html.escape(learner)}</h2>'
            + _section("dashboard.learner.exercises", first, lang)
            + _section("dashboard.learner.roleplays", second, lang))


def attempt_choices(learner: str, attempts: Iterable[Any], names: Names) -> list[tuple[str, int]]:
    """Return (words, attempt id) for each of the learner's role-play attempts, newest first."""
    from datetime import datetime

    from coachlab.grading import analytics

    mine = [a for a in analytics.roleplay_attempts(attempts) if a.learner_id == learner]
    mine.sort(key=lambda a: (a.created_at, a.id or 0))
    count: dict[str, int] = {}
    choices = []
    for attempt in mine:
        count[attempt.item_id] = count.get(attempt.item_id, 0) + 1
        when = datetime.fromtimestamp(attempt.created_at).strftime("%Y-%m-%d %H:%M")
        choices.append((t("dashboard.learner.attempt", names.lang, title=names.scenario_title(attempt.item_id),
                          n=count[attempt.item_id], when=when, percent=_pct(analytics.attempt_percent(attempt))),
                        int(attempt.id or 0)))
    return choices[::-1]


def evidence_label(element: str, lang: str) -> str:
    """Return the name learners see for an evidence span's element or pitfall (the word itself if none)."""
    from coachlab.i18n import MissingMessage

    from .player import element_label

    try:
        return t(f"checkpad.pitfall.{element}", lang)
    except MissingMessage:
        return element_label(element, lang)


def _marked(text: str, evidence: list[dict[str, Any]], lang: str) -> str:
    """Return ``text`` with the evidence spans marked (each named by its element)."""
    spans = sorted((s for s in evidence if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)),
                   key=lambda s: s["start"])
    out, pos = [], 0
    for span in spans:
        start, end = span["start"], span["end"]
        if start < pos or end > len(text) or start >= end:
            continue
        label = evidence_label(str(span.get("element", "")), lang)
        out += [html.escape(text[pos:start]), f'<mark title="{html.escape(label)}">{html.escape(text[start:end])}</mark>']
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def replay_html(attempt: Any, names: Names, number: int | None = None) -> str:
    """Return a role-play attempt turn by turn as the learner saw it: the other person's line, what the learner
    said (evidence marked), what counted, and the coaching note; then the ending.

    Learner-facing texts are shown in the language the learner played in; the headings in the facilitator's.
    """
    from coachlab.grading import analytics

    lang = names.lang
    seen = attempt.lang if attempt.lang in ("en", "zh-CN") else lang
    scenario = names.scenarios.get(attempt.item_id)
    answers = attempt.answers if isinstance(attempt.answers, dict) else {}
    details = answers.get("details") if isinstance(answers.get("details"), dict) else {}
    persona = ((details.get("persona") or {}).get("name") or
               ((scenario.data.get("persona") or {}).get("name") if scenario else None) or {})
    other = persona.get(seen) or "—"
    title = ((details.get("title") or {}).get(lang) if details.get("title") else None) or names.scenario_title(
        attempt.item_id)
    head = (f'<h3>{html.escape(t("dashboard.replay.heading", lang, title=title, n=number or attempt.id))}</h3>'
            f'<p class="lead">{html.escape(t("dashboard.replay.shown_in", lang, language=t(f"dashboard.language.{seen}", lang)))}</p>')
    turns = analytics.replay_turns(attempt)
    if not turns:
        return head + _empty("dashboard.replay.no_turns", lang)
    parts = [head]
    colon = "：" if lang == "zh-CN" else ": "
    for turn in turns:
        line = (turn.get("line") or {}).get(seen, "")
        said = turn.get("said")
        said = said.get(seen, "") if isinstance(said, dict) else str(said or "")
        evidence = [s for s in turn.get("evidence") or [] if isinstance(s, dict)]
        stage = (turn.get("stage") or {}).get(seen) if isinstance(turn.get("stage"), dict) else None
        if turn.get("kind") == "choice":
            counted = html.escape(t("dashboard.replay.choice", lang))
        elif evidence:
            counted = "; ".join(f"{html.escape(evidence_label(str(s.get('element', '')), lang))}{colon}"
                                f"“{html.escape(str(s.get('text', '')))}”" for s in evidence)
        else:
            counted = html.escape(t("dashboard.replay.no_evidence", lang))
        retry = turn.get("retry") or turn.get("outcome") == "retry"
        note = (turn.get("feedback") or {}).get(seen, "")
        prefix = f'<b>{html.escape(t("dashboard.replay.try_again", lang))}</b> ' if retry else ""
        quality = analytics.step_quality(scenario, turn.get("node", ""), str(turn.get("option") or turn.get("picked")
                                         or turn.get("intent") or "fallback") + ("~retry" if retry else "")) \
            if scenario else "other"
        stronger = (turn.get("better") or {}).get(seen) if isinstance(turn.get("better"), dict) else None
        better = (f'<div class="msg better"><span class="who">{html.escape(t("dashboard.replay.better", lang))}</span>'
                  f'{html.escape(stronger)}</div>') if stronger and not turn.get("was_best") else ""
        parts.append(
            f'<div class="coachlab-replay-turn q-{quality}" data-turn="{int(turn.get("n") or 0)}">'
            f'<div class="stage">{html.escape(t("dashboard.replay.turn", lang, n=turn.get("n") or "?"))}'
            f'{(" · " + html.escape(stage)) if stage else ""}</div>'
            f'<div class="msg them"><span class="who">{html.escape(other)}</span>{html.escape(line)}</div>'
            f'<div class="msg me"><span class="who">{html.escape(t("dashboard.replay.said", lang))}</span>'
            f'{_marked(said, evidence, seen)}</div>'
            f'<div class="msg counted"><span class="who">{html.escape(t("dashboard.replay.evidence", lang))}</span>'
            f'{counted}</div>'
            f'<div class="msg coach"><span class="who">{html.escape(t("dashboard.replay.coach", lang))}</span>'
            f'{prefix}{html.escape(note)}</div>{better}</div>')
    ending_id = (details.get("ending") or {}).get("id") if isinstance(details.get("ending"), dict) else None
    ending_id = ending_id or answers.get("ending")
    if ending_id and scenario and ending_id in scenario.endings:
        spec = scenario.endings[ending_id]
        parts.append(f'<div class="coachlab-replay-ending q-{html.escape(spec["outcome"])}">'
                     f'<b>{html.escape(t("dashboard.replay.ending", lang, title=spec["title"][seen]))}</b>'
                     f'<p>{html.escape(spec["say"][seen])}</p></div>')
    return "".join(parts)


class LearnerPage(widgets.VBox):
    """Pick a learner: their exercises, role-plays with first/best/lift, and a replay of any role-play attempt."""

    def __init__(self, lang: str):
        self.lang = lang
        self.grades, self.attempts = pd.DataFrame(), []
        self.lead = widgets.HTML()
        self.picker = widgets.Dropdown(options=[], style={"description_width": "initial"},
                                       layout=widgets.Layout(width="auto", min_width="320px"))
        self.picker.add_class("coachlab-learner-picker")
        self.body = widgets.HTML()
        self.replay_head = widgets.HTML()
        self.attempt = widgets.Dropdown(options=[], layout=widgets.Layout(width="auto", min_width="520px"))
        self.attempt.add_class("coachlab-attempt-picker")
        self.replay = widgets.HTML()
        self.replay.add_class("coachlab-replay")
        self._quiet = False  # True while options are replaced, so the observers do not redraw halfway
        self.picker.observe(lambda _c: None if self._quiet else self.show_learner(), names="value")
        self.attempt.observe(lambda _c: None if self._quiet else self.show_replay(), names="value")
        super().__init__([self.lead, self.picker, self.body, self.replay_head, self.attempt, self.replay])
        self.add_class("coachlab-learner-page")

    def update(self, grades: pd.DataFrame, attempts: list[Any], lang: str) -> None:
        """Take the newest gradebook and records, keep the chosen learner, and redraw in ``lang``."""
        self.grades, self.attempts, self.lang = grades, attempts, lang
        self.names = Names(lang)
        self.picker.description = t("dashboard.learner.pick", lang)
        people = learner_names(grades, attempts)
        self.lead.value = STYLE + _empty("dashboard.learner.none", lang) if not people else \
            f'<p class="lead">{html.escape(t("dashboard.learner.lead", lang))}</p>'
        chosen = self.picker.value
        self._quiet = True
        try:
            self.picker.options = people
            self.picker.value = chosen if chosen in people else (people[0] if people else None)
        finally:
            self._quiet = False
        self.show_learner()

    def show_learner(self) -> None:
        """Show the chosen learner's exercises, role-plays and attempts to replay."""
        learner = self.picker.value
        if learner is None:
            self.body.value = self.replay_head.value = self.replay.value = ""
            self.attempt.layout.display = "none"
            return
        self.body.value = learner_html(learner, self.grades, self.attempts, self.names)
        choices = attempt_choices(learner, self.attempts, self.names)
        self.replay_head.value = (f'<section class="coachlab-dashboard-replay"><h2>'
                                  f'{html.escape(t("dashboard.learner.replay", self.lang))}</h2></section>') if choices else ""
        self.attempt.layout.display = "" if choices else "none"
        chosen = self.attempt.value
        ids = [c[1] for c in choices]
        self._quiet = True
        try:
            self.attempt.options = choices
            self.attempt.value = chosen if chosen in ids else (ids[0] if ids else None)
        finally:
            self._quiet = False
        self.show_replay()

    def show_replay(self) -> None:
        """Replay the chosen attempt turn by turn."""
        found = [a for a in self.attempts if a.id == self.attempt.value]
        if not found:
            self.replay.value = ""
            return
        attempt = found[0]
        same = sorted((a for a in self.attempts if a.learner_id == attempt.learner_id and a.item_id == attempt.item_id
                       and isinstance(a.answers, dict) and "path" in a.answers),
                      key=lambda a: (a.created_at, a.id or 0))
        number = next((i for i, a in enumerate(same, 1) if a.id == attempt.id), None)
        self.replay.value = replay_html(attempt, self.names, number)


def named_grades(grades: pd.DataFrame, course: Any) -> pd.DataFrame:
    """Return the export frame with nbgrader ids replaced by the names learners used."""
    if grades.empty or "learner" not in grades:
        return grades
    return grades.assign(learner=[course.learner_name(str(s)) for s in grades["learner"]])


def facilitator_name() -> str:
    """Return who decides disputes: the JupyterHub user, else the system user, else "facilitator"."""
    import os

    return os.environ.get("JUPYTERHUB_USER") or os.environ.get("USER") or "facilitator"


def where_words(dispute: Any, lang: str) -> str:
    """Return where a dispute was raised, by the names learners see (the slug when nothing names it).

    An exercise question by its prompt, a role-play turn by its number and stage (``node#n`` in the record).
    """
    item, place = dispute.item_id, dispute.place
    if item == "practice-pad":
        return t(f"checkpad.kind.{dispute.kind}", lang)
    title = item
    try:
        from coachlab.grading.course import load_exercise

        title = load_exercise(item).title(lang)
        if place:
            place = Names(lang).question_title(item, place)
    except (OSError, ValueError):
        try:
            from coachlab.paths import course_root
            from coachlab.scenarios import load_scenario

            scenario = load_scenario(course_root(), item)[0]
            if scenario is not None:
                title = scenario.text("title", lang)
                node, _, number = str(place or "").partition("#")
                if node in scenario.nodes:
                    stage = (scenario.nodes[node].get("stage") or {}).get(lang)
                    turn = t("dashboard.replay.turn", lang, n=number) if number else ""
                    place = " · ".join(filter(None, [turn, stage])) or place
        except Exception:  # a scenario that no longer loads: its id is name enough
            pass
    return t("dashboard.dispute.place", lang, item=title, place=place) if place else title


def dispute_html(dispute: Any, lang: str) -> str:
    """Return one open dispute as HTML: who, where, which check, the text, the verdict in words, the note."""
    from datetime import datetime

    from .dispute import label_name, verdict_words

    unsure = set((dispute.verdict or {}).get("unsure") or ())
    verdicts = []
    for name, words in verdict_words(dispute.kind, dispute.verdict, lang):
        cls = ' class="disputed"' if name == dispute.label else ""
        mark = " ?" if name in unsure else ""
        verdicts.append(f'<span data-label="{html.escape(name)}"{cls}>{html.escape(words + mark)}</span>')
    where = where_words(dispute, lang)
    label = label_name(dispute.kind, dispute.label, lang) if dispute.label else t("dashboard.dispute.whole", lang)
    when = datetime.fromtimestamp(dispute.created_at).strftime("%Y-%m-%d %H:%M")
    rows = [("learner", html.escape(dispute.learner_id)), ("where", html.escape(where)),
            ("kind", html.escape(t(f"dashboard.dispute.kind.{dispute.kind}", lang))),
            ("text", f'<span class="said">{html.escape(dispute.text)}</span>')]
    if dispute.context:
        rows.append(("context", f'<span class="said">{html.escape(dispute.context)}</span>'))
    rows += [("verdict", f'<span class="verdicts">{"".join(verdicts)}</span>'),
             ("label", f'<span class="disputed">{html.escape(label)}</span>'),
             ("note", html.escape(dispute.note) if dispute.note else "—")]
    body = "".join(f'<div class="row" data-row="{key}"><span class="k">{html.escape(t(f"dashboard.dispute.{key}", lang))}'
                   f'</span><span class="v">{value}</span></div>' for key, value in rows)
    return f'<div class="meta">#{dispute.id} · {html.escape(when)}</div><div class="rows">{body}</div>'


class DisputeCard(widgets.VBox):
    """One open dispute with Keep the verdict / Overturn…, and the label editor an overturn opens."""

    def __init__(self, dispute: Any, lang: str, resolve: Callable[[Any, str, dict | None], str]):
        from coachlab.progress.disputes import CHOICES, LABELS, disputed_default

        from .dispute import label_name, value_words

        self.dispute, self.lang, self._resolve = dispute, lang, resolve
        self.info = widgets.HTML(dispute_html(dispute, lang))
        self.keep = widgets.Button(description=t("dashboard.dispute.confirm", lang), icon="check",
                                   layout=widgets.Layout(width="auto"))
        self.keep.add_class("coachlab-dispute-confirm")
        self.overturn = widgets.Button(description=t("dashboard.dispute.overturn", lang), icon="undo",
                                       button_style="warning", layout=widgets.Layout(width="auto"))
        self.overturn.add_class("coachlab-dispute-overturn")
        start = disputed_default(dispute.kind, dispute.verdict, dispute.label)
        self.fields: dict[str, widgets.Widget] = {}
        for name in LABELS[dispute.kind]:
            choices = CHOICES.get((dispute.kind, name))
            if choices:
                field = widgets.Dropdown(options=[(value_words(v, lang), v) for v in choices], value=start[name],
                                         description=label_name(dispute.kind, name, lang),
                                         style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
            else:
                field = widgets.Checkbox(value=bool(start[name]), description=label_name(dispute.kind, name, lang),
                                         indent=False, layout=widgets.Layout(width="auto", margin="0 14px 0 0"))
            field.add_class(f"coachlab-label-{name}")
            self.fields[name] = field
        self.save = widgets.Button(description=t("dashboard.dispute.save", lang), button_style="danger", icon="save",
                                   layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.save.add_class("coachlab-dispute-save")
        self.editor = widgets.VBox([widgets.HTML(f'<b>{html.escape(t("dashboard.dispute.set_labels", lang))}</b>'),
                                    widgets.HBox(list(self.fields.values()), layout=widgets.Layout(flex_flow="row wrap")),
                                    self.save], layout=widgets.Layout(display="none"))
        self.editor.add_class("coachlab-dispute-editor")
        self.result = widgets.HTML()
        self.result.add_class("coachlab-dispute-result")
        errors = widgets.HTML()
        lang_of = lambda: self.lang  # noqa: E731
        self.keep.on_click(safe(lambda _b: self.decide("confirmed"), lang_of, errors))
        self.overturn.on_click(safe(lambda _b: self._open_editor(), lang_of, errors))
        self.save.on_click(safe(lambda _b: self.decide("overturned"), lang_of, errors))
        self.buttons = widgets.HBox([self.keep, self.overturn])
        super().__init__([self.info, self.buttons, self.editor, self.result, errors])
        self.add_class("coachlab-dispute-card")
        self._dom_id(dispute.id)

    def _dom_id(self, row: int) -> None:
        self.add_class(f"coachlab-dispute-{row}")

    def _open_editor(self) -> None:
        self.editor.layout.display = ""

    def corrected(self) -> dict[str, Any]:
        """Return every label as the facilitator says it should be (the contract's ``corrected``)."""
        return {name: field.value for name, field in self.fields.items()}

    def decide(self, status: str) -> str:
        """Keep or overturn the verdict; show and return what happened."""
        message = self._resolve(self.dispute, status, self.corrected() if status == "overturned" else None)
        self.buttons.layout.display = self.editor.layout.display = "none"
        self.result.value = f'<p role="status">{html.escape(message)}</p>'
        return message


class DisputeReview(widgets.VBox):
    """The facilitator's list of open disputes (of the cohort ``cohort_id``; None: all), a decision per dispute."""

    def __init__(self, lang: str, course=None, store_path=None, cohort_id: str | None = None):
        self.lang, self.course, self.store_path, self.cohort_id = lang, course, store_path, cohort_id
        self.head = widgets.HTML()
        self.cards: list[DisputeCard] = []
        super().__init__([self.head])
        self.add_class("coachlab-disputes")
        self.render(lang)

    def _store(self):
        from coachlab.progress import open_store

        return open_store(self.store_path)

    def render(self, lang: str) -> None:
        """Read the open disputes again and lay them out in ``lang``."""
        self.lang = lang
        store = self._store()
        try:
            open_ones = store.disputes(status="open", course=self.cohort_id)
        finally:
            store.close()
        empty = f'<p class="empty">{html.escape(t("dashboard.disputes.none", lang))}</p>' if not open_ones else ""
        self.head.value = (f'<h2>{html.escape(t("dashboard.disputes", lang))} ({len(open_ones)})</h2>'
                           f'<p class="lead">{html.escape(t("dashboard.disputes.lead", lang))}</p>{empty}')
        self.cards = [DisputeCard(d, lang, self.resolve) for d in reversed(open_ones)]
        self.children = [self.head, *self.cards]

    def resolve(self, dispute: Any, status: str, corrected: dict | None) -> str:
        """Record the decision; for an overturn in a graded exercise, update the gradebook too."""
        from coachlab.progress.store import DisputeError

        who = facilitator_name()
        store = self._store()
        try:
            done = store.resolve_dispute(dispute.id, status, who, corrected)
        except DisputeError as exc:
            return exc.message(self.lang)
        finally:
            store.close()
        if status == "confirmed":
            return t("dashboard.dispute.confirmed", self.lang, id=done.id)
        from coachlab.progress.disputes import changed_labels

        from .dispute import label_name, value_words

        now = ", ".join(f"{label_name(done.kind, name, self.lang)} → {value_words(value, self.lang)}"
                        for name, value in changed_labels(done).items())
        sep = "" if self.lang == "zh-CN" else " "  # Chinese sentences follow each other without a space
        message = t("dashboard.dispute.overturned", self.lang, id=done.id) + sep + t(
            "dashboard.dispute.now", self.lang, labels=now)
        if self.course is not None:
            from coachlab.grading.override import apply_override

            # Earlier overturns of the same answer still hold: the new labels go over theirs.
            store = self._store()
            try:
                same = [d for d in store.disputes(learner_id=done.learner_id, status="overturned", item_id=done.item_id)
                        if d.place == done.place and d.text == done.text and d.kind == done.kind]
            finally:
                store.close()
            merged: dict[str, Any] = {}
            for earlier in sorted(same, key=lambda d: (d.resolved_at or 0, d.id or 0)):
                merged.update(changed_labels(earlier))
            message = sep.join(filter(None, [message, apply_override(self.course, done, merged, who)
                                             .message(self.lang)]))
        return message


def cohort_choices(store: Any) -> list[str]:
    """Return the cohorts a facilitator may choose: those the hub serves (``COACHLAB_COHORTS``, the default first),
    then any other that has records."""
    from coachlab.hub.cohorts import configured_cohorts

    known = configured_cohorts()
    return known + [course for course in store.courses() if course not in known]


class Dashboard(widgets.VBox):
    """The dashboard page: a language switch, Refresh, the cohort chooser (with more than one cohort), and two
    tabs: the cohort (disputes, charts, tables) and one learner (their work and a replay of any role-play attempt)."""

    def __init__(self, lang: str, course=None, store_path=None):
        from coachlab.grading.course import Course

        self.course = course or Course.default()
        self.store_path = store_path
        self.switch = LanguageSwitch(lang)
        self.refresh = widgets.Button(icon="refresh", description=t("dashboard.refresh", lang))
        self.refresh.add_class("coachlab-refresh")
        self.cohort = widgets.Dropdown(options=[], style={"description_width": "initial"},
                                       layout=widgets.Layout(width="auto", min_width="240px", display="none"))
        self.cohort.add_class("coachlab-cohort-picker")
        self._choosing = False  # True while the chooser's options are replaced
        self.head = widgets.HTML()
        self.disputes = DisputeReview(lang, self.course, store_path)
        self.body = widgets.HTML()
        self.learner = LearnerPage(lang)
        self.tabs = widgets.Tab(children=[widgets.VBox([self.disputes, self.body]), self.learner])
        self.tabs.add_class("coachlab-dashboard-tabs")
        self._errors = widgets.Output()
        self.refresh.on_click(safe(lambda _b: self.render(), lambda: self.switch.value, self._errors))
        self.switch.observe(lambda _c: self.render(), names="value")
        self.cohort.observe(lambda _c: None if self._choosing else self.render(), names="value")
        super().__init__([self.switch, widgets.HBox([self.refresh, self.cohort]), self.head, self.tabs, self._errors])
        self.add_class("coachlab-dashboard")
        self.render()

    def render(self) -> None:
        """Read the gradebook and the learner records again and redraw."""
        from coachlab.grading.export import gradebook_frame
        from coachlab.progress import open_store

        lang = self.switch.value
        self.refresh.description = t("dashboard.refresh", lang)
        grades = gradebook_frame(self.course)
        store = open_store(self.store_path)
        try:
            cohort = self.choose_cohort(cohort_choices(store), lang)
            attempts = store.attempts(course=cohort)
            if self.cohort.layout.display != "none":  # several cohorts: the grades of this one's learners only
                from coachlab.grading.export import course_learners, in_course

                grades = in_course(grades, course_learners(store, cohort))
        finally:
            store.close()
        grades = named_grades(grades, self.course)
        showing = "" if self.cohort.layout.display == "none" else \
            f'<p class="lead coachlab-cohort-note">{html.escape(t("dashboard.cohort.showing", lang, course=cohort))}</p>'
        self.head.value = head_html(lang) + showing
        self.tabs.titles = (t("dashboard.tab.cohort", lang), t("dashboard.tab.learner", lang))
        self.disputes.cohort_id = cohort
        self.disputes.render(lang)
        self.body.value = dashboard_html(grades, attempts, lang, head=False)
        self.learner.update(grades, attempts, lang)


    def choose_cohort(self, courses: list[str], lang: str) -> str:
        """Offer ``courses`` in the chooser (shown only when there is more than one), keep the chosen one if it is
        still offered, and return the cohort to show."""
        chosen = self.cohort.value if self.cohort.value in courses else courses[0]
        self._choosing = True
        try:
            self.cohort.description = t("dashboard.cohort", lang)
            if list(self.cohort.options) != courses:
                self.cohort.options = courses
            self.cohort.value = chosen
        finally:
            self._choosing = False
        self.cohort.layout.display = "" if len(courses) > 1 else "none"
        return chosen


def dashboard(lang: str | None = None, course_dir: str | None = None) -> Dashboard:
    """Return the facilitator dashboard for the course gradebook; the notebook's last line shows it."""
    from pathlib import Path

    from coachlab.grading.course import Course

    course = Course(Path(course_dir).resolve()) if course_dir else None
    return Dashboard(setup_page(lang), course)
