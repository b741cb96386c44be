"""The site as a fork's workflow publishes it (.github/workflows/publish.yml), used in Chromium.

The workflow's own steps are run as GitHub runs them (tests/workflow.py), for a push to main
and for a pull request, in a fork that also holds a draft. The pushed site is served as GitHub
Pages serves a project site: under /<repository>/, with 404.html for any missing address. The
pull request's preview is opened as its summary tells a coach to: from the folder, by
double-click (file://). Every page kind is loaded with a log of requests.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from guide_core.scaffold import create
from support import ROOT, SEED_SLUG, copy_project
from workflow import PAGES_URL, REPO, run_steps

DRAFT_TITLE = "How to Ask for a Raise"
DRAFT_SLUG = "how-to-ask-for-a-raise"
LOCAL_ADDRESSES = re.compile(r"127\.0\.0\.1|localhost|\[::1\]")


@pytest.fixture(scope="module")
def pushed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    return _run_workflow("push", tmp_path_factory)


@pytest.fixture(scope="module")
def previewed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    return _run_workflow("pull_request", tmp_path_factory)


@pytest.fixture(params=["pushed", "previewed"])
def published(request) -> tuple[str, Path, Path]:
    """The site a push publishes, and the preview a pull request attaches."""
    return request.getfixturevalue(request.param)


def _run_workflow(event: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    """(event, the folder the workflow's steps wrote, the job summary) for a fork with a draft."""
    base = tmp_path_factory.mktemp(event)
    project = copy_project(base / "project")
    for part in ("Makefile", "requirements.txt", "pyproject.toml", "ADDING-AN-ARTICLE.md"):
        shutil.copy2(ROOT / part, project / part)
    create(DRAFT_TITLE, project / "docs/articles")  # `make article`'s draft, examples and all
    # The npm packages the steps' `make` installs, installed already (as a runner's npm cache
    # would have them): the same versions, the same stamp, without a minute of npm per run.
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    summary = base / "summary.md"
    summary.touch()
    venv = Path(os.environ.get("VIRTUAL_ENV") or ROOT / ".venv")
    run_steps(event, project, extra_env={"VENV": str(venv), "GITHUB_STEP_SUMMARY": str(summary)})
    output = project / ("preview" if event == "pull_request" else "site")
    return event, output, summary


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages for a project site: the site under /<repository>/, 404.html for the rest."""

    def translate_path(self, path: str) -> str:
        prefix = f"/{REPO}/"
        if not urlsplit(path).path.startswith(prefix):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(prefix) :])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        return super().send_head()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def pages(pushed):
    """The base URL of the published site served as GitHub Pages serves a project site."""
    _, site, _ = pushed
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_PagesHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{REPO}/"
    server.shutdown()


# Where a reader starts: the published address, or the preview's index.html opened from its folder.
def _start(published, request) -> str:
    event, site, _ = published
    return request.getfixturevalue("pages") if event == "push" else (site / "index.html").as_uri()


# The pages a reader meets, found by following links from the home page as a reader would.
def _page_kinds(page, start: str) -> dict[str, str]:
    page.goto(start)
    article = page.locator(f".guide-articles__title a[href*='{SEED_SLUG}']").first.get_attribute("href")
    kinds = {"home": start}
    kinds["article"] = page.evaluate("(href) => new URL(href, location.href).href", article)
    page.goto(kinds["article"])
    kinds["sheet"] = page.evaluate("() => document.querySelector('.guide-print-link__link').href")
    kinds["topics"] = page.evaluate("() => document.querySelector('a.md-nav__link[href*=topics]').href")
    page.goto(kinds["topics"])
    kinds["topic"] = page.evaluate("() => document.querySelector('.guide-topics__link').href")
    # Every article, newest first (linked from the home page once it holds more than it shows).
    kinds["all"] = urljoin(start, "all/" if start.startswith("http") else "all/index.html")
    return kinds


def test_no_page_requests_anything_outside_the_site_and_nothing_fails(page, published, request) -> None:
    event, site, _ = published
    start = _start(published, request)
    requested, failed = [], []
    page.on("request", lambda request: requested.append(request.url))
    # (A request the browser dropped itself when the next page was opened is no failure.)
    page.on(
        "requestfailed",
        lambda request: failed.append(request.url) if "ERR_ABORTED" not in (request.failure or "") else None,
    )
    page.on(
        "response",
        lambda response: (
            failed.append(response.url)
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    kinds = _page_kinds(page, start)
    if event == "push":  # GitHub serves 404.html for any missing address, at any depth
        kinds["404 at depth 4"] = start + "a/b/c/d/"
    for kind, url in kinds.items():
        page.goto(url, wait_until="networkidle")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", (
            f"{kind}: unstyled"
        )
    site_host = urlsplit(start).netloc
    outside = [
        url
        for url in requested
        if urlsplit(url).scheme not in ("file", "data", "blob") and urlsplit(url).netloc != site_host
    ]
    assert requested and not outside, outside
    assert not failed, failed


def test_no_file_holds_none_or_a_local_address(published) -> None:
    _, site, _ = published
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"[\">]None[\"<]|\"\"\s*,?\s*\"url\"|\"url\":\"\"", text), (
                f"{path}: a missing address printed"
            )
            assert not LOCAL_ADDRESSES.search(text), f"{path}: the local preview's address"


def test_the_published_site_links_its_address_and_repository_and_leaves_the_draft_out(pushed) -> None:
    _, site, _ = pushed
    article = (site / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PAGES_URL}/articles/{SEED_SLUG}/">' in article
    assert (
        f'href="https://github.com/octo-coach/{REPO}"' in article
        and 'data-md-component="source"' not in article
    )
    assert not (site / "articles" / DRAFT_SLUG).exists()
    assert f"{PAGES_URL}/articles/{SEED_SLUG}/" in (site / "feed.xml").read_text(encoding="utf-8")


def test_the_preview_opens_from_its_folder_shows_the_draft_marked_and_keeps_ticks(page, previewed) -> None:
    _, site, summary = previewed
    said = summary.read_text(encoding="utf-8")
    assert (
        "double-click **index.html**" in said
        and f"docs/articles/{DRAFT_SLUG}.yml" in said
        and "will **not** be published" in said
    )
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name=DRAFT_TITLE).click()
    assert page.url.startswith("file://") and page.url.endswith(f"{DRAFT_SLUG}.html")
    note = page.get_by_role("note").filter(has_text="draft: true")
    note.wait_for(state="visible")
    assert "not published" in note.inner_text()
    box = page.locator(".guide-checklist input[type=checkbox]").first
    page.locator("[data-guide-module=checklist][data-guide-ready]").wait_for(state="attached")
    box.check()
    page.reload()
    page.locator("[data-guide-module=checklist][data-guide-ready]").wait_for(state="attached")
    assert page.locator(".guide-checklist input[type=checkbox]").first.is_checked()


def test_search_in_the_preview_says_it_works_on_the_published_site(page, previewed) -> None:
    _, site, _ = previewed
    page.goto((site / "index.html").as_uri())
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("interview")
    page.locator("[data-guide-search-meta]", has_text="published site").wait_for()
