"""Release exercises to learners and collect what they hand in, from Voilà, JupyterLab files or the exchange."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from coachlab.i18n import t
from coachlab.logfilters import quiet_lines

from .course import Course, load_exercise, student_id, utc_timestamp
from .submission import Receipt, fingerprint, keep_previous, store_notebook


class GradingError(RuntimeError):
    """An nbgrader step failed; the message carries nbgrader's own words."""


def release(course: Course, slug: str, duedate: str | None = None, exchange: bool = False,
            course_id: str | None = None) -> Path:
    """Copy ``exercises/<slug>`` into the course source, register it and generate the student copy.

    With ``exchange``, also publish it to nbgrader's exchange (``COACHLAB_EXCHANGE``, else nbgrader's default
    ``/srv/nbgrader/exchange``), where JupyterLab learners fetch it with nbgrader's Assignments tab; to the
    cohort ``course_id`` when given, else to the course id of nbgrader_config.py.
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
        raise GradingError(quiet_lines(done.stdout)[-2000:])
    done = course.nbgrader("generate_assignment", slug, "--force")
    if done.returncode != 0 or not course.release_notebook(slug).exists():
        raise GradingError(quiet_lines(done.stdout)[-2000:])
    if exchange:
        done = course.nbgrader("release_assignment", slug, "--force", *_course_option(course_id))
        if done.returncode != 0:
            raise GradingError(quiet_lines(done.stdout)[-2000:])
    return course.release_notebook(slug)


def _course_option(course_id: str | None) -> list[str]:
    """Return nbgrader's option for another course (a cohort) than the one in nbgrader_config.py, if any."""
    return [f"--CourseDirectory.course_id={course_id}"] if course_id else []


MAX_HANDIN_MB = 20  # a notebook of answers is a few hundred kB; beyond this it is outputs or something else
MAX_HANDIN_BYTES = MAX_HANDIN_MB * 1024 * 1024
HANDIN_INFO = "coachlab-handin.json"  # beside a collected notebook: where it came from and the file's own time


@dataclass(frozen=True)
class Skip:
    """A hand-in ``collect`` left alone: which file, why (a catalog key under ``grade.collect.``) and details."""

    file: str
    reason: str
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str) -> str:
        """Return what the facilitator reads: the file, what is wrong and what to do, in ``lang``."""
        params = dict(self.params)
        if self.reason == "bad_name":
            from coachlab.progress import LearnerIdError

            params["why"] = LearnerIdError(params.pop("code")).message(lang)
        return t(f"grade.collect.{self.reason}", lang, file=self.file, limit=MAX_HANDIN_MB, **params)


@dataclass(frozen=True)
class Collected:
    """What ``collect`` found: receipts for copied files and the hand-ins it skipped, with why."""

    receipts: tuple[Receipt, ...]
    skipped: tuple[Skip, ...]
    exchange_log: str = ""
    file_times: tuple[tuple[str, str], ...] = ()  # (nbgrader student, the file's own modification time)


def _assignment_names() -> dict[str, str]:
    """Return every name that means an exercise (slug, notebook file stem), mapped to its notebook's file name."""
    from .course import list_exercises

    names = {}
    for exercise in list_exercises():
        names[exercise.slug] = exercise.notebook_name
        names[Path(exercise.notebook_name).stem] = exercise.notebook_name
    return names


def _learner_files(folder: Path, nb_name: str, loose_files: bool) -> tuple[list[tuple[str, Path]], list[Skip]]:
    """Return ``(learner, file)`` for each hand-in in ``folder`` and the entries refused, without following links.

    A hand-in is ``<learner>/<nb_name>`` or, when ``loose_files``, ``<learner>.ipynb``. Links, anything that is not
    a plain file, and names that are an exercise's rather than a learner's are refused; hidden entries
    (``.ipynb_checkpoints``) are ignored.
    """
    assignments = _assignment_names()
    found: list[tuple[str, Path]] = []
    skipped: list[Skip] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            if entry.name.endswith(".ipynb") or (path / nb_name).exists():
                skipped.append(Skip(str(path), "symlink"))
            continue
        if entry.is_dir(follow_symlinks=False):
            candidate = path / nb_name
            if not os.path.lexists(candidate):
                continue  # this learner has not handed this exercise in
            if entry.name in assignments:
                skipped.append(Skip(str(candidate), "assignment_folder", (("notebook", nb_name),)))
            elif candidate.is_symlink():
                skipped.append(Skip(str(candidate), "symlink"))
            else:
                found.append((entry.name, candidate))
        elif entry.name.endswith(".ipynb"):
            stem = entry.name[: -len(".ipynb")]
            if stem in assignments:
                skipped.append(Skip(str(path), "assignment_file", (("notebook", assignments[stem]),)))
            elif not loose_files:
                skipped.append(Skip(str(path), "loose", (("learner", stem),)))
            else:
                found.append((stem, path))
    return found, skipped


def _read_handin(root: Path, path: Path) -> tuple[str, float]:
    """Return the notebook text and the file's own modification time; ``_Refused`` when it may not be read.

    The file is opened without following a link, must be a plain file inside ``root`` and within the size limit.
    """
    if not os.path.realpath(path).startswith(str(root) + os.sep):
        raise _Refused("outside", (("folder", str(root)),))
    # Each step from ``root`` is opened without following a link, so a folder swapped for a link after the
    # listing above is refused too (ELOOP or ENOTDIR).
    parts = path.relative_to(root).parts
    fds = [os.open(root, os.O_RDONLY | os.O_DIRECTORY)]
    try:
        for part in parts[:-1]:
            fds.append(os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fds[-1]))
        fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fds[-1])
    finally:
        for opened in fds:
            os.close(opened)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("not_a_file")
        if info.st_size > MAX_HANDIN_BYTES:
            raise _Refused("too_large", (("size", f"{info.st_size / 1024 / 1024:.0f}"),))
        data = handle.read(MAX_HANDIN_BYTES + 1)
    if len(data) > MAX_HANDIN_BYTES:
        raise _Refused("too_large", (("size", f"{len(data) / 1024 / 1024:.0f}"),))
    return data.decode("utf-8", errors="replace"), info.st_mtime


class _Refused(Exception):
    def __init__(self, reason: str, params: tuple[tuple[str, str], ...] = ()):
        super().__init__(reason)
        self.reason, self.params = reason, params


def _write_info(receipt: Receipt, source: Path, file_time: str) -> None:
    info = {"source": str(source), "collected": receipt.timestamp, "file_modified": file_time}
    (receipt.path.parent / HANDIN_INFO).write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")


def collect(course: Course, slug: str, from_dir: Path | None = None, exchange: bool = False,
            loose_files: bool = True, course_id: str | None = None, before_duedate: bool = False) -> Collected:
    """Gather submissions of ``slug``: JupyterLab notebooks in ``from_dir`` and, if asked, nbgrader's exchange.

    ``from_dir`` holds ``<learner>/<notebook>.ipynb`` or (``loose_files``, when one exercise is collected)
    ``<learner>.ipynb``. Each becomes a genuine nbgrader submission stamped with the time of collection: a file's
    modification time is the learner's to set, so it is kept only as information (``coachlab-handin.json``).
    Links, files outside ``from_dir``, files over the size limit, a notebook or folder named like an exercise
    and a learner who appears twice are skipped, each with a reason. Voilà submissions are already in place.
    Whatever the source, a learner's earlier submission moves to the history folder instead of being overwritten.
    """
    from coachlab.progress import LearnerIdError
    from coachlab.progress.ids import normalize_learner_id

    receipts: list[Receipt] = []
    skipped: list[Skip] = []
    file_times: list[tuple[str, str]] = []
    log = ""
    if exchange:
        found, skipped_exchange, log = _collect_exchange(course, slug, course_id, before_duedate)
        receipts += found
        skipped += skipped_exchange
    if from_dir is not None:
        root = Path(os.path.realpath(from_dir))
        if not root.is_dir():
            raise NotADirectoryError(f"{from_dir} is not a folder")
        nb_name = load_exercise(slug).notebook_name
        files, refused = _learner_files(root, nb_name, loose_files)
        skipped += refused
        by_learner: dict[str, list[Path]] = {}
        for learner, path in files:
            try:
                by_learner.setdefault(normalize_learner_id(learner), []).append(path)
            except LearnerIdError as exc:
                skipped.append(Skip(str(path), "bad_name", (("code", exc.reason),)))
        moment = datetime.now(timezone.utc)
        for learner, paths in by_learner.items():
            if len(paths) > 1:
                skipped.append(Skip(str(paths[0]), "twice", (("learner", learner),
                                                             ("files", ", ".join(str(p) for p in paths)))))
                continue
            path = paths[0]
            try:
                text, mtime = _read_handin(root, path)
                current = course.submitted_dir(student_id(learner), slug) / nb_name
                if current.exists() and current.read_text(encoding="utf-8", errors="replace") == text:
                    continue  # collecting twice must not pile up copies in the history
                receipt = store_notebook(course, learner, slug, text, moment)
                file_time = utc_timestamp(datetime.fromtimestamp(mtime, timezone.utc))
                _write_info(receipt, path, file_time)
                receipts.append(receipt)
                file_times.append((receipt.student, file_time))
            except _Refused as refusal:
                skipped.append(Skip(str(path), refusal.reason, refusal.params))
            except LearnerIdError as exc:
                skipped.append(Skip(str(path), "bad_name", (("code", exc.reason),)))
            except OSError as exc:
                reason = "symlink" if exc.errno == errno.ELOOP else "unreadable"
                skipped.append(Skip(str(path), reason, (("error", exc.strerror or str(exc)),)))
    return Collected(tuple(receipts), tuple(skipped), log, tuple(file_times))


def _exchange_problem(folder: Path, nb_name: str) -> _Refused | None:
    """Return why a submission nbgrader collected may not be filed (a link inside it, an oversized notebook)."""
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            return _Refused("symlink")
    notebook = folder / nb_name
    if notebook.exists() and notebook.stat().st_size > MAX_HANDIN_BYTES:
        return _Refused("too_large", (("size", f"{notebook.stat().st_size / 1024 / 1024:.0f}"),))
    return None


def _collect_exchange(course: Course, slug: str, course_id: str | None = None,
                      before_duedate: bool = False) -> tuple[list[Receipt], list[Skip], str]:
    """Run ``nbgrader collect`` into a scratch folder, then file each new submission like any other.

    nbgrader's own ``--update`` would overwrite a learner's earlier submission; going through a scratch folder
    lets the earlier one move to the history first. A submission already collected (same timestamp) is skipped.
    """
    from coachlab.progress import LearnerIdError, validate_learner_id

    receipts: list[Receipt] = []
    skipped: list[Skip] = []
    nb_name = load_exercise(slug).notebook_name
    with tempfile.TemporaryDirectory(prefix="coachlab-collect-") as scratch:
        done = course.nbgrader("collect", slug, f"--CourseDirectory.submitted_directory={scratch}",
                               *_course_option(course_id), *(["--before-duedate"] if before_duedate else []))
        if done.returncode != 0:
            raise GradingError(quiet_lines(done.stdout)[-2000:])
        for folder in sorted(Path(scratch).glob(f"*/{slug}")):
            shown = f"{folder.parent.name}/{slug}/{nb_name}"  # where the facilitator finds it in the exchange
            stamp_file = folder / "timestamp.txt"
            try:
                learner = validate_learner_id(folder.parent.name)
                problem = _exchange_problem(folder, nb_name)
                if problem:
                    skipped.append(Skip(shown, problem.reason, problem.params))
                    continue
                stamp = stamp_file.read_text(encoding="utf-8").strip()
                student = student_id(learner)
                current = course.submitted_dir(student, slug)
                current_stamp = current / "timestamp.txt"
                if current_stamp.exists() and current_stamp.read_text(encoding="utf-8").strip() == stamp:
                    continue  # collected before
                student = course.register_learner(learner)
                previous = keep_previous(course, student, slug)
                shutil.copytree(folder, current)
                digest = fingerprint((current / nb_name).read_bytes())
            except LearnerIdError as exc:
                skipped.append(Skip(shown, "bad_name", (("code", exc.reason),)))
                continue
            except OSError as exc:
                skipped.append(Skip(shown, "unreadable", (("error", exc.strerror or str(exc)),)))
                continue
            receipts.append(Receipt(learner, student, slug, stamp, current / nb_name, digest, previous))
    return receipts, skipped, quiet_lines(done.stdout)[-2000:]
