"""`make hub`: make sure the workshop has passcodes (one more per cohort of ``COACHLAB_COHORTS``), say where to
sign in, and run JupyterHub."""

from __future__ import annotations

import os
import sys

from .cohorts import default_course
from .config import (FACILITATOR_PASSCODE, LEARNER_PASSCODE, HubConfigError, extra_cohorts, read_passcodes, settings,
                     write_passcodes)


def main() -> int:
    s = settings()
    path = s["passcode_file"]
    try:
        if path.exists() or not os.environ.get(LEARNER_PASSCODE):
            write_passcodes(path)  # a new file, or new cohorts' passcodes added to the file
        codes = read_passcodes(path)
        cohorts = extra_cohorts()
    except HubConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    config = s["root"] / "deploy" / "jupyterhub_config.py"
    course = f" (course {default_course()})" if cohorts else ""
    print(f"coachlab on JupyterHub: http://{s['ip']}:{s['port']}/\n"
          f"  learners sign in with any name and the passcode  {codes[LEARNER_PASSCODE]}{course}\n"
          + "".join(f"  learners of the cohort {cohort} sign in with".ljust(51) + f"{codes[key]}\n"
                    for cohort, key in cohorts.items())
          + f"  facilitators sign in with their name and         {codes[FACILITATOR_PASSCODE]}\n"
          f"  (passcodes: {path if path.exists() else 'from the environment'})", flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub", "-f", str(config)])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
