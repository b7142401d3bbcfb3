"""nbgrader settings for the coachlab course root (this folder).

`coachlab grade release` copies ../exercises/<slug>/ into source/ (git-ignored) and runs nbgrader here,
so the facilitator never edits this file.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

# The course (cohort) this folder grades: COACHLAB_COURSE_ID (the hub passes its default course on to servers;
# set it to a cohort id, e.g. COACHLAB_COURSE_ID=wave-b coachlab grade release a05-feedback --exchange),
# else "coachlab" (coachlab.hub.cohorts.DEFAULT_COURSE).
c.CourseDirectory.course_id = os.environ.get("COACHLAB_COURSE_ID") or "coachlab"
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

# nbgrader's exchange, for learners who work in JupyterLab and hand in with its Assignments tab
# (`coachlab grade release --exchange`, `coachlab grade collect --exchange`). Voilà learners do not need it.
if os.environ.get("COACHLAB_EXCHANGE"):
    c.Exchange.root = os.environ["COACHLAB_EXCHANGE"]
# Under JupyterHub (the hub sets COACHLAB_RECORDS_URL in every server) the exchange is the records service
# instead: nothing shared on disk, the hub token decides who sees what (coachlab/records/exchange.py).
if os.environ.get("COACHLAB_RECORDS_URL"):
    from coachlab.records.exchange import configure

    configure(c)

# Answer cells hold one literal in brackets per name; the release leaves empty triple quotes to fill in,
# instead of nbgrader's default `raise NotImplementedError()` stub that managers would not understand.
c.ClearSolutions.code_stub = {"python": "\"\"\"\n\n\"\"\""}
c.ClearSolutions.text_stub = "✎"

# Grading runs the checks, never a learner's code (answer cells are sanitised first); a notebook that
# still takes longer than this is stopped and reported.
c.ExecutePreprocessor.timeout = 60
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
# Learner output is irrelevant to the score; cap it so a flood cannot fill the disk.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 50
