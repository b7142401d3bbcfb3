"""Write a genuine nbgrader submission for one learner: the released notebook with answers, plus timestamp.

A resubmission moves the earlier one under ``submitted/<student>/.history/<slug>/<timestamp>/`` first, so
nothing a learner sent is ever lost, and nbgrader only ever sees the latest.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import nbformat

from coachlab.progress import validate_learner_id

from .course import Course, load_exercise, utc_timestamp
from .notebook import fill_answers


@dataclass(frozen=True)
class Receipt:
    """What the learner is shown after submitting: who, what, when, and a fingerprint of the answers."""

    learner_id: str
    student: str
    slug: str
    timestamp: str
    path: Path
    digest: str
    previous: Path | None = None


def fingerprint(data: bytes) -> str:
    """Return the short fingerprint a receipt shows for a submitted notebook's bytes."""
    return hashlib.sha256(data).hexdigest()[:12]


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def keep_previous(course: Course, student: str, slug: str) -> Path | None:
    """Move an existing submission of ``slug`` into the history folder and return where it went."""
    current = course.submitted_dir(student, slug)
    if not current.exists():
        return None
    stamp_file = current / "timestamp.txt"
    stamp = stamp_file.read_text(encoding="utf-8").strip() if stamp_file.exists() else ""
    label = re.sub(r"[^0-9]", "", stamp)[:20] or datetime.now(timezone.utc).strftime("%Y%m%d%H%M%S%f")
    target = course.history_dir(student, slug) / label
    n = 1
    while target.exists():
        target = course.history_dir(student, slug) / f"{label}-{n}"
        n += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(current), str(target))
    return target


def store_notebook(course: Course, learner_id: str, slug: str, notebook_text: str,
                   moment: datetime | None = None) -> Receipt:
    """Place a learner's notebook text as their submission of ``slug`` (earlier one kept)."""
    learner_id = validate_learner_id(learner_id)
    exercise = load_exercise(slug)
    student = course.register_learner(learner_id)  # keeps the learner's own name beside a hashed nbgrader id
    previous = keep_previous(course, student, slug)
    folder = course.submitted_dir(student, slug)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / exercise.notebook_name
    _atomic_write(path, notebook_text)
    stamp = utc_timestamp(moment)
    _atomic_write(folder / "timestamp.txt", stamp)
    return Receipt(learner_id, student, slug, stamp, path, fingerprint(notebook_text.encode("utf-8")), previous)


def write_submission(course: Course, learner_id: str, slug: str, answers: dict[str, Any],
                     moment: datetime | None = None) -> Receipt:
    """Write ``answers`` into the released notebook of ``slug`` as ``learner_id``'s nbgrader submission."""
    nb = fill_answers(course.template(slug), answers)
    from coachlab.records.client import RecordsClient

    client = RecordsClient.from_env()
    if client is not None:  # under the hub: the records service is the inbox (``coachlab grade collect --from-hub``)
        return hand_in_to_service(client, learner_id, slug, nbformat.writes(nb))
    return store_notebook(course, learner_id, slug, nbformat.writes(nb), moment)


def hand_in_to_service(client: Any, learner_id: str, slug: str, notebook_text: str) -> Receipt:
    """Send a hand-in to the records service, which files it under the hub user whatever ``learner_id`` says."""
    kept, previous = client.add_submission(validate_learner_id(learner_id), slug, notebook_text)
    stamp = utc_timestamp(datetime.fromtimestamp(kept.created_at, timezone.utc))
    return Receipt(kept.learner_id, kept.learner_id, slug, stamp, Path(f"records/{kept.id}"),
                   fingerprint(notebook_text.encode("utf-8")), Path("records") if previous else None)
