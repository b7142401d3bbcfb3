"""A real PostgreSQL for the tests in this folder (session-scoped), and a fresh database per test.

Skipped with the reason when PostgreSQL is not installed and we cannot install it (not root); under CI=true
it must run, so a missing PostgreSQL fails instead.
"""

from __future__ import annotations

import os

import pytest

from .server import PostgresServer, unavailable_reason


@pytest.fixture(scope="session")
def postgres():
    """The running PostgreSQL cluster (stopped and removed at the end of the session)."""
    reason = unavailable_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and the PostgreSQL tests cannot run: {reason}")
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres):
    """The URL of an empty database of its own for one test."""
    url = postgres.create_database()
    yield url
    postgres.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store on each back end (the PostgreSQL one in a database of its own)."""
    from coachlab.progress.pg import PostgresStore
    from coachlab.progress.store import ProgressStore

    if request.param == "sqlite":
        opened = ProgressStore(tmp_path / "records.sqlite3")
    else:
        opened = PostgresStore(request.getfixturevalue("postgres_url"))
    yield opened
    opened.close()
