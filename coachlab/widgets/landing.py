"""The landing page: the lessons, role-plays and exercises that exist, in the chosen language."""

from __future__ import annotations

import html

import ipywidgets as widgets

from coachlab.content import Catalog, Item, discover
from coachlab.i18n import t
from coachlab.paths import course_root

from .page import LanguageSwitch, setup_page

SECTIONS = (("lessons", "lessons"), ("scenarios", "roleplays"), ("exercises", "exercises"))

STYLE = """
<style>
.coachlab-landing { max-width: 920px; margin: 0 auto; font-family: "Noto Sans CJK SC", "Noto Sans SC",
  "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: #1f2933; }
.coachlab-landing h1 { font-size: 28px; margin: 8px 0 4px; }
.coachlab-landing .lead { font-size: 15px; color: #52606d; margin: 0 0 18px; line-height: 1.6; }
.coachlab-landing section { border: 1px solid #e4e7eb; border-radius: 8px; padding: 12px 18px; margin: 12px 0; }
.coachlab-landing h2 { font-size: 19px; margin: 4px 0 8px; }
.coachlab-landing .count { color: #7b8794; font-weight: normal; font-size: 14px; }
.coachlab-landing li { margin: 6px 0; line-height: 1.5; }
.coachlab-landing .meta { color: #7b8794; font-size: 13px; }
.coachlab-landing .empty { color: #7b8794; font-style: italic; }
.coachlab-landing a { color: #1c5fb8; font-weight: 600; text-decoration: none; }
.coachlab-landing a:hover { text-decoration: underline; }
</style>
"""


def _with_lang(link: str, lang: str) -> str:
    return f"{link}{'&' if '?' in link else '?'}lang={lang}"


def _item_html(item: Item, lang: str) -> str:
    title = html.escape(item.title(lang))
    link = item.links.get(lang)
    label = f'<a href="{html.escape(_with_lang(link, lang))}">{title}</a>' if link else title
    meta = []
    if item.minutes:
        meta.append(t("landing.minutes", lang, minutes=item.minutes))
    if item.skills.get(lang):
        meta.append(" · ".join(html.escape(s) for s in item.skills[lang]))
    suffix = f' <span class="meta">({"; ".join(meta)})</span>' if meta else ""
    return f'<li data-slug="{html.escape(item.slug)}">{label}{suffix}</li>'


def render_landing(catalog: Catalog, lang: str) -> str:
    """Return the landing page body as HTML in ``lang``; an empty section says so plainly."""
    parts = [STYLE, f"<h1>{html.escape(t('landing.title', lang))}</h1>",
             f'<p class="lead">{html.escape(t("landing.lead", lang))}</p>']
    for attr, key in SECTIONS:
        items: tuple[Item, ...] = getattr(catalog, attr)
        heading = html.escape(t(f"landing.{key}.heading", lang))
        count = t("landing.count", lang, count=len(items))
        parts.append(f'<section class="coachlab-{key}"><h2>{heading} <span class="count">{count}</span></h2>')
        if items:
            parts.append("<ol>" + "".join(_item_html(item, lang) for item in items) + "</ol>")
        else:
            parts.append(f'<p class="empty">{html.escape(t(f"landing.{key}.empty", lang))}</p>')
        parts.append("</section>")
    return "".join(parts)


class Landing(widgets.VBox):
    """The landing page widget: a language switch over the rendered course contents."""

    def __init__(self, catalog: Catalog, lang: str):
        self.catalog = catalog
        self.switch = LanguageSwitch(lang)
        self.body = widgets.HTML(render_landing(catalog, lang))
        self.switch.observe(self._on_lang, names="value")
        super().__init__([self.switch, self.body])
        self.add_class("coachlab-landing")

    @property
    def lang(self) -> str:
        """Return the language shown now."""
        return self.switch.value

    def _on_lang(self, change: dict) -> None:
        self.body.value = render_landing(self.catalog, change["new"])


def landing(lang: str | None = None) -> Landing:
    """Return the landing page for the course on disk; the notebook's last line displays it."""
    return Landing(discover(course_root()), setup_page(lang))
