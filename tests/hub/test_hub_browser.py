"""A workshop on the real hub, in Chromium: learners sign in through the login page, play a role-play and hand
in an exercise (one in Chinese, one in English); a third learner cannot reach their work; the facilitator
collects the hand-ins from the records service, grades them, and sees both learners under their hub names."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from coachlab.i18n import t
from coachlab.records.client import RecordsClient
from tests.conftest import REPO

from .conftest import FACILITATOR_CODE, LEARNER_CODE

pytestmark = pytest.mark.browser
HAN = re.compile(r"[\u4e00-\u9fff]")
SCENARIO = "bid-late-logins"
LINES = {
    "zh": {
        "behaviour": "最近 10 个早班里，你有 7 次在 8:00 之后 4 到 9 分钟才登录。那一刻钟队列少了一个人，服务水平掉到了 71%。",
        "reason": "也就是说，换班以后你 7:30 要送儿子，公交一晚你就赶不上。听起来你又累又着急。",
        "options": "你自己觉得，有哪些办法能让你 8:00 前登录好？",
        "development": "从周一开始，请你 7:55 前登录就绪。公交要是晚了，7:50 前给我发个消息，周五我们一起看看效果。",
    },
    "en": {
        "behaviour": "On seven of your last ten early shifts you logged in between 4 and 9 minutes after 8:00. "
                     "For that quarter hour the queue was one agent short and service level fell to 71%.",
        "reason": "So since the shift change you drop your son off at 7:30 and a late bus makes you late. "
                  "It sounds like you're tired and worried about it.",
        "options": "What do you think could help you be logged in before 8:00?",
        "development": "From Monday, please be logged in and ready by 7:55. If the bus is late, message me before "
                       "7:50, and on Friday we'll look at how it went.",
    },
}
BIA = {"en": "On Tuesday's 3 pm call about the lost parcel you stayed calm and rang the courier while the customer "
             "waited. She withdrew her complaint. Thank you, I really appreciate it.",
       "zh": "周二下午3点那通包裹丢失的电话，你一直保持冷静，并在客户等候时致电快递公司核实，客户最后撤回了投诉。谢谢你！"}
LEARNERS = {"ada": "zh", "bo": "en"}


@pytest.fixture(scope="module")
def chromium(hub, browser):
    """The session's headless Chromium (tests/conftest.py: fails under CI when missing)."""
    return browser


def sign_in(browser, hub, name: str, passcode: str, lang: str, screenshot=None):
    """Open the hub's login page in a new browser profile and sign in as ``name``; return the tab."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  locale="zh-CN" if lang == "zh" else "en-US")
    tab = context.new_page()
    tab.set_default_timeout(180_000)
    tab.goto(f"{hub.url}/hub/login")
    tab.fill("#username_input", name)
    tab.fill("#password_input", passcode)
    if screenshot:
        screenshot(tab, f"hub-login-{lang}")
    tab.click("#login_submit")
    return tab


def play(tab, lang: str) -> str:
    """Play bid-late-logins to its debrief with buttons and typed replies; return the debrief's text."""
    tab.click(".coachlab-start")
    for step in range(24):
        tab.wait_for_selector(f".coachlab-turn[data-step='{step}'], .coachlab-debrief")
        if tab.query_selector(".coachlab-debrief"):
            break
        options = tab.query_selector_all(".coachlab-option")
        if options:
            options[0].click()
            continue
        node = tab.get_attribute(".coachlab-turn", "data-node")
        assert node in LINES[lang], f"a free-text turn this test has no line for: {node}"
        tab.fill(".coachlab-free-text textarea", LINES[lang][node])
        tab.click(".coachlab-send")
        tab.wait_for_selector(f".coachlab-turn[data-step='{step + 1}'], .coachlab-debrief, .coachlab-ask-yes")
        if tab.query_selector(".coachlab-ask-yes"):
            tab.click(".coachlab-ask-yes")
    tab.wait_for_selector(".coachlab-debrief")
    return tab.inner_text(".coachlab-debrief")


@pytest.fixture(scope="module")
def workshop(hub, chromium, screenshot_module):
    """Two learners sign in, play and hand in; return what each saw."""
    seen = {}
    for name, lang in LEARNERS.items():
        tab = sign_in(chromium, hub, name, LEARNER_CODE, lang, screenshot_module)
        tab.wait_for_url(re.compile(rf"/user/{name}/voila/render/index\.ipynb"))
        tab.goto(f"{hub.url}/user/{name}/voila/render/index.ipynb?lang={lang}")
        tab.wait_for_selector(".coachlab-landing")
        landing = tab.inner_text("body")
        screenshot_module(tab, f"hub-landing-{lang}")
        tab.goto(f"{hub.url}/user/{name}/voila/render/roleplay.ipynb?scenario={SCENARIO}&lang={lang}")
        tab.wait_for_selector(".coachlab-persona")
        name_fields = tab.locator(".coachlab-learner-id input").count()
        debrief = play(tab, lang)
        screenshot_module(tab, f"hub-debrief-{lang}")
        tab.goto(f"{hub.url}/user/{name}/voila/render/exercises/a05-feedback.ipynb?lang={lang}")
        tab.wait_for_selector(".coachlab-exercise .coachlab-submit")
        tab.locator(".coachlab-answer-feedback_bia textarea").fill(BIA[lang])
        tab.locator(".coachlab-submit").click()
        tab.wait_for_selector(".coachlab-receipt")
        receipt = tab.inner_text(".coachlab-receipt")
        screenshot_module(tab, f"hub-exercise-{lang}")
        seen[name] = {"landing": landing, "name_fields": name_fields, "debrief": debrief, "receipt": receipt,
                      "errors": tab.locator(".coachlab-error").count()}
        tab.context.close()
    return seen


@pytest.fixture(scope="module")
def screenshot_module():
    from tests.conftest import ARTIFACTS

    def shoot(tab, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path
    return shoot


def test_learners_sign_in_once_play_and_hand_in_under_their_hub_names(workshop):
    for name, lang in LEARNERS.items():
        seen = workshop[name]
        assert seen["name_fields"] == 0, "under the hub no page asks for a name"
        assert name in seen["landing"]
        lang_code = "zh-CN" if lang == "zh" else "en"
        assert t("player.debrief.heading", lang_code) in seen["debrief"]
        assert name in seen["receipt"] and bool(HAN.search(seen["receipt"])) is (lang == "zh")
        assert seen["errors"] == 0


def test_the_records_service_holds_each_learners_work_under_their_name(hub, workshop):
    tess = hub.sign_in("tess", FACILITATOR_CODE)
    cohort = RecordsClient(hub.records_url, hub.token(tess, "tess"))
    for name in LEARNERS:
        assert any(a.item_id == SCENARIO for a in cohort.attempts(name)), name
        assert [s.slug for s in cohort.submissions(name)] == ["a05-feedback"], name


def test_a_third_learner_reaches_none_of_it(hub, chromium, workshop):
    tab = sign_in(chromium, hub, "cy", LEARNER_CODE, "en")
    tab.wait_for_url(re.compile(r"/user/cy/voila/render/index\.ipynb"))
    tab.wait_for_selector(".coachlab-landing")
    reply = tab.goto(f"{hub.url}/user/ada/voila/render/roleplay.ipynb?scenario={SCENARIO}")
    # Ada's server is running: the hub refuses cy at its OAuth step (403); a stopped one is not found (404).
    assert reply.status in (403, 404) and "/hub/" in tab.url, (reply.status, tab.url)
    assert tab.locator(".coachlab-persona").count() == 0
    # Cy's own pages show cy's work only: a learner's cookie naming ada changes nothing under the hub.
    tab.context.add_cookies([{"name": "coachlab_learner", "value": "ada", "url": hub.url}])
    tab.goto(f"{hub.url}/user/cy/voila/render/roleplay.ipynb?scenario={SCENARIO}&lang=en")
    tab.wait_for_selector(".coachlab-persona")
    assert "ada" not in tab.inner_text("body")
    tab.context.close()


@pytest.fixture(scope="module")
def graded(hub, workshop):
    """The facilitator collects the hand-ins from the records service and grades them, as the README says."""
    session = hub.sign_in("tess", FACILITATOR_CODE)
    env = {**os.environ, "COACHLAB_GRADER": str(hub.grader), "COACHLAB_RECORDS_URL": hub.records_url,
           "JUPYTERHUB_API_TOKEN": hub.token(session, "tess"), "COACHLAB_ROOT": str(REPO)}
    said = []
    for step in (["collect", "--from-hub"], ["autograde", "a05-feedback"], ["collect", "--from-hub"]):
        done = subprocess.run([sys.executable, "-m", "coachlab.cli", "grade", *step, "--lang", "en"], env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        said.append(done.stdout)
    return said


def test_collecting_from_the_hub_files_each_hand_in_once(hub, graded):
    first, _, again = graded
    assert "2 new hand-in(s)" in first and "0 new hand-in(s)" in again
    for name in LEARNERS:
        assert (hub.grader / "submitted" / name / "a05-feedback" / "timestamp.txt").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_facilitator_sees_both_learners_on_the_dashboard(hub, chromium, graded, screenshot_module, lang):
    tab = sign_in(chromium, hub, "tess", FACILITATOR_CODE, lang)
    tab.wait_for_url(re.compile(r"/user/tess/voila/render/grader/dashboard\.ipynb"))
    tab.goto(f"{hub.url}/user/tess/voila/render/grader/dashboard.ipynb?lang={lang}")
    tab.wait_for_selector(".coachlab-dashboard")
    text = tab.inner_text(".coachlab-dashboard")
    screenshot_module(tab, f"hub-dashboard-{lang}")
    assert "ada" in text and "bo" in text
    assert bool(HAN.search(text)) is (lang == "zh")
    tab.context.close()


def test_every_learners_page_kernels_are_forks_of_one_shared_template(hub, workshop):
    import psutil

    def command(process) -> str:
        try:
            return " ".join(process.cmdline())
        except psutil.Error:  # gone, or a zombie waiting to be reaped
            return ""

    def template_like(process) -> bool:  # a forked kernel keeps the command line of the template it came from
        return f"hub-{hub.port}-template.sock" in command(process)

    templates = [p for p in psutil.process_iter() if template_like(p) and not template_like(p.parent())]
    assert len(templates) == 1, "one template for the whole hub"
    servers = [p for p in psutil.process_iter(["cmdline", "environ"])
               if "jupyterhub-singleuser" in " ".join(p.info["cmdline"] or [])
               and (p.info["environ"] or {}).get("COACHLAB_GRADER") == str(hub.grader)]
    assert len(servers) >= 2
    for server in servers:  # no server started a template of its own
        assert not [c for c in server.children(recursive=True) if "coachlab.kernels.forkserver" in command(c)]
    kernels = templates[0].children()
    assert kernels, "the learners' page kernels are the template's children"


def test_a_page_left_frees_its_kernel_within_seconds(hub, chromium, workshop):
    import time

    tab = sign_in(chromium, hub, "dot", LEARNER_CODE, "en")
    tab.wait_for_url(re.compile(r"/user/dot/voila/render/index\.ipynb"))
    tab.wait_for_selector(".coachlab-landing")
    kernels_url = f"{hub.url}/user/dot/api/kernels"

    def kernels() -> set[str]:
        return {k["id"] for k in tab.context.request.get(kernels_url).json()}

    tab.goto(f"{hub.url}/user/dot/voila/render/roleplay.ipynb?scenario={SCENARIO}&lang=en")
    tab.wait_for_selector(".coachlab-persona")
    with_roleplay = kernels()
    tab.goto(f"{hub.url}/user/dot/voila/render/index.ipynb?lang=en")  # leaving the role-play
    tab.wait_for_selector(".coachlab-landing")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(with_roleplay & kernels()) > 0:
        time.sleep(0.5)
    assert not with_roleplay & kernels(), "the role-play's kernel outlived the page"
    tab.context.close()
