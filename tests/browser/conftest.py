"""Browser fixtures: the built site served on localhost, driven in real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_ONE = (
    "No Chromium found for the browser tests. Install one: on Debian or Ubuntu "
    "`sudo apt-get install chromium`; elsewhere `.venv/bin/python -m playwright install chromium`. "
    "Or point CHROMIUM_PATH at a Chromium or Chrome binary."
)


def find_chromium(playwright: Playwright) -> str | None:
    """CHROMIUM_PATH, else the system Chromium, else the one `playwright install` downloaded."""
    candidates = [os.environ.get("CHROMIUM_PATH")]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    try:
        candidates.append(playwright.chromium.executable_path)
    except Exception:  # Playwright raises when its own browser was never downloaded
        pass
    return next((c for c in candidates if c and Path(c).is_file()), None)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    path = find_chromium(playwright)
    if path is None:
        pytest.fail(HOW_TO_GET_ONE, pytrace=False)
    browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `folder` on a free localhost port, as a static host would; returns its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The base URL of the repo's built site, served on localhost."""
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture
def context(browser: Browser):
    """A fresh browser profile per test (its own storage)."""
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
