"""Run the chart's own hub config with values.yaml, without a cluster, and print what the hub would do.

    python deploy/kubernetes/check_chart.py PATH/TO/zero-to-jupyterhub-k8s/jupyterhub

PATH is the chart folder of a zero-to-jupyterhub-k8s checkout at a 4.x tag (it holds values.yaml,
values.schema.yaml and files/hub/). Needs jupyterhub-kubespawner and pycurl importable (the hub image has
them; `pip install --target DIR jupyterhub-kubespawner pycurl ...` and PYTHONPATH=DIR elsewhere) and jsonschema.

What it does, as the chart does in the hub pod: values.yaml merged over the chart's defaults (and validated
against the chart's values schema), written where the chart's jupyterhub_config.py reads it; that file run
(it runs hub.extraConfig, i.e. coachlab.hub.z2jh); JupyterHub initialised on a scratch database (roles, scopes,
services, groups created); a KubeSpawner made for a learner and a facilitator, group overrides applied. Prints
one JSON object; exits non-zero on any error. tests/test_kubernetes_recipe.py runs it when it can.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml

HERE = Path(__file__).resolve().parent
ETC = "/usr/local/etc/jupyterhub"  # where the chart mounts its config in the hub pod


def merged_values(chart: Path) -> dict:
    def merge(a: dict, b: dict) -> dict:
        for key, value in b.items():
            if isinstance(value, dict) and isinstance(a.get(key), dict):
                merge(a[key], value)
            else:
                a[key] = value
        return a

    defaults = yaml.safe_load((chart / "values.yaml").read_text(encoding="utf-8"))
    ours = yaml.safe_load((HERE / "values.yaml").read_text(encoding="utf-8"))
    values = merge(copy.deepcopy(defaults), ours)
    schema = yaml.safe_load((chart / "values.schema.yaml").read_text(encoding="utf-8"))
    found = jsonschema.Draft7Validator(schema).iter_errors(values)
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in found]
    if errors:
        raise SystemExit("values.yaml does not fit the chart's schema:\n" + "\n".join(errors))
    chart_meta = yaml.safe_load((chart / "Chart.yaml").read_text(encoding="utf-8"))
    values["Chart"] = {"Name": chart_meta["name"], "Version": chart_meta["version"],
                       "AppVersion": chart_meta.get("appVersion")}
    values["Release"] = {"Name": "coachlab", "Namespace": "coachlab", "Service": "Helm"}
    return values


def stage(chart: Path, work: Path) -> Path:
    """Lay out the hub pod's config folder under ``work``; return the jupyterhub_config.py to load."""
    etc = work / "etc"
    for folder in ("secret", "config"):
        (etc / folder).mkdir(parents=True)
    for name in ("jupyterhub_config.py", "z2jh.py"):
        text = (chart / "files" / "hub" / name).read_text(encoding="utf-8")
        (etc / name).write_text(text.replace(ETC, str(etc)), encoding="utf-8")
    values = merged_values(chart)
    (etc / "secret" / "values.yaml").write_text(yaml.safe_dump(values), encoding="utf-8")
    for key in ("hub.config.JupyterHub.cookie_secret", "hub.config.CryptKeeper.keys",
                "hub.config.ConfigurableHTTPProxy.auth_token"):
        (etc / "secret" / key).write_text(os.urandom(32).hex(), encoding="utf-8")
    for name in ("hub", "proxy-api", "proxy-public", "user-scheduler", "priority", "singleuser", "proxy",
                 "autohttps", "image-puller", "user-placeholder", "hook-image-puller", "continuous-image-puller"):
        (etc / "config" / name).write_text(name, encoding="utf-8")  # the chart's component names (no prefix)
    kubeconfig = work / "kubeconfig"
    kubeconfig.write_text(yaml.safe_dump({  # KubeSpawner wants one to exist; nothing is called
        "apiVersion": "v1", "kind": "Config", "current-context": "none",
        "clusters": [{"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}],
        "users": [{"name": "none", "user": {"token": "none"}}],
        "contexts": [{"name": "none", "context": {"cluster": "none", "user": "none", "namespace": "coachlab"}}]}))
    # The hub pod's environment: Kubernetes' service variables, then hub.extraEnv (Secrets as Kubernetes sets them).
    os.environ.update({"KUBECONFIG": str(kubeconfig), "CONFIGPROXY_AUTH_TOKEN": "check", "POD_NAMESPACE": "coachlab",
                       "HUB_SERVICE_HOST": "10.0.0.2", "HUB_SERVICE_PORT": "8081",
                       "PROXY_API_SERVICE_HOST": "10.0.0.3", "PROXY_API_SERVICE_PORT": "8001",
                       "PROXY_PUBLIC_SERVICE_HOST": "10.0.0.4", "PROXY_PUBLIC_SERVICE_PORT": "80"})
    for key, value in values["hub"]["extraEnv"].items():
        os.environ[key] = value if isinstance(value, str) else f"{key.lower()}-from-secret"
    os.environ["COACHLAB_DATABASE_URL"] = "postgresql://coachlab:secret@postgres:5432/coachlab"
    os.environ["COACHLAB_ROOT"] = os.environ.get("CHECK_COACHLAB_ROOT") or str(HERE.parents[1])
    os.environ["COACHLAB_HUB_STATE"] = str(work / "state")
    return etc / "jupyterhub_config.py"


async def run(config_file: Path, work: Path) -> dict:
    from jupyterhub import orm
    from jupyterhub.app import JupyterHub
    from traitlets.config.loader import PyFileConfigLoader

    c = PyFileConfigLoader(config_file.name, path=str(config_file.parent)).load_config()
    c.JupyterHub.db_url = f"sqlite:///{work / 'jupyterhub.sqlite'}"
    app = JupyterHub(config=c)
    app.log.setLevel("WARNING")
    await app.initialize([])
    report = {
        "authenticator": type(app.authenticator).__name__, "spawner": app.spawner_class.__name__,
        "services": sorted(s.name for s in app.db.query(orm.Service)),
        "roles": sorted(r.name for r in app.db.query(orm.Role)),
        "groups": sorted(g.name for g in app.db.query(orm.Group)),
        "custom_scopes": sorted(app.custom_scopes), "servers": {},
    }
    records = next(s for s in app.services if s["name"] == "coachlab-records")
    report["records_url"] = records["url"]
    report["records_listen"] = records.get("environment", {}).get("COACHLAB_RECORDS_LISTEN")
    # JupyterHub gives a managed service the hub's API on 127.0.0.1 when the hub binds every interface
    # (jupyterhub/services/service.py, Service.start): the records service needs no address of its own for it.
    report["hub_bind_ip"] = app.hub.ip
    for name, groups in (("learner-a", []), ("facilitator-f", ["facilitators"])):
        row = orm.User(name=name)
        app.db.add(row)
        row.groups.extend(orm.Group.find(app.db, g) for g in groups)
        app.db.commit()
        spawner = app.users[row.id].spawners[""]
        await spawner.apply_group_overrides()
        env = spawner.get_env()
        report["servers"][name] = {
            "image": spawner.image, "default_url": spawner.default_url, "cmd": spawner.cmd,
            "root_dir": next(a.split("=", 1)[1] for a in spawner.args if a.startswith("--ServerApp.root_dir=")),
            "mem_guarantee": spawner.mem_guarantee, "mem_limit": spawner.mem_limit, "uid": spawner.uid,
            "records_url": env.get("COACHLAB_RECORDS_URL"), "coachlab_root": env.get("COACHLAB_ROOT"),
            "fork_socket": env.get("COACHLAB_FORK_SOCKET"), "scopes": sorted(spawner.server_token_scopes)}
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    chart = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="coachlab-chart-") as tmp:
        work = Path(tmp)
        config_file = stage(chart, work)
        report = asyncio.run(run(config_file, work))
    print(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
