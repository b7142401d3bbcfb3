"""The language a ``coachlab`` command answers in: ``--lang``, then ``COACHLAB_LANG``, then the system locale.

Pages choose by the URL (``coachlab.i18n.resolve_lang``) and default to Chinese, since the learners are
Chinese-speaking; a command is read by whoever runs it, so it follows their terminal: a ``zh*`` locale gives
Chinese, any other (or none) English.
"""

from __future__ import annotations

import os
from typing import Mapping

from coachlab.i18n import normalize_lang

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set wins


def locale_lang(env: Mapping[str, str] | None = None) -> str:
    """Return the catalog language of the system locale: ``zh-CN`` for ``zh*``, else ``en``."""
    env = os.environ if env is None else env
    for name in LOCALE_VARIABLES:
        value = (env.get(name) or "").strip()
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return "en"


def cli_lang(value: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """Return the language of a command's messages: ``value`` (``--lang``), ``COACHLAB_LANG``, the locale."""
    env = os.environ if env is None else env
    return normalize_lang(value) or normalize_lang(env.get("COACHLAB_LANG")) or locale_lang(env)
