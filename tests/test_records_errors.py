"""The records client and the nbgrader exchange client turn an outage into the same "try again" error.

A learner's page and a facilitator's `nbgrader` command both talk to the records service; when it is away
(no answer, or a 503 while its database restarts) both must raise RecordsUnavailable with the service's
Retry-After and a message in the caller's language, never a bare connection error. The outage of the real
service is tested in tests/pg/test_reliability.py; here a plain HTTP server answers 503 on a loopback port.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from coachlab.records.client import RecordsClient, RecordsError, RecordsUnavailable
from coachlab.records.exchange import ExchangeClient


class _Busy(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = b'{"error": "unavailable", "message": "busy"}'
        self.send_response(503 if "busy" in self.path else 403)
        self.send_header("Retry-After", "7")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture()
def busy_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Busy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("client_class", [RecordsClient, ExchangeClient])
def test_a_503_is_try_again_with_the_services_wait(busy_url: str, client_class: type[RecordsClient]) -> None:
    client = client_class(busy_url, "tok", "zh-CN")
    with pytest.raises(RecordsUnavailable) as caught:
        client._call("GET", "busy") if client_class is RecordsClient else client._json("GET", "busy")
    assert caught.value.status == 503 and caught.value.retry_after == 7
    assert "再试" in str(caught.value) and "try again" in caught.value.message("en")


@pytest.mark.parametrize("client_class", [RecordsClient, ExchangeClient])
def test_a_refusal_stays_a_refusal(busy_url: str, client_class: type[RecordsClient]) -> None:
    client = client_class(busy_url, "tok", "en")
    with pytest.raises(RecordsError) as caught:
        client._call("GET", "other") if client_class is RecordsClient else client._json("GET", "other")
    assert not isinstance(caught.value, RecordsUnavailable)
    assert caught.value.status == 403 and str(caught.value) == "busy"


@pytest.mark.parametrize("client_class", [RecordsClient, ExchangeClient])
def test_no_answer_is_try_again(client_class: type[RecordsClient]) -> None:
    client = client_class(f"http://127.0.0.1:{_closed_port()}", "tok", "en")
    with pytest.raises(RecordsUnavailable) as caught:
        client._call("GET", "me") if client_class is RecordsClient else client._json("GET", "me")
    assert caught.value.status == 0 and caught.value.reason == "unreachable"
    assert "try again" in str(caught.value)
