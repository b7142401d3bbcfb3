"""nbgrader settings for a JupyterLab learner's server under the hub (COACHLAB_LEARNER_UI=lab).

The hub points JUPYTER_CONFIG_PATH here, so the Assignments tab (and `nbgrader fetch_assignment`, `submit`,
`fetch_feedback` in a learner's terminal) fetch and submit through the records service. No course id is set:
the exchange asks the service for the learner's own course (their cohort, coachlab.hub.cohorts), so one file
serves every cohort. The facilitators' course settings are in ../nbgrader_config.py.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

if os.environ.get("COACHLAB_RECORDS_URL"):
    from coachlab.records.exchange import configure

    configure(c)
