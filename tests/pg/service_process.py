"""The records service as its own process (``coachlab.records.service.main()``, the code the hub starts), with a
table of tokens standing in for the hub's token check, for the reliability tests and benchmarks/records.py.

As in test_store_backends.py's in-process ``service`` fixture, only ``HubAuthenticated.get_current_user`` is
replaced (the real HubAuth is tested under a real hub in tests/hub/); handlers, store, pool, error paths and the
HTTP server are the service's own. Run as ``python -m tests.pg.service_process`` with ``TOKENS_ENV`` holding
``{"token": ["name", [scopes…]], …}``; ``ServiceProcess`` starts one and stops it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

from .server import free_port, wait_until

TOKENS_ENV = "COACHLAB_TEST_TOKENS"
REPO = Path(__file__).resolve().parents[2]


def serve() -> None:
    """Run the records service, its hub token check answered from the table in ``TOKENS_ENV``."""
    from jupyterhub.services.auth import HubAuthenticated

    table = {token: (name, scopes) for token, (name, scopes) in json.loads(os.environ[TOKENS_ENV]).items()}

    def from_table(handler):
        name, scopes = table.get(handler.request.headers.get("Authorization", "").removeprefix("token "),
                                 (None, None))
        return {"name": name, "kind": "user", "scopes": scopes} if name else None

    HubAuthenticated.get_current_user = from_table
    from coachlab.records.service import main

    main()


class ServiceProcess:
    """One records-service process on a free loopback port: ``url``, ``stop()`` (SIGTERM), ``log()``."""

    def __init__(self, tokens: dict[str, tuple[str, list[str]]], log_path: Path, database_url: str | None = None,
                 data: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        env = {**os.environ, TOKENS_ENV: json.dumps(tokens), "COACHLAB_RECORDS_LISTEN": f"127.0.0.1:{self.port}",
               "JUPYTERHUB_API_TOKEN": "unused-here", "PYTHONPATH": str(REPO)}
        env.pop("JUPYTERHUB_SERVICE_URL", None)
        env.pop("COACHLAB_DATABASE_URL", None)
        if database_url:
            env["COACHLAB_DATABASE_URL"] = database_url
        if data:
            env["COACHLAB_RECORDS_DATA"] = str(data)
        with open(log_path, "wb") as out:
            self.proc = subprocess.Popen([sys.executable, "-m", "tests.pg.service_process"], env=env, cwd=REPO,
                                         stdout=out, stderr=subprocess.STDOUT)
        if not wait_until(self._up, 60) or self.proc.poll() is not None:
            self.stop()
            raise RuntimeError(f"the records service did not start:\n{self.log()}")

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            return True
        try:
            return requests.get(f"{self.url}/", timeout=2).json().get("ok") is True
        except (requests.RequestException, ValueError):
            return False

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-6000:]

    def stop(self) -> int | None:
        """SIGTERM and wait; return the exit code (SIGKILL after 30 s: then None)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                return self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
                return None
        return self.proc.returncode


if __name__ == "__main__":
    serve()
