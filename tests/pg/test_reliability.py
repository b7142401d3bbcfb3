"""The records service when things go wrong mid-workshop, on a real PostgreSQL and real service processes.

- PostgreSQL stops and comes back: requests during the outage get 503 "try again" (in the caller's language,
  with Retry-After) within seconds instead of hanging, nothing acknowledged is lost, and writes resume without
  restarting the service;
- two service processes writing to one database at once lose nothing;
- a hand-in whose upload is cut off halfway is never stored, so never collected.

The service runs as its own process (tests/pg/service_process.py: ``coachlab.records.service.main()`` with a
table of tokens for the hub's token check).
"""

from __future__ import annotations

import json
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import ipywidgets
import psycopg
import pytest
import requests

from coachlab.grading.course import Course
from coachlab.i18n import t
from coachlab.progress.pg import PostgresStore
from coachlab.progress.store import Attempt
from coachlab.records.client import RecordsClient, RecordsUnavailable
from coachlab.records.collect import collect_from_hub
from coachlab.records.service import COHORT_SCOPE
from coachlab.widgets.page import safe

from .server import wait_until
from .service_process import ServiceProcess

TOKENS = {"tok-ana": ("ana", []), "tok-ben": ("ben", []), "tok-tia": ("tia", [COHORT_SCOPE])}
TOKENS.update({f"tok-l{i}": (f"learner-{i}", []) for i in range(8)})
OUTAGE_BOUND_S = 10.0  # generous: the service answers within its pool wait (2 s), not a timing benchmark
SLUG = "a05-feedback"
NOTEBOOK = json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": "接通率 89%"}],
                       "nbformat": 4, "nbformat_minor": 5, "metadata": {}}, ensure_ascii=False)


def post_attempt(url: str, token: str, i: int, timeout: float = 30) -> requests.Response:
    return requests.post(f"{url}/api/attempts", headers={"Authorization": f"token {token}"}, timeout=timeout,
                         json={"item_id": f"item-{i}", "answers": {"i": i, "text": "谢谢你" * 10}, "scores": {}})


def rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()  # type: ignore[arg-type] - our own SQL


@pytest.fixture
def started(tmp_path):
    """Start records-service processes (``started(database_url=…)``); all stopped at the end."""
    running: list[ServiceProcess] = []

    def start(**kwargs) -> ServiceProcess:
        service = ServiceProcess(TOKENS, tmp_path / f"service-{len(running)}.log", **kwargs)
        running.append(service)
        return service

    yield start
    for service in running:
        service.stop()


# --- a PostgreSQL restart mid-workshop ----------------------------------------------------------------
def test_the_service_survives_a_postgresql_restart_mid_workshop(postgres, postgres_url, started):
    service = started(database_url=postgres_url)
    url = service.url
    acknowledged = {}
    for i in range(20):
        reply = post_attempt(url, "tok-ana", i)
        assert reply.status_code == 201, reply.text
        acknowledged[reply.json()["id"]] = i
    assert requests.put(f"{url}/api/state/02-swot", headers={"Authorization": "token tok-ana"}, timeout=30,
                        json={"state": {"s": ["耐心"]}}).status_code == 200

    postgres.pause()
    try:
        # One at a time, each kind of request, in each language: a quick 503 that says to try again.
        for method, path, body, lang, words in (
                ("POST", "attempts", {"item_id": "during", "answers": {}, "scores": {}}, "zh-CN", "再试"),
                ("GET", "attempts", None, "en", "try again"),
                ("PUT", "state/02-swot", {"state": {"s": []}}, "en", "try again"),
                ("POST", "submissions", {"slug": SLUG, "notebook": NOTEBOOK}, "zh-CN", "之前保存的内容都在")):
            began = time.monotonic()
            reply = requests.request(method, f"{url}/api/{path}", json=body, timeout=60,
                                     headers={"Authorization": "token tok-ana", "Accept-Language": lang})
            took = time.monotonic() - began
            assert reply.status_code == 503, (method, path, reply.status_code, reply.text)
            assert took < OUTAGE_BOUND_S, (method, path, took)
            assert 1 <= int(reply.headers["Retry-After"]) <= 60
            answer = reply.json()
            assert answer["error"] == "unavailable" and words in answer["message"], answer
        # A room asking at once: every one answered 503 quickly, none left hanging behind the others.
        began = time.monotonic()
        with ThreadPoolExecutor(16) as pool:
            codes = list(pool.map(lambda i: post_attempt(url, f"tok-l{i % 8}", 1000 + i, 60).status_code,
                                  range(32)))
        assert codes == [503] * 32 and time.monotonic() - began < OUTAGE_BOUND_S
        # A learner's kernel: a "try again" in the page's language, whichever the client was made with.
        client = RecordsClient(url, "tok-ben", "zh-CN")
        with pytest.raises(RecordsUnavailable) as caught:
            client.record(Attempt("ben", "bid", {"a": 1}, {}))
        assert caught.value.status == 503 and caught.value.retry_after >= 1
        assert "再试" in str(caught.value) and "try again" in caught.value.message("en")
        # The page shows that "try again" (not its general "reload the page", which would lose the page's work).
        for lang, words in (("en", "try again"), ("zh-CN", "再试")):
            box = ipywidgets.HTML()
            safe(lambda: client.save_state("ben", "02-swot", {"s": ["细致"]}), lambda lang=lang: lang, box)()
            assert words in box.value and t("error.friendly", lang) not in box.value, box.value
        assert service.proc.poll() is None, service.log()
    finally:
        postgres.resume()

    # Back: writes resume on the same process (no restart), and everything acknowledged is there.
    def writes() -> bool:
        reply = post_attempt(url, "tok-ana", 100, timeout=30)
        if reply.status_code == 201:
            acknowledged[reply.json()["id"]] = 100
            return True
        assert reply.status_code == 503, reply.text
        return False

    assert wait_until(writes, 30), service.log()
    assert service.proc.poll() is None
    kept = dict(rows(postgres_url, "SELECT id, (answers::json->>'i')::int FROM attempts WHERE learner_id = 'ana'"))
    assert kept == acknowledged and len(kept) == 21
    assert requests.get(f"{url}/api/state/02-swot", headers={"Authorization": "token tok-ana"},
                        timeout=30).json() == {"state": {"s": ["耐心"]}}  # the refused PUT changed nothing
    assert rows(postgres_url, "SELECT count(*) FROM submissions") == [(0,)]
    assert RecordsClient(url, "tok-ben").record(Attempt("ben", "bid", {"a": 1}, {})) > 0
    assert "503" in service.log() and "unavailable" in service.log()


# --- two service processes, one database ----------------------------------------------------------
PER_WRITER = 60


def test_two_service_processes_writing_to_one_postgresql_lose_nothing(postgres_url, started):
    first = started(database_url=postgres_url)
    second = started(database_url=postgres_url)

    def write(k: int) -> list[tuple[int, str, int]]:
        """Writer k: eight learners' worth of writes, alternating between the two processes."""
        token, learner = f"tok-l{k}", f"learner-{k}"
        done = []
        for i in range(PER_WRITER):
            url = (first, second)[(i + k) % 2].url
            reply = post_attempt(url, token, i)
            assert reply.status_code == 201, reply.text
            done.append((reply.json()["id"], learner, i))
            if i % 10 == 0:
                hand_in = requests.post(f"{url}/api/submissions", headers={"Authorization": f"token {token}"},
                                        json={"slug": SLUG, "notebook": NOTEBOOK}, timeout=30)
                assert hand_in.status_code == 201, hand_in.text
        return done

    with ThreadPoolExecutor(8) as pool:
        acknowledged = [row for done in pool.map(write, range(8)) for row in done]
    assert len(acknowledged) == 8 * PER_WRITER
    assert len({row_id for row_id, _, _ in acknowledged}) == len(acknowledged)  # no id handed out twice
    kept = rows(postgres_url, "SELECT id, learner_id, (answers::json->>'i')::int FROM attempts")
    assert sorted(kept) == sorted(acknowledged)
    assert rows(postgres_url, "SELECT count(*) FROM submissions") == [(8 * PER_WRITER // 10,)]
    with PostgresStore(postgres_url, max_size=1) as store:
        assert store.integrity_ok()
    for service in (first, second):
        assert requests.get(f"{service.url}/api/integrity", headers={"Authorization": "token tok-tia"},
                            timeout=30).json() == {"ok": True}


# --- a hand-in cut off mid-upload ---------------------------------------------------------------------
def cut_upload(url: str, token: str, body: bytes) -> None:
    """Send the headers of a hand-in with its full Content-Length, then half the body, and hang up."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall((f"POST /api/submissions HTTP/1.1\r\nHost: {host}:{port}\r\n"
                      f"Authorization: token {token}\r\nContent-Type: application/json; charset=utf-8\r\n"
                      f"Content-Length: {len(body)}\r\n\r\n").encode("ascii"))
        sock.sendall(body[:len(body) // 2])
        time.sleep(0.2)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_hand_in_cut_off_mid_upload_is_never_stored_or_collected(backend, request, started, tmp_path):
    if backend == "postgresql":
        database = request.getfixturevalue("postgres_url")
        service = started(database_url=database)
    else:
        service = started(data=tmp_path / "records")
    body = json.dumps({"slug": SLUG, "notebook": NOTEBOOK.replace("89%", "89%" + " 谢谢" * 20000)},
                      ensure_ascii=False).encode("utf-8")
    for _ in range(3):
        cut_upload(service.url, "tok-ana", body)
    facilitator = RecordsClient(service.url, "tok-tia", "en")
    time.sleep(0.5)  # the service has seen the connections close
    assert facilitator.submissions(None) == []
    course = Course(tmp_path / "grader")
    assert collect_from_hub(course, facilitator) == []
    assert not (tmp_path / "grader" / "submitted").exists()
    # The same hand-in sent whole is kept and collected: the cut ones were refused, not the hand-in.
    reply = requests.post(f"{service.url}/api/submissions", data=body, timeout=30,
                          headers={"Authorization": "token tok-ana", "Content-Type": "application/json"})
    assert reply.status_code == 201, reply.text
    assert [s.learner_id for s in facilitator.submissions(None)] == ["ana"]
    receipts = collect_from_hub(course, facilitator)
    assert [(r.learner_id, r.slug) for r in receipts] == [("ana", SLUG)]
    assert "谢谢" in receipts[0].path.read_text(encoding="utf-8")
    assert service.proc.poll() is None, service.log()
