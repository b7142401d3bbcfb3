"""The facilitator guide in Voila, in both languages: it renders, links to the course, and its handout prints."""

from __future__ import annotations

import base64
import re

import pytest

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
TITLE = {"en": "Facilitator guide", "zh": "讲师手册"}


@pytest.fixture(scope="module")
def guide_server(start_voila):
    return start_voila(pool=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guide_renders_and_its_handout_prints(guide_server, page, screenshot, tmp_path, lang):
    """The page shows both agendas and one section per lesson; the handout prints on A4, a module per page."""
    page.set_default_timeout(150_000)
    page.goto(f"{guide_server.url}/voila/render/facilitator-guide.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-guide .cl-guide-module")
    body = page.inner_text(".coachlab-guide")
    assert TITLE[lang] in body and (bool(HAN.search(body.replace("复盘", ""))) == (lang == "zh"))
    assert page.locator(".cl-guide-agenda").count() == 2
    modules = page.locator(".cl-guide-module").count()
    assert modules == 8
    assert page.locator(".cl-guide-module a[href^='roleplay.ipynb?scenario=']").count() >= 1
    assert page.locator(".cl-guide-module a[href^='exercises/']").count() >= 1
    assert page.locator(".coachlab-error").count() == 0
    screenshot(page, f"guide-{lang}")

    href = page.locator("a.coachlab-download").get_attribute("href")
    handout = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    printed = page.context.new_page()
    printed.set_content(handout)
    printed.emulate_media(media="print")
    pdf = printed.pdf(format="A4", print_background=True)
    (tmp_path / f"guide-{lang}.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pdf.startswith(b"%PDF") and pages >= modules + 1, pages  # agendas, then one page or more per module
    printed.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, for the eye
    screenshot(printed, f"guide-handout-{lang}")
    printed.close()
