"""Check this machine for what the course needs; every problem comes with its fix."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path

from packaging.requirements import Requirement

from coachlab.i18n import t
from coachlab.paths import data_dir

CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class Finding:
    """One line of the doctor's report: ``status`` is ok, warn or fail; ``fix`` says what to do."""

    status: str
    message: str
    fix: str | None = None


def _bin(name: str) -> str | None:
    # The venv's own scripts first, so `.venv/bin/coachlab doctor` checks the venv, not the PATH.
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def check_python(lang: str) -> Finding:
    """Python must be 3.11."""
    found = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] == (3, 11):
        return Finding("ok", t("doctor.python", lang, version=found))
    return Finding("fail", t("doctor.python.bad", lang, version=found), t("doctor.python.fix", lang))


def check_packages(lang: str) -> list[Finding]:
    """Every pinned dependency must be installed within its range (test extras only warn)."""
    findings = []
    for line in requires("coachlab") or []:
        req = Requirement(line)
        optional = req.marker is not None
        if optional and not req.marker.evaluate({"extra": "test"}):
            continue
        wanted = str(req.specifier) or "any"
        try:
            have = version(req.name)
        except PackageNotFoundError:
            status = "warn" if optional else "fail"
            findings.append(Finding(status, t("doctor.package.missing", lang, name=req.name, wanted=wanted),
                                    t("doctor.package.fix", lang)))
            continue
        if req.specifier.contains(have, prereleases=True):
            findings.append(Finding("ok", t("doctor.package", lang, name=req.name, version=have, wanted=wanted)))
        else:
            findings.append(Finding("warn" if optional else "fail",
                                    t("doctor.package.bad", lang, name=req.name, version=have, wanted=wanted),
                                    t("doctor.package.fix", lang)))
    return findings


def check_command(name: str, lang: str) -> Finding:
    """A console script (voila, nbgrader) must sit beside this Python."""
    path = _bin(name)
    if path:
        return Finding("ok", t(f"doctor.{name}", lang, path=path))
    return Finding("fail", t(f"doctor.{name}.missing", lang), t(f"doctor.{name}.fix", lang))


def check_data_dir(lang: str, path: Path | None = None) -> Finding:
    """The learner-records folder must be writable."""
    folder = path or data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as exc:
        return Finding("fail", t("doctor.data.bad", lang, path=folder, error=exc.strerror or exc),
                       t("doctor.data.fix", lang))
    return Finding("ok", t("doctor.data", lang, path=folder))


def check_chromium(lang: str, path: Path = CHROMIUM) -> Finding:
    """Debian's Chromium drives the browser tests."""
    if path.exists():
        return Finding("ok", t("doctor.chromium", lang, path=path))
    return Finding("warn", t("doctor.chromium.missing", lang, path=path), t("doctor.chromium.fix", lang))


def check_cjk_font(lang: str) -> Finding:
    """A CJK font must be installed so Chinese renders as Chinese in the browser."""
    fonts = ""
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    if fonts.strip():
        return Finding("ok", t("doctor.cjk_font", lang, font=fonts.splitlines()[0].split(",")[0]))
    return Finding("warn", t("doctor.cjk_font.missing", lang), t("doctor.cjk_font.fix", lang))


def run_checks(lang: str) -> list[Finding]:
    """Run every check, in the order a newcomer would fix them."""
    return [
        check_python(lang),
        *check_packages(lang),
        check_command("voila", lang),
        check_command("nbgrader", lang),
        check_data_dir(lang),
        check_chromium(lang),
        check_cjk_font(lang),
    ]


def report(findings: list[Finding], lang: str) -> str:
    """Format the findings as the text the command prints."""
    lines = [t("doctor.title", lang)]
    for finding in findings:
        lines.append(f"  [{t('doctor.' + finding.status, lang)}] {finding.message}")
        if finding.fix:
            lines.append(f"      {t('doctor.fix', lang)}: {finding.fix}")
    failures = sum(f.status == "fail" for f in findings)
    lines.append(t("doctor.summary.bad", lang, count=failures) if failures else t("doctor.summary.ok", lang))
    return "\n".join(lines)
