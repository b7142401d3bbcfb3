"""The records service under a real hub: who may read and write what, and bad input.

Learners sign in with the workshop passcode, the facilitator with theirs; each gets an API token the way the
hub's token page makes one, and calls the service as a page's kernel does (``Authorization: token …``).
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

from .conftest import FACILITATOR_CODE

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def people(hub):
    """Tokens for two learners, a third who writes nothing, and a facilitator."""
    tokens = {}
    for name in ("ada", "bo", "cy"):
        tokens[name] = hub.token(hub.sign_in(name), name)
    tokens["tess"] = hub.token(hub.sign_in("tess", FACILITATOR_CODE), "tess")
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
    assert call(hub, "GET", "me", people["ada"]).json() == {"name": "ada", "cohort": False}
    assert call(hub, "GET", "me", people["tess"]).json() == {"name": "tess", "cohort": True}


@pytest.mark.parametrize("token", [None, "not-a-token", "0" * 32])
def test_no_token_or_a_made_up_one_is_refused_and_writes_nothing(hub, people, token):
    before = call(hub, "GET", "attempts?learner=*", people["tess"]).json()
    reply = call(hub, "POST", "attempts", token, json={"item_id": "x", "answers": {}, "scores": {}})
    assert reply.status_code == 401
    assert reply.json()["error"] == "no_token" and reply.json()["message"]
    assert call(hub, "GET", "attempts?learner=*", people["tess"]).json() == before


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
                         headers={"Authorization": f"token {people['bo']}"}, timeout=30)
    assert reply.json()["name"] == "bo"


def test_a_learner_writes_only_as_themselves_and_reads_only_their_own(hub, people):
    ada, bo = people["ada"], people["bo"]
    made = call(hub, "POST", "attempts", ada, json={"item_id": "05-feedback.bia", "answers": {"text": "ada's"},
                                                     "scores": {"bia": 1.0}, "lang": "en"})
    assert made.status_code == 201
    # Naming someone else in the body is refused, not silently rewritten.
    forged = call(hub, "POST", "attempts", ada, json={"learner_id": "bo", "item_id": "05-feedback.bia",
                                                       "answers": {"text": "forged"}, "scores": {}})
    assert forged.status_code == 403 and forged.json()["error"] == "not_yours"
    mine = call(hub, "GET", "attempts", ada).json()
    assert [a["answers"]["text"] for a in mine] == ["ada's"] and {a["learner_id"] for a in mine} == {"ada"}
    assert call(hub, "GET", "attempts", bo).json() == []
    for query in ("?learner=ada", "?learner=*", "?learner=ADA", "?learner=ada&learner=bo", "?learner=%20ada"):
        reply = call(hub, "GET", f"attempts{query}", bo)
        assert reply.status_code == 403 or reply.json() == [], query
    assert [a["learner_id"] for a in call(hub, "GET", "attempts?learner=ada", people["tess"]).json()] == ["ada"]


def test_tool_state_is_per_learner_whatever_the_path(hub, people):
    ada, bo = people["ada"], people["bo"]
    assert call(hub, "PUT", "state/05-feedback.pad", ada, json={"state": {"draft": "ada's draft"}}).ok
    assert call(hub, "GET", "state/05-feedback.pad", bo).json() == {"state": None}
    for crafted in ("05-feedback.pad%2F..", "..%2Fada%2F05-feedback.pad", "05-feedback.pad?learner=ada"):
        reply = call(hub, "GET", f"state/{crafted}", bo)
        assert reply.status_code in (200, 404) and "ada's draft" not in reply.text, crafted
    assert call(hub, "GET", "state/05-feedback.pad", ada).json() == {"state": {"draft": "ada's draft"}}


def test_disputes_and_hand_ins_of_another_learner_do_not_exist_for_you(hub, people):
    ada, bo, tess = people["ada"], people["bo"], people["tess"]
    dispute = call(hub, "POST", "disputes", ada, json={
        "item_id": "pad", "kind": "feedback", "text": "You stayed calm.", "verdict": {"kind": "feedback"},
        "note": "That was the impact."}).json()["id"]
    assert call(hub, "GET", f"disputes/{dispute}", bo).status_code == 404
    assert call(hub, "GET", f"disputes/{dispute}", ada).json()["learner_id"] == "ada"
    refused = call(hub, "POST", f"disputes/{dispute}/resolve", bo, json={"status": "confirmed"})
    assert refused.status_code == 403 and refused.json()["error"] == "facilitators_only"
    assert call(hub, "POST", f"disputes/{dispute}/resolve", tess, json={"status": "confirmed"}).json()["status"] == \
        "confirmed"
    notebook = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    handed = call(hub, "POST", "submissions", ada, json={"slug": "a05-feedback", "notebook": notebook}).json()
    assert call(hub, "GET", f"submissions/{handed['id']}", bo).status_code == 404
    assert call(hub, "GET", f"submissions/{handed['id']}", tess).json()["notebook"] == notebook
    assert call(hub, "POST", f"submissions/{handed['id']}/collected", bo).status_code == 403


@pytest.mark.parametrize("body, status, reason", [
    (b"{not json", 400, "not_json"),
    (b"[1, 2]", 400, "not_object"),
    (json.dumps({"item_id": "", "answers": {}, "scores": {}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": [], "scores": {}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": {}, "scores": {"a": "high"}}).encode(), 400, "bad_field"),
    (json.dumps({"item_id": "x", "answers": {"t": "x" * (3 * 1024 * 1024)}, "scores": {}}).encode(), 413, "too_large"),
])
def test_bad_bodies_get_a_clear_answer_in_the_callers_language(hub, people, body, status, reason):
    before = len(call(hub, "GET", "attempts", people["cy"]).json())
    for lang, chinese in (("en", False), ("zh-CN", True)):
        reply = call(hub, "POST", "attempts", people["cy"], data=body,
                     headers={"Accept-Language": lang, "Content-Type": "application/json"})
        assert reply.status_code == status and reply.json()["error"] == reason
        assert bool(CJK.search(reply.json()["message"])) is chinese, reply.json()["message"]
    assert len(call(hub, "GET", "attempts", people["cy"]).json()) == before


def test_a_body_over_the_servers_limit_is_refused_with_the_limit_named(hub, people):
    reply = call(hub, "POST", "submissions", people["cy"], data=b"x" * (22 * 1024 * 1024),
                 headers={"Accept-Language": "en"})
    assert reply.status_code in (400, 413)
    assert call(hub, "GET", "me", people["cy"]).ok  # the service is still up


def test_a_hundred_writes_at_once_all_arrive(hub, people):
    client = RecordsClient(hub.records_url, people["cy"])
    with ThreadPoolExecutor(max_workers=20) as pool:
        ids = list(pool.map(lambda n: client.record(Attempt("cy", "burst", {"n": n}, {"s": 1.0})), range(100)))
    assert len(set(ids)) == 100
    assert sorted(a.answers["n"] for a in client.attempts("cy", "burst")) == list(range(100))
    assert RecordsClient(hub.records_url, people["tess"]).integrity_ok()


def test_the_client_raises_the_services_message_and_a_learner_cannot_list_the_cohort(hub, people):
    client = RecordsClient(hub.records_url, people["bo"], lang="zh-CN")
    with pytest.raises(RecordsError) as refused:
        client.attempts()  # every learner's: facilitators only
    assert refused.value.status == 403 and "别人" in str(refused.value)


@pytest.mark.parametrize("path", ["/user/bo/", "/user/bo/api/kernels", "/user/bo/voila/render/index.ipynb"])
def test_a_learner_cannot_open_another_learners_server_or_kernels(hub, path):
    ada = hub.sign_in("ada")
    reply = ada.get(f"{hub.url}{path}", timeout=60)
    assert reply.status_code == 404 and reply.url.startswith(f"{hub.url}/hub/user/bo/"), (reply.status_code, reply.url)
