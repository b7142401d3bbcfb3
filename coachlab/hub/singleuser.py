"""A jupyter-server extension for a learner's server under the hub: a page left frees its kernel at once.

Voilà's page sends a beacon to ``/voila/api/shutdown/<kernel>`` when the learner leaves it, without an XSRF
token, so jupyter-server refused it and every page ever opened kept its kernel until the cull. The same
same-origin handler as ``coachlab serve`` (serve.CourseShutdownHandler) is registered here; extensions load
in name order, so ``coachlab…`` comes before ``voila…`` and its route is the one that answers.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "coachlab.hub.singleuser"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from jupyter_server.utils import url_path_join

    from coachlab.serve import CourseShutdownHandler

    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [(url_path_join(base, r"/voila/api/shutdown/(.*)"), CourseShutdownHandler)])
    serverapp.log.info("coachlab: pages left free their kernels (same-origin shutdown beacon)")
