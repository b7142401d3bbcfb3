# JupyterHub configuration for a coachlab workshop (`make hub`; the Zero to JupyterHub recipe uses the same
# coachlab.hub.config). Every setting is read from the environment: see README, "A workshop on JupyterHub".
from coachlab.hub.config import configure

configure(c)  # noqa: F821 - `c` is the config object JupyterHub passes to this file
