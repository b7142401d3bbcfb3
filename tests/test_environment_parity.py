"""pyproject.toml and environment.yml must name the same packages with the same ranges."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {canonicalize_name(Requirement(r).name): str(Requirement(r).specifier) for r in lines}


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if not isinstance(dep, str):
            continue  # the pip: section installs the project itself
        name, spec = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", dep).groups()
        found[canonicalize_name(name)] = str(Requirement(f"{name}{spec}").specifier)
    return found


def test_environment_yml_matches_pyproject():
    """Every pyproject dependency appears in environment.yml with the same range, and nothing extra."""
    conda = conda_requirements()
    conda.pop("python"), conda.pop("pip")
    assert conda == pyproject_requirements()


def test_python_range_matches():
    """Both files ask for Python 3.11."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    python = next(d for d in yaml.safe_load((REPO / "environment.yml").read_text())["dependencies"]
                  if isinstance(d, str) and d.startswith("python"))
    assert Requirement(python).specifier == Requirement(f"python{project['requires-python']}").specifier
