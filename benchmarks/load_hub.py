"""A room signing in to the hub: N learners (default 30) sign in one every --every seconds (default 2, as a room
does when told to log in) and each opens a role-play; prints JSON.

    .venv/bin/python benchmarks/load.py --hub [--learners 30] [--every 2] [--out artifacts/load-hub.json]

It starts its own hub (deploy/jupyterhub_config.py with configurable-http-proxy and the records service, as the
hub tests do) on free loopback ports with its state in a temporary folder. For each learner: seconds from
sending the sign-in form to the role-play page rendered by Voila (the server started, the kernel forked, the
page's cells run), and failures. Then the unique memory (USS) of each learner (their server and the page kernels
forked for it), of what all share (hub, proxy, services, the one kernel template), and the targets (every
learner in, p95 ≤ 10 s).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hub.conftest import LEARNER_CODE, Hub  # noqa: E402 - the same launcher the hub tests use

PAGE = "voila/render/roleplay.ipynb?scenario=bid-late-logins&lang=zh"


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "max": None}
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], 2),
            "max": round(ordered[-1], 2)}


def learner(hub: Hub, name: str, start_at: float, timeout: float) -> dict:
    """Sign in as ``name`` at ``start_at`` and open the role-play; return the timing or the failure."""
    time.sleep(max(0.0, start_at - time.monotonic()))
    began = time.monotonic()
    try:
        session = hub.sign_in(name, LEARNER_CODE)
        target = f"{hub.url}/user/{name}/{PAGE}"
        session.get(f"{hub.url}/hub/spawn", timeout=timeout)  # where the sign-in form sends a browser next
        while time.monotonic() - began < timeout:
            reply = session.get(target, timeout=timeout)
            if "spawn-pending" not in reply.url and reply.status_code == 200:
                if "coachlab" not in reply.text or "coachlab-error" in reply.text:
                    return {"name": name, "error": "page rendered without the role-play"}
                return {"name": name, "seconds": round(time.monotonic() - began, 2)}
            time.sleep(0.5)
        return {"name": name, "error": f"not rendered within {timeout:.0f} s"}
    except Exception as exc:  # noqa: BLE001 - every failure is a result
        return {"name": name, "error": f"{type(exc).__name__}: {str(exc)[:160]}"}


def uss_mb(process: psutil.Process) -> float:
    try:
        return process.memory_full_info().uss / 2**20
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0.0


def memory(hub: Hub) -> dict:
    """USS of each learner's server, of the page kernels (forks of the one shared template: their /proc environ
    is the template's, so they are counted together and shared out per learner), and of what all share (hub,
    proxy, records service, culler, the template itself)."""
    root = psutil.Process(hub.proc.pid)
    servers, kernels, shared = [], [], 0.0
    for process in [root, *root.children(recursive=True)]:
        try:
            command = " ".join(process.cmdline())
            parent = " ".join(process.parent().cmdline()) if process.parent() else ""
        except psutil.Error:
            continue
        if "jupyterhub-singleuser" in command:
            servers.append(uss_mb(process))
        elif "--listen" in parent and "coachlab.kernels.forkserver" in parent:
            kernels.append(uss_mb(process))
        else:
            shared += uss_mb(process)
    per_learner = (statistics.fmean(servers) + sum(kernels) / len(servers)) if servers else None
    return {"learners_measured": len(servers),
            "server_uss_mb": percentiles(servers),
            "page_kernels": len(kernels),
            "page_kernel_uss_mean_mb": round(statistics.fmean(kernels), 1) if kernels else None,
            "uss_per_learner_mean_mb": round(per_learner, 1) if per_learner else None,
            "hub_proxy_services_template_uss_mb": round(shared, 1)}


def run(learners: int, every: float, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="coachlab-hub-bench-") as folder:
        state = Path(folder) / "state"
        state.mkdir()
        grader = Path(folder) / "grader"
        grader.mkdir()
        hub = Hub(state, grader)
        try:
            t0 = time.monotonic() + 1.0
            with ThreadPoolExecutor(max_workers=learners) as pool:
                futures = [pool.submit(learner, hub, f"learner{n:02d}", t0 + n * every, timeout)
                           for n in range(learners)]
                results = [f.result() for f in futures]
            seconds = [r["seconds"] for r in results if "seconds" in r]
            out = {"learners": learners, "every_s": every, "signed_in_and_rendered": len(seconds),
                   "sign_in_to_page_s": percentiles(seconds),
                   "failures": [r for r in results if "error" in r],
                   "load_avg": [round(x, 2) for x in psutil.getloadavg()], "cpus": psutil.cpu_count()}
            time.sleep(3)
            out["memory"] = memory(hub)
        finally:
            out["killed_after_stop"] = hub.close()  # still running 10 s after the hub stopped
    p95 = out["sign_in_to_page_s"]["p95"]
    out["targets"] = {"every_learner_in": not out["failures"], "p95_at_most_10_s": p95 is not None and p95 <= 10}
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--every", type=float, default=2.0, help="seconds between two sign-ins")
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = run(args.learners, args.every, args.timeout)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
