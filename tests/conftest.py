"""Shared fixtures: a real project copied into a temporary folder, built with the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import build_ok, copy_project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repo's own site, built once per test session with --strict."""
    base = tmp_path_factory.mktemp("repo-build")
    project = copy_project(base / "project")
    return build_ok(project, base / "site")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project to change and build."""
    return copy_project(tmp_path / "project")
