"""A throwaway PostgreSQL for tests: Debian's binaries, a temporary directory, a free loopback port.

PostgreSQL refuses to run as root, so under root the cluster belongs to ``nobody`` (``runuser``); otherwise to
whoever runs the tests. Password authentication (scram) on 127.0.0.1 only, no Unix socket outside the cluster's
own directory. ``stop()`` shuts it down and removes the directory.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "coachlab"


def binaries() -> Path | None:
    """Return the newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, or None."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")
             if (Path(p).parent / "pg_ctl").exists()]
    return max(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0) if found else None


def unavailable_reason() -> str | None:
    """Why a test PostgreSQL cannot start here, or None when it can."""
    if binaries() is None:
        how = "make test installs it as root" if os.geteuid() == 0 else "sudo apt-get install postgresql"
        return f"PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb missing; {how})"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root and runuser is missing: PostgreSQL will not run as root"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster, started by ``start()`` and removed by ``stop()``."""

    def __init__(self, fsync: bool = False) -> None:
        self.fsync = fsync  # off for tests (speed); benchmarks/records.py measures with it on, as in production
        self.bin = binaries()
        assert self.bin is not None, unavailable_reason()
        self.password = secrets.token_urlsafe(16)
        self.port = 0
        self.root = Path(tempfile.mkdtemp(prefix="coachlab-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._as = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        return subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=timeout,
                              cwd=self.root, env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})

    def start(self) -> "PostgresServer":
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as:
            nobody = pwd.getpwnam("nobody")
            for path in (self.root, pwfile):
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        done = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
                         "--auth=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync")
        pwfile.unlink()
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        for attempt in range(3):  # a free port can be taken between asking and listening
            self.port = free_port()
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root}"
                       f" -c fsync={'on' if self.fsync else 'off'} -c max_connections=200")
            done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                             "-w", "-t", "60", "start")
            if done.returncode == 0:
                return self
        raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{self.read_log()}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def read_log(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def create_database(self) -> str:
        """Create an empty database and return its URL."""
        import psycopg

        name = f"t_{secrets.token_hex(6)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def restart(self) -> None:
        """Stop (fast: clients are cut off) and start again on the same port with the same data."""
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w",
                         "-t", "60", "restart")
        if done.returncode:
            raise RuntimeError(f"pg_ctl restart failed: {done.stderr or done.stdout}\n{self.read_log()}")

    def pause(self) -> None:
        """Stop the server (fast: clients are cut off), keeping its data and port, until ``resume()``."""
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        if done.returncode:
            raise RuntimeError(f"pg_ctl stop failed: {done.stderr or done.stdout}\n{self.read_log()}")

    def resume(self) -> None:
        """Start the paused server again on the same port with the same data."""
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root}"
                   f" -c fsync={'on' if self.fsync else 'off'} -c max_connections=200")
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                         "-w", "-t", "60", "start")
        if done.returncode:
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{self.read_log()}")

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def wait_until(check, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False
