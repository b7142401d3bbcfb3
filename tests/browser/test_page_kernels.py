"""Page kernels in a real browser: a page left frees its kernel, a page whose kernel died says so."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import psutil
import pytest

from coachlab.i18n import t

pytestmark = pytest.mark.browser


def _kernel_id(tab) -> str:  # noqa: ANN001 - a Playwright page
    found = re.search(r'"kernelId": "([0-9a-f-]{36})"', tab.content())
    assert found, "no kernel id in the page"
    return found.group(1)


def _kernel_status(url: str, kernel: str) -> int:
    try:
        with urllib.request.urlopen(f"{url}/api/kernels/{kernel}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _gone(url: str, kernel: str, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if _kernel_status(url, kernel) == 404:
            return True
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_page_left_frees_its_kernel_within_seconds(voila_server, page, lang):
    """Following a link away from a page shuts its kernel down (Voila's beacon, accepted without XSRF)."""
    page.goto(f"{voila_server.url}/voila/render/roleplays.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-lang-switch")
    kernel = _kernel_id(page)
    assert _kernel_status(voila_server.url, kernel) == 200
    page.goto(f"{voila_server.url}/voila/render/index.ipynb?lang={lang}")
    page.wait_for_selector(".coachlab-lang-switch")
    assert _gone(voila_server.url, kernel, within=10), voila_server.log()
    assert "'_xsrf' argument missing" not in voila_server.log(tail=None)


@pytest.mark.parametrize("lang,code", [("zh", "zh-CN"), ("en", "en")])
def test_a_page_whose_kernel_died_asks_the_learner_to_reload(voila_server, page, screenshot, lang, code):
    """The kernel of an open page is killed: the page says so in the learner's language, with a reload link."""
    page.goto(f"{voila_server.url}/voila/render/roleplay.ipynb?scenario=bid-late-logins&lang={lang}")
    page.wait_for_selector(".coachlab-persona")
    notice = page.locator(".coachlab-kernel-gone")
    assert notice.count() == 1 and not notice.is_visible()
    kernel = _kernel_id(page)
    victims = [p for p in psutil.Process(voila_server.proc.pid).children(recursive=True) if _listens_for(p, kernel)]
    assert len(victims) == 1, "the page's kernel process was not found"
    for victim in victims:
        victim.kill()
    notice.wait_for(state="visible", timeout=30_000)
    assert t("error.kernel_gone", code) in notice.inner_text()
    screenshot(page, f"kernel-gone-{lang}")
    with page.expect_navigation():
        notice.locator("a").click()
    page.wait_for_selector(".coachlab-persona")
    assert not page.locator(".coachlab-kernel-gone").is_visible()


def _listens_for(process: psutil.Process, kernel: str) -> bool:
    """Return whether ``process`` is the kernel ``kernel``: it listens on that kernel's Unix sockets."""
    try:
        return any(kernel in (conn.laddr or "") for conn in process.net_connections(kind="unix"))
    except (psutil.AccessDenied, psutil.NoSuchProcess):
        return False
