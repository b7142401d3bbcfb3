"""Decide whether a text is Chinese or English."""

from __future__ import annotations

import re

from coachlab.i18n import normalize_lang

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")


def has_cjk(text: str) -> bool:
    """Return True when the text holds at least one Chinese character."""
    return CJK.search(text) is not None


def detect_lang(text: str) -> str:
    """Return "zh-CN" or "en" for a text; mixed text counts as Chinese once Chinese carries weight."""
    cjk = len(CJK.findall(text))
    if cjk == 0:
        return "en"
    latin = len(LATIN.findall(text))
    # One Chinese character carries about as much as a short English word (~4 letters), so
    # "我们的FCR要到80%" is Chinese while "Please call Ms 王 back" stays English.
    return "zh-CN" if cjk * 4 >= latin else "en"


def normalize_lang_arg(value: str | None, text: str) -> str:
    """Return "en" or "zh-CN" for a --lang value (zh, en, auto, zh-CN, None), detecting when auto."""
    if (value or "auto").strip().lower() == "auto":
        return detect_lang(text)
    code = normalize_lang(value)  # the course's one table of language aliases
    if code:
        return code
    raise ValueError(f"unknown language {value!r}; use zh, en or auto")
