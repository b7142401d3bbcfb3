"""The landing page: the lessons, role-plays and exercises, in the chosen language, marked with what the learner did."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.content import Catalog, Item, discover
from coachlab.i18n import t
from coachlab.paths import course_root
from coachlab.progress.journey import Journey, load_journey

from .page import current_learner, learner_from_env, setup_page

SECTIONS = (("lessons", "lessons"), ("scenarios", "roleplays"), ("exercises", "exercises"))

STYLE = """
<style>
.coachlab-landing { max-width: 920px; margin: 0 auto;
  font-family: var(--cl-font, "Noto Sans CJK SC", "Noto Sans SC", sans-serif); color: #1f2933; }
.coachlab-landing h1 { font-size: 28px; line-height: 1.3; margin: 8px 0 4px; }
.coachlab-landing .lead { font-size: 15px; color: #52606d; margin: 0 0 18px; line-height: 1.6; }
.coachlab-landing section { border: 1px solid #e4e7eb; border-radius: 8px; padding: 12px 18px; margin: 12px 0; }
.coachlab-landing h2 { font-size: 19px; margin: 4px 0 8px; }
.coachlab-landing .count { color: #7b8794; font-weight: normal; font-size: 14px; }
.coachlab-landing li { margin: 6px 0; line-height: 1.5; }
.coachlab-landing .meta { color: #7b8794; font-size: 13px; }
.coachlab-landing .empty { color: #7b8794; font-style: italic; }
.coachlab-landing a { color: #1c5fb8; font-weight: 600; text-decoration: none; }
.coachlab-landing a:hover { text-decoration: underline; }
.coachlab-landing .coachlab-mark { display: inline-block; margin-left: 6px; padding: 0 8px; border-radius: 10px;
  font-size: 13px; background: #eef2f7; color: #52606d; }
.coachlab-landing .coachlab-mark.done { background: #e3f4e8; color: #1e7b34; }
.coachlab-landing .coachlab-mark.started { background: #fff4d6; color: #8a6d3b; }
.coachlab-landing .coachlab-mark.closed { background: #f1f1f1; color: #7b8794; }
.coachlab-landing .coachlab-progress { font-size: 15px; padding: 8px 12px; background: #eef6ff; border-radius: 6px; }
.coachlab-landing .coachlab-signin-needed { font-size: 15px; padding: 8px 12px; background: #fff8e6; border-radius: 6px; }
.coachlab-landing .coachlab-trust { color: #7b8794; font-size: 13px; }
</style>
"""


def _with_lang(link: str, lang: str) -> str:
    return f"{link}{'&' if '?' in link else '?'}lang={lang}"


def _when(epoch: float, lang: str) -> str:
    """Return a date and time the learner reads at a glance (the server's local time)."""
    from datetime import datetime

    moment = datetime.fromtimestamp(epoch)
    return moment.strftime("%Y-%m-%d %H:%M") if lang == "en" else moment.strftime("%-m月%-d日 %H:%M")


def _points(value: float) -> str:
    return f"{value:g}"


def item_mark(item: Item, lang: str, journey: Journey | None, open_exercises: set[str] | None = None) -> str:
    """Return what the learner has done with ``item`` as a short HTML mark ("" when nothing yet)."""
    marks: list[tuple[str, str]] = []
    if journey is not None and item.kind == "lesson" and journey.lessons.get(item.slug):
        marks.append(("done", t("landing.mark.tools", lang, count=len(journey.lessons[item.slug]))))
    if journey is not None and item.kind == "scenario" and item.slug in journey.roleplays:
        mark = journey.roleplays[item.slug]
        if mark.finished:
            band = t(f"player.band.{mark.best}", lang) if mark.best else "—"
            marks.append((f"done band-{mark.best}", t("landing.mark.roleplay", lang, count=mark.finished, band=band)))
        elif mark.unfinished:
            marks.append(("started", t("landing.mark.roleplay_open", lang)))
    if item.kind == "exercise":
        handin = journey.exercises.get(item.slug) if journey is not None else None
        if handin is not None and handin.graded:
            marks.append(("done graded", t("landing.mark.graded", lang, score=_points(handin.score),
                                           max=_points(handin.max_score))))
        elif handin is not None:
            marks.append(("done", t("landing.mark.handed_in", lang, time=_when(handin.when, lang))))
        elif open_exercises is not None:
            is_open = item.slug in open_exercises
            marks.append(("open" if is_open else "closed", t(f"landing.mark.{'open' if is_open else 'closed'}", lang)))
    return "".join(f' <span class="coachlab-mark {css}">{html.escape(text)}</span>' for css, text in marks)


def _item_html(item: Item, lang: str, journey: Journey | None = None, open_exercises: set[str] | None = None) -> str:
    title = html.escape(item.title(lang))
    link = item.links.get(lang)
    label = f'<a href="{html.escape(_with_lang(link, lang))}">{title}</a>' if link else title
    meta = []
    if item.minutes:
        meta.append(t("landing.minutes", lang, minutes=item.minutes))
    if item.skills.get(lang):
        meta.append(" · ".join(html.escape(s) for s in item.skills[lang]))
    if lang == "en":
        suffix = f' <span class="meta">({"; ".join(meta)})</span>' if meta else ""
    else:
        suffix = f'<span class="meta">（{"；".join(meta)}）</span>' if meta else ""
    mark = item_mark(item, lang, journey, open_exercises)
    return f'<li data-slug="{html.escape(item.slug)}">{label}{suffix}{mark}</li>'


def progress_html(catalog: Catalog, lang: str, journey: Journey | None, hub: bool = False) -> str:
    """Return the line above the sections: the learner's progress, or how to sign in (and who can see what)."""
    if journey is None:
        parts = [f'<p class="coachlab-signin-needed">{html.escape(t("signin.needed", lang))}</p>']
    else:
        lessons = {i.slug for i in catalog.lessons}
        scenarios = {i.slug for i in catalog.scenarios}
        exercises = {i.slug for i in catalog.exercises}
        text = t("landing.progress", lang, learner=journey.learner,
                 lessons=len(lessons & set(journey.lessons)), lessons_total=len(lessons),
                 roleplays=len({s for s, m in journey.roleplays.items() if m.finished} & scenarios),
                 roleplays_total=len(scenarios),
                 exercises=len(exercises & set(journey.exercises)), exercises_total=len(exercises))
        parts = [f'<p class="coachlab-progress">{html.escape(text)}</p>']
    if not hub and journey is not None:  # before sign-in the top bar says it, beside the name box
        parts.append(f'<p class="coachlab-trust">{html.escape(t("nav.trust", lang))}</p>')
    return "".join(parts)


def render_landing(catalog: Catalog, lang: str, journey: Journey | None = None,
                   open_exercises: set[str] | None = None, hub: bool = False) -> str:
    """Return the landing page body as HTML in ``lang``; an empty section says so plainly.

    With the learner's ``journey`` each item carries what they have done; ``open_exercises`` (when given) marks
    each exercise open or not yet open for hand-in.
    """
    parts = [STYLE, f"<h1>{html.escape(t('landing.title', lang))}</h1>",
             f'<p class="lead">{html.escape(t("landing.lead", lang))}</p>',
             progress_html(catalog, lang, journey, hub)]
    for attr, key in SECTIONS:
        items: tuple[Item, ...] = getattr(catalog, attr)
        heading = html.escape(t(f"landing.{key}.heading", lang))
        count = t("landing.count", lang, count=len(items))
        parts.append(f'<section class="coachlab-{key}"><h2>{heading} <span class="count">{count}</span></h2>')
        if items:
            parts.append("<ol>" + "".join(_item_html(item, lang, journey, open_exercises) for item in items) + "</ol>")
        else:
            parts.append(f'<p class="empty">{html.escape(t(f"landing.{key}.empty", lang))}</p>')
        parts.append("</section>")
    return "".join(parts)


class Landing(widgets.VBox):
    """The landing page widget: the course contents with what the signed-in learner has done.

    The language is the page's (the top bar's switch reloads the page in the other language).
    """

    def __init__(self, catalog: Catalog, lang: str, journey: Journey | None = None,
                 open_exercises: set[str] | None = None, hub: bool = False):
        self.catalog, self.journey, self.open_exercises, self.hub = catalog, journey, open_exercises, hub
        self.lang = lang
        self.body = widgets.HTML(render_landing(catalog, lang, journey, open_exercises, hub))
        super().__init__([self.body])
        self.add_class("coachlab-landing")


def landing(lang: str | None = None) -> Landing:
    """Return the landing page for the course on disk; the notebook's last line displays it."""
    from .exercise_form import open_exercises, release_on_demand

    chosen = setup_page(lang)
    catalog = discover(course_root())
    learner = current_learner()
    journey = load_journey(learner) if learner else None
    # Where every exercise opens on demand there is nothing to say; otherwise each says whether it is open.
    opened = None if release_on_demand() else open_exercises([e.slug for e in catalog.exercises])
    return Landing(catalog, chosen, journey, opened, hub=bool(learner_from_env()))
