"""Browser fixtures: the built site served on localhost, driven in real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from browser_support import CHROMIUM_FLAGS, HOW_TO_GET_ONE, find_chromium, serve
from engines import ChromiumTab, Firefox, FirefoxTab
from support import build_ok


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


@pytest.fixture
def instant_site(project: Path, tmp_path: Path):
    """The site with Material's instant navigation on (a fork may turn it on: the guide's
    default leaves it off), built for the address it is served on: Material navigates
    instantly only to the URLs in sitemap.xml, matched with the port of site_url."""
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  features:\n", "  features:\n    - navigation.instant\n", 1
        ),
        encoding="utf-8",
    )
    served = tmp_path / "served"
    served.mkdir()
    site_url, server = serve(served)
    try:
        build_ok(project, served, env={"SITE_URL": site_url})
        yield site_url
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def firefox() -> Iterator[Firefox]:
    """Debian's firefox-esr over WebDriver BiDi (tests/engines.py), for the tests of a module:
    closed after them (idle, it still takes a tenth of a core from the other workers)."""
    try:
        firefox = Firefox()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    yield firefox
    firefox.close()


# The engines the reader's core paths run in (tests/conftest.py sends Firefox's to one worker).
ENGINES = ["chromium", "firefox"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a `tab` runs once per engine."""
    if "engine" in metafunc.fixturenames:
        metafunc.parametrize("engine", ENGINES)


@pytest.fixture
def new_tab(engine: str, request):
    """Makes tabs in the test's engine, each with its own storage; closes them after the test."""
    tabs = []

    def make():
        browser = request.getfixturevalue("firefox" if engine == "firefox" else "browser")
        tab = FirefoxTab(browser) if engine == "firefox" else ChromiumTab(browser)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.close()


@pytest.fixture
def tab(new_tab):
    """A tab in Chromium, then the same test in Firefox."""
    return new_tab()
