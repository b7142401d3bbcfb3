"""``coachlab grade collect --from-hub``: file the hand-ins the records service holds into the nbgrader course.

Each uncollected hand-in becomes that learner's nbgrader submission (the earlier one moves to the history, as
for any hand-in), dated when the learner handed it in, and is then marked collected in the service, so
collecting twice files nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from coachlab.grading.course import Course
from coachlab.grading.submission import Receipt, store_notebook


def collect_from_hub(course: Course, client: Any, slug: str | None = None,
                     course_id: str | None = None) -> list[Receipt]:
    """File every uncollected hand-in (of ``slug``, or of all exercises; of the cohort ``course_id``, or of every
    cohort) from ``client``; return the receipts."""
    receipts = []
    for kept in client.submissions(None, slug, uncollected=True, course=course_id):
        text = client.submission_notebook(kept.id)
        if text is None:
            continue
        moment = datetime.fromtimestamp(kept.created_at, timezone.utc)
        receipts.append(store_notebook(course, kept.learner_id, kept.slug, text, moment))
        client.mark_collected(kept.id)
    return receipts
