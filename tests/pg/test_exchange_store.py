"""The exchange's tables (store migration 7) on both back ends: released assignments, submissions, feedback.

The same ExchangeStore calls on SQLite and on a real PostgreSQL give the same answers, bytes in = bytes out.
"""

from __future__ import annotations

import pytest

from coachlab.progress.store import SCHEMA_VERSION
from coachlab.records.assignments import ExchangeStore, contents, notebook_ids, pack_files


@pytest.fixture
def exchange(store):
    """The exchange's tables on each back end (``store`` from conftest: SQLite, then PostgreSQL)."""
    return ExchangeStore(store)


def test_releases_submissions_and_feedback_keep_their_bytes_and_their_course(exchange):
    assert exchange.store.schema_version() == SCHEMA_VERSION >= 7
    first = pack_files([("ex.ipynb", b'{"cells": []}'), ("data/table.bin", bytes(range(256)) * 40)])
    second = pack_files([("ex.ipynb", b'{"cells": [1]}'), ("extra.ipynb", b"{}")])
    assert exchange.release("coachlab", "ex", "fay", notebook_ids(contents(first)), first, force=False)
    assert not exchange.release("coachlab", "ex", "fay", ["ex"], second, force=False)  # out already: unchanged
    assert exchange.release_archive("coachlab", "ex") == first
    assert exchange.release("coachlab", "ex", "fay", notebook_ids(contents(second)), second, force=True)
    assert exchange.release_archive("coachlab", "ex") == second
    assert [(r["assignment_id"], r["notebooks"]) for r in exchange.releases("coachlab")] == [("ex", ["ex", "extra"])]
    assert exchange.releases("wave-a") == [] and exchange.release_archive("wave-a", "ex") is None

    lena = exchange.submit("coachlab", "lena", "ex", ["ex"], first)
    liam = exchange.submit("coachlab", "liam", "ex", ["ex"], second)
    exchange.submit("wave-a", "wynn", "ex", ["ex"], second)
    assert exchange.submission_archive(lena["id"]) == first
    assert [s["student_id"] for s in exchange.submissions("coachlab")] == ["lena", "liam"]
    assert [s["student_id"] for s in exchange.submissions("coachlab", "liam")] == ["liam"]
    assert [s["student_id"] for s in exchange.submissions("wave-a")] == ["wynn"]
    assert lena["timestamp"].endswith(" UTC") and lena["timestamp"] <= liam["timestamp"]

    exchange.put_feedback(lena, {"ex": "aaa"}, first)
    exchange.put_feedback(lena, {"ex": "bbb"}, second)  # released again: replaced, not added
    assert exchange.feedback_archive(lena["id"]) == second
    assert [s["feedback"] for s in exchange.submissions("coachlab")] == [{"ex": "bbb"}, None]
    assert exchange.feedback_archive(liam["id"]) is None
    assert exchange.unrelease("coachlab", "ex") and not exchange.unrelease("coachlab", "ex")
