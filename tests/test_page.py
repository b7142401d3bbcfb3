"""Page helpers shared by every Voila page."""

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


def test_learner_field_uses_jupyterhub_user(monkeypatch):
    """Under JupyterHub the learner is the hub user and the field is locked."""
    monkeypatch.setenv("JUPYTERHUB_USER", "wang.fang")
    field = page.LearnerField("zh-CN")
    assert field.learner_id == "wang.fang" and field.text.disabled


def test_learner_field_explains_a_bad_id_in_the_learners_language(monkeypatch):
    """An unusable id shows why, in the page language, and yields no id."""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    field = page.LearnerField("zh-CN")
    field.text.value = "王..芳"
    assert field.learner_id is None and "连续两个点" in field.problem.value
    field.text.value = "王芳"
    assert field.learner_id == "王芳" and field.problem.value == ""


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
