"""Page helpers shared by every Voila page."""

import os

import ipywidgets as widgets
import pytest
import voila.utils

from coachlab.widgets import page


@pytest.fixture
def fresh_query(monkeypatch):
    """A kernel that has not read its URL yet, where Voila answers only the first request."""
    monkeypatch.setattr(page, "_query_cache", page._UNSET)
    calls = []

    def get_query_string(url=None):
        calls.append(url)
        if len(calls) > 1:
            raise AssertionError("a preheated kernel would wait forever here")
        return "lang=en&scenario=bid-late-logins"

    monkeypatch.setattr(voila.utils, "get_query_string", get_query_string)
    return calls


def test_url_is_read_once_per_kernel(fresh_query):
    """Language and parameters can be read many times; Voila is asked only once."""
    assert page.setup_page() == "en"
    assert page.query_param("scenario") == "bid-late-logins"
    assert page.query_param("kind") is None
    assert page.page_lang() == "en"
    assert len(fresh_query) == 1


@pytest.fixture
def cookie(monkeypatch):
    """Return a function that gives this kernel a page request carrying a Cookie header."""
    def give(header: str | None, query: str = "lang=zh") -> None:
        monkeypatch.setattr(page, "_query_cache", query)
        monkeypatch.setattr(page, "_cookie_cache", page._UNSET)
        if header is None:
            monkeypatch.delenv("HTTP_COOKIE", raising=False)
        else:
            monkeypatch.setenv("HTTP_COOKIE", header)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    return give


def test_hub_user_is_the_learner_and_nothing_typed_changes_it(monkeypatch, cookie):
    """Under JupyterHub the learner is the hub user: a cookie or a value set on the field is ignored entirely."""
    cookie("coachlab_learner=mallory")
    monkeypatch.setenv("JUPYTERHUB_USER", "wang.fang")
    field = page.LearnerField("zh-CN")
    assert field.learner_id == "wang.fang" and page.current_learner() == "wang.fang"
    field.text.value = "mallory"  # what removing `disabled` in the browser used to allow
    field.value = "mallory"
    assert field.learner_id == "wang.fang"
    assert page.identity().source == "hub"


def test_no_name_field_reaches_the_browser(cookie):
    """A tool's learner holder shows nothing and syncs no name: the page cannot send one."""
    cookie("coachlab_learner=%E7%8E%8B%E8%8A%B3")
    field = page.LearnerField("zh-CN")
    assert field.learner_id == "王芳"
    assert field.children == () and field.layout.display == "none"
    assert not isinstance(field.text, widgets.Widget)  # not a widget: no comm, no state from the page
    assert "王芳" not in str(field.get_state())


def test_browser_name_comes_from_the_cookie_and_is_normalised(cookie):
    """The name this browser signed in with is read from the request's cookie, once, through validate_learner_id."""
    cookie("theme=dark; coachlab_learner=%EF%BD%97%EF%BD%81%EF%BD%8E%EF%BD%87; other=1")
    assert page.current_learner() == "wang"  # full-width letters normalised (H-dashboard's ids.py)
    assert "HTTP_COOKIE" not in os.environ  # the kernel keeps no other cookie


def test_a_bad_browser_name_is_explained_only_after_it_was_given(cookie):
    """No name: the sign-in box without any error; an unusable one: the box again, with why, in the page language."""
    cookie(None)
    bar = page.nav_html("zh-CN", prefix="../")
    assert 'class="coachlab-signin"' in bar and page.t("learner_id.dotdot", "zh-CN") not in bar
    assert 'role="alert"></span>' in bar  # the problem line is empty
    cookie("coachlab_learner=%E7%8E%8B..%E8%8A%B3")
    who = page.identity()
    assert who.learner is None and who.sent == "王..芳"
    bar = page.nav_html("zh-CN", who, prefix="../")
    assert "连续两个点" in bar and 'value="王..芳"' in bar


def test_top_bar_signed_in(cookie):
    """Signed in: home and my-work links relative to the page, who it is, "not you?", one switch."""
    cookie("coachlab_learner=li.na", query="scenario=bid-late-logins&lang=zh")
    bar = page.nav_html("zh-CN", prefix="../")
    assert 'href="../index.ipynb?lang=zh"' in bar and 'href="../my-work.ipynb?lang=zh"' in bar
    assert "学员：li.na" in bar and "coachlab-not-you" in bar and 'class="coachlab-signin"' not in bar
    assert bar.count('class="coachlab-lang-switch"') == 1
    assert '<input type="hidden" name="scenario" value="bid-late-logins">' in bar
    assert 'name="lang" value="en"' in bar and 'name="lang" value="zh"' in bar
    assert page.t("nav.trust", "zh-CN") not in bar  # said on the landing page and beside the sign-in box


def test_outside_the_course_only_the_switch(cookie):
    """A page outside notebooks/ (the facilitator dashboard) gets the language switch and nothing else."""
    cookie("coachlab_learner=li.na")
    bar = page.nav_html("en", prefix=None)
    assert "coachlab-lang-switch" in bar and "index.ipynb" not in bar and "li.na" not in bar


def test_course_prefix_follows_the_notebook_folder(tmp_path, monkeypatch):
    """The home link is worked out from the kernel's folder: notebooks/ -> "", notebooks/zh/ -> "../"."""
    monkeypatch.setenv("COACHLAB_ROOT", str(tmp_path))
    (tmp_path / "notebooks" / "zh").mkdir(parents=True)
    assert page.course_prefix(tmp_path / "notebooks") == ""
    assert page.course_prefix(tmp_path / "notebooks" / "zh") == "../"
    assert page.course_prefix(tmp_path / "grader") is None


def test_lesson_switch_opens_the_other_languages_notebook(tmp_path, monkeypatch):
    """On a lesson the switch opens the same lesson in the other folder, keeping the query."""
    monkeypatch.setenv("COACHLAB_ROOT", str(tmp_path))
    for folder in ("en", "zh"):
        (tmp_path / "notebooks" / folder).mkdir(parents=True)
        (tmp_path / "notebooks" / folder / "05-x.ipynb").write_text("{}")
    targets = page.lesson_targets(tmp_path / "notebooks" / "zh", "05-x.ipynb")
    assert targets == {"en": "../en/05-x.ipynb", "zh-CN": "../zh/05-x.ipynb"}
    switch = page.switch_html("zh-CN", "lang=zh&x=1", targets)
    assert 'formaction="../en/05-x.ipynb"' in switch and 'name="x" value="1"' in switch
    assert page.lesson_targets(tmp_path / "notebooks", "index.ipynb") == {}


def test_setup_page_shows_the_top_bar_once(cookie, monkeypatch):
    """However many tools call setup_page on one page, there is one top bar."""
    cookie("coachlab_learner=li.na")
    monkeypatch.setattr(page, "_nav_shown", False)
    shown = []
    monkeypatch.setattr(page, "display", lambda obj: shown.append(obj.data))
    monkeypatch.setattr(page, "get_ipython", lambda: type("Shell", (), {"set_custom_exc": lambda *a: None})())
    page.setup_page("zh-CN")
    page.setup_page("zh-CN")
    assert sum("coachlab-topbar" in html for html in shown) == 1


def test_language_switch_widget_is_never_shown():
    """Pages that still build a LanguageSwitch keep its value, but the only visible switch is the top bar's."""
    switch = page.LanguageSwitch("en")
    assert switch.value == "en" and switch.layout.display == "none"
    assert "coachlab-lang-switch" not in switch._dom_classes


def test_safe_callback_shows_friendly_message_not_traceback():
    """A failing button shows the learner's-language message; the traceback goes to the server log."""
    import ipywidgets as widgets

    def boom(_):
        raise ZeroDivisionError("secret detail")

    out = widgets.HTML()
    page.safe(boom, lambda: "zh-CN", out)(None)
    assert page.t("error.friendly", "zh-CN") in out.value and "secret detail" not in out.value
    page.safe(boom, lambda: "en", widgets.Output())(None)  # an Output area never lets it escape either


def test_preheated_kernel_retries_when_voila_could_not_connect(monkeypatch):
    """Voila gives up connecting after 5 s on a busy server; the page asks again instead of losing ?lang=."""
    monkeypatch.setattr(page, "_query_cache", page._UNSET)
    monkeypatch.setattr(page.time, "sleep", lambda s: None)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    answers = iter([None, None, "lang=en"])
    monkeypatch.setattr(voila.utils, "get_query_string", lambda url=None: next(answers))
    assert page.page_lang() == "en"


@pytest.mark.parametrize(("header", "found"), [
    (None, None), ("", None), ("coachlab_learner=", None), ("x=1; coachlab_learner=li.na", "li.na"),
    ('coachlab_learner="%E6%9D%8E%E5%A8%9C"', "李娜"), ("not_coachlab_learner=eve", None),
    ("coachlab_learner=a%3Bb%3Dc", "a;b=c"),
])
def test_cookie_value_reads_only_the_learner_cookie(header, found):
    """The name cookie is found among others, percent-decoded, and a look-alike cookie name is not it."""
    assert page.cookie_value(header) == found


def test_a_name_with_control_characters_is_refused_not_used(cookie):
    """A cookie crafted with a control character gives no learner, and the reason in the page language."""
    cookie("coachlab_learner=li%00na")
    who = page.identity()
    assert who.learner is None and who.problem == "control" and "控制字符" in who.problem_text("zh-CN")
