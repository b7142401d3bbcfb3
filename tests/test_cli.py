"""The coachlab command as a newcomer runs it."""

import os
import subprocess
import sys

import coachlab
from coachlab.doctor import check_chromium, check_data_dir, report

CLI = [sys.executable, "-m", "coachlab.cli"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120)


def test_version():
    """--version prints the package version."""
    done = run("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"coachlab {coachlab.__version__}"


def test_doctor_passes_here(tmp_path):
    """On this machine (set up by make) every check passes, in the chosen language."""
    done = run("doctor", "--lang", "zh", COACHLAB_DATA=str(tmp_path))
    assert done.returncode == 0, done.stdout
    assert "全部检查通过" in done.stdout and "voila" in done.stdout


def test_doctor_names_an_unwritable_data_dir_and_its_fix(tmp_path):
    """A data directory that cannot be created fails with the fix spelled out, exit 1."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = run("doctor", "--lang", "en", COACHLAB_DATA=str(blocker / "data"))
    assert done.returncode == 1
    assert "cannot be written" in done.stdout and "COACHLAB_DATA" in done.stdout
    assert "1 problem(s) found" in done.stdout


def test_missing_chromium_is_a_warning_with_fix(tmp_path):
    """No Chromium warns and says how to install it."""
    finding = check_chromium("en", tmp_path / "no-chromium")
    assert finding.status == "warn" and "apt-get install -y chromium" in finding.fix
    assert "[warning]" in report([finding], "en")


def test_data_dir_check_writes_nothing_lasting(tmp_path):
    """The writability probe leaves the folder as it found it."""
    assert check_data_dir("en", tmp_path).status == "ok"
    assert list(tmp_path.iterdir()) == []


def test_unknown_subcommand_is_a_usage_error():
    """argparse answers with usage and exit 2, no traceback."""
    done = run("frobnicate")
    assert done.returncode == 2 and "Traceback" not in done.stderr
