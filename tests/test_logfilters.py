"""Quiet logs: the two known harmless warnings are dropped where they are logged; errors and others still show."""

from __future__ import annotations

import logging
import subprocess
import sys

import nbformat
import pytest

from coachlab import logfilters

KERNEL = ("import sys\n"
          "{install}"
          "from ipykernel.kernelapp import IPKernelApp\n"
          "app = IPKernelApp.instance()\n"
          "app.initialize(['--transport=tcp', '--ip=127.0.0.1', '-f', sys.argv[1]])\n")


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def traitlets_log():
    """The logger jupyter_server's contents manager uses when no application is running, captured."""
    logger = logging.getLogger("traitlets")
    logger.removeFilter(logfilters._FILTER)  # another test may have run the CLI, which installs it in this process
    capture = Capture()
    logger.addHandler(capture)
    try:
        yield capture
    finally:
        logger.removeHandler(capture)
        logger.removeFilter(logfilters._FILTER)


def test_not_trusted_warning_of_the_contents_manager_is_dropped_and_nothing_else(traitlets_log):
    from jupyter_server.services.contents.manager import ContentsManager

    manager = ContentsManager()
    unsigned = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", outputs=[
        nbformat.v4.new_output("display_data", {"text/html": "<b>x</b>"})])])
    manager.mark_trusted_cells(unsigned, "before.ipynb")
    assert [r.getMessage() for r in traitlets_log.records] == ["Notebook before.ipynb is not trusted"]

    logfilters.install()
    logfilters.install()  # twice is once
    assert logging.getLogger("traitlets").filters.count(logfilters._FILTER) == 1
    manager.mark_trusted_cells(unsigned, "after.ipynb")
    log = logging.getLogger("traitlets")
    log.error("Notebook %s is not trusted", "error.ipynb")          # an error is never hidden
    log.warning("Notebook %s could not be saved", "other.ipynb")      # nor a different warning
    assert [r.getMessage() for r in traitlets_log.records[1:]] == ["Notebook error.ipynb is not trusted",
                                                                   "Notebook other.ipynb could not be saved"]


@pytest.mark.parametrize("install", [False, True])
def test_a_kernel_over_tcp_warns_about_encryption_only_without_the_filter(install, tmp_path):
    code = KERNEL.format(install="from coachlab.logfilters import install; install()\n" if install else "")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "kernel.json")], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert ("TCP without encryption" in done.stderr) is not install, done.stderr[-2000:]


def test_quiet_lines_drops_only_the_known_warning_lines():
    text = ("[IPKernelApp] WARNING | Kernel is running over TCP without encryption. All communication ...\n"
            "[AutogradeApp | WARNING] Notebook /x/a.ipynb is not trusted\n"
            "[AutogradeApp | ERROR] Notebook /x/a.ipynb is not trusted\n"
            "[AutogradeApp | INFO] Autograding a05-feedback\n")
    assert logfilters.quiet_lines(text) == ("[AutogradeApp | ERROR] Notebook /x/a.ipynb is not trusted\n"
                                            "[AutogradeApp | INFO] Autograding a05-feedback\n")
