"""`coachlab grade collect --from FOLDER` takes only what the learners handed in, and says why it left the rest.

Each case is one way the folder could mislead the grading: a link to a system file or to a neighbour's notebook,
a modification time the learner set, a stray notebook beside a learner's folder, a blank exercise taken for a
learner, a notebook too large to be answers.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coachlab.grading.course import Course, TIMESTAMP_FORMAT
from coachlab.grading.release import HANDIN_INFO, MAX_HANDIN_BYTES, collect
from tests.grading.conftest import coachlab_cli

SLUG = "a05-feedback"
NB = f"{SLUG}.ipynb"


@pytest.fixture
def course(released_course, grading_root, tmp_path, monkeypatch) -> Course:
    """A fresh copy of the released course (nobody has handed anything in yet)."""
    root = tmp_path / "grader"
    shutil.copytree(released_course.root, root, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback"))
    monkeypatch.setenv("COACHLAB_ROOT", str(grading_root))
    monkeypatch.setenv("COACHLAB_GRADER", str(root))
    return Course(root)


@pytest.fixture
def lab(course, tmp_path) -> Path:
    """A --from folder with one honest hand-in (alice, in her folder) and the released notebook to copy from."""
    folder = tmp_path / "lab"
    (folder / "alice").mkdir(parents=True)
    shutil.copy2(course.release_notebook(SLUG), folder / "alice" / NB)
    return folder


def handin(folder: Path, relative: str, course: Course) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(course.release_notebook(SLUG), path)
    return path


def run_collect(lab: Path, *extra: str, lang: str = "en") -> str:
    done = coachlab_cli("grade", "collect", SLUG, "--from", str(lab), "--lang", lang, *extra, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def collected(course: Course) -> set[str]:
    return set(course.students(SLUG))


def test_a_link_to_a_system_file_is_refused(course, lab):
    (lab / "eve").mkdir()
    os.symlink("/etc/passwd", lab / "eve" / NB)
    os.symlink("/etc/passwd", lab / "mallet.ipynb")
    out = run_collect(lab)
    assert collected(course) == {"alice"}
    assert not list((course.root / "submitted").rglob("*passwd*"))
    assert all("root:" not in p.read_text(errors="replace") for p in (course.root / "submitted").rglob("*.ipynb"))
    assert f"{lab / 'eve' / NB} is a link, not a notebook" in out and f"{lab / 'mallet.ipynb'} is a link" in out


def test_a_link_to_another_learners_notebook_is_refused(course, lab):
    (lab / "mallory").mkdir()
    os.symlink(lab / "alice" / NB, lab / "mallory" / NB)
    os.symlink(lab / "alice", lab / "trudy")  # a linked folder is a link too
    found = collect(course, SLUG, lab)
    assert [r.learner_id for r in found.receipts] == ["alice"]
    assert {Path(s.file).parent.name for s in found.skipped if s.reason == "symlink"} == {"mallory", "lab"}
    assert collected(course) == {"alice"}


def test_a_folder_given_through_a_link_still_works(course, lab, tmp_path):
    os.symlink(lab, tmp_path / "lab-link")
    found = collect(course, SLUG, tmp_path / "lab-link")
    assert [r.learner_id for r in found.receipts] == ["alice"] and not found.skipped


def test_the_time_of_collection_is_the_submission_time_and_the_files_own_time_is_kept_aside(course, lab):
    old = datetime(2001, 1, 1, tzinfo=timezone.utc).timestamp()
    os.utime(lab / "alice" / NB, (old, old))
    before = datetime.now(timezone.utc)
    out = run_collect(lab)
    stamp = (course.submitted_dir("alice", SLUG) / "timestamp.txt").read_text().strip()
    when = datetime.strptime(stamp.replace(" UTC", ""), TIMESTAMP_FORMAT.replace(" %Z", "")).replace(
        tzinfo=timezone.utc)
    assert before - timedelta(seconds=1) <= when <= datetime.now(timezone.utc)
    info = json.loads((course.submitted_dir("alice", SLUG) / HANDIN_INFO).read_text())
    assert info["file_modified"].startswith("2001-01-01") and info["collected"] == stamp
    assert "last saved 2001-01-01" in out and "for information only" in out


def test_a_learner_who_appears_twice_is_not_collected_and_both_files_are_named(course, lab):
    handin(lab, "bob/" + NB, course)
    handin(lab, "bob.ipynb", course)
    handin(lab, "ａｌｉｃｅ.ipynb", course)  # full-width: the same learner as alice once normalised
    out = run_collect(lab)
    assert collected(course) == set()
    assert f"bob appears more than once in this folder ({lab / 'bob' / NB}, {lab / 'bob.ipynb'})" in out
    assert "alice appears more than once" in out and "Keep the one file they meant to hand in" in out


def test_a_notebook_or_folder_named_like_an_exercise_is_not_a_learner(course, lab):
    handin(lab, NB, course)                               # the blank exercise left beside the learners' folders
    handin(lab, "a06-grow.ipynb", course)                 # another exercise's blank
    handin(lab, f"{SLUG}/{NB}", course)                   # a folder per exercise instead of per learner
    out = run_collect(lab)
    assert collected(course) == {"alice"}
    assert not (course.root / "submitted" / SLUG).exists() and not (course.root / "submitted" / "a06-grow").exists()
    assert f"{lab / NB} is named after an exercise, not a learner" in out
    assert f"{lab / SLUG / NB} is in a folder named after an exercise" in out


def test_loose_notebooks_are_refused_when_several_exercises_are_collected(course, lab):
    handin(lab, "carol.ipynb", course)
    done = coachlab_cli("grade", "collect", SLUG, "a06-grow", "--from", str(lab), "--lang", "en", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "carol" not in collected(course) and "alice" in collected(course)
    assert done.stdout.count(f"{lab / 'carol.ipynb'} lies at the top of the folder") == 1  # said once, not per exercise


def test_skip_reasons_are_sentences_in_the_facilitators_language(course, lab):
    handin(lab, "x..y/" + NB, course)
    handin(lab, "Аlice/" + NB, course)  # Cyrillic А then Latin letters
    english = run_collect(lab)
    chinese = run_collect(lab, lang="zh-CN")
    for out in (english, chinese):
        assert "dotdot" not in out and "separator" not in out and "mixed_script" not in out
    assert "two dots in a row" in english and "Rename it and collect again" in english
    assert "连续两个点" in chinese and "请改名后再收取一次" in chinese and "拉丁字母" in chinese


def test_a_notebook_over_the_size_limit_is_named_as_such(course, lab):
    big = handin(lab, "dave/" + NB, course)
    with big.open("r+b") as handle:
        handle.truncate(MAX_HANDIN_BYTES + 1024 * 1024)
    english, chinese = run_collect(lab), run_collect(lab, lang="zh-CN")
    assert "dave" not in collected(course)
    assert f"{big} is 21 MB, larger than the 20 MB limit for a hand-in" in english
    assert "unreadable" not in english and "超过了每份提交 20 MB 的上限" in chinese


def test_a_folder_swapped_for_a_link_after_the_listing_is_not_followed(course, lab):
    """Reading walks from the --from folder without following links, even to a place inside it."""
    import errno

    from coachlab.grading.release import _read_handin

    root = Path(os.path.realpath(lab))
    os.symlink(root / "alice", root / "mallory")  # inside the folder, so only the walk itself can refuse it
    text, _mtime = _read_handin(root, root / "alice" / NB)
    assert '"cells"' in text
    with pytest.raises(OSError) as refused:
        _read_handin(root, root / "mallory" / NB)
    assert refused.value.errno in (errno.ELOOP, errno.ENOTDIR)


def test_an_exchange_submission_with_a_link_or_an_oversized_notebook_is_not_filed(tmp_path):
    """What nbgrader's collect brought in goes through the same refusals before it is filed."""
    from coachlab.grading.release import _exchange_problem

    folder = tmp_path / "bo" / SLUG
    folder.mkdir(parents=True)
    (folder / NB).write_text("{}", encoding="utf-8")
    assert _exchange_problem(folder, NB) is None
    with (folder / NB).open("r+b") as handle:
        handle.truncate(MAX_HANDIN_BYTES + 1)
    assert _exchange_problem(folder, NB).reason == "too_large"
    (folder / NB).write_text("{}", encoding="utf-8")
    os.symlink("/etc/passwd", folder / "notes.txt")
    assert _exchange_problem(folder, NB).reason == "symlink"
