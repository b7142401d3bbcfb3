"""The role-play player: persona card, chat transcript, options or a text box, and the debrief.

All decisions come from ``coachlab.scenarios.engine``; this module renders HTML from engine data
(pure functions, tested without a browser) and wires buttons to engine steps. Attempts go to the
learner records; the in-progress session is kept so a learner can leave and resume.
"""

from __future__ import annotations

import html
import os
import time
from typing import Any, Callable, Mapping

import ipywidgets as widgets

from coachlab.i18n import t
from coachlab.scenarios import engine, record as records
from coachlab.scenarios.model import Scenario

from .debrief import DEBRIEF_STYLE, highlight, render_debrief_record, render_options, render_replay
from .debrief import element_label  # noqa: F401  (the practice pad and older imports use it from here)
from .dispute import DisputeBox
from .page import LanguageSwitch, LearnerField, query_param, safe, setup_page

STYLE = """
<style>
.coachlab-player { max-width: 1180px;
  font-family: var(--cl-font, "Noto Sans CJK SC", "Noto Sans SC", sans-serif); color: #1f2933; }
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
.coachlab-play-row { flex-flow: row wrap; align-items: flex-start; gap: 12px; }
.coachlab-play-main { flex: 1 1 480px; min-width: 0; max-width: 860px; }
.coachlab-persona-side { flex: 0 1 290px; position: sticky; top: 8px; align-self: flex-start; }
/* A sticky card sticks to its nearest scrolling ancestor: the widget boxes and output areas around it scroll
   (overflow auto) without ever moving, so they are opened up and the card sticks to the page's scroller. */
.jupyter-widgets:has(.coachlab-persona-side), .jp-OutputArea-output:has(.coachlab-persona-side),
.jp-OutputArea-child:has(.coachlab-persona-side), .jp-OutputArea:has(.coachlab-persona-side) {
  overflow: visible !important; }
@media (max-width: 820px) {  /* a phone or a narrow window: the card above the conversation, not beside it */
  .coachlab-persona-side { order: -1; position: static; flex: 1 1 100%; } }
.coachlab-persona-side .cl-card { padding: 10px 12px; font-size: 14px; }
.coachlab-persona-side .cl-card h3 { margin: 0 0 4px; font-size: 15px; }
.coachlab-persona-side .cl-card table { width: 100%; }
.coachlab-persona-side .cl-card td, .coachlab-persona-side .cl-card th { padding: 3px 6px; }
.coachlab-persona-side details summary { cursor: pointer; color: #2f6fb3; font-size: 13px; }
.coachlab-turn-dispute > .widget-button.coachlab-dispute-open { width: auto; font-size: 13px; color: #7b4b00;
  background: #fff8e1; border: 1px solid #f0b429; border-radius: 4px; }
.coachlab-player .widget-button.coachlab-option { text-align: left; white-space: normal; line-height: 1.45;
  padding: 6px 12px; font-family: inherit; font-size: 14px; }
</style>
""" + DEBRIEF_STYLE


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def _said(turn: Mapping[str, Any], lang: str) -> str:
    said = turn.get("said")
    return said.get(lang, "") if isinstance(said, Mapping) else str(said or "")


def render_persona(scenario: Scenario, lang: str, compact: bool = False) -> str:
    """Return the persona card: who the other party is, their background and KPI snapshot.

    ``compact`` is the card kept beside the conversation during play: the KPIs first, the background folded.
    """
    persona = scenario.data["persona"]
    rows = "".join(
        f"<tr><td>{_e(k['label'][lang])}</td><td><b>{_e(k['value'])}</b></td><td>{_e(k.get('target', ''))}</td></tr>"
        for k in persona.get("kpis", ()))
    table = (f"<table><tr><th>{_e(t('player.persona.kpi', lang))}</th><th>{_e(t('player.persona.value', lang))}</th>"
             f"<th>{_e(t('player.persona.target', lang))}</th></tr>{rows}</table>") if rows else ""
    colon = "：" if lang == "zh-CN" else ": "
    name = (f'<h3>{_e(t("player.persona.heading", lang))}{colon}{_e(persona["name"][lang])}</h3>'
            f'<div><i>{_e(persona["role"][lang])}</i></div>')
    if compact:
        return (f'<div class="cl-card coachlab-persona coachlab-persona-card">{name}{table}'
                f'<details><summary>{_e(t("player.persona.background", lang))}</summary>'
                f'<p>{_e(persona["background"][lang])}</p></details></div>')
    skills = " · ".join(_e(scenario.data["debrief"][s]["label"][lang]) for s in scenario.skills)
    return (f'<div class="cl-card coachlab-persona">{name}'
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
        if turn.get("kind") == "choice" and turn is session.turns[-1]:
            # Every option explained, not only the one chosen: under the choice just made (the debrief keeps
            # them all), so the conversation sent on each turn does not grow by every past turn's options.
            parts.append(render_options(records.offered_options(scenario, turn), lang))
    if session.finished:
        ending = scenario.endings[session.ending]
        parts.append(f'<div class="cl-ending cl-outcome-{ending["outcome"]} coachlab-ending">'
                     f'<b>{_e(t("player.outcome." + ending["outcome"], lang))}{"：" if lang == "zh-CN" else ": "}'
                     f'{_e(ending["title"][lang])}</b>'
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


_highlight = highlight  # the debrief module draws both the live and the reopened debrief


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
    """Return the debrief: per-skill score and band (with first/best/lift), the path as stages, and each turn."""
    return render_debrief_record(records.attempt_record(scenario, session, lang, history), lang, saved)


StoreOpener = Callable[[], Any]
OPTIONS_READY = 3  # option buttons made with the page: every choice turn of the course offers three


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
        self.record: dict[str, Any] | None = None  # the finished play's record, as saved and shown
        self._dispute_shown: Any = None  # (turn options, lang) the dispute box was last aimed at
        self._verdicts: dict[tuple[int, str], tuple[str, dict[str, Any], str | None]] = {}
        self.out = widgets.Output()
        self.head = widgets.HTML()
        self.card = widgets.HTML()
        self.side_card = widgets.HTML()
        self.side_card.add_class("coachlab-persona-side")
        self.choose_label: widgets.HTML | None = None
        self.option_buttons: tuple[list[widgets.Button], list[widgets.Button]] = ([], [])  # see _option_row
        self._drawn: list[tuple[int, list[str]]] = [(-1, []), (-1, [])]  # per set: the step drawn for, option ids
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
        # Built when first needed (the coach's question, the first reply to dispute): a page that opens with
        # fewer widgets reaches the learner sooner.
        self.yes_button: widgets.Button | None = None
        self.no_button: widgets.Button | None = None
        self.ask_hint: widgets.HTML | None = None
        self.ask_row: widgets.HBox | None = None
        # "I think this is wrong" is one button until a learner uses it: the full dispute box (some forty widgets,
        # and a check run per turn to aim it) is built on the first click, or when code asks for it.
        self._turn_pick: widgets.Dropdown | None = None
        self._dispute: DisputeBox | None = None
        self.dispute_open = widgets.Button(icon="flag", layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.dispute_open.add_class("coachlab-dispute-open")
        self.dispute_open.on_click(safe(lambda _b: self._open_dispute(), lambda: self.lang, self.out))
        self.dispute_row = widgets.VBox([self.dispute_open], layout=widgets.Layout(display="none"))
        self.dispute_row.add_class("coachlab-turn-dispute")
        lang_of = lambda: self.lang  # noqa: E731
        self.start_button.on_click(safe(lambda _: self.begin(), lang_of, self.out))
        self.resume_button.on_click(safe(lambda _: self.resume(), lang_of, self.out))
        self.restart_button.on_click(safe(lambda _: self.begin(), lang_of, self.out))
        self.send.on_click(safe(lambda _: self.say(self.text.value), lang_of, self.out))
        self.start_row = widgets.HBox()
        self.main = widgets.VBox([self.chat, self.meters, self.dispute_row, self.turn])
        self.main.add_class("coachlab-play-main")
        self.play_row = widgets.HBox([self.main, self.side_card])
        self.play_row.add_class("coachlab-play-row")
        super().__init__([widgets.HTML(STYLE), self.head, self.card, self.play_row, self.debrief_box, self.out])
        self.add_class("coachlab-player")
        # The first choice turn's widgets come with the page (a play alternates choices and replies, so they are
        # usually the only set): starting the play then creates no widget, it only relabels these.
        self.choose_label = widgets.HTML()
        self._grow_options(0, OPTIONS_READY)
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
            self.record = records.attempt_record(self.scenario, self.session, self.lang, self.history)
            return
        try:
            scores = engine.percentages(self.scenario, self.session)
            earlier = [a.scores for a in store.attempts(learner, self.scenario.id)]
            self.history = history_by_skill([*earlier, scores], self.scenario.skills)
            answers = records.attempt_answers(self.scenario, self.session, self.lang, self.history)
            self.record = answers["details"]
            store.record(Attempt(learner, self.scenario.id, answers, scores, lang=self.lang))
            store.save_state(learner, self.scenario.id, self.session.to_dict())
            self.saved = True
        finally:
            store.close()

    # --- actions -------------------------------------------------------------------------
    def begin(self) -> None:
        """Start a fresh play."""
        self.session = engine.start(self.scenario, self.seed)
        self.saved, self.notice, self.record = None, "", None
        self._verdicts.clear()
        self.text.value = ""
        self._keep()
        self.render()

    def resume(self) -> None:
        """Continue the learner's unfinished play."""
        session = self.saved_session()
        if session is None:
            self.begin()
            return
        self.session, self.notice, self.record = session, "", None
        self._verdicts.clear()
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
        if self._dispute is not None:
            self._dispute.set_lang(lang)
        self.render()

    # --- disputes --------------------------------------------------------------------------------
    def free_turns(self) -> list[dict[str, Any]]:
        """Return the free-text turns played so far (the ones a learner can dispute)."""
        return [turn for turn in (self.session.turns if self.session else ()) if turn.get("kind") == "free"]

    def turn_verdict(self, turn: Mapping[str, Any]) -> tuple[str, dict[str, Any], str | None]:
        """Return the check kind, its report on what the learner said, and the line they answered."""
        key = (int(turn["n"]), self.lang)
        if key not in self._verdicts:  # the check runs once per turn, not on every redraw
            self._verdicts[key] = self._read_verdict(turn)
        return self._verdicts[key]

    def _read_verdict(self, turn: Mapping[str, Any]) -> tuple[str, dict[str, Any], str | None]:
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

    @property
    def dispute(self) -> DisputeBox:
        """Return the dispute box (built, and aimed at the latest reply, on first use)."""
        return self._dispute_box()

    @property
    def turn_pick(self) -> widgets.Dropdown:
        """Return the dispute box's turn picker (building the box on first use)."""
        self._dispute_box()
        return self._turn_pick

    def _dispute_box(self) -> DisputeBox:
        if self._dispute is None:
            self._turn_pick = widgets.Dropdown(layout=widgets.Layout(width="auto", max_width="700px"),
                                               style={"description_width": "initial"})
            self._turn_pick.add_class("coachlab-dispute-turn")
            self._dispute = DisputeBox(self.lang, learner=self.learner, store_opener=self.store_opener,
                                       extra=(self._turn_pick,))
            self._turn_pick.observe(safe(lambda _c: self._aim_dispute(), lambda: self.lang, self.out), names="value")
            self.dispute_row.children = [self._dispute]
            self._dispute_shown = None
            self._render_dispute()
        return self._dispute

    def _open_dispute(self) -> None:
        """Build the dispute box, aimed at the latest reply, and open it."""
        self.dispute.show(True)

    def _render_dispute(self) -> None:
        turns = self.free_turns()
        self.dispute_open.description = t("dispute.open", self.lang)
        if not turns:
            if self._dispute_shown != ():
                self.dispute_row.layout.display = "none"
                if self._dispute is not None:
                    self._dispute.target(None)
                self._dispute_shown = ()
            return
        self.dispute_row.layout.display = ""
        if self._dispute is None:
            return  # aimed when first used
        options = []
        for turn in turns:
            node = self.scenario.nodes[turn["node"]]
            stage = (node.get("stage") or {}).get(self.lang) or turn["node"]
            said = _said(turn, self.lang)
            colon = "：" if self.lang == "zh-CN" else ": "
            options.append((f'{turn["n"]}. {stage}{colon}{said[:40]}{"…" if len(said) > 40 else ""}', str(turn["n"])))
        if (options, self.lang) == self._dispute_shown:  # nothing new to dispute: leave the box as it is
            return
        self._dispute_shown = (options, self.lang)
        keep = self.turn_pick.value
        latest = options[-1][1]
        with self.turn_pick.hold_sync():
            self.turn_pick.options = options
            self.turn_pick.value = keep if keep in {v for _, v in options} and keep != self._latest_turn else latest
            self.turn_pick.description = t("player.dispute.turn", self.lang)
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
            self.side_card.value = self.chat.value = self.meters.value = self.debrief_box.value = ""
            self.dispute_row.layout.display = "none"
            buttons = [self.start_button]
            if self._learner_id() and self.saved_session() is not None:
                buttons.append(self.resume_button)
            self.start_row.children = buttons
            self.turn.children = [self.start_row]
            return
        self._render_dispute()
        # The persona's card stays beside the conversation: the learner quotes its numbers while playing.
        self.card.value = ""
        self.side_card.value = render_persona(scenario, lang, compact=True)
        self.chat.value = render_chat(scenario, self.session, lang)
        self.meters.value = render_meters(scenario, self.session, lang) if self.show_state else ""
        if self.session.finished:
            self.turn.children = [self.restart_button]
            if self.record is None:
                self.record = records.attempt_record(scenario, self.session, lang, self.history)
            self.debrief_box.value = render_debrief_record(self.record, lang, self.saved)
            return
        self.debrief_box.value = ""
        shown = engine.view(scenario, self.session, lang)
        notice = f'<div class="cl-notice coachlab-notice">{_e(self.notice)}</div>' if self.notice else ""
        if shown["kind"] == "choice":
            if self.choose_label is None:
                self.choose_label = widgets.HTML()
            self.choose_label.value = (f'<b class="coachlab-turn" data-node="{_e(shown["node"])}" '
                                       f'data-step="{len(self.session.turns)}">{_e(t("player.choose", lang))}</b>'
                                       f'{notice}')
            self.turn.children = [self.choose_label, *self._option_row(shown["options"])]
        else:
            tries = shown["tries_left"]
            self.prompt.value = (f'<b class="coachlab-turn" data-node="{_e(shown["node"])}" '
                                 f'data-step="{len(self.session.turns)}">{_e(shown["prompt"])}</b> '
                                 f'<span class="cl-note">'
                                 f'{_e(t("player.tries_left", lang, count=tries))}</span>{notice}')
            self.text.placeholder = shown["placeholder"] or t("player.placeholder", lang)
            if getattr(self.session, "pending", None):
                self._ask_widgets()
                self.yes_button.description = t("player.ask.yes", lang)
                self.no_button.description = t("player.ask.no", lang)
                self.ask_hint.value = f'<span class="cl-note">{_e(t("player.ask.hint", lang))}</span>'
                self.turn.children = [self.ask_row, self.ask_hint, self.prompt, self.text, self.send]
            else:
                self.turn.children = [self.prompt, self.text, self.send]

    def _ask_widgets(self) -> None:
        """Build the yes / no buttons of the coach's question the first time one is asked."""
        if self.ask_row is not None:
            return
        lang_of = lambda: self.lang  # noqa: E731
        self.yes_button = widgets.Button(button_style="success", icon="check", layout=widgets.Layout(width="auto"))
        self.yes_button.add_class("coachlab-ask-yes")
        self.no_button = widgets.Button(icon="pencil", layout=widgets.Layout(width="auto"))
        self.no_button.add_class("coachlab-ask-no")
        self.yes_button.on_click(safe(lambda _: self.confirm(True), lang_of, self.out))
        self.no_button.on_click(safe(lambda _: self.confirm(False), lang_of, self.out))
        self.ask_hint = widgets.HTML()
        self.ask_row = widgets.HBox([self.yes_button, self.no_button])

    def _option_row(self, options: list[Mapping[str, Any]]) -> list[widgets.Button]:
        """Return option buttons for this turn, reusing the ones already in the page.

        New buttons cost the browser a round trip each, so two sets are kept and used on alternate steps:
        a double click's second half then lands on a button drawn for a step already answered, and is
        dropped instead of answering the next turn.
        """
        step = len(self.session.turns) if self.session else 0
        pool = self._grow_options(step % 2, len(options))
        self._drawn[step % 2] = (step, [option["id"] for option in options])
        for button, option in zip(pool, options):
            with button.hold_sync():  # one message per button, not one per trait
                button.description = button.tooltip = option["text"]
        return pool[:len(options)]

    def _grow_options(self, which: int, count: int) -> list[widgets.Button]:
        """Return option button set ``which`` with at least ``count`` buttons."""
        pool = self.option_buttons[which]
        while len(pool) < count:
            index = len(pool)
            button = widgets.Button(layout=widgets.Layout(width="auto", height="auto", max_width="820px"))
            button.add_class("coachlab-option")
            button.on_click(safe(lambda _b, p=which, i=index: self._pick_shown(p, i), lambda: self.lang, self.out))
            pool.append(button)
        return pool

    def _pick_shown(self, pool: int, index: int) -> None:
        step, ids = self._drawn[pool]
        if self.session is None or self.session.finished or step != len(self.session.turns) or index >= len(ids):
            return  # a button of a turn already answered
        self.pick(ids[index])


def _url_lang(lang: str) -> str:
    return "zh" if lang == "zh-CN" else "en"


def reopen_html(store: Any, learner_id: str | None, attempt: str | None, lang: str) -> str:
    """Return a saved role-play's debrief and replay as the learner saw them, or why it cannot be shown.

    Only the learner's own attempts are searched, so another learner's attempt number gets the same message
    as a number that does not exist: nothing of it is shown, not even that it exists.
    """
    back = f'<p><a href="roleplays.ipynb?lang={_url_lang(lang)}">{_e(t("player.back", lang))}</a></p>'

    def refuse(key: str, **params: Any) -> str:
        return (f'<div class="coachlab-player"><p class="coachlab-error coachlab-reopen-refused" role="alert">'
                f'{_e(t(key, lang, **params))}</p>{back}</div>')

    wanted = (attempt or "").strip()
    if not wanted.isdigit() or len(wanted) > 18:
        return refuse("player.reopen.bad_id", id=wanted[:40])
    if not learner_id or store is None:
        return refuse("player.reopen.no_learner")
    found = next((a for a in store.attempts(learner_id) if a.id == int(wanted)), None)
    if found is None:
        return refuse("player.reopen.not_found", id=wanted)
    try:
        record = records.details_of(found.answers)
    except records.RecordError:
        return refuse("player.reopen.old")
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.created_at))
    again = (f'<a href="roleplay.ipynb?scenario={_e(record["scenario"])}&amp;lang={_url_lang(lang)}">'
             f'{_e(t("player.reopen.again", lang))}</a>')
    return (f'<div class="coachlab-player coachlab-reopened" data-attempt="{found.id}">'
            f'<h2>{_e((record.get("title") or {}).get(lang, record["scenario"]))}</h2>'
            f'<p class="cl-note">{_e(t("player.reopen.heading", lang, date=when))} · {again}</p>'
            f'{render_debrief_record(record, lang, saved=True)}'
            f'<h3>{_e(t("player.reopen.replay", lang))}</h3>{render_replay(record, lang)}{back}</div>')


def reopen_page(lang: str, attempt: str, learner: Any = None,
                store_opener: StoreOpener | None = _default_store) -> widgets.VBox:
    """Return the page that reopens the signed-in learner's saved debrief number ``attempt``."""
    learner = learner if learner is not None else LearnerField(lang)
    box = widgets.HTML()

    def show(lang_now: str) -> None:
        learner_id = learner.learner_id
        store = store_opener() if (store_opener and learner_id) else None
        try:
            box.value = STYLE + reopen_html(store, learner_id, attempt, lang_now)
        finally:
            if store is not None:
                store.close()
    show(lang)
    text = getattr(learner, "text", None)
    if text is not None and hasattr(text, "observe"):  # a name typed (or signed in) later shows it
        text.observe(lambda _change: show(lang), names="value")
    return widgets.VBox([learner, box] if isinstance(learner, widgets.Widget) else [box])


def roleplay_page(lang: str | None = None, scenario_id: str | None = None) -> widgets.VBox:
    """Return the role-play page for ``?scenario=ID`` in the page URL, in the page's language.

    ``?attempt=N`` instead reopens the signed-in learner's saved debrief number N (see ``reopen_html``).
    """
    from coachlab.paths import course_root
    from coachlab.scenarios import load_scenario

    lang = setup_page(lang)
    attempt = query_param("attempt") if scenario_id is None else None
    if attempt is not None:
        return reopen_page(lang, attempt)
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
