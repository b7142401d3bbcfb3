"""`make hub`: make sure the workshop has passcodes, say where to sign in, and run JupyterHub."""

from __future__ import annotations

import os
import sys

from .config import FACILITATOR_PASSCODE, LEARNER_PASSCODE, HubConfigError, read_passcodes, settings, write_passcodes


def main() -> int:
    s = settings()
    path = s["passcode_file"]
    try:
        codes = read_passcodes(path) if (os.environ.get(LEARNER_PASSCODE) or path.exists()) else write_passcodes(path)
    except HubConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    config = s["root"] / "deploy" / "jupyterhub_config.py"
    print(f"coachlab on JupyterHub: http://{s['ip']}:{s['port']}/\n"
          f"  learners sign in with any name and the passcode  {codes[LEARNER_PASSCODE]}\n"
          f"  facilitators sign in with their name and         {codes[FACILITATOR_PASSCODE]}\n"
          f"  (passcodes: {path if path.exists() else 'from the environment'})", flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub", "-f", str(config)])
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
