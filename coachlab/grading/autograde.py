"""Parallel autograde: several nbgrader processes at once, each in a private scratch course, merged serially.

Why not just ``nbgrader autograde``: it grades one notebook after another and lets learner code run
unchecked. Here every submission is first rebuilt on its released template with sanitised answers (see
notebook.py), then a few workers each run nbgrader on their share of learners in a scratch copy of the course
with its own gradebook copy (SQLite does not like concurrent writers), and the parent alone writes the results
into ``gradebook.db``, one learner at a time. A worker that fails or overruns is retried one learner at a time,
so one bad notebook costs only its own grade.

Each worker's kernels come from a fork server that has already imported the kernel and whatever the exercise's
locked cells import (forkkernel.py): a fresh process per notebook, without paying Python's start-up each time.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from .course import Course, run_nbgrader
from coachlab.kernels.forkserver import PRELOAD_ENV
from .notebook import Rebuilt, read_submitted, rebuild

STATUS_FILE = "coachlab-status.json"
# Worse statuses win when several apply; each is a word a facilitator can read in the export.
STATUS_ORDER = ("ok", "tampered", "neutralised", "timeout", "invalid_notebook", "error")
STARTUP_S = 60.0  # nbgrader's own start-up, generous because the machine is shared


@dataclass
class Outcome:
    """How one learner's submission fared: status, flags, score and the time it took."""

    student: str
    slug: str
    status: str = "ok"
    flags: list[str] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    message: str = ""

    def to_dict(self) -> dict:
        """Return the JSON form written beside the autograded notebook."""
        return asdict(self)


def _worst(*statuses: str) -> str:
    return max(statuses, key=STATUS_ORDER.index)


def status_of(flags: tuple[str, ...] | list[str]) -> str:
    """Return the status a submission's rebuild flags call for."""
    status = "ok"
    for flag in flags:
        if flag.startswith("notebook:"):
            status = _worst(status, "invalid_notebook")
        elif flag.startswith(("neutralised:", "answer-cell-missing:")):
            status = _worst(status, "neutralised")
        elif flag.startswith("locked-cell-"):
            status = _worst(status, "tampered")
    return status


def _prepare(course: Course, slug: str, student: str, template: nbformat.NotebookNode, nb_name: str,
             work: Path) -> Rebuilt:
    """Rebuild one submission into the scratch course ``work``."""
    source_dir = course.submitted_dir(student, slug)
    notebook = source_dir / nb_name
    try:
        raw = notebook.read_bytes() if notebook.stat().st_size < 50_000_000 else b""
    except OSError:
        raw = b""
    rebuilt = rebuild(template, read_submitted(raw) if raw else None)
    target = work / "submitted" / student / slug
    target.mkdir(parents=True, exist_ok=True)
    nbformat.write(rebuilt.notebook, target / nb_name)
    stamp = source_dir / "timestamp.txt"
    if stamp.exists():
        shutil.copy2(stamp, target / "timestamp.txt")
    return rebuilt


FORK_CONFIG = """

# Added by coachlab grade autograde for this scratch copy: kernels come from a warm fork server.
from coachlab.grading.forkkernel import autograde_preprocessors
c.Autograde.autograde_preprocessors = autograde_preprocessors()
"""


def _scratch_course(course: Course, root: Path) -> Path:
    root.mkdir(parents=True)
    config = course.config_source.read_text(encoding="utf-8")
    (root / "nbgrader_config.py").write_text(config + FORK_CONFIG, encoding="utf-8")
    shutil.copy2(course.root / "gradebook.db", root / "gradebook.db")
    return root


def imported_modules(template: nbformat.NotebookNode) -> list[str]:
    """Return the modules the notebook's locked code cells import, in order (what the fork server preloads)."""
    modules: list[str] = []
    for cell in template.cells:
        grading = cell.metadata.get("nbgrader") or {}
        if cell.cell_type != "code" or grading.get("solution") or not grading.get("locked"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            else:
                continue
            modules += [name for name in names if name not in modules]
    return modules


def _run_worker(work: Path, slug: str, students: list[str], timeout: float,
                preload: list[str]) -> tuple[bool, str]:
    args = ["autograde", slug, "--force", f"--Execute.timeout={int(timeout)}",
            f"--ExecutePreprocessor.timeout={int(timeout)}"]
    if len(students) == 1:
        args += ["--student", students[0]]
    budget = STARTUP_S + len(students) * (timeout + 20.0)
    try:
        done = run_nbgrader(args, work, timeout=budget, env={PRELOAD_ENV: ",".join(preload)})
    except subprocess.TimeoutExpired:
        return False, f"stopped after {budget:.0f} s"
    return done.returncode == 0, done.stdout[-4000:]


def _timed_out(notebook: Path) -> bool:
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable output is simply not a timeout
        return False
    return any(out.get("ename") == "CellTimeoutError" for cell in nb.cells for out in cell.get("outputs", []))


def _merge(scratch, main, slug: str, student: str, flags: list[str]) -> tuple[float, float]:
    """Copy one learner's submission and grades from a scratch gradebook into the course gradebook."""
    from nbgrader.api import MissingEntry

    theirs = scratch.find_submission(slug, student)
    main.update_or_create_student(student)
    try:
        ours = main.find_submission(slug, student)
        ours.timestamp, ours.extension = theirs.timestamp, theirs.extension
    except MissingEntry:
        with main.db.no_autoflush:  # nbgrader walks relationships before the new row is flushed
            ours = main.add_submission(slug, student, timestamp=theirs.timestamp, extension=theirs.extension)
    for their_nb in theirs.notebooks:
        our_nb = main.find_submission_notebook(their_nb.name, slug, student)
        our_nb.flagged = bool(flags)
        our_nb.late_submission_penalty = their_nb.late_submission_penalty
        for grade in their_nb.grades:
            mine = main.find_grade(grade.name, their_nb.name, slug, student)
            # Like nbgrader: a facilitator's manual score survives a re-run of the autograder.
            mine.auto_score = grade.auto_score
            if mine.manual_score is None:
                mine.needs_manual_grade = grade.needs_manual_grade
        for comment in their_nb.comments:
            main.find_comment(comment.name, their_nb.name, slug, student).auto_comment = comment.auto_comment
    main.db.commit()
    return float(ours.score), float(ours.max_score)


def _publish(course: Course, work: Path, slug: str, student: str) -> Path:
    src = work / "autograded" / student / slug
    dest = course.autograded_dir(student, slug)
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src, dest)
    return dest


def _write_status(course: Course, outcome: Outcome) -> None:
    folder = course.autograded_dir(outcome.student, outcome.slug)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATUS_FILE).write_text(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")


def read_status(course: Course, student: str, slug: str) -> dict | None:
    """Return the status record of one learner's last autograde, if any."""
    path = course.autograded_dir(student, slug) / STATUS_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _chunks(items: list[str], n: int) -> list[list[str]]:
    return [chunk for chunk in (items[i::n] for i in range(n)) if chunk]


def autograde(course: Course, slug: str, students: list[str] | None = None, workers: int | None = None,
              timeout: float = 60.0, progress: bool = True,
              on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Autograde ``slug`` for ``students`` (default: all who submitted) and return one outcome each."""
    from nbgrader.api import Gradebook
    from tqdm import tqdm

    template = course.template(slug)
    preload = imported_modules(template)
    nb_name = course.release_notebook(slug).name
    students = sorted(students if students is not None else course.students(slug))
    if not students:
        return []
    workers = max(1, min(workers or os.cpu_count() or 1, len(students)))
    with Gradebook(course.db_url) as gb:
        for student in students:
            gb.update_or_create_student(student)
    scratch_root = Path(tempfile.mkdtemp(prefix="coachlab-autograde-"))
    outcomes = {s: Outcome(s, slug) for s in students}
    lock = threading.Lock()
    bar = tqdm(total=len(students), desc=f"autograde {slug}", unit="learner", disable=not progress)
    counter = iter(range(10**9))
    finished: list[str] = []

    def finish(work: Path, group: list[str]) -> None:
        """Merge a worker's learners into the course gradebook (opened once per group: it is slow to open)."""
        if not group:
            return
        with lock:  # the course gradebook has one writer at a time
            try:
                with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as scratch, Gradebook(course.db_url) as main:
                    for student in group:
                        finish_one(work, student, scratch, main)
            except Exception as exc:  # noqa: BLE001 - a gradebook that cannot be opened fails its learners only
                for student in group:
                    if student not in finished:
                        outcomes[student].status, outcomes[student].message = "error", str(exc)[:500]
                        _write_status(course, outcomes[student])
                        finished.append(student)
        for student in group:
            if on_done:
                on_done(outcomes[student])

    def finish_one(work: Path, student: str, scratch, main) -> None:  # noqa: ANN001 - nbgrader Gradebooks
        outcome = outcomes[student]
        graded = work / "autograded" / student / slug / nb_name
        try:
            if not graded.exists():
                raise FileNotFoundError("nbgrader wrote no autograded notebook")
            outcome.score, outcome.max_score = _merge(scratch, main, slug, student, outcome.flags)
            _publish(course, work, slug, student)
            if _timed_out(graded):
                outcome.status = _worst(outcome.status, "timeout")
        except Exception as exc:  # noqa: BLE001 - reported per learner, the batch goes on
            main.db.rollback()
            outcome.status, outcome.message = "error", str(exc)[:500]
        _write_status(course, outcome)
        finished.append(student)

    def grade(group: list[str]) -> None:
        work = _scratch_course(course, scratch_root / f"w{next(counter)}")
        for student in group:
            rebuilt = _prepare(course, slug, student, template, nb_name, work)
            outcomes[student].flags = list(rebuilt.flags)
            outcomes[student].status = status_of(rebuilt.flags)
        ok, log = _run_worker(work, slug, group, timeout, preload)
        done = [s for s in group if (work / "autograded" / s / slug / nb_name).exists()]
        finish(work, done)
        missing = [s for s in group if s not in done]
        if missing and len(group) > 1:
            # Something in this share broke nbgrader: grade the rest one by one so only the culprit suffers.
            for student in missing:
                grade([student])
            return
        for student in missing:
            outcomes[student].message = log[-500:]
        finish(work, missing)

    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(grade, chunk) for chunk in _chunks(students, workers)]
            while not all(f.done() for f in futures):
                # nbgrader reports nothing per notebook, so count the autograded notebooks as they appear.
                graded = {p.parts[-3] for p in scratch_root.glob(f"w*/autograded/*/{slug}/{nb_name}")}
                bar.n = len(graded | set(finished))
                bar.refresh()
                time.sleep(0.5)
            for future in futures:
                future.result()
            bar.n = len(students)
            bar.refresh()
    finally:
        bar.close()
        shutil.rmtree(scratch_root, ignore_errors=True)
    return [outcomes[s] for s in students]
