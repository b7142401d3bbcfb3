"""Everything the hub decides for a workshop, as one function over JupyterHub's config object.

``configure(c)`` is called by deploy/jupyterhub_config.py. Settings come from the environment (the README's
table), so `make hub`, the tests and a platform engineer change ports and folders without editing Python:

- sign-in: JupyterHub's SharedPasswordAuthenticator; learners type the workshop passcode, facilitators their
  own passcode, which puts them in the ``facilitators`` group (``password_groups``); each extra cohort in
  ``COACHLAB_COHORTS`` has its own learner passcode, which puts its learners in the group ``cohort-<id>``
  (coachlab.hub.cohorts), so one hub serves several workshops without mixing their records;
- servers: coachlab.hub.spawner.CourseSpawner; learners land on the course's landing page (Voila as a server
  extension, kernels from the ``coachlab`` kernelspec's fork provisioner), facilitators on the dashboard;
- services: the records service (coachlab.records.service), one warm kernel template that every learner's
  server forks its page kernels from (coachlab.kernels.forkserver on a Unix socket), jupyterhub-idle-culler;
- roles: learners may call the records service; the facilitators' role adds ``COHORT_SCOPE``, which servers'
  tokens carry only for members of that group.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from pathlib import Path
from typing import Any

from coachlab.hub.cohorts import COHORTS_ENV, COURSE_ENV, configured_cohorts, group_of, valid_course_id
from coachlab.kernels.forkserver import SOCKET_ENV
from coachlab.kernels.kernelspec import PAGE_PRELOAD
from coachlab.kernels.provisioner import ipc_folder
from coachlab.records.service import COHORT_SCOPE, SERVICE_NAME

FACILITATORS = "facilitators"
LEARNER_PASSCODE = "COACHLAB_LEARNER_PASSCODE"
FACILITATOR_PASSCODE = "COACHLAB_FACILITATOR_PASSCODE"
MIN_PASSCODE = 8  # JupyterHub's own minimum for the shared password
PASSCODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # nothing a room confuses when read aloud (no l/1, o/0)
LANDING = "/voila/render/index.ipynb"
DASHBOARD = "/voila/render/grader/dashboard.ipynb"
# Server extensions a learner's Voila-only server does not load (JupyterLab, terminals, nbgrader's tabs).
LEARNER_OFF = ("jupyterlab", "jupyter_lsp", "jupyterlab_jupytext", "notebook", "jupyter_server_terminals",
               "nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.validate_assignment",
               "nbgrader.server_extensions.assignment_list", "nbgrader.server_extensions.course_list")
# COACHLAB_LEARNER_UI=lab: learners get JupyterLab in their own home folder and nbgrader's Assignments tab, which
# fetches and submits through the records service (coachlab.records.exchange); the default, "pages", is Voila
# only. Their servers run code they type, so on one machine (every server the same Unix user) use it only where
# servers are isolated (Kubernetes pods, or a spawner with one Unix user per learner).
LEARNER_UI = "COACHLAB_LEARNER_UI"
LEARNER_UIS = ("pages", "lab")
LAB = "/lab"
# Server extensions a JupyterLab learner's server does not load: the facilitators' grading tools and terminals.
LAB_LEARNER_OFF = ("jupyter_server_terminals", "nbgrader.server_extensions.formgrader",
                   "nbgrader.server_extensions.course_list")


# What a page's browser may send its kernel under the hub: widget traffic and the connection handshake only.
PAGE_MESSAGES = ("kernel_info_request", "comm_info_request", "comm_open", "comm_msg", "comm_close")
# Course settings the hub hands on to every server when it has them (see the README's table).
PASSED_ON = ("COACHLAB_LANG", "COACHLAB_GRADER", "COACHLAB_EXCHANGE", "COACHLAB_RELEASE_ON_DEMAND", COHORTS_ENV,
             COURSE_ENV)


class HubConfigError(ValueError):
    """A setting the hub cannot start with; the message says which and how to fix it."""


def settings(env: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, Any]:
    """Return the hub's settings from ``env`` (defaults: the hub on http://127.0.0.1:8000, state in .hub/)."""
    root = Path(env.get("COACHLAB_ROOT") or Path(__file__).resolve().parents[2]).resolve()
    state = Path(env.get("COACHLAB_HUB_STATE") or root / ".hub").resolve()
    return {
        "root": root,
        "state": state,
        "ip": env.get("COACHLAB_HUB_IP", "127.0.0.1"),
        "port": int(env.get("COACHLAB_HUB_PORT", "8000")),
        "hub_port": int(env.get("COACHLAB_HUB_API_PORT", "8081")),
        "proxy_api_port": int(env.get("COACHLAB_PROXY_API_PORT", "8001")),
        "records_port": int(env.get("COACHLAB_RECORDS_PORT", "10101")),
        "passcode_file": Path(env.get("COACHLAB_PASSCODE_FILE") or state / "passcodes.env"),
        "proxy": env.get("COACHLAB_PROXY") or shutil.which("configurable-http-proxy")
        or str(Path(sys.prefix) / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"),
        "cull_after_s": int(env.get("COACHLAB_CULL_AFTER_S", "3600")),
    }


def new_passcode(length: int = 10) -> str:
    """Return a random passcode a facilitator can read out to a room."""
    return "".join(secrets.choice(PASSCODE_ALPHABET) for _ in range(length))


def cohort_passcode_key(course_id: str) -> str:
    """Return the setting that holds a cohort's learner passcode: ``COACHLAB_COHORT_<ID>_PASSCODE`` (the id in
    capitals, '-' written '_')."""
    return f"COACHLAB_COHORT_{valid_course_id(course_id).upper().replace('-', '_')}_PASSCODE"


def extra_cohorts(env: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, str]:
    """Return {course id: passcode setting} for each cohort ``COACHLAB_COHORTS`` adds to the default course."""
    try:
        courses = configured_cohorts(env)[1:]
    except ValueError as exc:
        raise HubConfigError(f"{COHORTS_ENV} (or {COURSE_ENV}): {exc}") from None
    keys = {course: cohort_passcode_key(course) for course in courses}
    if len(set(keys.values())) < len(keys):
        raise HubConfigError(f"{COHORTS_ENV}: two cohorts share the passcode setting of one name "
                             f"({', '.join(courses)}); name them apart by more than '-' and '_'.")
    return keys


def _passcode_file(path: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and not key.startswith("#"):
                found[key.strip()] = value.strip()
    return found


def read_passcodes(path: Path, env: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, str]:
    """Return the learner and facilitator passcodes, and each extra cohort's learner passcode (``COACHLAB_COHORTS``,
    ``cohort_passcode_key``): the environment first, else ``path`` (KEY=value lines).

    All must be set, at least MIN_PASSCODE characters, and different.
    """
    found = _passcode_file(path)
    keys = (LEARNER_PASSCODE, FACILITATOR_PASSCODE, *extra_cohorts(env).values())
    codes = {key: env.get(key) or found.get(key, "") for key in keys}
    for key, value in codes.items():
        if len(value) < MIN_PASSCODE:
            raise HubConfigError(f"{key} must be set (in the environment or in {path}) to at least {MIN_PASSCODE} "
                                 f"characters; `make hub` writes new ones into {path} when it is missing.")
    for i, key in enumerate(keys):
        same = [other for other in keys[:i] if codes[other] == codes[key]]
        if same:
            raise HubConfigError(f"{same[0]} and {key} must differ: a passcode decides who signs in as a "
                                 "facilitator and which cohort a learner is in.")
    return codes


def write_passcodes(path: Path, env: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, str]:
    """Create ``path`` with two new passcodes (readable by its owner only) unless it exists, and add a new one for
    each cohort of ``COACHLAB_COHORTS`` that has none (in the file or the environment); return the file's."""
    cohorts_env = {key: env[key] for key in (COHORTS_ENV, COURSE_ENV) if env.get(key)}
    cohort_keys = list(extra_cohorts(cohorts_env).values())
    missing = [key for key in cohort_keys if not env.get(key)]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = (f"# Workshop passcodes for `make hub` (keep this file out of git; change them per workshop)\n"
                f"{LEARNER_PASSCODE}={new_passcode()}\n{FACILITATOR_PASSCODE}={new_passcode(14)}\n"
                + "".join(f"{key}={new_passcode()}\n" for key in missing))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
    else:
        known = _passcode_file(path)
        added = [key for key in missing if not known.get(key)]
        if added:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("".join(f"{key}={new_passcode()}\n" for key in added))
    return read_passcodes(path, {**cohorts_env, **{key: env[key] for key in cohort_keys if env.get(key)}})


def page_strings() -> dict[str, dict[str, str]]:
    """Return the hub pages' words (sign-in, server starting) in each language, from the course's catalogs."""
    from coachlab.i18n import LANGS, catalog

    return {lang: {key.split(".")[-1]: text for key, text in catalog(lang).items()
                   if key.startswith(("hub.login.", "hub.spawn."))} for lang in LANGS}


def server_args(root: Path, facilitator: bool, lab: bool = False) -> list[str]:
    """Return the single-user server's arguments: the course folder, Voila, kernel culling, no terminals
    (``lab``: a learner's JupyterLab in their home folder, with nbgrader's Assignments tab)."""
    args = [
        # a lab learner's server starts in their own home folder (where the Assignments tab fetches): no root_dir
        *([] if lab and not facilitator else [f"--ServerApp.root_dir={root if facilitator else root / 'notebooks'}"]),
        "--MappingKernelManager.cull_idle_timeout=900",  # a kernel whose page was closed goes within 15 min
        "--MappingKernelManager.cull_interval=60",
        "--VoilaConfiguration.show_tracebacks=False",
        "--ServerApp.jpserver_extensions=coachlab.hub.singleuser=True",  # a page left frees its kernel
    ]
    if lab and not facilitator:
        args += [f"--ServerApp.jpserver_extensions={name}=False" for name in LAB_LEARNER_OFF]
    elif not facilitator:  # a learner's server is the course's pages: nothing else to load (start-up 15 s -> 3 s)
        args += [f"--ServerApp.jpserver_extensions={name}=False" for name in LEARNER_OFF]
        # The page's browser only talks widgets to its kernel (Voila runs the cells itself, server-side): no
        # code from a browser, so a learner cannot use their own kernel to read the machine's files.
        args += [f"--MappingKernelManager.allowed_message_types={kind}" for kind in PAGE_MESSAGES]
        args.append("--ServerApp.contents_manager_class=coachlab.hub.singleuser.ReadOnlyContents")  # nor save one
    if os.geteuid() == 0:
        args.append("--allow-root")  # the hub runs servers as its own user; as root that needs saying
    return args


def configure(c: Any, env: os._Environ[str] | dict[str, str] = os.environ) -> dict[str, Any]:
    """Fill JupyterHub's config ``c`` for a workshop; return the settings used."""
    s = settings(env)
    state: Path = s["state"]
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    codes = read_passcodes(s["passcode_file"], env)
    python = sys.executable

    c.JupyterHub.bind_url = f"http://{s['ip']}:{s['port']}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = s["hub_port"]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s['proxy_api_port']}"
    c.ConfigurableHTTPProxy.command = [s["proxy"]]
    c.ConfigurableHTTPProxy.should_start = True
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = True

    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = codes[LEARNER_PASSCODE]
    c.SharedPasswordAuthenticator.manage_groups = True
    # Each cohort's learners sign in with its passcode and so join its group; the workshop passcode gives no group
    # (JupyterHub then takes them out of any cohort group): they learn in the default course.
    c.SharedPasswordAuthenticator.password_groups = {
        codes[FACILITATOR_PASSCODE]: [FACILITATORS],
        **{codes[key]: [group_of(course)] for course, key in extra_cohorts(env).items()}}
    c.Authenticator.allow_all = True  # anyone with the workshop passcode may sign in
    c.Authenticator.admin_users = set()

    c.JupyterHub.spawner_class = "coachlab.hub.spawner.CourseSpawner"
    c.CourseSpawner.homes_root = str(state / "homes")
    c.Spawner.cmd = [str(Path(python).with_name("jupyterhub-singleuser"))]
    learner_ui = env.get(LEARNER_UI) or "pages"
    if learner_ui not in LEARNER_UIS:
        raise HubConfigError(f"{LEARNER_UI} must be one of {', '.join(LEARNER_UIS)}, not {learner_ui!r}.")
    c.Spawner.args = server_args(s["root"], facilitator=False, lab=learner_ui == "lab")
    c.Spawner.default_url = LAB if learner_ui == "lab" else LANDING
    c.Spawner.start_timeout = 60
    c.Spawner.http_timeout = 60
    records_url = f"http://127.0.0.1:{s['records_port']}"
    # One warm kernel template for every learner's server (they all run as this Unix user): each page kernel is
    # a fork of it, so the course's imports are paid and held once per machine, not once per learner.
    template_socket = str(ipc_folder() / f"hub-{s['port']}-template.sock")
    c.Spawner.environment = {
        "COACHLAB_ROOT": str(s["root"]),
        # a JupyterLab learner's nbgrader (the Assignments tab) reads grader/learners/nbgrader_config.py, which names
        # the records service's exchange and leaves the course to the service (the learner's cohort)
        **({"JUPYTER_CONFIG_PATH": str(s["root"] / "grader" / "learners")} if learner_ui == "lab" else {}),
        "COACHLAB_RECORDS_URL": records_url,
        SOCKET_ENV: template_socket,
        **{key: env[key] for key in PASSED_ON if env.get(key)},
    }
    c.Spawner.group_overrides = {
        "1-facilitators": {"groups": [FACILITATORS], "spawner_override": {
            "default_url": DASHBOARD, "args": server_args(s["root"], facilitator=True)}},
    }
    # The server's own token (the kernel's JUPYTERHUB_API_TOKEN) gets the subset of these its user holds.
    c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server",
                                     f"access:services!service={SERVICE_NAME}", COHORT_SCOPE]

    c.JupyterHub.custom_scopes = {COHORT_SCOPE: {
        "description": "Read every learner's coachlab records and resolve their disputes (facilitators)."}}
    c.JupyterHub.load_roles = [
        {"name": "user", "scopes": ["self", f"access:services!service={SERVICE_NAME}"]},
        {"name": "coachlab-facilitator", "description": "Facilitators: the whole cohort's records",
         "groups": [FACILITATORS], "scopes": [COHORT_SCOPE]},
        {"name": "idle-culler", "services": ["idle-culler"],
         "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    ]
    c.JupyterHub.services = [
        {"name": SERVICE_NAME, "url": records_url, "command": [python, "-m", "coachlab.records.service"],
         "environment": {"COACHLAB_RECORDS_DATA": str(state / "records"),
                         **{key: env[key] for key in ("COACHLAB_DATABASE_URL", COURSE_ENV, COHORTS_ENV)
                            if env.get(key)}},
         "display": False},
        {"name": "coachlab-kernels", "command": [python, "-m", "coachlab.kernels.forkserver", "--listen",
                                                 template_socket, *PAGE_PRELOAD],
         "environment": {"COACHLAB_ROOT": str(s["root"]), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                         "MKL_NUM_THREADS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}},
        {"name": "idle-culler", "command": [python, "-m", "jupyterhub_idle_culler",
                                            f"--timeout={s['cull_after_s']}"]},
    ]
    c.JupyterHub.template_paths = [str(s["root"] / "deploy" / "templates")]
    c.JupyterHub.template_vars = {"coachlab": page_strings()}
    return s
