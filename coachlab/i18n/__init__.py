"""Message catalogs (one YAML file per language) and a lookup with named placeholders.

Keys are flat dotted slugs (``landing.title``); the first part names the piece of content.
A key missing from a catalog is a bug, caught by tests/test_i18n.py, never papered over with a
fallback to another language.
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from importlib import resources
from typing import Mapping
from urllib.parse import parse_qs

from coachlab.packaged import load_yaml

LANGS: tuple[str, ...] = ("en", "zh-CN")
DEFAULT_LANG = "zh-CN"  # the learners are Chinese-speaking managers
_ALIASES = {
    "en": "en", "en-us": "en", "en-gb": "en", "english": "en",
    "zh": "zh-CN", "zh-cn": "zh-CN", "zh_cn": "zh-CN", "zh-hans": "zh-CN", "cn": "zh-CN", "中文": "zh-CN",
}


class MissingMessage(KeyError):
    """A key that a catalog does not hold."""


def normalize_lang(value: str | None) -> str | None:
    """Return the catalog language for a code such as ``zh`` or ``en-US``, or None if unknown."""
    if not value:
        return None
    return _ALIASES.get(value.strip().lower())


@lru_cache(maxsize=None)
def catalog(lang: str) -> Mapping[str, str]:
    """Load one language's catalog (cached; the files ship inside the package)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    text = resources.files(__package__).joinpath(f"{lang}.yaml").read_text(encoding="utf-8")
    data = load_yaml(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"catalog {lang}.yaml must be a mapping of keys to messages")
    return {str(k): ("" if v is None else str(v)) for k, v in data.items()}


def placeholders(message: str) -> frozenset[str]:
    """Return the names of the ``{placeholders}`` in a message."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(message) if name)


def t(key: str, lang: str, /, **params: object) -> str:
    """Look up ``key`` in ``lang``'s catalog and fill its placeholders."""
    messages = catalog(normalize_lang(lang) or lang)
    try:
        message = messages[key]
    except KeyError:
        raise MissingMessage(f"{key!r} is not in the {lang} catalog") from None
    return message.format(**params) if params else message


def lang_from_query(query: str | None) -> str | None:
    """Return the language a page URL asks for with ``?lang=zh`` or ``?lang=en``, if any."""
    if not query:
        return None
    values = parse_qs(query.lstrip("?")).get("lang")
    return normalize_lang(values[-1]) if values else None


def resolve_lang(query: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Choose the page language: the URL's ``?lang=`` first, then ``COACHLAB_LANG``, then zh-CN."""
    env = os.environ if env is None else env
    return lang_from_query(query) or normalize_lang(env.get("COACHLAB_LANG")) or DEFAULT_LANG


def error_box_html(inner_html: str) -> str:
    """Return the red notice box a page shows instead of a traceback (``inner_html`` is already escaped).

    One markup for the widgets' friendly error and the server's "kernel could not start" notice; pure, so the
    Voila server process can use it without importing ipywidgets.
    """
    return ('<div class="coachlab-error" role="alert" style="padding:12px;border-left:4px solid #c0392b;'
            f'background:#fdf2f0">{inner_html}</div>')
