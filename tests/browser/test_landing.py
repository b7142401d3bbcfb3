"""The landing page in a real browser: both languages, live widgets, Chinese shown as Chinese."""

import re
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from coachlab.i18n import t

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]")


def test_root_opens_on_landing_page_with_query_kept(voila_server):
    """http://host:port/ redirects to the landing page and keeps ?lang=."""
    with urllib.request.urlopen(f"{voila_server.url}/?lang=en") as response:
        assert response.url == f"{voila_server.url}/voila/render/index.ipynb?lang=en"
        assert "from coachlab.widgets import landing" not in response.read().decode()  # sources stripped


@pytest.mark.parametrize(("query", "lang"), [("lang=zh", "zh-CN"), ("lang=en", "en")])
def test_landing_renders_live_in_each_language(voila_server, page, screenshot, query, lang):
    """The page shows its title and sections in the asked language, and the switch works."""
    page.goto(f"{voila_server.url}/?{query}")
    page.wait_for_selector(".coachlab-landing h1")
    heading = page.inner_text(".coachlab-landing h1")
    assert heading == t("landing.title", lang)
    for key in ("lessons", "roleplays", "exercises"):
        assert t(f"landing.{key}.heading", lang) in page.inner_text(f".coachlab-{key} h2")
    body = page.inner_text(".coachlab-landing")
    han, words = len(HAN.findall(body)), len(re.findall(r"[A-Za-z]+", body))
    han_share = han / (han + words)  # a Han character against a Latin word: each carries meaning
    # English pages may quote a course term such as 复盘; Chinese pages keep model names like GROW.
    assert han_share > 0.6 if lang == "zh-CN" else han_share < 0.1, han_share
    if lang == "zh-CN":
        # Chinese is drawn with a real CJK font, not as boxes: glyph widths are full-width.
        width = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
            c.font = '20px ' + getComputedStyle(document.querySelector('.coachlab-landing h1')).fontFamily;
            return c.measureText('课程').width / c.measureText('ii').width; }""")
        assert width > 2.5
    # English pages lead with a Latin font, so an English quotation mark keeps its narrow width; Chinese pages
    # lead with the CJK font, which draws it full-width as Chinese typesetting expects.
    quote = page.evaluate("""() => { const c = document.createElement('canvas').getContext('2d');
        c.font = '20px ' + getComputedStyle(document.querySelector('.coachlab-landing')).fontFamily;
        return c.measureText('\u201c').width / c.measureText('课').width; }""")
    assert quote < 0.6 if lang == "en" else quote > 0.8, quote
    screenshot(page, f"landing-{lang}")
    other = "en" if lang == "zh-CN" else "zh-CN"
    assert page.locator(".coachlab-lang-switch").count() == 1  # one switch, in the top bar
    with page.expect_navigation():
        page.click(f".coachlab-lang-switch button:has-text('{'English' if other == 'en' else '中文'}')")
    page.wait_for_function("(title) => document.querySelector('.coachlab-landing h1')?.innerText === title",
                           arg=t("landing.title", other))
    assert f"lang={'en' if other == 'en' else 'zh'}" in page.url
    assert t("nav.home", other) in page.inner_text(".coachlab-topbar")  # the whole page changed, bar included
    screenshot(page, f"landing-{lang}-switched-to-{other}")


def _lesson(root: Path, folder: str, slug: str, title: str, source: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["coachlab"] = {"title": title}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source)]
    (root / "notebooks" / folder).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, root / "notebooks" / folder / f"{slug}.ipynb")


@pytest.fixture(scope="module")
def small_course(start_voila, tmp_path_factory):
    """A course with one lesson per language and a page that fails, served without a pool."""
    root = tmp_path_factory.mktemp("course")
    (root / "notebooks").mkdir()
    (root / "notebooks" / "index.ipynb").write_bytes((Path(__file__).parents[2] / "notebooks" / "index.ipynb").read_bytes())
    _lesson(root, "en", "05-feedback", "Feedback that lands", "import ipywidgets\nipywidgets.Button(description='ok')")
    _lesson(root, "zh", "05-feedback", "有效反馈", "import ipywidgets\nipywidgets.Button(description='好')")
    _lesson(root, ".", "broken", "broken", "from coachlab.widgets import setup_page\nsetup_page()\n1 / 0  # SECRET_SOURCE")
    return start_voila(root, pool=False)


def test_listed_lesson_opens_in_the_same_language(small_course, page):
    """A lesson on the landing page links to its page in the language on screen."""
    page.goto(f"{small_course.url}/?lang=zh")
    page.click("text=有效反馈")
    page.wait_for_selector("button:has-text('好')")
    assert page.url.endswith("/voila/render/zh/05-feedback.ipynb?lang=zh-CN")


def test_error_shows_friendly_message_not_traceback(small_course, page, screenshot):
    """A failing page shows the learner's-language message, with no traceback and no source."""
    url = f"{small_course.url}/voila/render/broken.ipynb?lang=zh"
    with urllib.request.urlopen(url) as response:
        html = response.read().decode()
    for leak in ("ZeroDivisionError", "Traceback", "SECRET_SOURCE", "1 / 0"):
        assert leak not in html
    page.goto(url)
    page.wait_for_selector(".coachlab-error")
    assert page.inner_text(".coachlab-error") == t("error.friendly", "zh-CN")
    assert "Error" not in page.inner_text("body")
    screenshot(page, "friendly-error-zh-CN")
    assert "ZeroDivisionError" in small_course.log()  # the facilitator still finds it in the server log


def test_pool_preheats_pages_but_not_exercise_forms(voila_server):
    """Every lesson has a preheated kernel waiting; exercise forms start theirs on request."""
    from coachlab.serve import preheated_pages

    pages = preheated_pages(REPO / "notebooks")
    assert "index.ipynb" in pages and "zh/05-communication-feedback.ipynb" in pages
    assert not [name for name in pages if name.startswith("exercises/")]
    log = voila_server.log(tail=None)
    for name, size in pages.items():
        assert f"Kernel pool of {name} is filled with {size} kernel(s)" in log
    assert "Kernel pool of exercises/" not in log


def test_preheated_page_outlives_the_cell_time_limit(start_voila, tmp_path_factory, page):
    """A kernel kept in the pool longer than the cell time limit still gets ?lang= and is not restarted."""
    root = tmp_path_factory.mktemp("pooled")
    (root / "notebooks").mkdir()
    (root / "notebooks" / "index.ipynb").write_bytes((REPO / "notebooks" / "index.ipynb").read_bytes())
    server = start_voila(root, args=("--cell-timeout", "2"))
    time.sleep(4)  # the point of the test: the preheated kernel waits past the 2 s cell limit
    page.goto(f"{server.url}/?lang=en")
    page.wait_for_selector(".coachlab-landing h1")
    assert page.inner_text(".coachlab-landing h1") == t("landing.title", "en")
    assert "restarting kernel" not in server.log(tail=None)
