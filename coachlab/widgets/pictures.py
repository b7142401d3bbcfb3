"""Show one of the trainer's pictures (GROW cycle, SWOT strategies, golden circle, interview flow, ...) in a lesson."""

from __future__ import annotations

import ipywidgets as widgets

from coachlab.tools.pictures import static_picture

from .lesson import resolve_lang


def picture(name: str, lang: str | None = None) -> widgets.HTML:
    """Show the picture ``name`` (grow, swot, golden, interview, corral, conflict) in the page's language."""
    box = widgets.HTML(f'<div style="margin:8px 0">{static_picture(name, resolve_lang(lang))}</div>')
    box.add_class("coachlab-picture-box")
    return box
