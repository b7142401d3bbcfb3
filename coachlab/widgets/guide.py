"""The facilitator guide page: the guide in the page's language and its printable handout (thin view over
coachlab.guide)."""

from __future__ import annotations

import html

import ipywidgets as widgets

from .lesson import download_link, resolve_lang

GUIDE_STYLE = "<style>.coachlab-guide .cl-guide h1 { margin-top: 0; }</style>"


def facilitator_guide(lang: str | None = None) -> widgets.HTML:
    """Show the facilitator guide, with links to each lesson, role-play and exercise, and the handout to print."""
    from coachlab.content import discover
    from coachlab.guide import GUIDE_CSS, handout_html, load_guide, render_guide
    from coachlab.paths import course_root

    lang = resolve_lang(lang)
    guide, catalog = load_guide(), discover(course_root())
    labels = guide["labels"]
    handout = handout_html(guide, catalog, lang)
    name = f"coachlab-facilitator-guide-{lang}.html"
    download = (f'<p class="coachlab-guide-handout">{download_link(name, handout, "text/html", labels["handout"][lang])}'
                f'<span style="color:#555;font-size:90%">{html.escape(labels["handout_hint"][lang])}</span></p>')
    box = widgets.HTML(f"<style>{GUIDE_CSS}</style>{GUIDE_STYLE}{download}{render_guide(guide, catalog, lang, '')}")
    box.add_class("coachlab-guide")
    return box
