"""A jupyter-server extension for a learner's server under the hub: a page left frees its kernel at once.

Voilà's page sends a beacon to ``/voila/api/shutdown/<kernel>`` when the learner leaves it, without an XSRF
token, so jupyter-server refused it and every page ever opened kept its kernel until the cull. The same
same-origin handler as ``coachlab serve`` (serve.CourseShutdownHandler) is registered here; extensions load
in name order, so ``coachlab…`` comes before ``voila…`` and its route is the one that answers.
"""

from __future__ import annotations

import functools
from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "coachlab.hub.singleuser"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from jupyter_server.utils import url_path_join

    from coachlab.serve import CourseShutdownHandler

    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [(url_path_join(base, r"/voila/api/shutdown/(.*)"), CourseShutdownHandler)])
    serverapp.log.info("coachlab: pages left free their kernels (same-origin shutdown beacon)")


@functools.lru_cache(maxsize=None)
def _read_only_contents():  # noqa: ANN202 - a class built on first use (jupyter_server is not imported before)
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from tornado.web import HTTPError

    class ReadOnlyContents(AsyncLargeFileManager):
        """The course's notebooks as a learner's server serves them: read, never written.

        A notebook a learner could save into the course folder, Voilà would run for them: the pages are the
        course's own, so saving, renaming, deleting, creating and checkpoints are refused (403).
        """

        def _refuse(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise HTTPError(403, "The course is read-only here.")

        save = delete = delete_file = rename = rename_file = new = new_untitled = copy = _refuse
        create_checkpoint = restore_checkpoint = delete_checkpoint = _refuse

    return ReadOnlyContents


def __getattr__(name: str):  # noqa: ANN202 - module attribute for traitlets' import_item
    if name == "ReadOnlyContents":
        return _read_only_contents()
    raise AttributeError(name)
