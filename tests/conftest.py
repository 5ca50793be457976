"""Shared test settings and fixtures.

Hypothesis runs without deadlines: these machines are shared and noisy, and the
same tests also run inside Pyodide. The built site is made once per session for
the build and browser tiers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
# HYPOTHESIS_PROFILE=thorough hunts for rare failures with 20x the examples.
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real site, built with `mkdocs build --strict` and served on 127.0.0.1.

    The server starts first so the build can take its URL as `site_url`, which
    Material's instant navigation needs.
    """
    from tests.support import build_site, serve

    destination = tmp_path_factory.mktemp("site")
    with serve(destination) as url:
        done = build_site(destination, site_url=url)
        assert done.returncode == 0, done.stdout + done.stderr
        yield url, destination


@pytest.fixture(scope="session")
def built_site(site_server: tuple[str, Path]) -> Path:
    return site_server[1]


@pytest.fixture(scope="session")
def site_url(site_server: tuple[str, Path]) -> str:
    return site_server[0]
