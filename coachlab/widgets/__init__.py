"""Thin ipywidgets views over the coachlab core. Notebooks call these in one line."""

from .landing import Landing, landing
from .page import LanguageSwitch, page_lang, setup_page

__all__ = ["Landing", "LanguageSwitch", "landing", "page_lang", "setup_page"]
