"""The nbgrader course root (``grader/``): where each kind of file lives, and running nbgrader in it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

import nbformat
import yaml

from coachlab.paths import course_root

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # what nbgrader writes into timestamp.txt
_SAFE_ID = re.compile(r"[\w.@+-]+")
NAME_FILE = ".learner-name"  # in submitted/<student>/: the name the learner used (nbgrader ids may be hashed)


def default_course_dir() -> Path:
    """Return the nbgrader course root: ``COACHLAB_GRADER``, else ``<course>/grader``."""
    override = os.environ.get("COACHLAB_GRADER")
    return Path(override).expanduser().resolve() if override else course_root() / "grader"


def student_id(learner_id: str) -> str:
    """Return the nbgrader student id for a learner id (glob characters would confuse nbgrader).

    The id is normalised first (coachlab.progress.ids), so ``ａｌｉｃｅ`` and ``alice `` are one student; an id
    that cannot be used raises LearnerIdError.
    """
    from coachlab.progress.ids import normalize_learner_id

    learner_id = normalize_learner_id(learner_id)
    if _SAFE_ID.fullmatch(learner_id) and not learner_id.startswith("."):
        return learner_id
    slug = re.sub(r"[^\w.@+-]+", "_", learner_id).strip("._") or "learner"
    return f"{slug[:40]}-{hashlib.sha1(learner_id.encode('utf-8')).hexdigest()[:8]}"


def student_id_or_none(learner_id: str) -> str | None:
    """Return ``student_id(learner_id)``, or None for an id that cannot be used."""
    from coachlab.progress.ids import LearnerIdError

    try:
        return student_id(learner_id)
    except LearnerIdError:
        return None


def utc_timestamp(moment: datetime | None = None) -> str:
    """Return ``moment`` (default now) in nbgrader's timestamp format."""
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime(TIMESTAMP_FORMAT)


@dataclass(frozen=True)
class Exercise:
    """One exercise: its slug, its exercise.yaml and its source folder."""

    slug: str
    folder: Path
    meta: dict[str, Any]

    @property
    def notebook_name(self) -> str:
        """Return the file name of the exercise notebook."""
        return str(self.meta.get("notebook") or f"{self.slug}.ipynb")

    def title(self, lang: str) -> str:
        """Return the title in ``lang``."""
        return str((self.meta.get("title") or {}).get(lang) or self.slug)

    @property
    def questions(self) -> list[dict[str, Any]]:
        """Return the answer fields, in order."""
        return list(self.meta.get("questions") or [])


def exercises_dir() -> Path:
    """Return the folder with the nbgrader source assignments."""
    return course_root() / "exercises"


def load_exercise(slug: str, folder: Path | None = None) -> Exercise:
    """Return the exercise ``slug`` (ValueError for a slug that could escape the folder)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise ValueError(f"{slug!r} is not an exercise slug")
    base = (folder or exercises_dir()) / slug
    meta = yaml.safe_load((base / "exercise.yaml").read_text(encoding="utf-8")) or {}
    return Exercise(slug, base, meta)


def list_exercises(folder: Path | None = None) -> list[Exercise]:
    """Return every exercise with an exercise.yaml, in slug order."""
    base = folder or exercises_dir()
    return [load_exercise(p.parent.name, base) for p in sorted(base.glob("*/exercise.yaml"))]


@dataclass(frozen=True)
class Course:
    """An nbgrader course root and the standard folders in it."""

    root: Path

    @classmethod
    def default(cls) -> "Course":
        """Return the course root the facilitator uses."""
        return cls(default_course_dir())

    @property
    def db_url(self) -> str:
        """Return the SQLAlchemy URL of the gradebook."""
        return f"sqlite:///{self.root / 'gradebook.db'}"

    def release_notebook(self, slug: str) -> Path:
        """Return the released notebook of ``slug`` (what learners receive)."""
        return self.root / "release" / slug / load_exercise(slug).notebook_name

    def template(self, slug: str) -> nbformat.NotebookNode:
        """Return the released notebook, read fresh (FileNotFoundError until ``grade release``)."""
        return nbformat.read(self.release_notebook(slug), as_version=4)

    def submitted_dir(self, student: str, slug: str) -> Path:
        """Return where nbgrader expects ``student``'s submission of ``slug``."""
        return self.root / "submitted" / student / slug

    def history_dir(self, student: str, slug: str) -> Path:
        """Return where earlier submissions are kept (outside nbgrader's assignment folders)."""
        return self.root / "submitted" / student / ".history" / slug

    def autograded_dir(self, student: str, slug: str) -> Path:
        """Return where the autograded notebook of ``student`` lands."""
        return self.root / "autograded" / student / slug

    def feedback_dir(self, student: str, slug: str) -> Path:
        """Return where ``student``'s feedback pages go."""
        return self.root / "feedback" / student / slug

    def name_file(self, student: str) -> Path:
        """Return the file that keeps the name ``student`` used (``submitted/<student>/.learner-name``)."""
        return self.root / "submitted" / student / NAME_FILE

    def register_learner(self, learner_id: str) -> str:
        """Return the nbgrader student id of ``learner_id`` and keep the learner's own name beside their work.

        nbgrader ids keep only word characters and ``.@+-`` (``Li Lei`` becomes ``Li_Lei-`` and a hash); every
        facilitator-facing view reads the name back with ``learner_name``.
        """
        from coachlab.progress.ids import normalize_learner_id

        name = normalize_learner_id(learner_id)
        student = student_id(name)
        target = self.name_file(student)
        try:
            if target.read_text(encoding="utf-8") == name:
                return student
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f"{NAME_FILE}.{os.getpid()}.tmp")
        scratch.write_text(name, encoding="utf-8")
        os.replace(scratch, target)
        return student

    def learner_name(self, student: str) -> str:
        """Return the name the learner used for nbgrader id ``student`` (the id itself when none was kept)."""
        try:
            name = self.name_file(student).read_text(encoding="utf-8").strip()
        except (OSError, ValueError):
            return student
        return name if name and student_id_or_none(name) == student else student

    def learner_names(self) -> dict[str, str]:
        """Return every nbgrader id under submitted/ mapped to the learner's own name."""
        base = self.root / "submitted"
        if not base.is_dir():
            return {}
        return {p.name: self.learner_name(p.name) for p in sorted(base.iterdir())
                if p.is_dir() and not p.name.startswith(".")}

    def students(self, slug: str) -> list[str]:
        """Return the students with a submission of ``slug``, sorted."""
        base = self.root / "submitted"
        return sorted(p.parent.name for p in base.glob(f"*/{slug}") if p.is_dir() and not p.parent.name.startswith("."))

    def nbgrader(self, *args: str, timeout: float | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """Run ``nbgrader <args>`` in the course root (or ``cwd``) and return the finished process."""
        return run_nbgrader(list(args), cwd or self.root, timeout=timeout)

    @cached_property
    def config_source(self) -> Path:
        """Return the nbgrader_config.py this course uses (the repo's grader/ copy when it has none)."""
        own = self.root / "nbgrader_config.py"
        return own if own.exists() else course_root() / "grader" / "nbgrader_config.py"

    def ensure_config(self) -> None:
        """Create the course root with the coachlab nbgrader_config.py if it has none."""
        self.root.mkdir(parents=True, exist_ok=True)
        own = self.root / "nbgrader_config.py"
        if not own.exists():
            shutil.copy2(course_root() / "grader" / "nbgrader_config.py", own)


def nbgrader_env() -> dict[str, str]:
    """Return the environment nbgrader needs: this venv's bin first (it runs ``alembic`` by name)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_nbgrader(args: list[str], cwd: Path, timeout: float | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run nbgrader in its own process group; on timeout kill the group (kernels too) and re-raise."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    proc = subprocess.Popen(cmd, cwd=cwd, env={**nbgrader_env(), **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out.decode("utf-8", "replace"), "")


def _kill_group(proc: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.communicate()
