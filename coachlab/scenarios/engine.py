"""The role-play engine: pure, deterministic, and serialisable so a learner can leave and resume.

Each step takes a scenario and a ``Session`` and returns a new ``Session`` plus the ``Event`` that
happened; nothing is mutated in place and nothing touches the disk. Free text is read by a
``checker(kind, text, context) -> dict`` (by default ``coachlab.checks.run(...).to_dict()``, with the
other person's line as ``context``); a checker taking only ``(kind, text)`` works too, so tests may
pass their own.

When the intent a free-text turn would pick depends on a verdict the check is unsure of (the report's
``unsure`` labels), the step returns an ``ask`` event holding the check's question about that verdict (one
at a time, the least sure, so a yes means one thing): the session stays on the turn, keeps the question in
``pending`` (``asked``), and no retry is used. ``confirm(scenario, session,
yes)`` answers it (the unsure labels count as present, or absent) and the turn resolves as usual; typing a
new answer instead clears the question. Each turn's record keeps ``unsure`` and ``confirmed``.

A mocking answer (the tone check's ``sarcasm`` pitfall on any report) takes only an intent whose ``when``
names ``pitfalls:sarcasm``; otherwise it reaches the fallback, and the coach first says that the learner's
quoted words read as a dig. The other person hears the mockery, whatever else the answer got right or wrong.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Callable, Mapping

from .conditions import Context, checks_used, holds, parse_report_test
from .model import DEFAULT_RETRIES, Scenario

SESSION_VERSION = 1
MAX_TEXT = 2000
Checker = Callable[..., Mapping[str, Any]]
TONE = "sarcasm"  # the pitfall of the tone check (coachlab/checks/tone.py), carried by every report
TONE_TEST = f"pitfalls:{TONE}"  # an intent whose `when` names it may take a mocking answer; no other intent does
QUOTE_MAX = 60  # the coach quotes the mocking sentence up to this length, else only the mocking words
FEEDBACK_FLAGS = ("label", "absolute", "motive", "speaking_for_others", "vague_praise", "sandwich", "question_form",
                  "threat")


class EngineError(ValueError):
    """A step that does not fit the current turn (wrong kind, unknown option, already ended)."""


def default_checker(kind: str, text: str, context: str | None = None) -> Mapping[str, Any]:
    """Read the learner's text with ``coachlab.checks`` (``context``: the other person's line) as a dict."""
    from coachlab import checks

    return checks.run(kind, text, lang="auto", context=context).to_dict()


def _takes_context(checker: Checker) -> bool:
    try:
        params = inspect.signature(checker).parameters.values()
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 3 or any(p.kind == p.VAR_POSITIONAL for p in params) or any(
        p.name == "context" for p in params)


@dataclass(frozen=True)
class Session:
    """Where one play of a scenario stands; JSON-serialisable with ``to_dict``."""

    scenario_id: str
    node: str | None
    ending: str | None = None
    variables: dict[str, int] = field(default_factory=dict)
    flags: tuple[str, ...] = ()
    points: dict[str, int] = field(default_factory=dict)
    tries: int = 0
    turns: tuple[dict[str, Any], ...] = ()
    seed: int = 0
    version: int = SESSION_VERSION
    pending: dict[str, Any] | None = None  # the question an "ask" left open: text, reports, unsure labels

    @property
    def finished(self) -> bool:
        """Return True once an ending is reached."""
        return self.ending is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the session as JSON-ready data."""
        data = asdict(self)
        data["flags"] = list(self.flags)
        data["turns"] = [dict(turn) for turn in self.turns]
        data["pending"] = copy.deepcopy(self.pending) if self.pending is not None else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Session":
        """Rebuild a session saved with ``to_dict``; raise EngineError when it is not one."""
        try:
            if int(data.get("version", 0)) != SESSION_VERSION:
                raise EngineError(f"saved session version {data.get('version')} is not {SESSION_VERSION}")
            return cls(str(data["scenario_id"]), data["node"], data.get("ending"),
                       {str(k): int(v) for k, v in dict(data["variables"]).items()},
                       tuple(str(f) for f in data.get("flags", ())),
                       {str(k): int(v) for k, v in dict(data.get("points", {})).items()},
                       int(data.get("tries", 0)), tuple(dict(t) for t in data.get("turns", ())),
                       int(data.get("seed", 0)), SESSION_VERSION,
                       dict(data["pending"]) if data.get("pending") else None)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, EngineError):
                raise
            raise EngineError(f"not a saved session: {exc}") from None


@dataclass(frozen=True)
class Event:
    """What one step did: ``kind`` is choice, intent, retry, fallback, empty or ask (a question to the learner)."""

    kind: str
    node: str
    feedback: Mapping[str, str] | None = None
    matched: str | None = None
    evidence: tuple[dict[str, Any], ...] = ()
    cut: bool = False
    ending: str | None = None
    tries_left: int = 0


def _variant(seed: int, node_id: str, count: int) -> int:
    digest = hashlib.sha256(f"{seed}:{node_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % count


def line_of(scenario: Scenario, node_id: str, seed: int) -> Mapping[str, str]:
    """Return the other party's line at a node (the variant the seed picks)."""
    say = scenario.nodes[node_id]["say"]
    if isinstance(say, list):
        return say[_variant(seed, node_id, len(say))]
    return say


def start(scenario: Scenario, seed: int = 0) -> Session:
    """Return a new session at the scenario's first node."""
    variables = {name: spec["start"] for name, spec in scenario.data["state"].items()}
    return Session(scenario.id, scenario.data["start"], None, variables, (), {s: 0 for s in scenario.skills},
                   0, (), int(seed))


def _ctx(scenario: Scenario, session: Session, reports: Mapping[str, Any] | None = None,
         default_check: str | None = None) -> Context:
    return Context(session.variables, frozenset(session.flags), reports or {}, default_check)


def options(scenario: Scenario, session: Session) -> list[dict[str, Any]]:
    """Return the options offered now (those whose ``when`` holds), empty for a free-text turn."""
    if session.finished or session.node is None:
        return []
    node = scenario.nodes[session.node]
    ctx = _ctx(scenario, session)
    return [option for option in node.get("choices", ()) if holds(option.get("when"), ctx)]


def tries_left(scenario: Scenario, session: Session) -> int:
    """Return how many more tries a free-text turn allows after this one fails."""
    if session.finished or session.node is None:
        return 0
    free = scenario.nodes[session.node].get("free") or {}
    return max(0, int(free.get("retries", DEFAULT_RETRIES)) - session.tries)


def view(scenario: Scenario, session: Session, lang: str) -> dict[str, Any]:
    """Return what the learner sees now in ``lang``: the line, and options or a text prompt, or the ending."""
    if session.finished:
        ending = scenario.endings[session.ending]
        return {"kind": "ending", "ending": session.ending, "title": ending["title"][lang],
                "say": ending["say"][lang], "outcome": ending["outcome"]}
    node = scenario.nodes[session.node]
    shown: dict[str, Any] = {"node": session.node, "say": line_of(scenario, session.node, session.seed)[lang],
                             "stage": (node.get("stage") or {}).get(lang), "note": (node.get("note") or {}).get(lang)}
    if "free" in node:
        free = node["free"]
        shown.update(kind="free", prompt=free["prompt"][lang],
                     placeholder=(free.get("placeholder") or {}).get(lang, ""),
                     tries_left=tries_left(scenario, session))
        if session.pending:
            shown["question"] = _questions(session.pending.get("reports") or {}, lang,
                                           session.pending.get("asked") or session.pending.get("unsure"))[lang]
    else:
        shown.update(kind="choice", options=[{"id": o["id"], "text": o["text"][lang]}
                                             for o in options(scenario, session)])
    return shown


def _route(next_: Any, ctx: Context) -> str:
    if isinstance(next_, str):
        return next_
    for branch in next_:
        if holds(branch.get("when"), ctx):
            return branch["goto"]
    raise EngineError("no branch of `next` applies")  # the validator requires a last unconditional branch


def _apply(scenario: Scenario, session: Session, body: Mapping[str, Any], entry: dict[str, Any]) -> tuple[Session, str | None]:
    """Apply an option's, intent's or fallback's effects and move on; return the new session and ending."""
    bounds = scenario.data["state"]
    variables = dict(session.variables)
    for name, delta in (body.get("effects") or {}).items():
        spec = bounds[name]
        variables[name] = max(spec["min"], min(spec["max"], variables[name] + int(delta)))
    flags = tuple(dict.fromkeys((*session.flags, *(body.get("set") or ()))))
    points = dict(session.points)
    for skill, value in (body.get("scores") or {}).items():
        points[skill] = points.get(skill, 0) + int(value)
    moved = replace(session, variables=variables, flags=flags, points=points)
    target = _route(body["next"], _ctx(scenario, moved))
    entry.update(effects=dict(body.get("effects") or {}), scores=dict(body.get("scores") or {}), next=target)
    turns = (*session.turns, entry)
    if target in scenario.endings:
        return replace(moved, node=None, ending=target, tries=0, turns=turns), target
    return replace(moved, node=target, tries=0, turns=turns), None


def _entry(scenario: Scenario, session: Session, kind: str) -> dict[str, Any]:
    node = scenario.nodes[session.node]
    return {"n": len(session.turns) + 1, "node": session.node, "kind": kind,
            "stage": node.get("stage"), "line": dict(line_of(scenario, session.node, session.seed))}


def choose(scenario: Scenario, session: Session, option_id: str) -> tuple[Session, Event]:
    """Take the option ``option_id`` at a choice turn."""
    if session.finished:
        raise EngineError("the conversation has ended")
    offered = {o["id"]: o for o in options(scenario, session)}
    if "free" in scenario.nodes[session.node]:
        raise EngineError(f"node {session.node!r} asks for free text, not a choice")
    if option_id not in offered:
        raise EngineError(f"option {option_id!r} is not offered at {session.node!r}")
    option = offered[option_id]
    entry = _entry(scenario, session, "choice")
    entry.update(option=option_id, said=dict(option["text"]), feedback=dict(option["feedback"]), matched=[],
                 evidence=[], offered=list(offered))  # what the learner saw: the debrief explains each
    new, ending = _apply(scenario, session, option, entry)
    return new, Event("choice", session.node, option["feedback"], option_id, (), False, ending)


def _evidence(report: Mapping[str, Any] | None, tests: list[str]) -> list[dict[str, Any]]:
    """Return the report's evidence spans that back the tests that counted."""
    if not report:
        return []
    spans = [span for span in report.get("evidence") or () if isinstance(span, Mapping)]
    wanted: set[str] = set()
    for text in tests:
        test = parse_report_test(text)
        wanted.add(test.path[-1])
        if test.op == ":":
            wanted.add(str(test.value))
    chosen = [dict(span) for span in spans if str(span.get("element", "")) in wanted]
    return chosen[:8]


def _read(checker: Checker, kinds: set[str], text: str, context: str | None) -> dict[str, Mapping[str, Any] | None]:
    reports: dict[str, Mapping[str, Any] | None] = {}
    with_context = _takes_context(checker)
    for kind in sorted(kinds):
        try:
            reports[kind] = dict(checker(kind, text, context) if with_context else checker(kind, text))
        except Exception:  # a check that fails on odd input must not end the role-play
            reports[kind] = None
    return reports


def settle(report: Mapping[str, Any] | None, yes: bool, labels: list[str] | None = None) -> dict[str, Any] | None:
    """Return a copy of a report with its unsure labels (or ``labels``) set as the learner answered.

    ``yes`` takes each label's ``answers[label]["yes"]`` value (present; for a label with several values
    the likeliest one), ``False`` its ``"no"`` value; a report without ``answers`` takes True/False.
    """
    if report is None:
        return None
    out = copy.deepcopy(dict(report))
    labels = list(out.get("unsure") or ()) if labels is None else labels
    for label in labels:
        value = (out.get("answers") or {}).get(label, {}).get("yes" if yes else "no", yes)
        if isinstance(out.get("elements"), Mapping) and label in out["elements"]:
            out["elements"][label] = value
        elif isinstance(out.get("criteria"), Mapping) and label in out["criteria"]:
            out["criteria"][label] = value
        elif isinstance(out.get("flags"), list) and label in FEEDBACK_FLAGS:
            out["flags"] = [f for f in out["flags"] if f != label] + ([label] if value else [])
        elif label == TONE:  # the tone check's unsure mockery: "no" keeps the pitfall, "yes" (in earnest) drops it
            if not value:
                out["pitfalls"] = [p for p in out.get("pitfalls") or ()
                                   if not (isinstance(p, Mapping) and p.get("id") == TONE)]
                out["evidence"] = [e for e in out.get("evidence") or ()
                                   if not (isinstance(e, Mapping) and e.get("element") == TONE)]
        else:
            out[label] = value
    if isinstance(out.get("elements"), Mapping) and "development" in out["elements"] and "model" in out:
        found = out["elements"]
        out["model"] = "BID" if found.get("development") else "BIA" if found.get("appreciation") else None
    out["unsure"] = [label for label in out.get("unsure") or () if label not in labels]
    return out


def _pick(free: Mapping[str, Any], ctx: Context) -> tuple[Mapping[str, Any] | None, list[str]]:
    """Take the first intent whose ``when`` holds; a mocking answer only takes one whose ``when`` names it."""
    mocking = bool(_digs(ctx.reports))
    for intent in free["intents"]:
        hits: list[str] = []
        if holds(intent["when"], ctx, hits) and (not mocking or TONE_TEST in hits):
            return intent, hits
    return None, []


def _digs(reports: Mapping[str, Mapping[str, Any] | None]) -> list[Mapping[str, Any]]:
    """Return the tone check's evidence of mockery (empty spans when a report has the pitfall but no span)."""
    found: list[Mapping[str, Any]] = []
    for report in reports.values():
        if report and any(isinstance(p, Mapping) and p.get("id") == TONE for p in report.get("pitfalls") or ()):
            found += [span for span in report.get("evidence") or ()
                      if isinstance(span, Mapping) and span.get("element") == TONE] or [{}]
    return found


def _tone_note(feedback: Mapping[str, str], text: str, digs: list[Mapping[str, Any]]) -> dict[str, str]:
    """Put the tone note before the fallback's line, in both languages, quoting the learner's own mocking sentence.

    The quote is the sentence around the first mocking span (the span alone when that sentence is long, or
    no quote when the report gave no span): only words the learner wrote.
    """
    from coachlab.i18n import t
    from coachlab.text.sentences import split_sentences

    quote = ""
    span = next((d for d in digs if isinstance(d.get("start"), int) and d.get("text")), None)
    if span is not None and text[span["start"]:span.get("end", span["start"])] == span["text"]:
        around = [s.text for s in split_sentences(text) if s.start <= span["start"] < s.end]
        # the sentence, unless the span is longer (an unsure flag of a short answer quotes the whole answer)
        quote = (around[0] if around and len(around[0]) <= QUOTE_MAX and len(around[0]) >= len(str(span["text"]))
                 else str(span["text"]))
        quote = quote.strip().rstrip("。.，,；;、 ")  # a quote inside the coach's sentence ends without a stop
    out = {}
    for lang, line in feedback.items():
        note = t("player.tone_quoted", lang, quote=quote) if quote else t("player.tone", lang)
        out[lang] = note + ("" if lang == "zh-CN" else " ") + line
    return out


def _unsure(reports: Mapping[str, Mapping[str, Any] | None]) -> dict[str, list[str]]:
    return {kind: list(r.get("unsure") or ()) for kind, r in reports.items() if r and r.get("unsure")}


def _questions(reports: Mapping[str, Mapping[str, Any] | None], lang: str,
               only: Mapping[str, list[str]] | None = None) -> Mapping[str, str]:
    texts = [str(q.get("text")) for kind, r in reports.items() if r for q in r.get("questions") or ()
             if isinstance(q, Mapping) and q.get("text") and (only is None or q.get("label") in only.get(kind, ()))]
    text = "\n".join(dict.fromkeys(texts))
    # The questions are in the language the learner wrote in; every page language shows them.
    return {"en": text, "zh-CN": text}


def _lang_of(text: str) -> str:
    from coachlab.text import detect_lang

    return detect_lang(text)


def answer(scenario: Scenario, session: Session, text: str, checker: Checker | None = None,
           lang: str | None = None) -> tuple[Session, Event]:
    """Answer a free-text turn: read ``text`` with the checks, take the first intent that matches.

    ``lang`` is the session's language (the other person's line is passed to the check in it); by
    default the language the learner wrote in.
    """
    if session.finished:
        raise EngineError("the conversation has ended")
    node = scenario.nodes[session.node]
    if "free" not in node:
        raise EngineError(f"node {session.node!r} offers choices, not free text")
    free = node["free"]
    text = "" if text is None else str(text)
    if not text.strip():
        return session, Event("empty", session.node, None, None, (), False, None, tries_left(scenario, session))
    session = replace(session, pending=None)  # a new answer replaces an open question
    cut = len(text) > MAX_TEXT
    if cut:
        text = text[:MAX_TEXT]
    default = free["check"]
    kinds = {default}
    for intent in free["intents"]:
        kinds |= checks_used(intent["when"], default)
    lang = lang if lang in ("en", "zh-CN") else _lang_of(text)
    context = line_of(scenario, session.node, session.seed).get(lang)
    reports = _read(checker or default_checker, kinds, text, context)
    unsure = _unsure(reports)
    decisive = _decisive(scenario, session, free, reports, unsure)
    if decisive is not None:
        asked = _asked(*decisive, unsure)
        pending = {"text": text, "cut": cut, "lang": lang, "reports": reports, "unsure": unsure, "asked": asked}
        return (replace(session, pending=pending),
                Event("ask", session.node, _questions(reports, lang, asked), None, (), cut, None,
                      tries_left(scenario, session)))
    return _resolve(scenario, session, text, cut, reports, unsure, None)


def _asked(kind: str, label: str, unsure: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """Return the verdicts one question settles: ``label`` of ``kind``; the tone check's in every report (each
    report carries the same mockery, and one still mocking would keep the answer from its intent)."""
    if label != TONE:
        return {kind: [label]}
    return {k: [TONE] for k, labels in unsure.items() if TONE in labels}


def _decisive(scenario: Scenario, session: Session, free: Mapping[str, Any],
              reports: Mapping[str, Mapping[str, Any] | None], unsure: Mapping[str, list[str]]) -> tuple[str, str] | None:
    """Return the one unsure verdict whose answer changes the intent picked (the least sure such), or None.

    One question at a time, so "yes" means one thing: a learner asked "did you mean … as the impact?" and
    "… as an absolute?" at once could not answer both with one word.
    """
    default = free["check"]
    found = []
    for kind, labels in unsure.items():
        for label in labels:
            picks = set()
            asked = _asked(kind, label, unsure)
            for yes in (True, False):
                settled = {k: (settle(r, yes, asked[k]) if k in asked else r) for k, r in reports.items()}
                picked = _pick(free, _ctx(scenario, session, settled, default))[0]
                # the fallback with or without the tone note are two replies: an unsure dig is asked, never told
                picks.add(((picked or {}).get("id"), picked is None and bool(_digs(settled))))
            if len(picks) > 1:
                confidence = float(((reports.get(kind) or {}).get("confidence") or {}).get(label, 0.5))
                found.append((confidence, kind, label))
    if not found:
        return None
    _, kind, label = min(found)
    return kind, label


def confirm(scenario: Scenario, session: Session, yes: bool) -> tuple[Session, Event]:
    """Answer the question an ``ask`` event left open: the unsure verdicts count as present (yes) or absent."""
    if session.finished:
        raise EngineError("the conversation has ended")
    pending = session.pending
    if not pending:
        raise EngineError("there is no open question to answer")
    asked = pending.get("asked") or pending.get("unsure") or {}
    reports = {kind: settle(report, bool(yes), list(asked.get(kind, ())))
               for kind, report in (pending.get("reports") or {}).items()}
    return _resolve(scenario, replace(session, pending=None), str(pending.get("text", "")),
                    bool(pending.get("cut")), reports, dict(pending.get("unsure") or {}), bool(yes))


def play_free(scenario: Scenario, node: str, text: str, lang: str, yes: bool) -> tuple[Event, bool]:
    """Play ``text`` as the free-text answer at ``node`` of a fresh session; an ask is answered ``yes`` or no.

    Return the final event and whether the check asked first. Used to judge the turn level (the accuracy
    benchmark and the tests): which intent an answer reaches when a learner meets it at that node.
    """
    session = replace(start(scenario), node=node)
    after, event = answer(scenario, session, text, lang=lang)
    asked = event.kind == "ask"
    if asked:
        after, event = confirm(scenario, after, yes)
    return event, asked


def reached(event: Event) -> str:
    """Return the intent a free-text step reached (``fallback`` when none matched), else the event's kind."""
    return (event.matched or "fallback") if event.kind in ("intent", "retry", "fallback") else event.kind


def _resolve(scenario: Scenario, session: Session, text: str, cut: bool,
             reports: Mapping[str, Mapping[str, Any] | None], unsure: Mapping[str, list[str]],
             confirmed: bool | None) -> tuple[Session, Event]:
    """Take the first intent that matches the reports (a retry or the fallback when none does)."""
    free = scenario.nodes[session.node]["free"]
    default = free["check"]
    entry = _entry(scenario, session, "free")
    entry.update(said=text, cut=cut, attempt=session.tries + 1,
                 unsure=sorted({label for labels in unsure.values() for label in labels}), confirmed=confirmed)
    ctx = _ctx(scenario, session, reports, default)
    intent, hits = _pick(free, ctx)
    if intent is not None:
        kind = intent["when"].get("check") or default
        evidence = _evidence(reports.get(kind), hits)
        entry.update(intent=intent["id"], matched=hits, evidence=evidence, feedback=dict(intent["feedback"]))
        if intent.get("retry") and tries_left(scenario, session) > 0:
            return _retry(scenario, session, entry, intent["feedback"], intent["id"], evidence, cut)
        new, ending = _apply(scenario, session, intent, entry)
        return new, Event("intent", session.node, intent["feedback"], intent["id"], tuple(evidence), cut, ending)
    fallback = free["fallback"]
    feedback = dict(fallback["feedback"])
    digs = _digs(reports)
    if digs:  # no intent names the mockery, so the coach does, before saying what to ask instead
        feedback = _tone_note(feedback, text, digs)
    entry.update(intent=None, matched=[], evidence=[], feedback=feedback)
    if tries_left(scenario, session) > 0:
        return _retry(scenario, session, entry, feedback, None, [], cut)
    new, ending = _apply(scenario, session, fallback, entry)
    return new, Event("fallback", session.node, feedback, None, (), cut, ending)


def _retry(scenario: Scenario, session: Session, entry: dict[str, Any], feedback: Mapping[str, str],
           matched: str | None, evidence: list[dict[str, Any]], cut: bool) -> tuple[Session, Event]:
    entry.update(retry=True, effects={}, scores={}, next=session.node)
    new = replace(session, tries=session.tries + 1, turns=(*session.turns, entry))
    return new, Event("retry", session.node, feedback, matched, tuple(evidence), cut, None,
                      tries_left(scenario, new))


def percentages(scenario: Scenario, session: Session) -> dict[str, int]:
    """Return each skill's score as a whole percentage of the most any path can earn."""
    result = {}
    for skill, most in scenario.max_points.items():
        got = max(0, session.points.get(skill, 0))
        result[skill] = int(round(100 * min(got, most) / most)) if most else 0
    return result


def better_line(scenario: Scenario, node_id: str) -> Mapping[str, str] | None:
    """Return the better alternative for a turn: the author's, else the best-scoring option's text."""
    node = scenario.nodes[node_id]
    if "free" in node:
        return node["free"]["better"]
    if node.get("better"):
        return node["better"]
    best = max(node["choices"], key=lambda o: sum((o.get("scores") or {}).values()))
    return best["text"]


def best_choice(scenario: Scenario, node_id: str) -> str | None:
    """Return the id of the best-scoring option, or of the best-scoring intent at a free-text turn."""
    node = scenario.nodes[node_id]
    ways = node["choices"] if "choices" in node else node["free"]["intents"]
    return max(ways, key=lambda o: sum((o.get("scores") or {}).values()))["id"]


def debrief(scenario: Scenario, session: Session) -> dict[str, Any]:
    """Return the debrief: per-skill points, percent and band, the ending, the path, and each turn."""
    percent = percentages(scenario, session)
    skills = []
    for skill in scenario.skills:
        spec = scenario.data["debrief"][skill]
        band = scenario.band(skill, percent[skill])
        skills.append({"skill": skill, "label": dict(spec["label"]), "points": max(0, session.points.get(skill, 0)),
                       "max": scenario.max_points[skill], "percent": percent[skill], "band": band,
                       "advice": dict(spec["bands"][band])})
    turns = []
    for turn in session.turns:
        node_id = turn["node"]
        chosen = turn.get("option") or turn.get("intent")
        best = best_choice(scenario, node_id)
        turns.append({**turn, "better": dict(better_line(scenario, node_id)),
                      "was_best": bool(best and chosen == best and not turn.get("retry"))})
    ending = scenario.endings.get(session.ending) if session.ending else None
    return {"scenario": scenario.id, "finished": session.finished, "ending": session.ending,
            "ending_title": dict(ending["title"]) if ending else None,
            "outcome": ending["outcome"] if ending else None, "skills": skills,
            "path": path(session), "turns": turns}


def attempt_answers(session: Session) -> dict[str, Any]:
    """Return what a learner record keeps of a played session: ending, path, seed and transcript."""
    return {"ending": session.ending, "path": path(session), "seed": session.seed,
            "transcript": [dict(turn) for turn in session.turns]}


def path(session: Session) -> list[str]:
    """Return the path taken as ``node:choice-or-intent`` steps (retries included)."""
    steps = []
    for turn in session.turns:
        picked = turn.get("option") or turn.get("intent") or "fallback"
        if turn.get("retry"):
            picked += "~retry"
        steps.append(f"{turn['node']}:{picked}")
    if session.ending:
        steps.append(f"end:{session.ending}")
    return steps
