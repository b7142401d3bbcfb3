"""What every lesson tool shares: the language, the learner's saved work, downloads, plots, links."""

from __future__ import annotations

import base64
import html
import io
from typing import Any, Callable

import ipywidgets as widgets

from coachlab.i18n import t

from .page import LearnerField, page_lang, safe

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Microsoft YaHei",
             "SimHei", "PingFang SC", "DejaVu Sans"]


def resolve_lang(lang: str | None) -> str:
    """Return ``lang`` or the page's language."""
    return lang or page_lang()


def guarded(callback: Callable[..., None], lang: str, out: widgets.Output | widgets.HTML) -> Callable[..., None]:
    """Wrap a callback so an error shows the friendly message in ``lang``, never a traceback."""
    return safe(callback, lambda: lang, out)


class Keeper(widgets.VBox):
    """The learner field plus saving: a tool's work is kept per learner and shown again on return."""

    def __init__(self, lang: str, item_id: str, restore: Callable[[dict], None]):
        self.lang, self.item_id, self._restore = lang, item_id, restore
        self.field = LearnerField(lang)
        self.field.text.continuous_update = False
        self.status = widgets.HTML()
        self.status.add_class("coachlab-save-status")
        self.field.text.observe(lambda _: self.load(), names="value")
        super().__init__([self.field, self.status])
        if self.field.text.value:
            self.load()

    def load(self) -> None:
        """Show the learner's saved work, if any."""
        learner = self.field.learner_id
        if learner is None:
            return
        from coachlab.progress import open_store
        with open_store() as store:
            state = store.load_state(learner, self.item_id)
        if state:
            self._restore(state)
            self.status.value = _note(t("lesson.restored", self.lang))

    def save(self, state: dict) -> bool:
        """Keep the learner's work; say so, or say why it was not kept."""
        if not self.field.text.value.strip():
            self.status.value = _note(t("lesson.not_saved", self.lang), "#8a6d3b")
            return False
        learner = self.field.learner_id
        if learner is None:
            return False
        from coachlab.progress import open_store
        with open_store() as store:
            store.save_state(learner, self.item_id, state)
        self.status.value = _note(t("lesson.saved", self.lang))
        return True

    def record(self, answers: dict, scores: dict[str, float]) -> None:
        """Record a scored attempt for the learner, when one is known."""
        learner = self.field.learner_id if self.field.text.value.strip() else None
        if learner is None:
            return
        from coachlab.progress import Attempt, open_store
        with open_store() as store:
            store.record(Attempt(learner, self.item_id, answers, scores, lang=self.lang))


def _note(text: str, color: str = "#2e7d32") -> str:
    return f'<span style="color:{color};font-size:90%">{html.escape(text)}</span>'


def download_link(filename: str, content: bytes | str, mime: str, label: str) -> str:
    """Return an HTML link that downloads ``content`` as ``filename`` (works inside Voila)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="coachlab-download" download="{html.escape(filename)}" href="data:{mime};base64,{encoded}" '
            f'style="display:inline-block;margin:4px 12px 4px 0;padding:6px 12px;border:1px solid #1565c0;'
            f'border-radius:4px;color:#1565c0;text-decoration:none">⬇ {html.escape(label)}</a>')


def setup_cjk_fonts() -> str | None:
    """Make matplotlib draw Chinese labels; return the CJK font found, or None (labels may show boxes)."""
    import matplotlib
    from matplotlib import font_manager

    available = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in CJK_FONTS[:-1] if name in available), None)
    matplotlib.rcParams["font.sans-serif"] = CJK_FONTS
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    return found


def figure_html(fig: Any, alt: str) -> str:
    """Render a matplotlib figure as an inline PNG <img> and close it."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
    plt.close(fig)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img class="coachlab-plot" alt="{html.escape(alt)}" style="max-width:100%" src="data:image/png;base64,{encoded}">'


def heading(text: str) -> widgets.HTML:
    """Return a tool's title."""
    return widgets.HTML(f'<h3 style="margin:8px 0">{html.escape(text)}</h3>')


def main_button(label: str) -> widgets.Button:
    """Return the tool's main action button (the browser test clicks it by its class)."""
    button = widgets.Button(description=label, button_style="primary", layout=widgets.Layout(width="auto"))
    button.add_class("coachlab-main-action")
    return button


def result_box() -> widgets.HTML:
    """Return the area where a tool shows its result."""
    box = widgets.HTML()
    box.add_class("coachlab-result")
    return box


def textarea(placeholder: str = "", rows: int = 3, value: str = "") -> widgets.Textarea:
    """Return a full-width text box."""
    return widgets.Textarea(value=value, placeholder=placeholder, rows=rows, layout=widgets.Layout(width="98%"))


def related_items(slug: str, root: Any = None) -> tuple[list[Any], list[Any]]:
    """Return the role-plays and exercises that name this lesson (``lesson:`` in their files), in slug order."""
    from coachlab.content import discover
    from coachlab.paths import course_root

    scenarios, exercises = discover(root or course_root()).practice_for(slug)
    return list(scenarios), list(exercises)


LINK_STYLE = "color:#1565c0;text-decoration:underline"


def _minutes(item: Any, lang: str) -> str:
    if not getattr(item, "minutes", None):
        return ""
    return f' <span style="color:#666;font-size:90%">· {html.escape(t("landing.minutes", lang, minutes=item.minutes))}</span>'


def practice_links_html(scenarios: list[Any], exercises: list[Any], lang: str) -> str:
    """Return the lesson's practice list: each role-play and exercise by its title in ``lang``, linked
    relative to a lesson page (notebooks/<en|zh>/) and carrying the language; an item without a page is
    listed without a link."""
    def entries(items: list[Any], css: str) -> str:
        rows = []
        for item in items:
            title = html.escape(item.title(lang))
            target = item.links.get(lang)
            if target:
                joiner = "&" if "?" in target else "?"
                href = html.escape(f"../{target}{joiner}lang={lang}")
                rows.append(f'<li><a class="{css}" href="{href}" target="_blank" style="{LINK_STYLE}">{title}</a>'
                            f"{_minutes(item, lang)}</li>")
            else:
                rows.append(f"<li>{title}{_minutes(item, lang)}</li>")
        return "<ul>" + "".join(rows) + "</ul>"

    parts = [f"<h4>{html.escape(t('lesson.roleplays', lang))}</h4>",
             entries(scenarios, "coachlab-roleplay-link") if scenarios
             else f"<p>{html.escape(t('lesson.no_roleplays', lang))}</p>",
             f"<h4>{html.escape(t('lesson.exercises', lang))}</h4>",
             entries(exercises, "coachlab-exercise-link") if exercises
             else f"<p>{html.escape(t('lesson.no_exercises', lang))}</p>"]
    return "".join(parts)


def lesson_links(slug: str, lang: str | None = None) -> widgets.HTML:
    """Show links to the lesson's role-plays and exercises, as declared by their ``lesson:`` field."""
    lang = resolve_lang(lang)
    scenarios, exercises = related_items(slug)
    box = widgets.HTML(practice_links_html(scenarios, exercises, lang))
    box.add_class("coachlab-lesson-links")
    return box
