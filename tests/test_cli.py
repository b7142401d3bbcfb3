"""The coachlab command as a newcomer runs it."""

import os
import subprocess
import sys

import pytest

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


LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "COACHLAB_LANG")


def run_in(locale: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run the command with only the given locale variables (and COACHLAB_LANG) set."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_ENV}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env={**env, **locale}, timeout=120)


def test_cli_language_is_the_flag_then_coachlab_lang_then_the_locale():
    from coachlab.cli_lang import cli_lang

    assert cli_lang(None, {}) == "en"                                   # no locale at all: English
    assert cli_lang(None, {"LANG": "C.UTF-8"}) == "en"
    assert cli_lang(None, {"LANG": "zh_CN.UTF-8"}) == "zh-CN"
    assert cli_lang(None, {"LANG": "zh_TW.UTF-8"}) == "zh-CN"           # the only Chinese catalog
    assert cli_lang(None, {"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}) == "en"
    assert cli_lang(None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "en_US", "LC_ALL": "zh_CN.UTF-8"}) == "zh-CN"
    assert cli_lang(None, {"LANG": "en_US.UTF-8", "COACHLAB_LANG": "zh"}) == "zh-CN"
    assert cli_lang(None, {"LANG": "zh_CN.UTF-8", "COACHLAB_LANG": "nonsense"}) == "zh-CN"  # unknown: next source
    assert cli_lang("en", {"LANG": "zh_CN.UTF-8", "COACHLAB_LANG": "zh"}) == "en"


def test_commands_answer_in_the_terminals_language_unless_told(tmp_path):
    """An English terminal gets English, a Chinese one Chinese; COACHLAB_LANG and --lang win, in that order."""
    data = {"COACHLAB_DATA": str(tmp_path)}
    assert "All checks passed" in run_in({"LANG": "en_US.UTF-8", **data}, "doctor").stdout
    assert "全部检查通过" in run_in({"LANG": "zh_CN.UTF-8", **data}, "doctor").stdout
    assert "All checks passed" in run_in({**data}, "doctor").stdout
    assert "全部检查通过" in run_in({"LANG": "en_US.UTF-8", "COACHLAB_LANG": "zh", **data}, "doctor").stdout
    assert "All checks passed" in run_in({"LANG": "zh_CN.UTF-8", "COACHLAB_LANG": "zh", **data},
                                         "doctor", "--lang", "en").stdout
    assert "--lang" in run("doctor", "--help").stdout and "COACHLAB_LANG" in run("doctor", "--help").stdout


def test_feedback_says_once_which_exercises_have_nothing_graded(tmp_path):
    """No "0 pages" line per untouched exercise: one line names them all, one line gives the total."""
    from coachlab.grading.course import list_exercises

    done = run("grade", "feedback", "--lang", "en", COACHLAB_GRADER=str(tmp_path / "grader"))
    assert done.returncode == 0, done.stdout + done.stderr
    slugs = [e.slug for e in list_exercises()]
    assert len(slugs) > 1
    assert "0 feedback page(s) under" not in done.stdout
    lines = done.stdout.strip().splitlines()
    assert lines == [f"No graded hand-ins yet for {len(slugs)} exercise(s), so no feedback pages for: "
                     f"{', '.join(slugs)}", f"0 feedback page(s) in all, under {tmp_path / 'grader' / 'feedback'}"]


@pytest.mark.parametrize(("lang", "words"), [("en", "already in use"), ("zh-CN", "已经被占用")])
def test_serve_on_a_busy_port_says_so_instead_of_moving_elsewhere(lang, words):
    """A second `make serve` (or any program on the port) gets a clear message in the learner's language and
    exit 2, before anything starts; Voila would otherwise move to another port the README does not name."""
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = run("serve", "--port", str(port), "--lang", lang)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr and f"PORT={port + 1}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    """`coachlab check --input` is timed with its start-up (issue 13: 1,000 lines in 5 s): building the parser
    imports neither pandas (the scenarios' validator) nor nbformat (grading) nor jieba (only Chinese text needs it)."""
    script = ("import sys, coachlab.cli as c; c.build_parser(); "
              "print(sorted(m for m in ('pandas', 'nbformat', 'jsonschema', 'jieba') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
