"""Time from navigation to the first live widget, landing page vs a one-cell widget page (the floor).

Both pages are served by `coachlab serve` from one course root, with and without the kernel pool;
each is loaded several times in headless Chromium. Prints medians (seconds) and ratios as JSON.

    .venv/bin/python benchmarks/page_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer  # noqa: E402  (the same harness the tests use)

PAGES = {"landing": ("index.ipynb?lang=zh", ".coachlab-lang-switch"), "floor": ("floor.ipynb", ".floor-widget")}


def course_copy(dest: Path) -> Path:
    """Make a course root that serves the real course plus the floor page."""
    shutil.copytree(REPO / "notebooks", dest / "notebooks")
    for folder in ("scenarios", "exercises"):
        if (REPO / folder).exists():
            (dest / folder).symlink_to(REPO / folder)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "import ipywidgets\nb = ipywidgets.Button(description='floor')\nb.add_class('floor-widget')\nb")]
    nbformat.write(nb, dest / "notebooks" / "floor.ipynb")
    return dest


def wait_pool_filled(server: VoilaServer, page: str, at_least: int, timeout: float = 120.0) -> None:
    """Wait until the server log says the page's pool was (re)filled ``at_least`` times."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.log(tail=None).count(f"Kernel pool of {page} is filled") >= at_least:
            return
        time.sleep(0.25)


def load(browser, server: VoilaServer, path: str, selector: str) -> float:
    """Open one page in a fresh tab and return the seconds until its first widget is live."""
    context = browser.new_context()
    tab = context.new_page()
    start = time.perf_counter()
    tab.goto(f"{server.url}/voila/render/{path}")
    tab.wait_for_selector(selector, timeout=120_000)
    elapsed = time.perf_counter() - start
    context.close()
    time.sleep(0.5)  # let Voila shut the used kernel down before the next load
    return elapsed


def measure(browser, server: VoilaServer, pool: bool, runs: int) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Load each page once to warm up, then ``runs`` times; return the timed runs and the first loads.

    The first load right after start-up also pays for every page's kernel still importing the
    course (the pool-filling burst), so it is reported on its own, not in the median.
    """
    first = {name: load(browser, server, path, selector) for name, (path, selector) in PAGES.items()}
    times: dict[str, list[float]] = {name: [] for name in PAGES}
    for name, (path, selector) in PAGES.items():
        notebook = path.split("?")[0]
        for run in range(runs):
            if pool:
                wait_pool_filled(server, notebook, run + 2)
            times[name].append(load(browser, server, path, selector))
    return times, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root = course_copy(Path(tmp) / "course")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for pool in (True, False):
            label = "pool" if pool else "no_pool"
            data = Path(tmp) / f"data-{label}"
            server = VoilaServer(root, data, pool=pool, env={"COACHLAB_DATA": str(data)})
            try:
                if pool:
                    for name, (path, _) in PAGES.items():
                        wait_pool_filled(server, path.split("?")[0], 1)
                times, first = measure(browser, server, pool, args.runs)
            finally:
                server.close()
            results[label] = {name: statistics.median(values) for name, values in times.items()}
            results[label]["ratio_page_over_floor"] = results[label]["landing"] / results[label]["floor"]
            results[label]["all_runs"] = {name: [round(v, 3) for v in values] for name, values in times.items()}
            results[label]["first_load_after_start"] = first
        browser.close()
    results["pool_speedup_landing"] = results["no_pool"]["landing"] / results["pool"]["landing"]
    results["runs"] = args.runs
    results["cpus"] = os.cpu_count()
    print(json.dumps(results, indent=2, default=lambda v: round(v, 3)))


if __name__ == "__main__":
    main()
