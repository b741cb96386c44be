"""The editor's page as the published site carries it (hooks/editor.py): valid HTML, kept from
search engines, readers and the search index; and a site built where Decap is not installed
(no npm) builds all the same, saying how to get the editor."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from support import ROOT, build_ok, copy_project, run_build
from test_widget_access import vnu_jar

DECAP_BUNDLE = ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not DECAP_BUNDLE.is_file():
        pytest.fail("Decap CMS is not installed: run `make build` (it installs it with npm).", pytrace=False)
    base = tmp_path_factory.mktemp("editor-page")
    project = copy_project(base / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    env = {
        "SITE_URL": "https://octo-coach.github.io/guide/",
        "REPO_URL": "https://github.com/octo-coach/guide",
    }
    return build_ok(project, base / "site", env=env)


def test_the_published_editor_signs_in_to_the_repository_and_has_no_local_backend(published: Path) -> None:
    config = yaml.safe_load((published / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "branch": "main", "repo": "octo-coach/guide"}
    assert "local_backend" not in config
    page = (published / "admin/index.html").read_text(encoding="utf-8")
    script = re.search(r'<script src="([^"]+)"', page)[1]
    assert (published / "admin" / script).is_file()
    assert not list((published / "admin").rglob("*.map")), "source maps copied into the site"


def test_readers_never_meet_the_editor(published: Path) -> None:
    page = (published / "admin/index.html").read_text(encoding="utf-8")
    assert re.search(r'<meta name="robots" content="noindex[^"]*">', page)
    for listing in ("sitemap.xml", "feed.xml"):
        assert "admin" not in (published / listing).read_text(encoding="utf-8"), f"{listing} lists the editor"
    for html in published.rglob("*.html"):
        if "admin" not in html.relative_to(published).parts:
            assert not re.search(r'href="[^"]*admin/?"', html.read_text(encoding="utf-8")), (
                f"{html} links the editor"
            )
    indexed = [
        path
        for path in (published / "pagefind").rglob("*")
        if path.is_file() and b"Article editor" in path.read_bytes()
    ]
    assert not indexed


def test_the_editor_page_is_valid_html(published: Path) -> None:
    page_file = str(published / "admin/index.html")
    result = subprocess.run(["java", "-jar", str(vnu_jar()), "--errors-only", page_file],
                            capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_a_pull_requests_preview_has_no_editor(tmp_path: Path) -> None:
    """make preview's folder is downloaded and opened from disk, where the editor cannot work."""
    project = copy_project(tmp_path / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    result = run_build(project, tmp_path / "preview", env={"GUIDE_PREVIEW": "true"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "preview" / "index.html").is_file()
    assert not (tmp_path / "preview" / "admin").exists()


def test_without_decap_the_site_builds_and_says_how_to_get_the_editor(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")  # no node_modules: npm never ran here
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "site" / "admin").exists()
    assert "No article editor at /admin/" in result.stderr and "npm install" in result.stderr
