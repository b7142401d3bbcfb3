"""“I think this is wrong”: the small control beside every check result that files a dispute.

The learner picks the verdict they disagree with (or the result as a whole) and writes a note; it goes
to the learner records (``disputes``) for the facilitator. A learner only ever sees their own notes.
Bad input (an empty note with no verdict picked, a note that is too long) gets a message in the
learner's language and keeps what they typed.
"""

from __future__ import annotations

import html
from typing import Any, Callable, Mapping

import ipywidgets as widgets

from coachlab.i18n import MissingMessage, t
from coachlab.progress.disputes import CHOICES, LABELS, labels_of

from .page import LearnerField, safe

STYLE = """
<style>
.coachlab-dispute { margin: 6px 0 10px; }
.coachlab-dispute .widget-button.coachlab-dispute-open { width: auto; font-size: 13px; color: #7b4b00;
  background: #fff8e1; border: 1px solid #f0b429; border-radius: 4px; }
.coachlab-dispute-panel { border: 1px solid #f0b429; border-radius: 6px; padding: 8px 12px; background: #fffdf5;
  max-width: 760px; }
.coachlab-dispute-panel h4 { margin: 2px 0 6px; font-size: 15px; }
.coachlab-dispute-status .ok { color: #1e7b34; } .coachlab-dispute-status .bad { color: #c0392b; }
.coachlab-dispute-mine { font-size: 13px; color: #52606d; }
.coachlab-dispute-mine ul { margin: 2px 0; padding-left: 18px; }
</style>
"""
_VALUE_PREFIXES = ("checkpad.element.", "checkpad.form.", "checkpad.stage.", "checkpad.pitfall.")
_NAME_KEYS = {("question", "leading"): "checkpad.pitfall.leading", ("question", "advice"): "checkpad.pitfall.advice"}
_TEMPLATE_NAMES = {("question", "form"): ("checkpad.form", "form"), ("question", "grow_stage"): ("checkpad.stage", "stage")}


def _lookup(keys: tuple[str, ...], lang: str, fallback: str) -> str:
    for key in keys:
        try:
            return t(key, lang)
        except MissingMessage:
            continue
    return fallback


def label_name(kind: str, name: str, lang: str) -> str:
    """Return a verdict's name in words (impact, 诱导性提问 ...)."""
    if (kind, name) in _NAME_KEYS:
        return t(_NAME_KEYS[(kind, name)], lang)
    if (kind, name) in _TEMPLATE_NAMES:  # "Question form: {form}" -> "Question form"
        key, slot = _TEMPLATE_NAMES[(kind, name)]
        return t(key, lang, **{slot: ""}).rstrip(":： ")
    return _lookup(("checkpad.element." + name, "checkpad.pitfall." + name), lang, name)


def value_words(value: Any, lang: str) -> str:
    """Return a verdict's value in words: found / not found / not judged, or a form or GROW stage."""
    if value is True:
        return t("dispute.value.yes", lang)
    if value is False:
        return t("dispute.value.no", lang)
    if value is None:
        return t("dispute.value.none", lang)
    return _lookup(tuple(prefix + str(value) for prefix in _VALUE_PREFIXES), lang, str(value))


def verdict_words(kind: str, verdict: Mapping[str, Any], lang: str, *, flags: str = "present") -> list[tuple[str, str]]:
    """Return (label, "name: value") for each verdict a report makes; feedback flags only when they fired."""
    labels = labels_of(kind, verdict)
    shown = []
    for name in LABELS[kind]:
        value = labels[name]
        if kind == "feedback" and name not in ("behavior", "impact", "appreciation", "development") \
                and flags == "present" and not value:
            continue
        colon = "：" if lang == "zh-CN" else ": "
        shown.append((name, f"{label_name(kind, name, lang)}{colon}{value_words(value, lang)}"))
    return shown


def _default_store():
    from coachlab.progress import open_store

    return open_store()


class DisputeBox(widgets.VBox):
    """The “I think this is wrong” button and, once opened, the verdict picker, the note and Send."""

    def __init__(self, lang: str, *, learner: LearnerField | None = None,
                 store_opener: Callable[[], Any] | None = _default_store, extra: tuple[widgets.Widget, ...] = ()):
        self.lang, self.store_opener = lang, store_opener
        self.subject: dict[str, Any] | None = None
        self.saved_id: int | None = None
        self.own_learner = learner is None
        self.learner = learner or LearnerField(lang)
        self.open_button = widgets.Button(icon="flag", layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.open_button.add_class("coachlab-dispute-open")
        self.heading = widgets.HTML()
        self.which = widgets.Dropdown(layout=widgets.Layout(width="auto", max_width="700px"),
                                      style={"description_width": "initial"})
        self.which.add_class("coachlab-dispute-label")
        self.note = widgets.Textarea(layout=widgets.Layout(width="100%", height="70px"))
        self.note.add_class("coachlab-dispute-note")
        self.send_button = widgets.Button(button_style="warning", icon="paper-plane", layout=widgets.Layout(width="auto"))
        self.send_button.add_class("coachlab-dispute-send")
        self.close_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.close_button.add_class("coachlab-dispute-close")
        self.status = widgets.HTML()
        self.status.add_class("coachlab-dispute-status")
        self.mine = widgets.HTML()
        self.mine.add_class("coachlab-dispute-mine")
        self.errors = widgets.HTML()
        rows = [self.heading, *extra] + ([self.learner] if self.own_learner else []) + [
            self.which, self.note, widgets.HBox([self.send_button, self.close_button]), self.status, self.mine]
        self.panel = widgets.VBox(rows, layout=widgets.Layout(display="none"))
        self.panel.add_class("coachlab-dispute-panel")
        lang_of = lambda: self.lang  # noqa: E731
        self.open_button.on_click(safe(lambda _b: self.show(True), lang_of, self.errors))
        self.close_button.on_click(safe(lambda _b: self.show(False), lang_of, self.errors))
        self.send_button.on_click(safe(lambda _b: self.send(), lang_of, self.errors))
        # A message about the last try goes once the learner changes what they wrote or picked.
        self.note.observe(lambda _c: self._clear_problem(), names="value")
        self.which.observe(lambda _c: self._clear_problem(), names="value")
        super().__init__([widgets.HTML(STYLE), self.open_button, self.panel, self.errors])
        self.add_class("coachlab-dispute")
        self.set_lang(lang)
        self.target(None)

    # --- what is disputed -------------------------------------------------------------------------------
    def target(self, verdict: Mapping[str, Any] | None, *, kind: str | None = None, item_id: str = "",
               place: str = "", text: str = "", context: str | None = None) -> None:
        """Point the box at a check result (None: nothing to dispute yet, the button is hidden)."""
        usable = verdict is not None and kind in LABELS and bool(text.strip()) and not verdict.get("empty")
        self.subject = ({"verdict": dict(verdict), "kind": kind, "item_id": item_id, "place": place, "text": text,
                         "context": context} if usable else None)
        self.layout.display = "" if usable else "none"
        if not usable:
            self.show(False)
        self._fill_choices()
        self.status.value = ""

    def _fill_choices(self) -> None:
        options = [(t("dispute.whole", self.lang), "")]
        if self.subject:
            options += [(words, name) for name, words in
                        verdict_words(self.subject["kind"], self.subject["verdict"], self.lang)]
        current = self.which.value if self.which.options else ""
        self.which.options = options
        self.which.value = current if current in {value for _, value in options} else ""

    def show(self, opened: bool) -> None:
        """Open or close the panel."""
        self.panel.layout.display = "" if opened and self.subject else "none"
        if opened:
            self._show_mine()

    def set_lang(self, lang: str) -> None:
        """Relabel everything in ``lang``; the typed note and the picked verdict stay."""
        self.lang = lang
        if self.own_learner:
            self.learner.lang = lang
            self.learner.text.description = t("learner.label", lang)
            self.learner.text.placeholder = t("learner.placeholder", lang)
        self.open_button.description = t("dispute.open", lang)
        self.heading.value = f'<h4>{html.escape(t("dispute.heading", lang))}</h4>'
        self.which.description = t("dispute.which", lang)
        self.note.placeholder = t("dispute.note_placeholder", lang)
        self.send_button.description = t("dispute.send", lang)
        self.close_button.description = t("dispute.cancel", lang)
        self._fill_choices()
        if self.panel.layout.display != "none":
            self._show_mine()

    # --- sending ----------------------------------------------------------------------------------------
    def _clear_problem(self) -> None:
        if 'class="bad"' in self.status.value:
            self.status.value = ""

    def _problem(self, message: str) -> None:
        self.status.value = f'<span class="bad" role="alert">{html.escape(message)}</span>'

    def send(self) -> int | None:
        """File the dispute; return its id, or None after saying (in the learner's language) what is wrong."""
        from coachlab.progress.store import Dispute, DisputeError

        lang = self.lang
        if self.subject is None:
            self._problem(t("dispute.nothing", lang))
            return None
        learner = self.learner.learner_id
        if learner is None:
            self._problem(t("dispute.need_learner", lang))
            return None
        s = self.subject
        dispute = Dispute(learner, s["item_id"], s["kind"], s["text"], s["verdict"], self.note.value,
                          self.which.value or None, s["place"], lang, s["context"])
        store = self.store_opener() if self.store_opener else None
        if store is None:
            self._problem(t("error.friendly", lang))
            return None
        try:
            self.saved_id = store.add_dispute(dispute)
        except DisputeError as exc:
            self._problem(exc.message(lang))
            return None
        finally:
            store.close()
        self.note.value = ""
        self.which.value = ""
        self.status.value = (f'<span class="ok" role="status">'
                             f'{html.escape(t("dispute.saved", lang, id=self.saved_id))}</span>')
        self._show_mine()
        return self.saved_id

    def _show_mine(self) -> None:
        learner = self.learner.text.value.strip() and self.learner.learner_id
        if not learner or not self.subject or not self.store_opener:
            self.mine.value = ""
            return
        store = self.store_opener()
        try:
            mine = store.disputes(learner_id=learner, item_id=self.subject["item_id"])[-5:]
        finally:
            store.close()
        if not mine:
            self.mine.value = ""
            return
        whole = t("dispute.whole", self.lang)
        items = []
        for d in reversed(mine):
            what = label_name(d.kind, d.label, self.lang) if d.label else whole
            status = t("dispute.status." + d.status, self.lang)
            items.append(f'<li data-dispute="{d.id}" data-status="{d.status}">#{d.id} · {html.escape(what)}'
                         f' — {html.escape(status)}</li>')
        items = "".join(items)
        self.mine.value = f'{html.escape(t("dispute.yours", self.lang))}:<ul>{items}</ul>'


__all__ = ["CHOICES", "DisputeBox", "label_name", "value_words", "verdict_words"]
