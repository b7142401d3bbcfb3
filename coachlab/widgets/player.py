"""The role-play player: persona card, chat transcript, options or a text box, and the debrief.

All decisions come from ``coachlab.scenarios.engine``; this module renders HTML from engine data
(pure functions, tested without a browser) and wires buttons to engine steps. Attempts go to the
learner records; the in-progress session is kept so a learner can leave and resume.
"""

from __future__ import annotations

import html
import os
from typing import Any, Callable, Mapping

import ipywidgets as widgets

from coachlab.i18n import MissingMessage, t
from coachlab.scenarios import engine
from coachlab.scenarios.model import Scenario

from .dispute import DisputeBox
from .page import LanguageSwitch, LearnerField, query_param, safe, setup_page

STYLE = """
<style>
.coachlab-player { max-width: 860px; font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
  "Microsoft YaHei", system-ui, sans-serif; color: #1f2933; }
.coachlab-player h2 { font-size: 22px; margin: 6px 0; }
.coachlab-player h3 { font-size: 17px; margin: 14px 0 6px; }
.cl-card { border: 1px solid #d9e2ec; border-radius: 8px; padding: 12px 16px; background: #f8fafc; line-height: 1.6; }
.cl-card table, .cl-debrief table { border-collapse: collapse; margin-top: 6px; }
.cl-card td, .cl-card th, .cl-debrief td, .cl-debrief th { border-bottom: 1px solid #e4e7eb; padding: 4px 10px;
  text-align: left; vertical-align: top; }
.cl-chat { display: flex; flex-direction: column; gap: 6px; margin: 8px 0; }
.cl-msg { max-width: 78%; padding: 8px 12px; border-radius: 12px; line-height: 1.55; white-space: pre-wrap; }
.cl-them { align-self: flex-start; background: #eef2f7; }
.cl-me { align-self: flex-end; background: #d6ecff; }
.cl-coach { align-self: stretch; background: #fff8e1; border-left: 4px solid #f0b429; font-size: 14px; border-radius: 4px; }
.cl-note { color: #52606d; font-style: italic; }
.cl-stage { color: #7b8794; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin-top: 8px; }
.cl-who { font-weight: 600; font-size: 12px; color: #52606d; display: block; }
.cl-band-needs_work { color: #c0392b; font-weight: 600; }
.cl-band-developing { color: #b7791f; font-weight: 600; }
.cl-band-proficient { color: #2f855a; font-weight: 600; }
.cl-evidence mark { background: #fff3bf; }
.cl-meters span { display: inline-block; margin-right: 14px; font-size: 13px; }
.cl-ending { border-radius: 8px; padding: 10px 14px; margin: 8px 0; }
.cl-outcome-good { background: #e3f9e5; } .cl-outcome-mixed { background: #fffbea; } .cl-outcome-poor { background: #ffe3e3; }
.cl-notice { color: #b7791f; font-size: 14px; }
.cl-ask { align-self: stretch; background: #fff3c4; border-left: 4px solid #de911d; border-radius: 4px; font-size: 14px; }
.cl-asked { color: #8d5a00; font-size: 13px; }
</style>
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def _said(turn: Mapping[str, Any], lang: str) -> str:
    said = turn.get("said")
    return said.get(lang, "") if isinstance(said, Mapping) else str(said or "")


def render_persona(scenario: Scenario, lang: str) -> str:
    """Return the persona card: who the other party is, their background and KPI snapshot."""
    persona = scenario.data["persona"]
    rows = "".join(
        f"<tr><td>{_e(k['label'][lang])}</td><td><b>{_e(k['value'])}</b></td><td>{_e(k.get('target', ''))}</td></tr>"
        for k in persona.get("kpis", ()))
    table = (f"<table><tr><th>{_e(t('player.persona.kpi', lang))}</th><th>{_e(t('player.persona.value', lang))}</th>"
             f"<th>{_e(t('player.persona.target', lang))}</th></tr>{rows}</table>") if rows else ""
    skills = " · ".join(_e(scenario.data["debrief"][s]["label"][lang]) for s in scenario.skills)
    colon = "：" if lang == "zh-CN" else ": "
    return (f'<div class="cl-card coachlab-persona"><h3>{_e(t("player.persona.heading", lang))}{colon}'
            f'{_e(persona["name"][lang])}</h3><div><i>{_e(persona["role"][lang])}</i></div>'
            f'<p>{_e(persona["background"][lang])}</p>{table}'
            f'<p class="cl-note">{_e(t("player.skills", lang, skills=skills))} · '
            f'{_e(t("scenarios.minutes", lang, minutes=scenario.data["minutes"]))}</p></div>')


def render_chat(scenario: Scenario, session: engine.Session, lang: str) -> str:
    """Return the transcript so far, then the other party's current line (or the ending)."""
    name = scenario.data["persona"]["name"][lang]
    parts = ['<div class="cl-chat coachlab-chat">']
    last_node = None
    for turn in session.turns:
        node = scenario.nodes.get(turn["node"], {})
        if turn["node"] != last_node:
            parts.append(_line_html(node, turn["line"][lang], name, lang))
        last_node = turn["node"]
        parts.append(f'<div class="cl-msg cl-me"><span class="cl-who">{_e(t("player.you", lang))}</span>'
                     f'{_e(_said(turn, lang))}</div>')
        if turn.get("cut"):
            parts.append(f'<div class="cl-notice">{_e(t("player.cut", lang, max=engine.MAX_TEXT))}</div>')
        prefix = t("player.try_again", lang) + " " if turn.get("retry") else ""
        parts.append(f'<div class="cl-msg cl-coach"><span class="cl-who">{_e(t("player.coach", lang))}</span>'
                     f'{_e(prefix + turn["feedback"][lang])}</div>')
    if session.finished:
        ending = scenario.endings[session.ending]
        parts.append(f'<div class="cl-ending cl-outcome-{ending["outcome"]} coachlab-ending">'
                     f'<b>{_e(t("player.outcome." + ending["outcome"], lang))}: {_e(ending["title"][lang])}</b>'
                     f'<p>{_e(ending["say"][lang])}</p></div>')
    elif session.node != last_node:
        node = scenario.nodes[session.node]
        parts.append(_line_html(node, engine.line_of(scenario, session.node, session.seed)[lang], name, lang))
    pending = getattr(session, "pending", None)
    if pending and not session.finished:
        parts.append(f'<div class="cl-msg cl-me cl-pending"><span class="cl-who">{_e(t("player.you", lang))}</span>'
                     f'{_e(pending.get("text", ""))}</div>')
        question = engine.view(scenario, session, lang).get("question") or ""
        parts.append(f'<div class="cl-msg cl-ask coachlab-ask"><span class="cl-who">{_e(t("player.ask.heading", lang))}'
                     f'</span>{_e(question)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _line_html(node: Mapping[str, Any], line: str, name: str, lang: str) -> str:
    stage = f'<div class="cl-stage">{_e(node["stage"][lang])}</div>' if node.get("stage") else ""
    note = f'<div class="cl-note">{_e(node["note"][lang])}</div>' if node.get("note") else ""
    return f'{stage}{note}<div class="cl-msg cl-them"><span class="cl-who">{_e(name)}</span>{_e(line)}</div>'


def render_meters(scenario: Scenario, session: engine.Session, lang: str) -> str:
    """Return the hidden state as small meters (a facilitator view)."""
    spans = []
    for name, spec in scenario.data["state"].items():
        label = (spec.get("label") or {}).get(lang, name)
        value = session.variables.get(name, spec["start"])
        spans.append(f'<span>{_e(label)}: <meter min="{spec["min"]}" max="{spec["max"]}" value="{value}"></meter> '
                     f'{value}</span>')
    flags = ", ".join(session.flags) or "—"
    return (f'<div class="cl-meters coachlab-meters"><b>{_e(t("player.meters", lang))}</b> {"".join(spans)}'
            f'<span>{_e(flags)}</span></div>')


def _highlight(text: str, evidence: list[Mapping[str, Any]]) -> str:
    spans = sorted(((int(s.get("start", -1)), int(s.get("end", -1))) for s in evidence
                    if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)), key=lambda s: s[0])
    out, pos = [], 0
    for start, end in spans:
        if start < pos or end > len(text) or start >= end:
            continue
        out += [_e(text[pos:start]), f"<mark>{_e(text[start:end])}</mark>"]
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def element_label(element: str, lang: str) -> str:
    """Return the learner-facing name of a check element (behavior, feeling...), shared with the practice pad."""
    try:
        return t(f"checkpad.element.{element}", lang)
    except MissingMessage:  # an element the catalog does not name yet: show the report's own word
        return element


def _stage_of(scenario: Scenario, step: str, lang: str) -> str:
    node_id, _, picked = step.partition(":")
    node = scenario.nodes.get(node_id, {})
    label = (node.get("stage") or {}).get(lang, node_id)
    return f"{label} ↺" if picked.endswith("~retry") else label


def history_by_skill(attempt_scores: list[Mapping[str, float]], skills: list[str]) -> dict[str, dict[str, float]]:
    """Return first, best, latest and lift (best minus first) per skill over a learner's attempts."""
    result: dict[str, dict[str, float]] = {}
    for skill in skills:
        values = [float(s[skill]) for s in attempt_scores if isinstance(s.get(skill), (int, float))]
        if values:
            result[skill] = {"first": values[0], "best": max(values), "latest": values[-1],
                             "lift": max(values) - values[0], "count": len(values)}
    return result


def render_debrief(scenario: Scenario, session: engine.Session, lang: str,
                   history: Mapping[str, Mapping[str, float]] | None = None, saved: bool | None = None) -> str:
    """Return the debrief: per-skill score and band (with first/best/lift), the path, and each turn."""
    report = engine.debrief(scenario, session)
    history = history or {}
    head = (f"<tr><th>{_e(t('player.debrief.skill', lang))}</th><th>{_e(t('player.debrief.score', lang))}</th>"
            f"<th>{_e(t('player.debrief.band', lang))}</th><th>{_e(t('player.debrief.first', lang))}</th>"
            f"<th>{_e(t('player.debrief.best', lang))}</th><th>{_e(t('player.debrief.lift', lang))}</th></tr>")
    rows = []
    for skill in report["skills"]:
        past = history.get(skill["skill"], {})
        fmt = (lambda v: f"{v:.0f}%") if past else (lambda v: "—")
        lift = f"{past['lift']:+.0f}" if past else "—"
        rows.append(
            f'<tr data-skill="{_e(skill["skill"])}"><td>{_e(skill["label"][lang])}</td><td>{skill["percent"]}%</td>'
            f'<td><span class="cl-band-{skill["band"]}">{_e(t("player.band." + skill["band"], lang))}</span><br>'
            f'<small>{_e(skill["advice"][lang])}</small></td><td>{fmt(past.get("first", 0))}</td>'
            f'<td>{fmt(past.get("best", 0))}</td><td>{lift}</td></tr>')
    path = " → ".join(
        f'<span title="{_e(step)}">{_e(_stage_of(scenario, step, lang))}</span>' for step in (report["path"][:-1] if report["finished"] else report["path"]))
    if report["ending_title"]:
        path += f' → <b title="{_e(report["path"][-1])}">{_e(report["ending_title"][lang])}</b>'
    turns = []
    for turn in report["turns"]:
        node = scenario.nodes[turn["node"]]
        stage = node.get("stage", {}).get(lang) or turn["node"]
        evidence = turn.get("evidence") or []
        said = _said(turn, lang)
        said_html = _highlight(said, evidence) if turn["kind"] == "free" else _e(said)
        ev = "; ".join(f'{_e(element_label(s.get("element", ""), lang))}: “{_e(s.get("text", ""))}”' for s in evidence)
        ev_row = (f'<div class="cl-evidence">{_e(t("player.debrief.evidence", lang))}: {ev}</div>' if ev else
                  (f'<div class="cl-note">{_e(t("player.debrief.no_evidence", lang))}</div>'
                   if turn["kind"] == "free" and not turn.get("intent") else ""))
        better = "" if turn.get("was_best") else (
            f'<div>{_e(t("player.debrief.better", lang))}: <i>{_e(turn["better"][lang])}</i></div>')
        retry = f' <small>({_e(t("player.debrief.retry", lang))})</small>' if turn.get("retry") else ""
        asked = ""
        if turn.get("confirmed") is not None:
            answer = t("player.debrief.asked_yes" if turn["confirmed"] else "player.debrief.asked_no", lang)
            asked = f'<div class="cl-asked coachlab-asked">{_e(t("player.debrief.asked", lang, answer=answer))}</div>'
        turns.append(f'<li class="cl-evidence"><b>{_e(stage)}</b>{retry}<div>{_e(t("player.debrief.you_said", lang))}: '
                     f'{said_html}</div>{asked}{ev_row}<div>{_e(t("player.coach", lang))}: {_e(turn["feedback"][lang])}</div>'
                     f'{better}</li>')
    note = ""
    if saved is True:
        note = f'<p class="cl-note coachlab-saved">{_e(t("player.saved", lang))}</p>'
    elif saved is False:
        note = f'<p class="cl-notice coachlab-not-saved">{_e(t("player.not_saved", lang))}</p>'
    title = report["ending_title"][lang] if report["ending_title"] else ""
    return (f'<div class="cl-debrief coachlab-debrief"><h3>{_e(t("player.debrief.heading", lang))}: {_e(title)}</h3>'
            f'<table>{head}{"".join(rows)}</table>{note}'
            f'<h3>{_e(t("player.debrief.path", lang))}</h3><p class="coachlab-path">{path}</p>'
            f'<h3>{_e(t("player.debrief.turns", lang))}</h3><ol>{"".join(turns)}</ol></div>')


StoreOpener = Callable[[], Any]


def _default_store():
    from coachlab.progress import open_store

    return open_store()


class ScenarioPlayer(widgets.VBox):
    """Play one scenario: persona card, then the conversation, then the debrief with restart."""

    def __init__(self, scenario: Scenario, lang: str, *, learner: LearnerField | None = None,
                 checker: engine.Checker | None = None, show_state: bool = False, seed: int = 0,
                 store_opener: StoreOpener | None = _default_store):
        self.scenario, self.lang, self.learner, self.checker = scenario, lang, learner, checker
        self.show_state, self.seed, self.store_opener = show_state, seed, store_opener
        self.session: engine.Session | None = None
        self._latest_turn: str | None = None
        self.history: dict[str, dict[str, float]] = {}
        self.saved: bool | None = None
        self.notice = ""
        self.out = widgets.Output()
        self.head = widgets.HTML()
        self.card = widgets.HTML()
        self.chat = widgets.HTML()
        self.meters = widgets.HTML()
        self.turn = widgets.VBox()
        self.debrief_box = widgets.HTML()
        self.start_button = widgets.Button(button_style="primary")
        self.start_button.add_class("coachlab-start")
        self.resume_button = widgets.Button()
        self.resume_button.add_class("coachlab-resume")
        self.restart_button = widgets.Button()
        self.restart_button.add_class("coachlab-restart")
        self.text = widgets.Textarea(layout=widgets.Layout(width="100%", height="90px"))
        self.text.add_class("coachlab-free-text")
        self.send = widgets.Button(button_style="primary")
        self.send.add_class("coachlab-send")
        self.prompt = widgets.HTML()
        self.yes_button = widgets.Button(button_style="success", icon="check", layout=widgets.Layout(width="auto"))
        self.yes_button.add_class("coachlab-ask-yes")
        self.no_button = widgets.Button(icon="pencil", layout=widgets.Layout(width="auto"))
        self.no_button.add_class("coachlab-ask-no")
        self.ask_hint = widgets.HTML()
        self.turn_pick = widgets.Dropdown(layout=widgets.Layout(width="auto", max_width="700px"),
                                          style={"description_width": "initial"})
        self.turn_pick.add_class("coachlab-dispute-turn")
        self.dispute = DisputeBox(lang, learner=learner, store_opener=store_opener, extra=(self.turn_pick,))
        self.dispute_row = widgets.VBox([self.dispute])
        self.dispute_row.add_class("coachlab-turn-dispute")
        lang_of = lambda: self.lang  # noqa: E731
        self.yes_button.on_click(safe(lambda _: self.confirm(True), lang_of, self.out))
        self.no_button.on_click(safe(lambda _: self.confirm(False), lang_of, self.out))
        self.turn_pick.observe(safe(lambda _c: self._aim_dispute(), lang_of, self.out), names="value")
        self.start_button.on_click(safe(lambda _: self.begin(), lang_of, self.out))
        self.resume_button.on_click(safe(lambda _: self.resume(), lang_of, self.out))
        self.restart_button.on_click(safe(lambda _: self.begin(), lang_of, self.out))
        self.send.on_click(safe(lambda _: self.say(self.text.value), lang_of, self.out))
        super().__init__([widgets.HTML(STYLE), self.head, self.card, self.chat, self.meters, self.dispute_row,
                          self.turn, self.debrief_box, self.out])
        self.add_class("coachlab-player")
        self.render()

    # --- records -------------------------------------------------------------------------
    def _learner_id(self) -> str | None:
        return self.learner.learner_id if self.learner is not None else None

    def _store(self):
        return self.store_opener() if self.store_opener else None

    def saved_session(self) -> engine.Session | None:
        """Return the learner's unfinished session of this scenario, if one was kept."""
        learner = self._learner_id()
        store = self._store() if learner else None
        if store is None:
            return None
        try:
            data = store.load_state(learner, self.scenario.id)
        finally:
            store.close()
        if not data:
            return None
        try:
            session = engine.Session.from_dict(data)
        except engine.EngineError:
            return None
        if session.finished or session.scenario_id != self.scenario.id or session.node not in self.scenario.nodes:
            return None
        return session

    def _keep(self) -> None:
        learner = self._learner_id()
        store = self._store() if learner and self.session else None
        if store is None:
            return
        try:
            store.save_state(learner, self.scenario.id, self.session.to_dict())
        finally:
            store.close()

    def _record(self) -> None:
        from coachlab.progress import Attempt

        learner = self._learner_id()
        store = self._store() if learner else None
        if store is None:
            self.saved = False
            return
        try:
            store.record(Attempt(learner, self.scenario.id, engine.attempt_answers(self.session),
                                 engine.percentages(self.scenario, self.session), lang=self.lang))
            store.save_state(learner, self.scenario.id, self.session.to_dict())
            self.history = history_by_skill([a.scores for a in store.attempts(learner, self.scenario.id)],
                                            self.scenario.skills)
            self.saved = True
        finally:
            store.close()

    # --- actions -------------------------------------------------------------------------
    def begin(self) -> None:
        """Start a fresh play."""
        self.session = engine.start(self.scenario, self.seed)
        self.saved, self.notice = None, ""
        self.text.value = ""
        self._keep()
        self.render()

    def resume(self) -> None:
        """Continue the learner's unfinished play."""
        session = self.saved_session()
        if session is None:
            self.begin()
            return
        self.session, self.notice = session, ""
        self.render()

    def pick(self, option_id: str) -> None:
        """Take an option at a choice turn."""
        self.session, _ = engine.choose(self.scenario, self.session, option_id)
        self._after_step()

    def say(self, text: str) -> None:
        """Send free text at a free-text turn (a new answer also replaces an open question)."""
        new, event = engine.answer(self.scenario, self.session, text, self.checker, lang=self.lang)
        if event.kind == "empty":
            self.notice = t("player.empty", self.lang)
            self.render()
            return
        self.session = new
        if event.kind == "ask":  # the coach asks; the text stays in the box so the learner may edit it
            self.text.value = text
            self._keep()
            self.notice = ""
            self.render()
            return
        self.text.value = ""
        self._after_step()

    def confirm(self, yes: bool) -> None:
        """Answer the coach's question: yes, that is what I meant / no (the text comes back to rewrite)."""
        pending = getattr(self.session, "pending", None) or {}
        self.session, _ = engine.confirm(self.scenario, self.session, yes)
        self.text.value = "" if yes else str(pending.get("text", ""))
        self._after_step()

    def _after_step(self) -> None:
        self.notice = ""
        if self.session.finished:
            self._record()
        else:
            self._keep()
        self.render()

    def set_lang(self, lang: str) -> None:
        """Show everything in another language (the conversation so far is kept)."""
        self.lang = lang
        self.dispute.set_lang(lang)
        self.render()

    # --- disputes --------------------------------------------------------------------------------
    def free_turns(self) -> list[dict[str, Any]]:
        """Return the free-text turns played so far (the ones a learner can dispute)."""
        return [turn for turn in (self.session.turns if self.session else ()) if turn.get("kind") == "free"]

    def turn_verdict(self, turn: Mapping[str, Any]) -> tuple[str, dict[str, Any], str | None]:
        """Return the check kind, its report on what the learner said, and the line they answered."""
        from coachlab.text import detect_lang

        kind = self.scenario.nodes[turn["node"]]["free"]["check"]
        said = _said(turn, self.lang)
        context = (turn.get("line") or {}).get(detect_lang(said))
        check = self.checker or engine.default_checker
        try:
            report = dict(check(kind, said, context))
        except TypeError:  # a checker without context (tests pass their own)
            report = dict(check(kind, said))
        return kind, report, context

    def _aim_dispute(self) -> None:
        self.turn_pick.description = t("player.dispute.turn", self.lang)
        turns = {str(turn["n"]): turn for turn in self.free_turns()}
        turn = turns.get(str(self.turn_pick.value))
        if turn is None:
            self.dispute.target(None)
            return
        kind, report, context = self.turn_verdict(turn)
        self.dispute.target(report, kind=kind, item_id=self.scenario.id, place=f'{turn["node"]}#{turn["n"]}',
                            text=_said(turn, self.lang), context=context)

    def _render_dispute(self) -> None:
        turns = self.free_turns()
        if not turns:
            self.dispute_row.layout.display = "none"
            self.dispute.target(None)
            return
        self.dispute_row.layout.display = ""
        options = []
        for turn in turns:
            node = self.scenario.nodes[turn["node"]]
            stage = (node.get("stage") or {}).get(self.lang) or turn["node"]
            said = _said(turn, self.lang)
            colon = "：" if self.lang == "zh-CN" else ": "
            options.append((f'{turn["n"]}. {stage}{colon}{said[:40]}{"…" if len(said) > 40 else ""}', str(turn["n"])))
        keep = self.turn_pick.value
        self.turn_pick.options = options
        latest = options[-1][1]
        self.turn_pick.value = keep if keep in {v for _, v in options} and keep != self._latest_turn else latest
        self._latest_turn = latest
        self._aim_dispute()

    # --- view ----------------------------------------------------------------------------
    def render(self) -> None:
        """Redraw every part from the scenario and the session."""
        lang, scenario = self.lang, self.scenario
        self.head.value = (f'<h2>{_e(scenario.text("title", lang))}</h2>'
                           f'<p class="cl-note">{_e(scenario.text("summary", lang))}</p>')
        self.start_button.description = t("player.start", lang)
        self.resume_button.description = t("player.resume", lang)
        self.restart_button.description = t("player.restart", lang)
        self.send.description = t("player.send", lang)
        if self.session is None:
            self.card.value = render_persona(scenario, lang)
            self.chat.value = self.meters.value = self.debrief_box.value = ""
            self.dispute_row.layout.display = "none"
            buttons = [self.start_button]
            if self._learner_id() and self.saved_session() is not None:
                buttons.append(self.resume_button)
            self.turn.children = [widgets.HBox(buttons)]
            return
        self._render_dispute()
        colon = "：" if lang == "zh-CN" else ": "
        self.card.value = (f'<details class="cl-card"><summary>{_e(t("player.persona.heading", lang))}{colon}'
                           f'{_e(scenario.data["persona"]["name"][lang])}</summary>'
                           f'{render_persona(scenario, lang)}</details>')
        self.chat.value = render_chat(scenario, self.session, lang)
        self.meters.value = render_meters(scenario, self.session, lang) if self.show_state else ""
        if self.session.finished:
            self.turn.children = [self.restart_button]
            self.debrief_box.value = render_debrief(scenario, self.session, lang, self.history, self.saved)
            return
        self.debrief_box.value = ""
        shown = engine.view(scenario, self.session, lang)
        notice = f'<div class="cl-notice coachlab-notice">{_e(self.notice)}</div>' if self.notice else ""
        if shown["kind"] == "choice":
            buttons = []
            for option in shown["options"]:
                button = widgets.Button(description=option["text"], tooltip=option["text"],
                                        layout=widgets.Layout(width="auto", height="auto", max_width="820px"))
                button.add_class("coachlab-option")
                button.on_click(safe(lambda _b, oid=option["id"]: self.pick(oid), lambda: self.lang, self.out))
                buttons.append(button)
            self.turn.children = [widgets.HTML(f'<b class="coachlab-turn" data-node="{_e(shown["node"])}" '
                                               f'data-step="{len(self.session.turns)}">'
                                               f'{_e(t("player.choose", lang))}</b>{notice}'), *buttons]
        else:
            tries = shown["tries_left"]
            self.prompt.value = (f'<b class="coachlab-turn" data-node="{_e(shown["node"])}" '
                                 f'data-step="{len(self.session.turns)}">{_e(shown["prompt"])}</b> '
                                 f'<span class="cl-note">'
                                 f'{_e(t("player.tries_left", lang, count=tries))}</span>{notice}')
            self.text.placeholder = shown["placeholder"] or t("player.placeholder", lang)
            if getattr(self.session, "pending", None):
                self.yes_button.description = t("player.ask.yes", lang)
                self.no_button.description = t("player.ask.no", lang)
                self.ask_hint.value = f'<span class="cl-note">{_e(t("player.ask.hint", lang))}</span>'
                self.turn.children = [widgets.HBox([self.yes_button, self.no_button]), self.ask_hint, self.prompt,
                                      self.text, self.send]
            else:
                self.turn.children = [self.prompt, self.text, self.send]


def roleplay_page(lang: str | None = None, scenario_id: str | None = None) -> widgets.VBox:
    """Return the role-play page for ``?scenario=ID`` in the page URL, in the page's language."""
    from coachlab.paths import course_root
    from coachlab.scenarios import load_scenario

    lang = setup_page(lang)
    scenario_id = scenario_id or query_param("scenario") or ""
    switch = LanguageSwitch(lang)
    message = widgets.HTML()
    scenario, problems = load_scenario(course_root(), scenario_id)
    if scenario is None:
        for problem in problems:  # the server log tells the facilitator what is wrong
            print(problem, file=__import__("sys").__stderr__, flush=True)
        key = "player.unknown" if problems and problems[0].code == "not-found" else "player.broken"

        def show(lang_now: str) -> None:
            message.value = (f'{STYLE}<div class="coachlab-player"><p class="coachlab-error" role="alert">'
                             f'{_e(t(key, lang_now, id=scenario_id))}</p><p><a href="roleplays.ipynb?lang='
                             f'{"zh" if lang_now == "zh-CN" else "en"}">{_e(t("player.back", lang_now))}</a></p></div>')
        show(lang)
        switch.observe(lambda change: show(change["new"]), names="value")
        return widgets.VBox([switch, message])
    learner = LearnerField(lang)
    show_state = os.environ.get("COACHLAB_SHOW_STATE", "").lower() in ("1", "true", "yes")
    player = ScenarioPlayer(scenario, lang, learner=learner, show_state=show_state)
    learner.text.observe(lambda _change: player.render() if player.session is None else None, names="value")
    back = widgets.HTML()

    def relabel(lang_now: str) -> None:
        back.value = (f'<a href="roleplays.ipynb?lang={"zh" if lang_now == "zh-CN" else "en"}">'
                      f'{_e(t("player.back", lang_now))}</a>')
    relabel(lang)
    switch.observe(lambda change: (player.set_lang(change["new"]), relabel(change["new"])), names="value")
    return widgets.VBox([switch, back, learner, player])
