"""Shared fixtures: a real project copied into a temporary folder, built with the real CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from support import build_ok, copy_project

# CI explores the same examples every run (a red run blocks landing, so it must be
# reproducible); developers' runs explore new ones each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
# `make test-fast` explores fewer examples of the properties that do not set their own count
# (`make test` and CI the full hundred).
settings.register_profile("fast", max_examples=20)
if os.environ.get("CI"):
    settings.load_profile("ci")
elif os.environ.get("GUIDE_FAST_TESTS"):
    settings.load_profile("fast")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the tests' own articles (a copy of the seed), built once per session with --strict."""
    base = tmp_path_factory.mktemp("repo-build")
    project = copy_project(base / "project")
    return build_ok(project, base / "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project to change and build."""
    return copy_project(tmp_path / "project")


# Every test under tests/browser/ drives Chromium: mark it by folder, so the fast loop
# (`make test-fast`: `-m "not browser and not slow"`) never depends on each file remembering
# its marker. A test that reads the session's built site needs a build in a subprocess: slow.
# (Tests that build or serve a site of their own say `slow` themselves, per file or test.)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_dir = Path(__file__).parent / "browser"
    for item in items:
        if item.path.is_relative_to(browser_dir):
            item.add_marker(pytest.mark.browser)
        if "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


# How the workers share the tests: by module, so a module's fixtures (a site built for it, a
# workflow run, a decap-server) are made once, on one worker; pytest tears a module's fixtures
# down when its worker moves on to another module, and one scope per test made each worker make
# them again, test after test (five runs of the publish workflow where two were asked for).
# Tests that run in Firefox (a `[firefox…]` parameter, see tests/browser/conftest.py) are one
# group of their own, so one Firefox starts, not one per worker.
# (xdist's own `--dist loadgroup` marks its groups by changing node ids, which the pytest this
# project pins no longer takes: its groups were never formed.)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByModuleOneFirefox(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "firefox" if "[firefox" in nodeid else nodeid.split("::", 1)[0]

    return ByModuleOneFirefox(config, log)
