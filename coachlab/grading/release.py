"""Release exercises to learners and collect what they hand in, from Voilà, JupyterLab files or the exchange."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .course import Course, load_exercise, student_id
from .submission import Receipt, store_notebook


class GradingError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own words."""


def release(course: Course, slug: str, duedate: str | None = None) -> Path:
    """Copy ``exercises/<slug>`` into the course source, register it and generate the student copy."""
    exercise = load_exercise(slug)
    course.ensure_config()
    target = course.root / "source" / slug
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(exercise.folder, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    add = ["db", "assignment", "add", slug] + ([f"--duedate={duedate}"] if duedate else [])
    done = course.nbgrader(*add)
    if done.returncode != 0:
        raise GradingError(done.stdout[-2000:])
    done = course.nbgrader("generate_assignment", slug, "--force")
    if done.returncode != 0 or not course.release_notebook(slug).exists():
        raise GradingError(done.stdout[-2000:])
    return course.release_notebook(slug)


@dataclass(frozen=True)
class Collected:
    """What ``collect`` found: receipts for copied files and problems it skipped."""

    receipts: tuple[Receipt, ...]
    skipped: tuple[str, ...]
    exchange_log: str = ""


def _learner_files(folder: Path, nb_name: str) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and (path / nb_name).is_file():
            found.append((path.name, path / nb_name))
        elif path.is_file() and path.suffix == ".ipynb":
            found.append((path.stem, path))
    return found


def collect(course: Course, slug: str, from_dir: Path | None = None, exchange: bool = False) -> Collected:
    """Gather submissions of ``slug``: JupyterLab notebooks in ``from_dir`` and, if asked, nbgrader's exchange.

    ``from_dir`` holds ``<learner>/<notebook>.ipynb`` or ``<learner>.ipynb``; each becomes a genuine nbgrader
    submission stamped with the file's modification time. Voilà submissions are already in place.
    """
    from coachlab.progress import LearnerIdError

    receipts: list[Receipt] = []
    skipped: list[str] = []
    log = ""
    if exchange:
        done = course.nbgrader("collect", slug, "--update")
        log = done.stdout[-2000:]
    if from_dir is not None:
        nb_name = load_exercise(slug).notebook_name
        for learner, path in _learner_files(from_dir, nb_name):
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
                moment = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
                current = course.submitted_dir(student_id(learner), slug) / nb_name
                if current.exists() and current.read_text(encoding="utf-8", errors="replace") == text:
                    continue  # collecting twice must not pile up copies in the history
                receipts.append(store_notebook(course, learner, slug, text, moment))
            except (LearnerIdError, OSError) as exc:
                skipped.append(f"{path}: {exc}")
    return Collected(tuple(receipts), tuple(skipped), log)
