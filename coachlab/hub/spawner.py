"""Learners' servers on one machine: a local process per learner, the course on its landing page.

Every server runs as the hub's own Unix user (on these machines the course's Python lives where other Unix
users cannot read it), each in its own home folder under the hub's state folder. The course and the records
service keep each learner's work to that learner; a learner who writes raw kernel messages could still read
files on the machine, so a room that must be isolated against that needs containers (Kubernetes,
deploy/kubernetes/) or a spawner with one Unix user per learner.
"""

from __future__ import annotations

import hashlib
import os
import re

from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Unicode, default


def home_folder_name(user: str) -> str:
    """Return a safe folder name for a hub user (hub names may hold any character; folders may not)."""
    slug = re.sub(r"[^a-z0-9_.-]+", "-", user.lower()).strip("-.") or "learner"
    return f"{slug[:40]}-{hashlib.sha1(user.encode('utf-8')).hexdigest()[:8]}"


class CourseSpawner(SimpleLocalProcessSpawner):
    """A local single-user server per hub user, home in ``homes_root``, root folder chosen by group."""

    homes_root = Unicode("/tmp/coachlab-homes", config=True, help="Folder holding one home per hub user.")

    @default("home_dir")
    def _home_in_homes_root(self) -> str:
        return os.path.join(self.homes_root, home_folder_name(self.user.name))

    def make_preexec_fn(self, name: str):  # noqa: ANN201 - a callable for Popen
        home = self.home_dir

        def preexec() -> None:
            os.makedirs(home, 0o700, exist_ok=True)
            os.chdir(home)

        return preexec

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        env = super().user_env(env)
        env["COACHLAB_DATA"] = os.path.join(self.home_dir, "coachlab-data")  # never used under the hub, but private
        env.setdefault("XDG_DATA_HOME", os.path.join(self.home_dir, ".local", "share"))
        return env
