"""Learner records: validation, round trips, migrations and several processes writing at once."""

import multiprocessing
import sqlite3

import pytest

from coachlab.progress import SCHEMA_VERSION, Attempt, LearnerIdError, ProgressStore, open_store, validate_learner_id
from coachlab.progress.store import MIGRATIONS, SchemaTooNew


@pytest.mark.parametrize(
    ("learner_id", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("x" * 65, "too_long"),
        ("a/b", "separator"),
        ("a\\b", "separator"),
        ("..", "dotdot"),
        ("wang..fang", "dotdot"),
        ("wang\nfang", "control"),
        ("wang\x00", "control"),
        ("\u202ewang", "control"),
    ],
)
def test_bad_learner_ids_are_rejected_with_reason(learner_id, reason):
    """Each unusable id is refused with a reason that has a message in both languages."""
    with pytest.raises(LearnerIdError) as caught:
        validate_learner_id(learner_id)
    assert caught.value.reason == reason
    assert caught.value.message("en") != caught.value.message("zh-CN")


@pytest.mark.parametrize("learner_id", ["wang.fang", "王芳", "Li Lei", "a" * 64, "agent-007_b", "小王 (班组长)"])
def test_good_learner_ids_are_returned_untouched(learner_id):
    """Anything else passes through exactly as typed."""
    assert validate_learner_id(learner_id) == learner_id


def test_record_and_read_back(tmp_path):
    """An attempt round-trips with its answers and scores, Chinese included."""
    with open_store(tmp_path / "p.sqlite3") as store:
        row = store.record(Attempt("王芳", "bid-late-logins", {"turn_1": "昨天你迟到了 15 分钟"}, {"bid": 80.0},
                                   lang="zh-CN"))
        got = store.attempts("王芳", "bid-late-logins")
    assert [a.id for a in got] == [row]
    assert got[0].answers == {"turn_1": "昨天你迟到了 15 分钟"} and got[0].scores == {"bid": 80.0}
    assert got[0].lang == "zh-CN"


def test_bad_id_saves_nothing_and_keeps_earlier_records(tmp_path):
    """A rejected learner id raises and leaves what was saved before intact."""
    with open_store(tmp_path / "p.sqlite3") as store:
        store.record(Attempt("li", "05-feedback", {"a": 1}, {}))
        with pytest.raises(LearnerIdError):
            store.record(Attempt("../li", "05-feedback", {"a": 2}, {}))
        assert [a.answers for a in store.attempts()] == [{"a": 1}]


def test_wal_mode_and_data_dir_from_env(tmp_path, monkeypatch):
    """The default store lives in COACHLAB_DATA and uses write-ahead logging."""
    monkeypatch.setenv("COACHLAB_DATA", str(tmp_path / "data"))
    with open_store() as store:
        store.record(Attempt("li", "x", {}, {}))
        assert store.path == tmp_path / "data" / "progress.sqlite3"
    mode = sqlite3.connect(tmp_path / "data" / "progress.sqlite3").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_tool_state_keeps_latest(tmp_path):
    """Saved tool work is replaced by the newer version and read back."""
    with open_store(tmp_path / "p.sqlite3") as store:
        assert store.load_state("li", "02-swot") is None
        store.save_state("li", "02-swot", {"strengths": ["耐心"]})
        store.save_state("li", "02-swot", {"strengths": ["耐心", "细致"]})
        assert store.load_state("li", "02-swot") == {"strengths": ["耐心", "细致"]}


def test_migration_from_first_schema_keeps_old_rows(tmp_path):
    """A file written at schema 1 is migrated to the current schema with its rows intact."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO attempts (learner_id, item_id, created_at, answers, scores)"
                 " VALUES ('li', 'x', 1.0, '{\"a\": 1}', '{}')")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with ProgressStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        old = store.attempts("li")
        assert [(a.answers, a.lang) for a in old] == [({"a": 1}, None)]
        store.save_state("li", "x", {"b": 2})  # the newest table exists


def test_newer_schema_is_refused_untouched(tmp_path):
    """A file from a newer coachlab is not modified."""
    path = tmp_path / "new.sqlite3"
    with ProgressStore(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew):
        ProgressStore(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5


WRITERS, PER_WRITER = 6, 150


def _writer(path: str, worker: int, barrier) -> None:
    barrier.wait()  # start together so the writes really overlap
    with ProgressStore(path) as store:
        for i in range(PER_WRITER):
            store.record(Attempt(f"learner-{worker}", f"item-{i % 7}", {"i": i, "text": "加油" * 20}, {"s": i}))
            if i % 10 == 0:
                store.save_state(f"learner-{worker}", "tool", {"i": i})


def test_concurrent_writers_lose_nothing(tmp_path):
    """Several processes (one Voila kernel each) writing at once keep every record, uncorrupted."""
    path = str(tmp_path / "shared.sqlite3")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(WRITERS)
    procs = [ctx.Process(target=_writer, args=(path, w, barrier)) for w in range(WRITERS)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [p.exitcode for p in procs] == [0] * WRITERS
    with ProgressStore(path) as store:
        assert store.integrity_ok()
        rows = store.attempts()
        assert len(rows) == WRITERS * PER_WRITER
        for w in range(WRITERS):
            mine = [a.answers["i"] for a in rows if a.learner_id == f"learner-{w}"]
            assert sorted(mine) == list(range(PER_WRITER))
            assert store.load_state(f"learner-{w}", "tool") == {"i": 140}


# --- disputes -------------------------------------------------------------------------------------------
from coachlab.progress.store import MAX_NOTE, Dispute, DisputeError  # noqa: E402

IMPACT_MISSED = {"elements": {"behavior": True, "impact": False, "appreciation": True, "development": False},
                 "model": "BIA", "flags": [], "lang": "zh-CN", "score": 60, "evidence": [], "pitfalls": [],
                 "suggestions": [], "empty": False}
SAID = "今天早上你七点五十五就登录了，少你一个人那一刻钟服务水平就掉到71%。谢谢你。"


def test_migration_from_previous_schema_keeps_rows_and_adds_disputes(tmp_path):
    """A file at the schema before disputes keeps its attempts and tool state, and gains the disputes table."""
    path = tmp_path / "prev.sqlite3"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:-1]:
        conn.executescript(step)
    conn.execute("INSERT INTO attempts (learner_id, item_id, created_at, answers, scores, lang)"
                 " VALUES ('王芳', 'bid-late-logins', 1.0, '{\"a\": 1}', '{\"bid\": 80}', 'zh-CN')")
    conn.execute("INSERT INTO tool_state (learner_id, item_id, state, updated_at)"
                 " VALUES ('王芳', '02-swot', '{\"s\": [1]}', 2.0)")
    conn.execute(f"PRAGMA user_version={len(MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    with ProgressStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
        assert [(a.answers, a.scores, a.lang) for a in store.attempts("王芳")] == [({"a": 1}, {"bid": 80}, "zh-CN")]
        assert store.load_state("王芳", "02-swot") == {"s": [1]}
        assert store.disputes() == []
        store.add_dispute(Dispute("王芳", "feedback", "feedback", SAID, IMPACT_MISSED, "有影响", "impact"))
        assert len(store.disputes()) == 1


def test_dispute_round_trip_and_resolution(tmp_path):
    """A dispute comes back whole; a learner sees only their own; an overturn keeps the facilitator's labels."""
    with open_store(tmp_path / "p.sqlite3") as store:
        mine = store.add_dispute(Dispute("王芳", "bid-late-logins", "feedback", SAID, IMPACT_MISSED,
                                         "“服务水平掉到71%”就是影响", "impact", place="impact-turn", lang="zh-CN",
                                         context="我就迟到了一会儿，至于吗？"))
        store.add_dispute(Dispute("li-lei", "feedback", "feedback", "Thanks for staying late.", IMPACT_MISSED,
                                  "It has an impact"))
        got = store.disputes(learner_id="王芳")
        assert [d.id for d in got] == [mine]
        d = got[0]
        assert (d.item_id, d.place, d.kind, d.lang, d.text, d.label, d.status) == (
            "bid-late-logins", "impact-turn", "feedback", "zh-CN", SAID, "impact", "open")
        assert d.verdict == IMPACT_MISSED and d.context == "我就迟到了一会儿，至于吗？"
        assert d.note == "“服务水平掉到71%”就是影响"
        assert [x.learner_id for x in store.disputes(status="open")] == ["王芳", "li-lei"]
        done = store.resolve_dispute(mine, "overturned", "coach-zhang", {"impact": True})
        assert (done.status, done.resolved_by, done.corrected) == ("overturned", "coach-zhang", {"impact": True})
        assert done.resolved_at is not None
        assert [x.id for x in store.disputes(status="open")] != [mine]
        with pytest.raises(DisputeError) as again:
            store.resolve_dispute(mine, "confirmed", "coach-zhang")
        assert again.value.reason == "already_resolved"
        assert store.dispute(mine).status == "overturned"


@pytest.mark.parametrize(("note", "label", "reason"), [
    ("", None, "note_empty"),
    ("   ", None, "note_empty"),
    ("太长" * (MAX_NOTE // 2 + 1), "impact", "note_too_long"),
])
def test_bad_disputes_save_nothing_and_say_why_in_both_languages(tmp_path, note, label, reason):
    """An empty note without a picked verdict, or a note over the limit, is refused; earlier disputes stay."""
    with open_store(tmp_path / "p.sqlite3") as store:
        store.add_dispute(Dispute("王芳", "feedback", "feedback", SAID, IMPACT_MISSED, "", "impact"))
        with pytest.raises(DisputeError) as caught:
            store.add_dispute(Dispute("王芳", "feedback", "feedback", SAID, IMPACT_MISSED, note, label))
        assert caught.value.reason == reason
        assert caught.value.message("en") != caught.value.message("zh-CN")
        assert [(d.note, d.label) for d in store.disputes()] == [("", "impact")]


def test_overturn_needs_labels(tmp_path):
    """Overturning without saying what the labels should be is refused and the dispute stays open."""
    with open_store(tmp_path / "p.sqlite3") as store:
        row = store.add_dispute(Dispute("王芳", "feedback", "feedback", SAID, IMPACT_MISSED, "x"))
        with pytest.raises(DisputeError):
            store.resolve_dispute(row, "overturned", "coach", None)
        assert store.dispute(row).status == "open"


def test_overturn_that_changes_nothing_is_refused(tmp_path):
    """Overturning with the check's own labels is no overturn: refused with a reason, the dispute stays open."""
    with open_store(tmp_path / "p.sqlite3") as store:
        row = store.add_dispute(Dispute("王芳", "feedback", "feedback", SAID, IMPACT_MISSED, "x", "impact"))
        with pytest.raises(DisputeError) as caught:
            store.resolve_dispute(row, "overturned", "coach", {"impact": False, "behavior": True})
        assert caught.value.reason == "no_change" and "改判" in caught.value.message("zh-CN")
        with pytest.raises(DisputeError):
            store.resolve_dispute(row, "overturned", "coach", {"no_such_label": True})
        assert store.dispute(row).status == "open"
