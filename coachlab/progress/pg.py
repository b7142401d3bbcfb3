"""The learner records in PostgreSQL, for the records service when ``COACHLAB_DATABASE_URL`` says so.

The same ``RecordStore`` methods and the same ``MIGRATIONS`` as the SQLite file (coachlab/progress/store.py),
in PostgreSQL's dialect; the schema version lives in the table ``coachlab_schema`` (SQLite keeps it in
``PRAGMA user_version``). Connections come from a psycopg pool, each checked before use, so a service that
outlives a database restart gets fresh connections instead of dead ones. Autocommit reads; every write is one
transaction.

While the database is away (restarting, network cut) a call fails fast with ``StoreUnavailable`` instead of
hanging: a connection attempt gives up after ``CONNECT_TIMEOUT_S``, waiting for a pooled one after
``POOL_WAIT_S``, and for ``PROBE_EVERY_S`` after a failure further calls fail at once without waiting (so a
room of learners does not queue behind the outage); then one call tries again. The records service answers
those with 503 and Retry-After; when PostgreSQL is back the pool reconnects by itself.
"""

from __future__ import annotations

import select
import threading
import time
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

from psycopg import Connection, OperationalError
from psycopg_pool import ConnectionPool, PoolTimeout

from .store import POSTGRESQL, SCHEMA_VERSION, RecordStore, StoreUnavailable, Writer

SCHEMES = ("postgresql", "postgres")
POOL_MAX = 8  # one per store thread of the service (coachlab/records/service.py STORE_THREADS)
OPEN_TIMEOUT_S = 30.0  # at start: the database may come up after the service (Kubernetes starts both at once)
CONNECT_TIMEOUT_S = 3  # one connection attempt (libpq's connect_timeout, whole seconds)
POOL_WAIT_S = 2.0  # a request waits this long for a pooled connection, then gets "try again"
PROBE_EVERY_S = 1.0  # after a failure, calls fail at once for this long before one tries the database again
RETRY_AFTER_S = 5  # what a caller is told to wait (HTTP Retry-After)
# Held while migrating, so two service processes starting together migrate once (any fixed bigint will do).
MIGRATION_LOCK = 0x636F6163686C6162  # "coachlab"


def is_database_url(url: str | None) -> bool:
    """Return True when ``url`` names a PostgreSQL database (``postgresql://…`` or ``postgres://…``)."""
    return bool(url) and urlsplit(url).scheme in SCHEMES


def redact(url: str) -> str:
    """Return ``url`` without its password, for logs and messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _sql(statement: str) -> str:
    """The store's ``?`` placeholders as psycopg's ``%s`` (no statement has a ``?`` or ``%`` of its own)."""
    return statement.replace("%", "%%").replace("?", "%s")


class PostgresStore(RecordStore):
    """Read and write learner records in a PostgreSQL database (a pool of connections, thread-safe)."""

    dialect = POSTGRESQL

    def __init__(self, url: str, max_size: int = POOL_MAX, timeout: float = OPEN_TIMEOUT_S,
                 wait: float = POOL_WAIT_S):
        if not is_database_url(url):
            raise ValueError(f"not a PostgreSQL URL: {redact(url)!r} (postgresql://user:password@host:port/db)")
        self.url = url
        self.where = redact(url)
        self._down_until = 0.0  # monotonic time before which calls fail at once (the database just failed)
        self._down_lock = threading.Lock()
        self._pool = ConnectionPool(url, min_size=max_size, max_size=max_size, timeout=wait, open=False,
                                    kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
                                    check=self._check, name="coachlab-records")
        self._pool.open(wait=True, timeout=timeout)
        try:
            self._migrate()
        except BaseException:
            self._pool.close()
            raise

    def _migrate(self) -> None:
        with self._pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS coachlab_schema (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM coachlab_schema").fetchone()
            if row is None:
                conn.execute("INSERT INTO coachlab_schema (version) VALUES (0)")
            current = row[0] if row else 0
            self._check_version(current, self.where)
            for step in POSTGRESQL.migrations()[current:]:
                for statement in filter(str.strip, step.split(";")):
                    conn.execute(statement)  # type: ignore[call-overload] - our own SQL, no parameters
            conn.execute("UPDATE coachlab_schema SET version = %s", (SCHEMA_VERSION,))

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A pooled connection; the database being away raises StoreUnavailable (nothing of this call kept)."""
        if time.monotonic() < self._down_until:
            raise StoreUnavailable(self.where, RETRY_AFTER_S)
        try:
            with self._pool.connection() as conn:
                yield conn
        except (OperationalError, PoolTimeout) as exc:
            with self._down_lock:
                self._down_until = time.monotonic() + PROBE_EVERY_S
            raise StoreUnavailable(self.where, RETRY_AFTER_S) from exc

    @staticmethod
    def _check(conn: Connection) -> None:
        """The pool's check before handing out a connection, without a round trip when it is healthy: an idle
        connection has nothing to read, while one the server dropped (a restart: "terminating connection",
        then end of file) has; only then is the server asked, which fails and the pool discards it."""
        if conn.closed or select.select([conn.fileno()], [], [], 0)[0]:
            ConnectionPool.check_connection(conn)

    @contextmanager
    def _write(self) -> Iterator[Writer]:
        with self._connection() as conn, conn.transaction():
            yield Writer(lambda sql, params=(): conn.execute(_sql(sql), params).rowcount,
                         lambda sql, params=(): _inserted(conn, sql, params),
                         lambda sql, params=(): conn.execute(_sql(sql), params).fetchall())

    def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        with self._connection() as conn:
            return conn.execute(_sql(sql), params).fetchall()

    def schema_version(self) -> int:
        """Return the schema version kept in ``coachlab_schema``."""
        row = self._one("SELECT version FROM coachlab_schema")
        return int(row[0]) if row else 0

    def integrity_ok(self) -> bool:
        """Return True when the database answers, has exactly one schema row and it is this coachlab's version
        (PostgreSQL checks its own pages; there is no file-level check to run as for SQLite)."""
        rows = self._rows("SELECT version FROM coachlab_schema")
        return rows == [(SCHEMA_VERSION,)]

    def close(self) -> None:
        """Close the pool and its connections."""
        self._pool.close()

    def __enter__(self) -> "PostgresStore":
        return self


def _inserted(conn: Connection, sql: str, params: tuple | list) -> int:
    row = conn.execute(_sql(sql) + " RETURNING id", params).fetchone()
    assert row is not None
    return int(row[0])
