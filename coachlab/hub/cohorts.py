"""Cohorts: one hub serving several workshops without mixing them.

A cohort is an nbgrader course id. Under the hub a learner belongs to the cohort whose hub group
(``cohort-<id>``) they are in: each cohort has its own learner passcode, and the shared-password
authenticator's ``password_groups`` puts whoever signs in with it into that group. A learner in no cohort
group belongs to the default course (``COACHLAB_COURSE_ID``, else ``coachlab``, as in grader/nbgrader_config.py).
Facilitators hold the cohort scope and choose a cohort on the dashboard.

Pure functions only: the records service, the hub config, the dashboard and the nbgrader exchange all ask
these, so "which course is this person in" has one answer.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

DEFAULT_COURSE = "coachlab"
GROUP_PREFIX = "cohort-"
COHORTS_ENV = "COACHLAB_COHORTS"  # comma-separated course ids served by one hub, besides the default
COURSE_ENV = "COACHLAB_COURSE_ID"
_COURSE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def valid_course_id(value: str) -> str:
    """Return ``value`` if it can name a cohort (lower-case letters, digits, '-' and '_', at most 40), else raise."""
    if not isinstance(value, str) or not _COURSE_ID.fullmatch(value):
        raise ValueError(f"not a course id: {value!r} (use lower-case letters, digits, '-' or '_', at most 40)")
    return value


def default_course(env: Mapping[str, str] = os.environ) -> str:
    return valid_course_id(env.get(COURSE_ENV) or DEFAULT_COURSE)


def group_of(course_id: str) -> str:
    """The hub group whose members are the learners of ``course_id``."""
    return GROUP_PREFIX + valid_course_id(course_id)


def courses_in(groups: Iterable[str]) -> list[str]:
    """The course ids named by cohort groups among ``groups``, sorted; groups that are not cohorts are ignored."""
    found = set()
    for group in groups:
        if isinstance(group, str) and group.startswith(GROUP_PREFIX):
            try:
                found.add(valid_course_id(group[len(GROUP_PREFIX):]))
            except ValueError:
                continue
    return sorted(found)


def course_of(user: Mapping[str, Any], env: Mapping[str, str] = os.environ) -> str:
    """The one course a hub user (a hub API user model with ``groups``) learns in: their cohort, else the default."""
    courses = courses_in(user.get("groups") or ())
    return courses[0] if courses else default_course(env)


def configured_cohorts(env: Mapping[str, str] = os.environ) -> list[str]:
    """Every course id this hub serves: the default first, then ``COACHLAB_COHORTS`` in the order given."""
    ids = [default_course(env)]
    for part in (env.get(COHORTS_ENV) or "").split(","):
        part = part.strip()
        if part and valid_course_id(part) not in ids:
            ids.append(part)
    return ids
