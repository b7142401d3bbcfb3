"""nbgrader settings for a JupyterLab learner's server under the hub (COACHLAB_LEARNER_UI=lab).

The hub points JUPYTER_CONFIG_PATH here, so the Assignments tab (and `nbgrader fetch_assignment`, `submit`,
`fetch_feedback` in a learner's terminal) fetch and submit through the records service. No course id is set:
the exchange asks the service for the learner's own course (their cohort, coachlab.hub.cohorts), so one file
serves every cohort. The facilitators' course settings are in ../nbgrader_config.py.

Beside it, for the same servers, labconfig/page_config.json hides nbgrader's facilitator panels in JupyterLab
(formgrader, course list, create assignment), whose server side the hub already turns off for learners
(coachlab.hub.config.LAB_LEARNER_OFF): a learner sees the Assignments tab only.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

if os.environ.get("COACHLAB_RECORDS_URL"):
    from coachlab.records.exchange import configure

    configure(c)
