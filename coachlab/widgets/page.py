"""What every Voila page shares: the page language, a language switch, and friendly errors."""

from __future__ import annotations

import html
import json
import os
import sys
import time
import traceback
from typing import Callable

import ipywidgets as widgets
from IPython import get_ipython
from IPython.display import HTML, display

from coachlab.i18n import LANGS, resolve_lang, t

SWITCH_LABELS = {"en": "English", "zh-CN": "中文"}


QUERY_ATTEMPTS = 30
_UNSET = object()
_query_cache: object = _UNSET


def _query_string() -> str | None:
    """Return the page URL's query string, waiting for the request when the kernel was preheated.

    A preheated Voila kernel receives the request once; asking again would wait forever, so the
    first answer is kept for the life of the kernel (one kernel serves one page view). Voila gives
    up connecting for the request after 5 s, which a busy server can exceed: try again then.
    """
    global _query_cache
    if _query_cache is _UNSET:
        try:
            from voila.utils import get_query_string
        except ImportError:  # pragma: no cover - voila is a dependency
            return os.environ.get("QUERY_STRING")
        query = get_query_string()
        attempts = 1
        while query is None and os.environ.get("VOILA_PREHEAT") == "True" and attempts < QUERY_ATTEMPTS:
            time.sleep(1)
            query, attempts = get_query_string(), attempts + 1
        _query_cache = query
    return _query_cache  # type: ignore[return-value]


def page_lang() -> str:
    """Return the language of this page: ``?lang=`` in its URL, else COACHLAB_LANG, else zh-CN."""
    return resolve_lang(_query_string())


def friendly_error_html(lang: str) -> str:
    """Return the message a learner sees instead of a traceback."""
    return (
        '<div class="coachlab-error" role="alert" style="padding:12px;border-left:4px solid #c0392b;'
        f'background:#fdf2f0">{html.escape(t("error.friendly", lang))}</div>'
    )


KERNEL_CHECK_MS = 5000


def kernel_watch_html(lang: str) -> str:
    """Return a hidden notice, and the script that shows it when this page's kernel is gone.

    A page whose kernel has died (killed, out of memory) or was culled looks alive but answers nothing; the
    script asks the server every few seconds whether the kernel is still there, and on a 404 (or the server
    not answering twice) asks the learner to reload. Empty outside Voila.
    """
    kernel = os.environ.get("VOILA_KERNEL_ID")
    if not kernel:
        return ""
    url = json.dumps(os.environ.get("VOILA_BASE_URL", "/").rstrip("/") + f"/api/kernels/{kernel}")
    return (
        '<div class="coachlab-kernel-gone" role="alert" hidden style="position:fixed;top:0;left:0;right:0;'
        'z-index:1000;padding:12px 16px;border-bottom:3px solid #c0392b;background:#fdf2f0;font-size:15px">'
        f'{html.escape(t("error.kernel_gone", lang))} <a href="#" onclick="location.reload();return false">'
        f'{html.escape(t("error.reload", lang))}</a></div>'
        "<script>(function () {"
        " var box = document.currentScript.previousElementSibling, misses = 0;"
        " function show() { box.hidden = false; }"
        " function check() {"
        f"  fetch({url}, {{credentials: 'same-origin', cache: 'no-store'}}).then(function (r) {{"
        f"   if (r.status === 404) {{ show(); }} else {{ misses = 0; setTimeout(check, {KERNEL_CHECK_MS}); }}"
        "  }).catch(function () {"
        f"   misses += 1; if (misses >= 2) {{ show(); }} else {{ setTimeout(check, {KERNEL_CHECK_MS}); }}"
        "  });"
        " }"
        f" setTimeout(check, {KERNEL_CHECK_MS});"
        "})();</script>"
    )


def _log_traceback(etype, value, tb) -> None:
    # The real process stderr ends up in the Voila server log, never on the learner's page.
    print("".join(traceback.format_exception(etype, value, tb)), file=sys.__stderr__, flush=True)


def setup_page(lang: str | None = None) -> str:
    """Prepare a lesson page: pick the language and show friendly errors instead of tracebacks."""
    chosen = lang or page_lang()
    shell = get_ipython()
    if shell is not None:
        def show_friendly(shell, etype, value, tb, tb_offset=None):
            _log_traceback(etype, value, tb)
            display(HTML(friendly_error_html(chosen)))
        shell.set_custom_exc((Exception,), show_friendly)
        watch = kernel_watch_html(chosen)
        if watch:
            display(HTML(watch))
    return chosen


def safe(callback: Callable[..., None], lang_of: Callable[[], str],
         out: widgets.Output | widgets.HTML) -> Callable[..., None]:
    """Wrap a widget callback so an exception shows the friendly message in ``out``, not a traceback."""
    def wrapped(*args, **kwargs):
        try:
            callback(*args, **kwargs)
        except Exception:
            _log_traceback(*sys.exc_info())
            if isinstance(out, widgets.HTML):
                out.value = friendly_error_html(lang_of())
                return
            out.clear_output()
            with out:
                display(HTML(friendly_error_html(lang_of())))
    return wrapped


class LanguageSwitch(widgets.ToggleButtons):
    """The English / 中文 switch shown at the top of every page."""

    def __init__(self, lang: str):
        super().__init__(
            options=[(SWITCH_LABELS[code], code) for code in LANGS],
            value=lang,
            style={"button_width": "84px"},
            tooltips=[t("page.switch_tooltip", code) for code in LANGS],
        )
        self.add_class("coachlab-lang-switch")


def learner_from_env() -> str | None:
    """Return the JupyterHub user name when the course runs under JupyterHub, else None."""
    return os.environ.get("JUPYTERHUB_USER") or None


class LearnerField(widgets.VBox):
    """Who is working: the JupyterHub user when there is one, else a validated name field.

    ``learner_id`` is None until a valid id is known; an invalid one shows the reason in the
    learner's language and changes nothing already saved.
    """

    def __init__(self, lang: str):
        from coachlab.progress import LearnerIdError, validate_learner_id

        self._validate, self._error_type = validate_learner_id, LearnerIdError
        self.lang = lang
        hub_user = learner_from_env()
        self.text = widgets.Text(value=hub_user or "", description=t("learner.label", lang),
                                 placeholder=t("learner.placeholder", lang), disabled=bool(hub_user),
                                 style={"description_width": "initial"})
        self.text.add_class("coachlab-learner-id")
        self.problem = widgets.HTML()
        super().__init__([self.text, self.problem])

    @property
    def learner_id(self) -> str | None:
        """Return the validated learner id, or None after showing why the typed one is unusable."""
        try:
            learner = self._validate(self.text.value)
        except self._error_type as exc:
            self.problem.value = f'<span class="coachlab-problem" style="color:#c0392b">{html.escape(exc.message(self.lang))}</span>'
            return None
        self.problem.value = ""
        return learner


def query_param(name: str, query: str | None = None) -> str | None:
    """Return the last value of ``name`` in ``query`` (default: the page URL's query string), or None.

    The query string is read once per kernel (see ``_query_string``), so this may be called freely.
    """
    from urllib.parse import parse_qs

    values = parse_qs(((_query_string() if query is None else query) or "").lstrip("?")).get(name)
    return values[-1] if values else None
