"""Signing a browser in the way a learner does on `make serve`, for browser tests.

``sign_in`` types the name into the top bar's sign-in box (what a learner does once per browser);
``sign_in_cookie`` sets the same cookie directly, for tests about something else.
"""

from __future__ import annotations

from urllib.parse import quote

COOKIE = "coachlab_learner"  # coachlab.widgets.page.LEARNER_COOKIE


def sign_in(page, name: str) -> None:
    """Type ``name`` into the sign-in box of the page on screen and wait for the page to come back signed in."""
    page.wait_for_selector(".coachlab-signin-name")
    page.fill(".coachlab-signin-name", name)
    with page.expect_navigation():
        page.click(".coachlab-signin-go")
    page.wait_for_selector(".coachlab-topbar .coachlab-who .coachlab-not-you")


def sign_in_cookie(page, server_url: str, name: str) -> None:
    """Sign this browser in as ``name`` without the sign-in box (the next page opened knows the learner)."""
    page.context.add_cookies([{"name": COOKIE, "value": quote(name, safe=""), "url": server_url}])
