"""A role-play's debrief and replay, drawn from its saved record (``coachlab.scenarios.record``).

Pure functions from the record to HTML: the player shows a debrief with them when a play ends, the
reopened debrief (``roleplay.ipynb?attempt=ID``) shows the same record the same way, and the facilitator's
replay reads it too. Nothing here runs a check or reads the scenario file.
"""

from __future__ import annotations

import html
from typing import Any, Mapping

from coachlab.i18n import MissingMessage, t

DEBRIEF_STYLE = """
<style>
.cl-debrief table { border-collapse: collapse; margin-top: 6px; }
.cl-debrief td, .cl-debrief th { border-bottom: 1px solid #e4e7eb; padding: 4px 10px; text-align: left; vertical-align: top; }
.cl-band-needs_work { color: #c0392b; font-weight: 600; }
.cl-band-developing { color: #b7791f; font-weight: 600; }
.cl-band-proficient { color: #2f855a; font-weight: 600; }
.cl-evidence mark { background: #fff3bf; }
.cl-note { color: #52606d; font-style: italic; }
.cl-stages { list-style: none; margin: 8px 0 4px; padding: 0; }
.cl-stages > li { position: relative; padding: 0 0 14px 34px; }
.cl-stages > li::before { content: attr(data-step); position: absolute; left: 0; top: 0; width: 24px; height: 24px;
  border-radius: 50%; background: #2f6fb3; color: #fff; font-size: 13px; font-weight: 600; text-align: center;
  line-height: 24px; }
.cl-stages > li:not(:last-child)::after { content: ""; position: absolute; left: 11px; top: 26px; bottom: 2px;
  width: 2px; background: #bcccdc; }
.cl-stages > li.cl-stage-end::before { content: "✓"; background: #7b8794; }
.cl-stages > li.cl-stage-end.cl-outcome-good::before { background: #2f855a; }
.cl-stages > li.cl-stage-end.cl-outcome-mixed::before { background: #b7791f; }
.cl-stages > li.cl-stage-end.cl-outcome-poor::before { background: #c0392b; content: "!"; }
.cl-stage-name { font-weight: 600; color: #243b53; }
.cl-stage-said { margin: 3px 0 0; padding: 4px 10px; background: #f0f4f8; border-radius: 6px; font-size: 14px;
  line-height: 1.5; }
.cl-tag { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 12px;
  font-style: normal; white-space: nowrap; }
.cl-tag-retry { background: #fff3c4; color: #8d5a00; }
.cl-tag-best { background: #e3f9e5; color: #276749; }
.cl-tag-chosen { background: #d6ecff; color: #1d4f7c; }
.cl-options { margin: 4px 0 6px; padding: 8px 12px; border: 1px solid #d9e2ec; border-radius: 6px; background: #fff;
  font-size: 14px; line-height: 1.5; }
.cl-options ol { margin: 4px 0 0; padding-left: 20px; }
.cl-options li { margin-bottom: 6px; }
.cl-option-why { color: #334e68; }
.cl-option-chosen { background: #f0f7ff; border-radius: 4px; }
.coachlab-reopen-refused { padding: 12px; border-left: 4px solid #c0392b; background: #fdf2f0; font-style: normal; }
.coachlab-reopened a, .coachlab-player p > a { color: #1c5fb8; font-weight: 600; font-style: normal; }
.cl-chat { display: flex; flex-direction: column; gap: 6px; margin: 8px 0; }
.cl-msg { max-width: 78%; padding: 8px 12px; border-radius: 12px; line-height: 1.55; white-space: pre-wrap; }
.cl-them { align-self: flex-start; background: #eef2f7; }
.cl-me { align-self: flex-end; background: #d6ecff; }
.cl-coach { align-self: stretch; background: #fff8e1; border-left: 4px solid #f0b429; font-size: 14px; border-radius: 4px; }
.cl-stage { color: #7b8794; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; margin-top: 8px; }
.cl-who { font-weight: 600; font-size: 12px; color: #52606d; display: block; }
.cl-ending { border-radius: 8px; padding: 10px 14px; margin: 8px 0; }
.cl-outcome-good { background: #e3f9e5; } .cl-outcome-mixed { background: #fffbea; } .cl-outcome-poor { background: #ffe3e3; }
.cl-asked { color: #8d5a00; font-size: 13px; }
</style>
"""


def _e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def _tr(texts: Mapping[str, str] | None, lang: str) -> str:
    """Return a bilingual text in ``lang`` (a record keeps both)."""
    if not isinstance(texts, Mapping):
        return "" if texts is None else str(texts)
    return texts.get(lang) or next(iter(texts.values()), "")


def said_text(turn: Mapping[str, Any], lang: str) -> str:
    """Return what the learner said at a turn: the option in ``lang``, or their own words."""
    said = turn.get("said")
    return _tr(said, lang) if isinstance(said, Mapping) else str(said or "")


def element_label(element: str, lang: str) -> str:
    """Return the learner-facing name of what a check found: an element (behavior, feeling...) or a pitfall
    (absolute, threat...), as the practice pad names them; never the check's internal word."""
    for key in (f"checkpad.element.{element}", f"checkpad.pitfall.{element}"):
        try:
            return t(key, lang)
        except MissingMessage:
            continue
    return t("player.debrief.point", lang)  # a name the catalogs do not have yet: a plain word, not the id


def highlight(text: str, evidence: list[Mapping[str, Any]]) -> str:
    """Return ``text`` escaped, with the evidence spans marked."""
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


def _colon(lang: str) -> str:
    return "：" if lang == "zh-CN" else ": "


def _clip(text: str, most: int = 160) -> str:
    return text if len(text) <= most else text[:most].rstrip() + "…"


def render_options(options: list[Mapping[str, Any]], lang: str) -> str:
    """Return every option a choice turn offered with what it does and why, the learner's choice marked."""
    if not options:
        return ""
    items = []
    for option in options:
        tags = ""
        if option.get("chosen"):
            tags += f'<span class="cl-tag cl-tag-chosen">{_e(t("player.options.yours", lang))}</span>'
        if option.get("best"):
            tags += f'<span class="cl-tag cl-tag-best">{_e(t("player.options.best", lang))}</span>'
        items.append(f'<li class="coachlab-option-why{" cl-option-chosen" if option.get("chosen") else ""}"'
                     f' data-option="{_e(option.get("id"))}"><b>{_e(_tr(option.get("text"), lang))}</b>{tags}'
                     f'<div class="cl-option-why">{_e(_tr(option.get("feedback"), lang))}</div></li>')
    return (f'<div class="cl-options coachlab-options-explained"><b>{_e(t("player.options.heading", lang))}</b>'
            f'<ol>{"".join(items)}</ol></div>')


def stage_groups(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the path as stages: consecutive turns at the same stage (or unnamed node) form one, in order."""
    groups: list[dict[str, Any]] = []
    for turn in record.get("turns") or ():
        stage = turn.get("stage") or {"node": turn["node"]}  # unnamed nodes stay apart
        if groups and groups[-1]["key"] == stage:
            groups[-1]["turns"].append(turn)
        else:
            groups.append({"key": stage, "node": turn["node"], "stage": turn.get("stage"), "turns": [turn]})
    return groups


def render_path(record: Mapping[str, Any], lang: str) -> str:
    """Return the path drawn as numbered stages, with what the learner said at each and the ending."""
    items = []
    for number, group in enumerate(stage_groups(record), 1):
        lines = []
        for turn in group["turns"]:
            tags = ""
            if turn.get("outcome") == "retry":
                tags += f'<span class="cl-tag cl-tag-retry">{_e(t("player.path.retry", lang))}</span>'
            elif turn.get("was_best"):
                tags += f'<span class="cl-tag cl-tag-best">{_e(t("player.path.best", lang))}</span>'
            lines.append(f'<div class="cl-stage-said">“{_e(_clip(said_text(turn, lang)))}”{tags}</div>')
        name = _tr(group["stage"], lang) or group["node"]
        items.append(f'<li data-step="{number}" data-node="{_e(group["node"])}"><span class="cl-stage-name">'
                     f'{_e(name)}</span>{"".join(lines)}</li>')
    ending = record.get("ending")
    if ending:
        items.append(f'<li class="cl-stage-end cl-outcome-{_e(ending.get("outcome"))}" data-step="">'
                     f'<span class="cl-stage-name">{_e(t("player.outcome." + str(ending.get("outcome")), lang))}'
                     f'</span><div>{_e(_tr(ending.get("title"), lang))}</div></li>')
    return f'<ol class="cl-stages coachlab-path">{"".join(items)}</ol>'


def _skills_table(record: Mapping[str, Any], lang: str) -> str:
    head = (f"<tr><th>{_e(t('player.debrief.skill', lang))}</th><th>{_e(t('player.debrief.score', lang))}</th>"
            f"<th>{_e(t('player.debrief.band', lang))}</th><th>{_e(t('player.debrief.first', lang))}</th>"
            f"<th>{_e(t('player.debrief.best', lang))}</th><th>{_e(t('player.debrief.lift', lang))}</th></tr>")
    rows = []
    for skill in record.get("skills") or ():
        past = skill.get("history") or {}
        first = f'{past["first"]:.0f}%' if past else "—"
        best = f'{past["best"]:.0f}%' if past else "—"
        lift = f'{past["lift"]:+.0f}' if past else "—"
        rows.append(
            f'<tr data-skill="{_e(skill["skill"])}"><td>{_e(_tr(skill["label"], lang))}</td>'
            f'<td>{skill["percent"]}%</td>'
            f'<td><span class="cl-band-{_e(skill["band"])}">{_e(t("player.band." + skill["band"], lang))}</span><br>'
            f'<small>{_e(_tr(skill.get("advice"), lang))}</small></td>'
            f'<td>{first}</td><td>{best}</td><td>{lift}</td></tr>')
    return f'<table>{head}{"".join(rows)}</table>'


def _turn_html(turn: Mapping[str, Any], lang: str) -> str:
    stage = _tr(turn.get("stage"), lang) or turn["node"]
    evidence = list(turn.get("evidence") or [])
    said = said_text(turn, lang)
    said_html = highlight(said, evidence) if turn["kind"] == "free" else _e(said)
    c, sep = _colon(lang), "；" if lang == "zh-CN" else "; "
    ev = sep.join(f'{_e(element_label(s.get("element", ""), lang))}{c}“{_e(s.get("text", ""))}”' for s in evidence)
    ev_row = (f'<div class="cl-evidence">{_e(t("player.debrief.evidence", lang))}{c}{ev}</div>' if ev else
              (f'<div class="cl-note">{_e(t("player.debrief.no_evidence", lang))}</div>'
               if turn["kind"] == "free" and not turn.get("picked") else ""))
    better = "" if turn.get("was_best") or turn["kind"] == "choice" else (
        f'<div>{_e(t("player.debrief.better", lang))}{c}<i>{_e(_tr(turn.get("better"), lang))}</i></div>')
    retry = f' <small>({_e(t("player.debrief.retry", lang))})</small>' if turn.get("outcome") == "retry" else ""
    asked = ""
    if turn.get("confirmed") is not None:
        answer = t("player.debrief.asked_yes" if turn["confirmed"] else "player.debrief.asked_no", lang)
        asked = f'<div class="cl-asked coachlab-asked">{_e(t("player.debrief.asked", lang, answer=answer))}</div>'
    options = render_options(list(turn.get("options") or []), lang) if turn["kind"] == "choice" else ""
    coach = ("" if options else
             f'<div>{_e(t("player.coach", lang))}{c}{_e(_tr(turn.get("feedback"), lang))}</div>')
    return (f'<li class="cl-evidence" data-n="{_e(turn.get("n"))}"><b>{_e(stage)}</b>{retry}'
            f'<div>{_e(t("player.debrief.you_said", lang))}{c}{said_html}</div>{asked}{ev_row}{coach}{options}'
            f'{better}</li>')


def render_debrief_record(record: Mapping[str, Any], lang: str, saved: bool | None = None) -> str:
    """Return the debrief of a saved play: skills with first/best/lift, the path as stages, each turn."""
    note = ""
    if saved is True:
        note = f'<p class="cl-note coachlab-saved">{_e(t("player.saved", lang))}</p>'
    elif saved is False:
        note = f'<p class="cl-notice coachlab-not-saved">{_e(t("player.not_saved", lang))}</p>'
    ending = record.get("ending") or {}
    title = _tr(ending.get("title"), lang)
    turns = "".join(_turn_html(turn, lang) for turn in record.get("turns") or ())
    return (f'<div class="cl-debrief coachlab-debrief">'
            f'<h3>{_e(t("player.debrief.heading", lang))}{_colon(lang)}{_e(title)}</h3>'
            f'{_skills_table(record, lang)}{note}'
            f'<h3>{_e(t("player.debrief.path", lang))}</h3>{render_path(record, lang)}'
            f'<h3>{_e(t("player.debrief.turns", lang))}</h3><ol>{turns}</ol></div>')


def render_replay(record: Mapping[str, Any], lang: str) -> str:
    """Return the conversation turn by turn as the learner saw it: the other line, their words, the coach."""
    name = _tr((record.get("persona") or {}).get("name"), lang)
    parts = ['<div class="cl-chat coachlab-replay">']
    last_node = None
    for turn in record.get("turns") or ():
        if turn["node"] != last_node:
            stage = _tr(turn.get("stage"), lang)
            if stage:
                parts.append(f'<div class="cl-stage">{_e(stage)}</div>')
            parts.append(f'<div class="cl-msg cl-them"><span class="cl-who">{_e(name)}</span>'
                         f'{_e(_tr(turn.get("line"), lang))}</div>')
        last_node = turn["node"]
        said = said_text(turn, lang)
        body = highlight(said, list(turn.get("evidence") or [])) if turn["kind"] == "free" else _e(said)
        parts.append(f'<div class="cl-msg cl-me"><span class="cl-who">{_e(t("player.you", lang))}</span>{body}</div>')
        prefix = t("player.try_again", lang) + " " if turn.get("outcome") == "retry" else ""
        parts.append(f'<div class="cl-msg cl-coach"><span class="cl-who">{_e(t("player.coach", lang))}</span>'
                     f'{_e(prefix + _tr(turn.get("feedback"), lang))}</div>')
        if turn["kind"] == "choice":
            parts.append(render_options(list(turn.get("options") or []), lang))
    ending = record.get("ending")
    if ending:
        parts.append(f'<div class="cl-ending cl-outcome-{_e(ending.get("outcome"))} coachlab-ending">'
                     f'<b>{_e(t("player.outcome." + str(ending.get("outcome")), lang))}{_colon(lang)}'
                     f'{_e(_tr(ending.get("title"), lang))}</b><p>{_e(_tr(ending.get("say"), lang))}</p></div>')
    parts.append("</div>")
    return "".join(parts)
