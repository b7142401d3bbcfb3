"""CheckPad: type a piece of coaching language and see, as you type, what the checker finds and where."""

from __future__ import annotations

import html
import threading
from typing import Any, Callable

import ipywidgets as widgets

from coachlab.checks import KINDS, Report, run
from coachlab.i18n import t

from .dispute import DisputeBox
from .page import LanguageSwitch, query_param, safe, setup_page

DEBOUNCE_SECONDS = 0.4
CHECKLIST = {
    "feedback": ("behavior", "impact", "appreciation", "development"),
    "goal": ("specific", "measurable", "achievable", "relevant", "time_bound"),
    "question": ("open", "grow_stage", "not_leading", "no_advice"),
    "star": ("situation", "task", "action", "result", "quantified_result"),
    "listening": ("fact", "feeling", "focus"),
}
# One colour per element, stable across kinds so a learner can learn them; pitfalls are red.
COLOURS = ["#ffe08a", "#a8e6cf", "#ffc6d9", "#a0c4ff", "#d7b8f3", "#ffd6a5"]
PITFALL_COLOUR = "#f5a3a3"
LABEL_PREFIXES = ("checkpad.element.", "checkpad.pitfall.", "checkpad.form.", "checkpad.stage.")
# A verdict named in the check contract (``report.unsure``) -> the checklist line it is shown on.
CHECKLIST_OF = {"form": "open", "leading": "not_leading", "advice": "no_advice"}

STYLE = """
<style>
.coachlab-checkpad { max-width: 920px;
  font-family: var(--cl-font, "Noto Sans CJK SC", "Noto Sans SC", sans-serif); color: #1f2933; }
.coachlab-checkpad h2 { font-size: 22px; margin: 6px 0; }
.coachlab-checkpad .cp-hint { color: #52606d; margin: 0 0 8px; line-height: 1.5; }
.coachlab-checkpad .cp-marked { border: 1px solid #e4e7eb; border-radius: 6px; padding: 10px 12px;
  line-height: 2; white-space: pre-wrap; background: #fff; }
.coachlab-checkpad mark { border-radius: 3px; padding: 1px 2px; }
.coachlab-checkpad mark.cp-pitfall { text-decoration: underline wavy #c0392b; }
.coachlab-checkpad .cp-legend span { display: inline-block; margin: 4px 8px 0 0; padding: 0 6px;
  border-radius: 3px; font-size: 13px; }
.coachlab-checkpad .cp-score { font-size: 18px; font-weight: 600; margin: 8px 0; }
.coachlab-checkpad ul { margin: 4px 0 8px; padding-left: 20px; }
.coachlab-checkpad li { margin: 3px 0; line-height: 1.5; }
.coachlab-checkpad .cp-ok { color: #1e7b34; } .coachlab-checkpad .cp-missing { color: #9aa5b1; }
.coachlab-checkpad .cp-why { color: #52606d; }
.coachlab-checkpad h3 { font-size: 16px; margin: 10px 0 2px; }
.coachlab-checkpad .cp-unsure { color: #8d5a00; }
.coachlab-checkpad .cp-questions { background: #fff8e1; border-left: 4px solid #f0b429; padding: 6px 12px;
  border-radius: 4px; margin: 6px 0; }
.coachlab-checkpad .cp-questions li { list-style: none; }
</style>
"""


def label(name: str, lang: str) -> str:
    """Return the learner-facing name of an element, pitfall, question form or GROW stage."""
    for prefix in LABEL_PREFIXES:
        try:
            return t(prefix + name, lang)
        except KeyError:
            continue
    return name


def colour_map(kind: str) -> dict[str, str]:
    """Return the highlight colour of each element of ``kind``."""
    return {name: COLOURS[i % len(COLOURS)] for i, name in enumerate(CHECKLIST[kind])}


def _colour(kind: str, element: str, pitfalls: set[str]) -> str:
    colours = colour_map(kind)
    if element in pitfalls:
        return PITFALL_COLOUR
    if kind == "question":  # question evidence is named by its form or GROW stage
        return colours["open"] if element in ("open", "closed", "statement") else colours["grow_stage"]
    return colours.get(element, COLOURS[-1])


def render_marked(text: str, report: Report, kind: str, lang: str) -> str:
    """Return the text as HTML with each evidence span wrapped in a coloured <mark data-element=…>."""
    pitfalls = {p.id for p in report.pitfalls} | set(getattr(report, "flags", ()))
    owner: list[Any] = [None] * len(text)
    # Elements first, then pitfalls over them: a pitfall inside a behaviour must still show.
    ordered = sorted(report.evidence, key=lambda e: (e.element in pitfalls, e.start))
    for ev in ordered:
        for i in range(max(ev.start, 0), min(ev.end, len(text))):
            owner[i] = ev
    parts, i = [], 0
    while i < len(text):
        ev, j = owner[i], i
        while j < len(text) and owner[j] is ev:
            j += 1
        chunk = html.escape(text[i:j])
        if ev is None:
            parts.append(chunk)
        else:
            cls = "cp-pitfall" if ev.element in pitfalls else "cp-element"
            parts.append(f'<mark class="{cls} cp-{html.escape(ev.element)}" data-element="{html.escape(ev.element)}" '
                         f'title="{html.escape(label(ev.element, lang))}" '
                         f'style="background:{_colour(kind, ev.element, pitfalls)}">{chunk}</mark>')
        i = j
    return "".join(parts)


def unsure_lines(report: Report) -> set[str]:
    """Return the checklist lines whose verdict the check is unsure of (``report.unsure``, by contract name)."""
    return {CHECKLIST_OF.get(name, name) for name in getattr(report, "unsure", ()) or ()}


def practice_percent(report: Report) -> int:
    """Return the practice score: ``coachlab.checks.practice_score`` (an unsure element counts half)."""
    try:
        from coachlab.checks import practice_score
    except ImportError:  # a checks package from before unsure verdicts: its own score
        return int(report.score)
    return int(round(practice_score(report)))


def render_questions(report: Report) -> str:
    """Return the check's questions to the learner (one per unsure verdict) as a list, or ''."""
    questions = [q for q in getattr(report, "questions", ()) or () if q.get("text")]
    if not questions:
        return ""
    items = "".join(f'<li class="cp-question" data-label="{html.escape(str(q.get("label", "")))}">'
                    f'? {html.escape(q["text"])}</li>' for q in questions)
    return f'<ul class="cp-questions">{items}</ul>'


def render_report(text: str, report: Report, kind: str, lang: str) -> str:
    """Return the whole feedback panel as HTML: marked text, legend, score, checklist, pitfalls, suggestions.

    A verdict the check is unsure of is shown as a question to the learner, not as a miss.
    """
    if report.empty:
        return f'<p class="cp-empty">{html.escape(t("checkpad.empty", lang))}</p>'
    found = report.found
    unsure = unsure_lines(report)
    pitfalls = {p.id for p in report.pitfalls}
    shown = sorted({e.element for e in report.evidence}, key=lambda e: (e in pitfalls, e))
    legend = "".join(f'<span style="background:{_colour(kind, e, pitfalls)}">{html.escape(label(e, lang))}</span>'
                     for e in shown)
    items = []
    for name in CHECKLIST[kind]:
        value = found.get(name)
        if name in unsure:
            mark, cls, extra = "?", "cp-unsure", f' <span class="cp-why">({html.escape(t("checkpad.unsure", lang))})</span>'
        elif value is None:
            mark, cls, extra = "–", "cp-missing", f' <span class="cp-why">({html.escape(t("checkpad.not_judged", lang))})</span>'
        else:
            mark, cls, extra = ("✓", "cp-ok", "") if value else ("○", "cp-missing", "")
        found_attr = "unsure" if name in unsure else str(bool(value)).lower()
        items.append(f'<li class="{cls}" data-element="{name}" data-found="{found_attr}">'
                     f"{mark} {html.escape(label(name, lang))}{extra}</li>")
    details = _details(report, kind, lang)
    doubted = set(getattr(report, "unsure", ()) or ())  # a pitfall the check is unsure of is asked above, not told
    pitfall_items = "".join(
        f'<li class="cp-unsure" data-pitfall="{html.escape(p.id)}" data-found="unsure">? <b>{html.escape(label(p.id, lang))}</b>'
        f' <span class="cp-why">({html.escape(t("checkpad.unsure", lang))})</span></li>' if p.id in doubted else
        f'<li data-pitfall="{html.escape(p.id)}"><b>{html.escape(label(p.id, lang))}</b> — '
        f'<span class="cp-why">{html.escape(p.why)}</span></li>' for p in report.pitfalls)
    pitfall_html = (f"<ul>{pitfall_items}</ul>" if pitfall_items
                    else f'<p class="cp-why">{html.escape(t("checkpad.no_pitfalls", lang))}</p>')
    asked = {q.get("text") for q in getattr(report, "questions", ()) or ()}
    suggestions = "".join(f"<li>{html.escape(s)}</li>" for s in report.suggestions if s not in asked)
    # nothing left to suggest once the questions above ask it: no empty heading
    suggestion_html = (f'<h3>{html.escape(t("checkpad.suggestion", lang))}</h3>'
                       f'<ul class="cp-suggestions">{suggestions}</ul>' if suggestions else "")
    practice = practice_percent(report)
    return (
        f'<h3>{html.escape(t("checkpad.your_text", lang))}</h3>'
        f'<div class="cp-marked">{render_marked(text, report, kind, lang)}</div>'
        f'<div class="cp-legend">{legend}</div>'
        f'<div class="cp-score" data-score="{report.score}" data-practice="{practice}">'
        f'{html.escape(t("checkpad.practice_score", lang, percent=practice))}</div>'
        f'{details}'
        f'<h3>{html.escape(t("checkpad.checklist", lang))}</h3><ul class="cp-checklist">{"".join(items)}</ul>'
        f'{render_questions(report)}'
        f'<h3>{html.escape(t("checkpad.pitfalls", lang))}</h3>{pitfall_html}'
        f'{suggestion_html}'
    )


def _details(report: Report, kind: str, lang: str) -> str:
    data = report.to_dict()
    unsure = set(getattr(report, "unsure", ()) or ())
    doubt = f'（{t("checkpad.unsure", lang)}）' if lang == "zh-CN" else f' ({t("checkpad.unsure", lang)})'
    rows = []
    if kind == "feedback" and data["model"]:
        rows.append(t("checkpad.model", lang, model=data["model"]))
    if kind == "question":
        rows.append(t("checkpad.form", lang, form=label(data["form"], lang)) + (doubt if "form" in unsure else ""))
        if data["grow_stage"]:
            rows.append(t("checkpad.stage", lang, stage=label(data["grow_stage"], lang))
                        + (doubt if "grow_stage" in unsure else ""))
    if kind == "star" and data["first_person_ratio"] is not None:
        rows.append(t("checkpad.first_person", lang, percent=round(100 * data["first_person_ratio"])))
    if kind == "goal":
        for key in ("metric", "baseline", "target", "deadline"):
            if data[key]:
                rows.append(t(f"checkpad.goal.{key}", lang, value=data[key]))
    return "".join(f'<p class="cp-detail">{html.escape(r)}</p>' for r in rows)


class CheckPad(widgets.VBox):
    """A practice pad for one kind of check: text area, live (debounced) check, Check button, marked-up result."""

    def __init__(self, kind: str = "feedback", lang: str = "zh-CN", *, debounce: float = DEBOUNCE_SECONDS,
                 checker: Callable[..., Report] = run, item_id: str = "practice-pad",
                 store_opener: Callable[[], Any] | None = None):
        if kind not in KINDS:
            raise ValueError(f"unknown check kind {kind!r}; expected one of {', '.join(KINDS)}")
        self.kind, self.debounce, self._checker = kind, debounce, checker
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self.switch = LanguageSwitch(lang)
        self.title = widgets.HTML()
        self.text = widgets.Textarea(layout=widgets.Layout(width="100%", height="120px"), continuous_update=True)
        self.text.add_class("coachlab-checkpad-text")
        self.context = widgets.Textarea(layout=widgets.Layout(width="100%", height="60px",
                                                              display="" if kind == "listening" else "none"))
        self.context.add_class("coachlab-checkpad-context")
        self.button = widgets.Button(button_style="primary", icon="check")
        self.button.add_class("coachlab-checkpad-check")
        self.result = widgets.HTML()
        self.result.add_class("coachlab-checkpad-result")
        self.errors = widgets.Output()
        self.item_id = item_id
        self.dispute = DisputeBox(lang, **({"store_opener": store_opener} if store_opener else {}))
        self.report: Report | None = None
        self.button.on_click(safe(lambda _: self.check(), lambda: self.lang, self.errors))
        self.text.observe(safe(self._typed, lambda: self.lang, self.errors), names="value")
        self.context.observe(safe(self._typed, lambda: self.lang, self.errors), names="value")
        self.switch.observe(safe(lambda _: self._relabel(), lambda: self.lang, self.errors), names="value")
        super().__init__([widgets.HTML(STYLE), self.switch, self.title, self.context, self.text, self.button,
                          self.result, self.dispute, self.errors])
        self.add_class("coachlab-checkpad")
        self._relabel()

    @property
    def lang(self) -> str:
        """Return the language the pad is shown in."""
        return self.switch.value

    def _relabel(self) -> None:
        lang = self.lang
        self.title.value = (f'<h2>{html.escape(t("checkpad.kind." + self.kind, lang))}</h2>'
                            f'<p class="cp-hint">{html.escape(t("checkpad.hint." + self.kind, lang))}</p>')
        self.text.placeholder = t("checkpad.placeholder", lang)
        self.context.placeholder = t("checkpad.context", lang)
        self.button.description = t("checkpad.check", lang)
        self.dispute.set_lang(lang)
        self.check()

    def _typed(self, _change: Any = None) -> None:
        # Debounce: check once typing pauses, not on every keystroke.
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self.debounce <= 0:
                self._timer = None
            else:
                self._timer = threading.Timer(self.debounce, self._checked_safely)
                self._timer.daemon = True
                self._timer.start()
                return
        self.check()

    def _checked_safely(self) -> None:
        safe(lambda: self.check(), lambda: self.lang, self.errors)()

    def check(self) -> Report:
        """Check the text now and show the result."""
        text = self.text.value
        report = self._checker(self.kind, text, lang=self.lang if not text.strip() else "auto",
                               context=self.context.value or None)
        self.report = report
        self.result.value = render_report(text, report, self.kind, self.lang)
        self.dispute.target(report.to_dict(), kind=self.kind, item_id=self.item_id, place=self.kind, text=text,
                            context=self.context.value or None)
        return report


def practice_pad(kind: str | None = None, lang: str | None = None) -> CheckPad:
    """Return a CheckPad for the page: ``?kind=`` and ``?lang=`` in its URL choose the check and language."""
    chosen_lang = setup_page(lang)
    if kind is None:
        asked = query_param("kind")
        kind = asked if asked in KINDS else "feedback"
    return CheckPad(kind, chosen_lang)
