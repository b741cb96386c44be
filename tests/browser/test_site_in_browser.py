"""What a reader sees of the whole site in real Chromium: search, colour scheme, privacy."""

from __future__ import annotations

from urllib.parse import urlsplit

from support import SEED_SLUG


def test_search_finds_the_article_text(page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("textbox", name="Search").click()
    page.keyboard.type("long bath")
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    assert SEED_SLUG in result.get_attribute("href")


def test_dark_scheme_toggle_switches_and_is_remembered(page, site_url: str) -> None:
    page.goto(site_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.get_by_title("Switch to dark mode").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.reload()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_pages_request_nothing_outside_the_site(page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", f"articles/{SEED_SLUG}/"):
        page.goto(site_url + path, wait_until="networkidle")
    host = urlsplit(site_url).netloc
    outside = [
        url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != host
    ]
    assert requested and not outside
