"""Release exercises to learners and collect what they hand in, from Voilà, JupyterLab files or the exchange."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .course import Course, load_exercise, student_id
from .submission import Receipt, fingerprint, keep_previous, store_notebook


class GradingError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own words."""


def release(course: Course, slug: str, duedate: str | None = None, exchange: bool = False) -> Path:
    """Copy ``exercises/<slug>`` into the course source, register it and generate the student copy.

    With ``exchange``, also publish it to nbgrader's exchange (``COACHLAB_EXCHANGE``, else nbgrader's default
    ``/srv/nbgrader/exchange``), where JupyterLab learners fetch it with nbgrader's Assignments tab.
    """
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
    if exchange:
        done = course.nbgrader("release_assignment", slug, "--force")
        if done.returncode != 0:
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
    submission stamped with the file's modification time. Voilà submissions are already in place. Whatever the
    source, a learner's earlier submission moves to the history folder instead of being overwritten.
    """
    from coachlab.progress import LearnerIdError

    receipts: list[Receipt] = []
    skipped: list[str] = []
    log = ""
    if exchange:
        found, skipped_exchange, log = _collect_exchange(course, slug)
        receipts += found
        skipped += skipped_exchange
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


def _collect_exchange(course: Course, slug: str) -> tuple[list[Receipt], list[str], str]:
    """Run ``nbgrader collect`` into a scratch folder, then file each new submission like any other.

    nbgrader's own ``--update`` would overwrite a learner's earlier submission; going through a scratch folder
    lets the earlier one move to the history first. A submission already collected (same timestamp) is skipped.
    """
    from coachlab.progress import LearnerIdError, validate_learner_id

    receipts: list[Receipt] = []
    skipped: list[str] = []
    nb_name = load_exercise(slug).notebook_name
    with tempfile.TemporaryDirectory(prefix="coachlab-collect-") as scratch:
        done = course.nbgrader("collect", slug, f"--CourseDirectory.submitted_directory={scratch}")
        if done.returncode != 0:
            raise GradingError(done.stdout[-2000:])
        for folder in sorted(Path(scratch).glob(f"*/{slug}")):
            learner = folder.parent.name
            stamp_file = folder / "timestamp.txt"
            try:
                validate_learner_id(learner)
                stamp = stamp_file.read_text(encoding="utf-8").strip()
                current = course.submitted_dir(student_id(learner), slug)
                current_stamp = current / "timestamp.txt"
                if current_stamp.exists() and current_stamp.read_text(encoding="utf-8").strip() == stamp:
                    continue  # collected before
                previous = keep_previous(course, student_id(learner), slug)
                shutil.copytree(folder, current)
                digest = fingerprint((current / nb_name).read_bytes())
            except (LearnerIdError, OSError) as exc:
                skipped.append(f"{learner}: {exc}")
                continue
            receipts.append(Receipt(learner, student_id(learner), slug, stamp, current / nb_name, digest, previous))
    return receipts, skipped, done.stdout[-2000:]
