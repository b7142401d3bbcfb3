"""coachlab on Zero to JupyterHub: the workshop settings of coachlab.hub.config, on top of the chart's own.

deploy/kubernetes/values.yaml's ``hub.extraConfig`` runs ``from coachlab.hub.z2jh import configure_z2jh;
configure_z2jh(c)`` in the hub pod (the hub image installs the course, so this module is there as part of the
package, beside the config.py it builds on), after the chart has configured
KubeSpawner, the proxy, the hub database and its secrets. One source of truth: ``configure_z2jh`` runs
coachlab.hub.config.configure(), the very function `make hub` runs, on a scratch config and copies from it what
a workshop decides:

- sign-in (SharedPasswordAuthenticator, the passcodes from the environment, i.e. from a Kubernetes Secret, and
  the ``facilitators`` group they give), the sign-in page's words;
- roles and scopes (learners may call the records service, facilitators read the cohort);
- the records service, run by the hub in the hub pod (the same command as under `make hub`; only where it
  listens differs, ``COACHLAB_RECORDS_LISTEN``) and reachable by learners' pods on the hub's Service;
- learners' and facilitators' server arguments, landing pages and environment.

What the chart decides stays the chart's: the spawner (KubeSpawner, not CourseSpawner's local processes), the
proxy, ports, hub database, cookie secret and the idle culler (``cull.*`` runs jupyterhub-idle-culler). The
shared kernel template (``coachlab-kernels``) is not run: it serves page kernels over a Unix socket on one
machine, and a pod cannot reach another pod's socket, so each learner's server starts its own template (the
single-user image's default, as under `coachlab serve`).
"""

from __future__ import annotations

import os
from typing import Any

from traitlets.config import Config

from coachlab.hub import config as hub_config
from coachlab.kernels.forkserver import SOCKET_ENV
from coachlab.records.service import LISTEN_ENV

RECORDS_HOST_ENV = "COACHLAB_RECORDS_HOST"  # the name learners' pods reach the hub pod by (the hub's Service)
DATABASE_ENV = "COACHLAB_DATABASE_URL"  # PostgreSQL for the records service (from a Secret, see values.yaml)
# Services of `make hub` a pod-per-learner cluster does without, and why.
DROPPED_SERVICES = {
    "coachlab-kernels": "a Unix socket on one machine: each learner's pod starts its own kernel template",
    "idle-culler": "the chart runs jupyterhub-idle-culler itself (values.yaml, cull.*)",
}
# What a workshop decides, copied from coachlab.hub.config.configure(); everything else stays the chart's.
TAKEN = {
    "JupyterHub": ("authenticator_class", "custom_scopes", "template_paths", "template_vars"),
    "SharedPasswordAuthenticator": ("user_password", "manage_groups", "password_groups"),
    "Authenticator": ("allow_all", "admin_users"),
    "Spawner": ("args", "default_url", "group_overrides", "server_token_scopes"),
}
# A facilitator's server grades (autograde workers) and renders the dashboard: more room than a learner's.
FACILITATOR_RESOURCES = {"mem_guarantee": "1G", "mem_limit": "3G", "cpu_limit": 2.0}


def _section_value(section: Config, key: str, default: Any) -> Any:
    return section[key] if key in section else default


def records_service(scratch: Config, env: dict[str, str]) -> tuple[dict[str, Any], str]:
    """Return the records service for the hub pod and the URL learners' pods call it on.

    JupyterHub hands a managed service its own ``url`` to listen on; in the hub pod that name (the hub's
    Service) is not a local address, so the service is told to listen on every interface of the pod, on the
    same port (``COACHLAB_RECORDS_LISTEN``, read by coachlab.records.service). Its command stays the one
    `make hub` runs. The hub's API it reaches on the pod's loopback, as the chart's idle culler does (no
    NetworkPolicy hop): the chart binds the hub to every interface (``hub_bind_url = http://:8081``), and
    JupyterHub then gives its managed services ``JUPYTERHUB_API_URL=http://127.0.0.1:8081/hub/api``.
    """
    found = [dict(s) for s in scratch.JupyterHub.services if s["name"] == hub_config.SERVICE_NAME]
    if len(found) != 1:
        raise hub_config.HubConfigError(f"coachlab.hub.config names no {hub_config.SERVICE_NAME} service")
    service = found[0]
    port = int(service["url"].rsplit(":", 1)[1])
    url = f"http://{env.get(RECORDS_HOST_ENV) or 'hub'}:{port}"
    service["url"] = url
    # A managed service sees only the environment it is given: the course root, and PostgreSQL when set.
    passed = {key: env[key] for key in ("COACHLAB_ROOT", DATABASE_ENV, "COACHLAB_LANG") if env.get(key)}
    service["environment"] = {**service.get("environment", {}), **passed, LISTEN_ENV: f"0.0.0.0:{port}"}
    return service, url


def configure_z2jh(c: Any, env: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, Any]:
    """Add coachlab's workshop settings to the chart's config ``c``; return what was added (for tests, logs)."""
    env = dict(env)
    scratch = Config()
    hub_config.configure(scratch, env)  # the same settings, checks and passcodes `make hub` uses

    for section, keys in TAKEN.items():
        for key in keys:
            if key in scratch[section]:
                c[section][key] = scratch[section][key]

    # Facilitators: the dashboard and grading arguments of `make hub`, with a facilitator's resources.
    overrides = {name: {**rule, "spawner_override": {**rule["spawner_override"], **FACILITATOR_RESOURCES}}
                 for name, rule in scratch.Spawner.group_overrides.items()}
    c.Spawner.group_overrides = overrides

    service, records_url = records_service(scratch, env)
    services = list(_section_value(c.JupyterHub, "services", []))
    c.JupyterHub.services = [s for s in services if s.get("name") != service["name"]] + [service]

    # Roles: coachlab's, except those for services the cluster does without; a role the chart's values
    # (hub.loadRoles) already define by name is theirs.
    roles = list(_section_value(c.JupyterHub, "load_roles", []))
    have = {role["name"] for role in roles}
    added = [role for role in scratch.JupyterHub.load_roles
             if role["name"] not in have and not set(role.get("services", ())) & set(DROPPED_SERVICES)]
    c.JupyterHub.load_roles = roles + added

    # Learners' servers: coachlab's environment without the shared template's socket, the records service
    # on the hub's Service; what values.yaml's singleuser.extraEnv says wins (the chart sets it on KubeSpawner,
    # which takes precedence over Spawner for the same trait, so the two are merged here).
    ours = {key: value for key, value in scratch.Spawner.environment.items() if key != SOCKET_ENV}
    ours["COACHLAB_RECORDS_URL"] = records_url
    chart = dict(_section_value(c.KubeSpawner, "environment", {}))
    c.KubeSpawner.environment = {**ours, **chart}
    return {"records_url": records_url, "services": [s["name"] for s in c.JupyterHub.services],
            "roles": [r["name"] for r in c.JupyterHub.load_roles], "environment": dict(c.KubeSpawner.environment)}
