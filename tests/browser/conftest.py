"""Browser tier: Debian's Chromium driven by Playwright against the built site on 127.0.0.1."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page

from tests.support import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # No browser downloads here: use the system Chromium that `make test` installs.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class Watch:
    """Records what a page does that a test must forbid: errors and outside requests."""

    def __init__(self, page: Page) -> None:
        self.console_errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        # Anything not on this machine is cut off, and reported by `outside_requests`.
        page.context.route(
            lambda url: urlparse(url).hostname not in ("127.0.0.1", None),
            lambda route: route.abort(),
        )

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def outside_requests(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https") and urlparse(url).hostname != "127.0.0.1"
        ]

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.outside_requests() == []


@pytest.fixture
def watch(page: Page) -> Watch:
    return Watch(page)
