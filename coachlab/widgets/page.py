"""What every Voila page shares: the page language, who the learner is, the top bar, and friendly errors.

Identity comes from one function, ``current_learner()``: under JupyterHub the hub user (``JUPYTERHUB_USER``,
read in the kernel); under ``make serve`` the name the learner gave once in this browser, kept in the
``coachlab_learner`` cookie, which Voila hands to the kernel with the page request (``http_header_envs``). No
widget holds the id, so nothing a page sends over the widget channel can change who is working.

The top bar (``nav_html``) is shown once per page by ``setup_page``: the course home and "my work" links, who is
signed in with "not you?" (or the sign-in box), and the one language switch, which reloads the page with
``?lang=`` changed and every other query parameter kept.
"""

from __future__ import annotations

import html
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qsl, unquote

import ipywidgets as widgets
import traitlets
from IPython import get_ipython
from IPython.display import HTML, display

from coachlab.i18n import LANGS, error_box_html, resolve_lang, t

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


def friendly_error_html(lang: str, error: BaseException | None = None) -> str:
    """Return the message a learner sees instead of a traceback: for the records service or its database being
    away a moment (``RecordsUnavailable``), its "try again" in the page's language (reloading would lose the
    page's unsaved work); else the general one."""
    from coachlab.records.client import RecordsUnavailable  # standard library only: cheap in a kernel

    if isinstance(error, RecordsUnavailable):
        return error_box_html(html.escape(error.message(lang)))
    return error_box_html(html.escape(t("error.friendly", lang)))


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


_nav_shown = False


def setup_page(lang: str | None = None) -> str:
    """Prepare a page: pick the language, show the top bar once, and show friendly errors instead of tracebacks."""
    global _nav_shown
    chosen = lang or page_lang()
    shell = get_ipython()
    if shell is not None:
        def show_friendly(shell, etype, value, tb, tb_offset=None):
            _log_traceback(etype, value, tb)
            display(HTML(friendly_error_html(chosen, value)))
        shell.set_custom_exc((Exception,), show_friendly)
        watch = kernel_watch_html(chosen)
        if watch:
            display(HTML(watch))
        if not _nav_shown:
            _nav_shown = True
            display(HTML(nav_html(chosen)))
    return chosen


def safe(callback: Callable[..., None], lang_of: Callable[[], str],
         out: widgets.Output | widgets.HTML) -> Callable[..., None]:
    """Wrap a widget callback so an exception shows the friendly message in ``out``, not a traceback."""
    def wrapped(*args, **kwargs):
        try:
            callback(*args, **kwargs)
        except Exception as error:
            _log_traceback(*sys.exc_info())
            if isinstance(out, widgets.HTML):
                out.value = friendly_error_html(lang_of(), error)
                return
            out.clear_output()
            with out:
                display(HTML(friendly_error_html(lang_of(), error)))
    return wrapped


class LanguageSwitch(widgets.ToggleButtons):
    """A page's language, as a widget value; never shown.

    The one visible switch is in the top bar (``nav_html``) and reloads the whole page in the other language,
    so no part of a page can change language on its own. Pages that still build one read ``value`` from it.
    """

    def __init__(self, lang: str):
        super().__init__(
            options=[(SWITCH_LABELS[code], code) for code in LANGS],
            value=lang,
            tooltips=[t("page.switch_tooltip", code) for code in LANGS],
            layout=widgets.Layout(display="none"),
        )


# --- who is working --------------------------------------------------------------------------------------------

LEARNER_COOKIE = "coachlab_learner"
COOKIE_MAX_AGE_S = 400 * 24 * 3600  # the longest a browser keeps a cookie
_cookie_cache: object = _UNSET


def learner_from_env() -> str | None:
    """Return the JupyterHub user name when the course runs under JupyterHub, else None."""
    return os.environ.get("JUPYTERHUB_USER") or None


def cookie_value(header: str | None, name: str = LEARNER_COOKIE) -> str | None:
    """Return the (percent-decoded) value of cookie ``name`` in a Cookie header, or None."""
    for part in (header or "").split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            value = unquote(value.strip().strip('"'))
            return value or None
    return None


def browser_learner() -> str | None:
    """Return the name this browser signed in with (the ``coachlab_learner`` cookie), as sent; None if none.

    Voila hands the page request's Cookie header to the kernel (``HTTP_COOKIE``; a preheated kernel receives it
    with the query string). It is read once and then removed from the kernel's environment.
    """
    global _cookie_cache
    if _cookie_cache is _UNSET:
        _query_string()
        _cookie_cache = cookie_value(os.environ.pop("HTTP_COOKIE", None))
    return _cookie_cache  # type: ignore[return-value]


class Identity:
    """Who is working on this page: ``learner`` (validated, or None), where it came from, and why not."""

    def __init__(self, learner: str | None, source: str, sent: str | None = None, problem: str | None = None):
        self.learner, self.source, self.sent, self.problem = learner, source, sent, problem

    def problem_text(self, lang: str) -> str:
        """Return why the name sent cannot be used, in ``lang`` ("" when there is no problem)."""
        from coachlab.progress import LearnerIdError

        return LearnerIdError(self.problem).message(lang) if self.problem else ""


def identity() -> Identity:
    """Return who is working: the hub user under JupyterHub (nothing the page sends counts), else the browser's."""
    from coachlab.progress import LearnerIdError, validate_learner_id

    hub = learner_from_env()
    if hub:  # the browser's cookies are not needed under the hub: the kernel keeps none of them
        _query_string()
        os.environ.pop("HTTP_COOKIE", None)
    source, sent = ("hub", hub) if hub else ("browser", browser_learner())
    if not sent:
        return Identity(None, "none")
    try:
        return Identity(validate_learner_id(sent), source)
    except LearnerIdError as exc:
        return Identity(None, source, sent, exc.reason)


def current_learner() -> str | None:
    """Return the signed-in learner's id, or None: the one function every page and tool asks."""
    return identity().learner


class _HeldName(traitlets.HasTraits):
    """Where a tool's name field used to be: the signed-in id, held in the kernel only.

    Not a widget: nothing of it reaches the browser, so the page cannot change it. Tools observe ``value``.
    """

    value = traitlets.Unicode("")
    continuous_update = traitlets.Bool(False)
    disabled = traitlets.Bool(True)
    description = traitlets.Unicode("")
    placeholder = traitlets.Unicode("")


class LearnerField(widgets.VBox):
    """Who is working, for a tool: the signed-in learner (``current_learner``). It shows nothing on the page.

    ``learner_id`` is the validated id, or None when nobody is signed in. Under JupyterHub it is always the hub
    user, whatever ``text.value`` holds; outside the hub ``text.value`` starts as the browser's name and only
    code in the kernel (a test) can set it.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.text = _HeldName(value=current_learner() or "")
        self.problem = widgets.HTML()
        super().__init__([], layout=widgets.Layout(display="none"))
        self.add_class("coachlab-learner-id")

    @property
    def value(self) -> str:
        """Return the held name (as ``text.value``)."""
        return self.text.value

    @value.setter
    def value(self, name: str) -> None:
        self.text.value = name

    @property
    def learner_id(self) -> str | None:
        """Return the validated learner id, or None."""
        from coachlab.progress import LearnerIdError, validate_learner_id

        if learner_from_env():
            return current_learner()
        try:
            return validate_learner_id(self.text.value)
        except LearnerIdError:
            return None


# --- the top bar -------------------------------------------------------------------------------------------

URL_LANG = {"en": "en", "zh-CN": "zh"}

# The pages' one font stack, as a CSS variable every page's styles use: Chinese pages lead with the CJK font;
# English pages lead with a Latin one, so "quotes" and punctuation keep their English widths (the CJK font
# draws them full-width), and Chinese words inside English text still fall back to the CJK font.
NAV_STYLE = """<style>
:root { --cl-font: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
:root:has(.coachlab-topbar[lang="en"]) { --cl-font: system-ui, "DejaVu Sans", "Segoe UI", Arial,
  "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
.coachlab-topbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 18px; padding: 8px 16px;
  margin: 0 0 8px; background: #f5f7fa; border-bottom: 1px solid #e4e7eb; font-size: 14px; color: #1f2933;
  font-family: var(--cl-font); }
.coachlab-topbar a { color: #1c5fb8; font-weight: 600; text-decoration: none; }
.coachlab-topbar a:hover { text-decoration: underline; }
.coachlab-topbar .coachlab-who { margin-left: auto; }
.coachlab-topbar .coachlab-not-you { font-weight: normal; margin-left: 6px; }
.coachlab-topbar form { display: inline-flex; align-items: center; gap: 6px; margin: 0; }
.coachlab-topbar input { padding: 3px 6px; border: 1px solid #9aa5b1; border-radius: 4px; font-size: 14px; width: 12em; }
.coachlab-topbar button { padding: 3px 10px; border: 1px solid #9aa5b1; border-radius: 4px; background: #fff;
  font-size: 14px; cursor: pointer; }
.coachlab-topbar button[aria-pressed="true"] { background: #1c5fb8; border-color: #1c5fb8; color: #fff; }
.coachlab-topbar .coachlab-signin button { background: #1c5fb8; border-color: #1c5fb8; color: #fff; }
.coachlab-topbar .coachlab-signin-problem { color: #c0392b; }
.coachlab-topbar .coachlab-trust { flex-basis: 100%; color: #52606d; font-size: 13px; }
</style>"""


def course_prefix(cwd: Path | None = None) -> str | None:
    """Return the relative link from this page to the course's notebooks folder ("", "../"), or None.

    A Voila kernel runs in its notebook's folder; a page outside ``notebooks/`` (the facilitator dashboard) has
    no course home.
    """
    from coachlab.paths import course_root

    here = (cwd or Path(os.getcwd())).resolve()
    try:
        depth = len(here.relative_to((course_root() / "notebooks").resolve()).parts)
    except ValueError:
        return None
    return "../" * depth


def switch_query(query: str | None, lang: str) -> list[tuple[str, str]]:
    """Return the page's query parameters without ``lang``, in order, for the language switch to keep."""
    return [(k, v) for k, v in parse_qsl((query or "").lstrip("?"), keep_blank_values=True) if k != "lang"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


LANG_FOLDERS = {"en": "en", "zh-CN": "zh"}  # lessons live in notebooks/<folder>/, one notebook per language


def lesson_targets(cwd: Path | None = None, page: str | None = None) -> dict[str, str]:
    """Return, for a lesson page (notebooks/en/ or notebooks/zh/), the same lesson in each language's folder.

    A lesson exists as one notebook per language, so its switch opens the other notebook; other pages switch
    in place (empty result).
    """
    from coachlab.paths import course_root

    if page is None:
        _query_string()  # a preheated kernel learns its page (SCRIPT_NAME) with the request
        page = Path(os.environ.get("SCRIPT_NAME", "")).name
    here = (cwd or Path(os.getcwd())).resolve()
    notebooks = (course_root() / "notebooks").resolve()
    if not page.endswith(".ipynb") or here.parent != notebooks or here.name not in LANG_FOLDERS.values():
        return {}
    targets = {}
    for code, folder in LANG_FOLDERS.items():
        if (notebooks / folder / page).exists():
            targets[code] = f"../{folder}/{page}"
    return targets


def switch_html(lang: str, query: str | None = None, targets: dict[str, str] | None = None) -> str:
    """Return the language switch: a form that reloads this page with ``?lang=`` and the other parameters kept.

    On a lesson the button opens the same lesson in the other language's notebook (``targets``).
    """
    targets = lesson_targets() if targets is None else targets
    hidden = "".join(f'<input type="hidden" name="{_e(k)}" value="{_e(v)}">'
                     for k, v in switch_query(_query_string() if query is None else query, lang))
    buttons = "".join(
        f'<button type="submit" name="lang" value="{URL_LANG[code]}" title="{_e(t("page.switch_tooltip", code))}"'
        + (f' formaction="{_e(targets[code])}"' if code in targets else "")
        + f' aria-pressed="{"true" if code == lang else "false"}">{SWITCH_LABELS[code]}</button>' for code in LANGS)
    return (f'<form class="coachlab-lang-switch" method="get" role="group" '
            f'aria-label="{_e(t("nav.language", lang))}">{hidden}{buttons}</form>')


def _signin_html(lang: str, who: Identity) -> str:
    problem = who.problem_text(lang)
    return (f'<form class="coachlab-signin" data-empty="{_e(t("learner_id.empty", lang))}">'
            f'<label>{_e(t("signin.label", lang))} <input class="coachlab-signin-name" name="learner" '
            f'maxlength="64" autocomplete="name" placeholder="{_e(t("learner.placeholder", lang))}" '
            f'value="{_e(who.sent or "")}"></label>'
            f'<button type="submit" class="coachlab-signin-go">{_e(t("signin.go", lang))}</button>'
            f'<span class="coachlab-signin-problem" role="alert">{_e(problem)}</span></form>')


NAV_SCRIPT = """<script>(function () {
 var bar = document.currentScript.previousElementSibling;
 if (document.body && bar) { document.body.insertBefore(bar, document.body.firstChild); }
 var name = '%(cookie)s', age = %(age)d;
 // Voila's renderer takes over clicks on links in cell output (to open them as documents): the bar's links
 // are plain links, so the bar catches their clicks first and follows them itself.
 bar.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('a[href]');
  if (!link || link.dataset.cookie || link.getAttribute('href') === '#') { return; }
  event.preventDefault(); event.stopPropagation();
  window.location.href = link.href;
 }, true);
 var form = bar.querySelector('.coachlab-signin');
 if (form) {
  form.addEventListener('submit', function (event) {
   event.preventDefault();
   var value = form.querySelector('input').value.trim();
   if (!value) { form.querySelector('.coachlab-signin-problem').textContent = form.dataset.empty; return; }
   document.cookie = name + '=' + encodeURIComponent(value) + '; path=/; max-age=' + age + '; SameSite=Lax';
   location.reload();
  });
 }
 var other = bar.querySelector('.coachlab-not-you[data-cookie]');
 if (other) {
  other.addEventListener('click', function (event) {
   event.preventDefault();
   document.cookie = name + '=; path=/; max-age=0; SameSite=Lax';
   location.reload();
  });
 }
})();</script>"""


def nav_html(lang: str, who: Identity | None = None, prefix: str | None = "", query: str | None = None) -> str:
    """Return the top bar: course home and my work, who is signed in (or the sign-in box), the language switch.

    ``prefix`` is the link to the notebooks folder (default: worked out from the kernel's folder; None: a page
    outside the course, which gets the language switch only).
    """
    if prefix == "":
        prefix = course_prefix()
    who = identity() if who is None else who
    q = URL_LANG[lang]
    parts = [NAV_STYLE, f'<nav class="coachlab-topbar" lang="{lang}">']
    if prefix is not None:
        parts.append(f'<a class="coachlab-home" href="{_e(prefix)}index.ipynb?lang={q}">{_e(t("nav.home", lang))}</a>'
                     f'<a class="coachlab-my-work" href="{_e(prefix)}my-work.ipynb?lang={q}">'
                     f'{_e(t("nav.my_work", lang))}</a>')
        if who.learner and who.source == "hub":
            logout = os.environ.get("JUPYTERHUB_BASE_URL", "/").rstrip("/") + "/hub/logout"
            parts.append(f'<span class="coachlab-who">{_e(t("nav.signed_in", lang, learner=who.learner))}'
                         f'<a class="coachlab-not-you" href="{_e(logout)}">{_e(t("nav.not_you", lang))}</a></span>')
        elif who.learner:
            parts.append(f'<span class="coachlab-who">{_e(t("nav.signed_in", lang, learner=who.learner))}'
                         f'<a class="coachlab-not-you" data-cookie="1" href="#">{_e(t("nav.not_you", lang))}</a></span>')
        elif who.source == "hub":
            parts.append(f'<span class="coachlab-who coachlab-signin-problem">{_e(who.problem_text(lang))}</span>')
        else:
            parts.append(f'<span class="coachlab-who">{_signin_html(lang, who)}</span>')
    parts.append(switch_html(lang, query))
    if prefix is not None and who.source != "hub" and not who.learner:
        parts.append(f'<span class="coachlab-trust">{_e(t("nav.trust", lang))}</span>')
    parts.append("</nav>")
    parts.append(NAV_SCRIPT % {"cookie": LEARNER_COOKIE, "age": COOKIE_MAX_AGE_S})
    return "".join(parts)


def query_param(name: str, query: str | None = None) -> str | None:
    """Return the last value of ``name`` in ``query`` (default: the page URL's query string), or None.

    The query string is read once per kernel (see ``_query_string``), so this may be called freely.
    """
    from urllib.parse import parse_qs

    values = parse_qs(((_query_string() if query is None else query) or "").lstrip("?")).get(name)
    return values[-1] if values else None
