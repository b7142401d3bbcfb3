"""The records service under a real hub: who may read and write what, and bad input.

Learners sign in with the workshop passcode, the facilitator with theirs; each gets an API token the way the
hub's token page makes one, and calls the service as a page's kernel does (``Authorization: token …``).
The whole module runs twice: on the session's hub (records in SQLite) and on a hub whose records service uses
a real PostgreSQL (``COACHLAB_DATABASE_URL``), so both back ends keep the same promises.
"""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from coachlab.i18n import t
from coachlab.progress.store import Attempt
from coachlab.records.client import RecordsClient, RecordsError

from .conftest import FACILITATOR_CODE, IN_CI, Hub

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hub(request, course_hub, tmp_path_factory):
    """The session's hub (SQLite records), then a hub of this module's own whose records are in PostgreSQL."""
    if request.param == "sqlite":
        yield course_hub
        return
    from tests.pg.server import PostgresServer, unavailable_reason

    reason = unavailable_reason()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true and the PostgreSQL run of the records suite cannot run: {reason}")
        pytest.skip(reason)
    database = PostgresServer()
    try:
        database.start()
        state = tmp_path_factory.mktemp("hub-pg")
        on_pg = Hub(state, course_hub.grader, {"COACHLAB_DATABASE_URL": database.create_database()})
        try:
            assert not list(state.rglob("records.sqlite3*")), "the records service wrote SQLite despite the URL"
            yield on_pg
            assert not list(state.rglob("records.sqlite3*")), "the records service wrote SQLite despite the URL"
        finally:
            assert on_pg.close() == 0, "processes of the hub outlived it"
    finally:
        database.stop()


@pytest.fixture(scope="module")
def people(hub):
    """Tokens for two learners, a third who writes nothing, and a facilitator."""
    tokens = {}
    for name in ("ana", "ben", "cyd"):
        tokens[name] = hub.token(hub.sign_in(name), name)
    tokens["tia"] = hub.token(hub.sign_in("tia", FACILITATOR_CODE), "tia")
    return tokens


def call(hub, method, path, token=None, **kwargs):
    headers = kwargs.pop("headers", {})
    if token:
        headers["Authorization"] = f"token {token}"
    return requests.request(method, f"{hub.records_url}/api/{path}", headers=headers, timeout=30, **kwargs)


def test_a_wrong_passcode_is_refused_and_the_login_page_says_so(hub):
    with pytest.raises(PermissionError):
        hub.sign_in("mallory", "not-the-code")
    session = requests.Session()
    session.get(f"{hub.url}/hub/login", timeout=30)
    reply = session.post(f"{hub.url}/hub/login", data={"username": "mallory", "password": "guess-guess",
                                                       "_xsrf": session.cookies.get("_xsrf")}, timeout=30)
    assert reply.status_code == 403
    for lang in ("en", "zh-CN"):  # the workshop's own sign-in page, in both languages
        page = reply.content.decode("utf-8")  # the page says utf-8 in its <meta>, not in its headers
        assert t("hub.login.error", lang) in page and t("hub.login.passcode", lang) in page


def test_the_service_knows_who_calls_and_who_reads_the_cohort(hub, people):
    assert call(hub, "GET", "me", people["ana"]).json() == {"name": "ana", "cohort": False, "course": "coachlab"}
    assert call(hub, "GET", "me", people["tia"]).json() == {"name": "tia", "cohort": True, "course": "coachlab"}


@pytest.mark.parametrize("token", [None, "not-a-token", "0" * 32])
def test_no_token_or_a_made_up_one_is_refused_and_writes_nothing(hub, people, token):
    before = call(hub, "GET", "attempts?learner=*", people["tia"]).json()
    reply = call(hub, "POST", "attempts", token, json={"item_id": "x", "answers": {}, "scores": {}})
    assert reply.status_code == 401
    assert reply.json()["error"] == "no_token" and reply.json()["message"]
    assert call(hub, "GET", "attempts?learner=*", people["tia"]).json() == before


def test_an_expired_token_is_refused(hub):
    session = hub.sign_in("dee")
    token = hub.token(session, "dee", expires_in=1)
    time.sleep(2.5)
    assert call(hub, "GET", "me", token).status_code == 401


def test_a_cookie_alone_is_not_enough(hub):
    session = hub.sign_in("eve")
    reply = session.get(f"{hub.url}/services/coachlab-records/api/me", timeout=30)
    assert reply.status_code == 401


def test_through_the_proxy_the_same_api_answers(hub, people):
    reply = requests.get(f"{hub.url}/services/coachlab-records/api/me",
                         headers={"Authorization": f"token {people['ben']}"}, timeout=30)
    assert reply.json()["name"] == "ben"


def test_a_learner_writes_only_as_themselves_and_reads_only_their_own(hub, people):
    ana, ben = people["ana"], people["ben"]
    made = call(hub, "POST", "attempts", ana, json={"item_id": "05-feedback.bia", "answers": {"text": "ana's"},
                                                     "scores": {"bia": 1.0}, "lang": "en"})
    assert made.status_code == 201
    # Naming someone else in the body is refused, not silently rewritten.
    forged = call(hub, "POST", "attempts", ana, json={"learner_id": "ben", "item_id": "05-feedback.bia",
                                                       "answers": {"text": "forged"}, "scores": {}})
    assert forged.status_code == 403 and forged.json()["error"] == "not_yours"
    mine = call(hub, "GET", "attempts", ana).json()
    assert [a["answers"]["text"] for a in mine] == ["ana's"] and {a["learner_id"] for a in mine} == {"ana"}
    assert call(hub, "GET", "attempts", ben).json() == []
    for query in ("?learner=ana", "?learner=*", "?learner=ANA", "?learner=ana&learner=ben", "?learner=%20ada"):
        reply = call(hub, "GET", f"attempts{query}", ben)
        assert reply.status_code == 403 or reply.json() == [], query
    assert [a["learner_id"] for a in call(hub, "GET", "attempts?learner=ana", people["tia"]).json()] == ["ana"]


def test_tool_state_is_per_learner_whatever_the_path(hub, people):
    ana, ben = people["ana"], people["ben"]
    assert call(hub, "PUT", "state/05-feedback.pad", ana, json={"state": {"draft": "ana's draft"}}).ok
    assert call(hub, "GET", "state/05-feedback.pad", ben).json() == {"state": None}
    for crafted in ("05-feedback.pad%2F..", "..%2Fada%2F05-feedback.pad", "05-feedback.pad?learner=ana"):
        reply = call(hub, "GET", f"state/{crafted}", ben)
        assert reply.status_code in (200, 404) and "ana's draft" not in reply.text, crafted
    assert call(hub, "GET", "state/05-feedback.pad", ana).json() == {"state": {"draft": "ana's draft"}}
    assert [item for item, _ in RecordsClient(hub.records_url, ana).state_items("ana")] == ["05-feedback.pad"]
    assert RecordsClient(hub.records_url, ben).state_items("ana") == []  # the caller's own, whatever is asked


def test_disputes_and_hand_ins_of_another_learner_do_not_exist_for_you(hub, people):
    ana, ben, tia = people["ana"], people["ben"], people["tia"]
    dispute = call(hub, "POST", "disputes", ana, json={
        "item_id": "pad", "kind": "feedback", "text": "You stayed calm.", "verdict": {"kind": "feedback"},
        "note": "That was the impact."}).json()["id"]
    assert call(hub, "GET", f"disputes/{dispute}", ben).status_code == 404
    assert call(hub, "GET", f"disputes/{dispute}", ana).json()["learner_id"] == "ana"
    refused = call(hub, "POST", f"disputes/{dispute}/resolve", ben, json={"status": "confirmed"})
    assert refused.status_code == 403 and refused.json()["error"] == "facilitators_only"
    assert call(hub, "POST", f"disputes/{dispute}/resolve", tia, json={"status": "confirmed"}).json()["status"] == \
        "confirmed"
    notebook = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    handed = call(hub, "POST", "submissions", ana, json={"slug": "a05-feedback", "notebook": notebook}).json()
    assert call(hub, "GET", f"submissions/{handed['id']}", ben).status_code == 404
    assert call(hub, "GET", f"submissions/{handed['id']}", tia).json()["notebook"] == notebook
    assert call(hub, "POST", f"submissions/{handed['id']}/collected", ben).status_code == 403


@pytest.mark.parametrize("body, status, reason", [
    (b"{not json", 400, "not_json"),
    (b"[1, 2]", 400, "not_object"),
    (json.dumps({"item_id": "", "answers": {}, "scores": {}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": [], "scores": {}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": {}, "scores": {"a": "high"}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": {"t": "a\u0000b"}, "scores": {}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": {"t": "x" * (3 * 1024 * 1024)}, "scores": {}}).encode(), 413, "too_large"),
])
def test_bad_bodies_get_a_clear_answer_in_the_callers_language(hub, people, body, status, reason):
    before = len(call(hub, "GET", "attempts", people["cyd"]).json())
    for lang, chinese in (("en", False), ("zh-CN", True)):
        reply = call(hub, "POST", "attempts", people["cyd"], data=body,
                     headers={"Accept-Language": lang, "Content-Type": "application/json"})
        assert reply.status_code == status and reply.json()["error"] == reason
        assert bool(CJK.search(reply.json()["message"])) is chinese, reply.json()["message"]
    assert len(call(hub, "GET", "attempts", people["cyd"]).json()) == before


def test_a_body_over_the_servers_limit_is_refused_with_the_limit_named(hub, people):
    reply = call(hub, "POST", "submissions", people["cyd"], data=b"x" * (22 * 1024 * 1024),
                 headers={"Accept-Language": "en"})
    assert reply.status_code in (400, 413)
    assert call(hub, "GET", "me", people["cyd"]).ok  # the service is still up


def test_a_hundred_writes_at_once_all_arrive(hub, people):
    client = RecordsClient(hub.records_url, people["cyd"])
    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(lambda n: client.record(Attempt("cyd", "burst", {"n": n}, {"s": 1.0})), range(100)))
    assert len(set(ids)) == 100
    assert sorted(a.answers["n"] for a in client.attempts("cyd", "burst")) == list(range(100))
    assert RecordsClient(hub.records_url, people["tia"]).integrity_ok()


def test_the_client_raises_the_services_message_and_a_learner_cannot_list_the_cohort(hub, people):
    client = RecordsClient(hub.records_url, people["ben"], lang="zh-CN")
    with pytest.raises(RecordsError) as refused:
        client.attempts()  # every learner's: facilitators only
    assert refused.value.status == 403 and "别人" in str(refused.value)


@pytest.mark.parametrize("path", ["/user/ben/", "/user/ben/api/kernels", "/user/ben/voila/render/index.ipynb"])
def test_a_learner_cannot_open_another_learners_server_or_kernels(hub, path):
    ana = hub.sign_in("ana")
    reply = ana.get(f"{hub.url}{path}", timeout=60)
    assert reply.status_code == 404 and reply.url.startswith(f"{hub.url}/hub/user/ben/"), (reply.status_code, reply.url)


def test_a_learners_browser_cannot_run_code_in_their_own_kernel(hub):
    """Voila runs a page's cells itself; the browser may only talk widgets to the kernel. An execute_request
    sent through the learner's own kernel websocket (which could read the machine's files) is dropped, while
    the handshake still answers."""
    import asyncio
    import uuid

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    session = hub.sign_in("eli")
    token = hub.token(session, "eli")
    session.get(f"{hub.url}/hub/spawn", timeout=120)
    headers = {"Authorization": f"token {token}"}
    for _ in range(120):
        reply = requests.post(f"{hub.url}/user/eli/api/kernels", json={"name": "coachlab"}, headers=headers,
                              timeout=60)
        if reply.status_code == 201:
            break
        time.sleep(1)
    kernel = reply.json()["id"]

    def message(kind: str, content: dict) -> str:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": kind, "username": "eli", "session": "s", "date": "",
                  "version": "5.3"}
        return json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content,
                           "buffers": [], "channel": "shell"})

    async def talk() -> set[str]:
        url = f"{hub.url.replace('http', 'ws')}/user/eli/api/kernels/{kernel}/channels"
        conn = await websocket_connect(HTTPRequest(url, headers=headers))
        conn.write_message(message("execute_request", {"code": "print(open('/etc/hostname').read())",
                                                       "silent": False, "store_history": False,
                                                       "user_expressions": {}, "allow_stdin": False}))
        conn.write_message(message("kernel_info_request", {}))
        seen: set[str] = set()
        deadline = asyncio.get_running_loop().time() + 8
        while asyncio.get_running_loop().time() < deadline:
            try:
                raw = await asyncio.wait_for(conn.read_message(), deadline - asyncio.get_running_loop().time())
            except asyncio.TimeoutError:
                break
            if raw is None:
                break
            seen.add(json.loads(raw)["header"]["msg_type"])
        conn.close()
        return seen

    with ThreadPoolExecutor(max_workers=1) as pool:  # its own event loop, whatever runs in this thread
        seen = pool.submit(lambda: asyncio.run(talk())).result()
    assert "kernel_info_reply" in seen, seen  # the connection works
    assert not {"execute_reply", "execute_input", "stream", "execute_result"} & seen, seen


def test_a_learner_cannot_save_a_notebook_into_the_course_for_voila_to_run(hub):
    """Voila runs whatever notebook sits in the course folder: a learner's server serves it read-only."""
    from tests.conftest import REPO

    session = hub.sign_in("eli")
    token = hub.token(session, "eli")
    session.get(f"{hub.url}/hub/spawn", timeout=120)
    headers = {"Authorization": f"token {token}"}
    notebook = {"type": "notebook", "format": "json", "content": {
        "cells": [{"cell_type": "code", "source": "open('/etc/hostname').read()", "metadata": {}, "outputs": [],
                   "execution_count": None}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}}
    for _ in range(120):
        reply = requests.put(f"{hub.url}/user/eli/api/contents/planted.ipynb", json=notebook, headers=headers,
                             timeout=60)
        if reply.status_code not in (302, 404, 424, 503):  # the server may still be starting
            break
        time.sleep(1)
    assert reply.status_code == 403, reply.status_code
    assert not (REPO / "notebooks" / "planted.ipynb").exists()
    assert requests.get(f"{hub.url}/user/eli/api/contents/index.ipynb", headers=headers, timeout=60).status_code == 200
