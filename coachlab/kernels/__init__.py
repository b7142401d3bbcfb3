"""Kernels for the course: one warm template process per server, forking each page's and grading notebook's kernel.

- forkserver.py: the template (imports once, forks a fresh kernel process per request) and its client;
- provisioner.py: the jupyter_client kernel provisioner ``coachlab-fork`` that launches kernels through it;
- kernelspec.py: the ``coachlab`` kernelspec that names that provisioner, used by the course's notebooks.
"""

from .kernelspec import KERNEL_NAME, PAGE_PRELOAD, install

__all__ = ["KERNEL_NAME", "PAGE_PRELOAD", "install"]
