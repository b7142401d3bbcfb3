"""Time from navigation to the first live widget, landing page vs a one-cell widget page (the floor).

Both pages are served by `coachlab serve` from one course root, with and without the kernel pool;
each is loaded several times in headless Chromium. Prints medians (seconds) and ratios as JSON.
A load that does not finish within ``--timeout`` seconds (a server still busy starting its kernels)
is reported as "timeout" and left out of the medians; the benchmark never stops on it.

    .venv/bin/python benchmarks/page_speed.py [--runs 5] [--timeout 180]
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
from typing import Any

import nbformat

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, VoilaServer  # noqa: E402  (the same harness the tests use)

PAGES = {"landing": ("index.ipynb?lang=zh", ".coachlab-landing"), "floor": ("floor.ipynb", ".floor-widget")}


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


def load(browser, server: VoilaServer, path: str, selector: str, timeout: float = 180.0) -> float | str:
    """Open one page in a fresh tab; return the seconds until its first widget is live, or "timeout"."""
    from playwright.sync_api import Error as PlaywrightError, TimeoutError as PlaywrightTimeout

    context = browser.new_context()
    start = time.perf_counter()
    try:
        tab = context.new_page()
        tab.goto(f"{server.url}/voila/render/{path}", timeout=timeout * 1000)
        left = max(1.0, timeout - (time.perf_counter() - start))
        tab.wait_for_selector(selector, timeout=left * 1000)
        elapsed: float | str = time.perf_counter() - start
    except PlaywrightTimeout:
        elapsed = "timeout"
    except PlaywrightError as error:  # the server closed the connection or answered with an error page
        elapsed = "error: " + " ".join(str(error).split())[:160]
    finally:
        context.close()
    time.sleep(0.5)  # let Voila shut the used kernel down before the next load
    return elapsed


def median_or_none(values: list[float | str]) -> float | None:
    """Return the median of the loads that finished (None when none did)."""
    finished = [v for v in values if isinstance(v, float)]
    return statistics.median(finished) if finished else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def measure(browser, server: VoilaServer, pool: bool, runs: int,
            timeout: float) -> tuple[dict[str, list[float | str]], dict[str, float | str]]:
    """Load each page once to warm up, then ``runs`` times; return the timed runs and the first loads.

    The first load right after start-up also pays for every page's kernel still importing the
    course (the pool-filling burst), so it is reported on its own, not in the median.
    """
    first = {name: load(browser, server, path, selector, timeout) for name, (path, selector) in PAGES.items()}
    times: dict[str, list[float | str]] = {name: [] for name in PAGES}
    for name, (path, selector) in PAGES.items():
        notebook = path.split("?")[0]
        for run in range(runs):
            if pool:
                wait_pool_filled(server, notebook, run + 2)
            times[name].append(load(browser, server, path, selector, timeout))
    return times, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds a page may take before it counts as timeout")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root = course_copy(Path(tmp) / "course")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for pool in (True, False):
            label = "pool" if pool else "no_pool"
            data = Path(tmp) / f"data-{label}"
            started = time.perf_counter()
            try:
                server = VoilaServer(root, data, pool=pool, env={"COACHLAB_DATA": str(data)})
            except RuntimeError as error:  # it never answered: say so and measure the other mode
                results[label] = {name: None for name in PAGES}
                text = " ".join(str(error).split())
                results[label]["error"] = text if len(text) <= 600 else f"{text[:200]} … {text[-400:]}"
                continue
            ready_s = time.perf_counter() - started
            try:
                if pool:
                    for name, (path, _) in PAGES.items():
                        wait_pool_filled(server, path.split("?")[0], 1)
                times, first = measure(browser, server, pool, args.runs, args.timeout)
            finally:
                server.close()
            results[label] = {name: median_or_none(values) for name, values in times.items()}
            results[label]["ratio_page_over_floor"] = ratio(results[label]["landing"], results[label]["floor"])
            results[label]["all_runs"] = {name: [round(v, 3) if isinstance(v, float) else v for v in values]
                                          for name, values in times.items()}
            results[label]["first_load_after_start"] = first
            results[label]["timeouts"] = {name: sum(1 for v in [*values, first[name]] if not isinstance(v, float))
                                          for name, values in times.items()}
            results[label]["server_ready_s"] = ready_s
        browser.close()
    results["pool_speedup_landing"] = ratio(results["no_pool"]["landing"], results["pool"]["landing"])
    results["timeout_s"] = args.timeout
    results["runs"] = args.runs
    results["cpus"] = os.cpu_count()
    print(json.dumps(results, indent=2, default=lambda v: round(v, 3)))


if __name__ == "__main__":
    main()
