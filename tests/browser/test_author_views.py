"""What an author sees that readers do not: the problems banner under `make serve`, and a guide
of many tagged articles (search results list each one's topics)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from browser_support import serve
from support import SEED_FILE, SEED_SLUG, build_ok, fetch, serving, wait_for
from test_budgets import axe_violations, open_page, search_for

SCHEMES = ("light", "dark")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_problems_banner_under_serve_is_readable_in_both_schemes(
    browser: Browser, project: Path, scheme: str
) -> None:
    source = project / "docs/articles" / f"{SEED_SLUG}.yml"
    (project / "docs/articles/second.yml").write_text(
        source.read_text(encoding="utf-8")
        .replace(f"slug: {SEED_SLUG}", "slug: second")
        .replace("title: How", "titel: How"),
        encoding="utf-8",
    )
    with serving(project) as (base, _):
        wait_for(lambda: "guide-problems" in fetch(base), "the banner")
        page = open_page(browser, base, scheme)
        try:
            banner = page.locator(".guide-problems")
            expect(banner).to_be_visible()
            expect(banner).to_contain_text("docs/articles/second.yml")
            assert axe_violations(page) == []
        finally:
            page.context.close()


@pytest.fixture(scope="module")
def many_tagged_articles(tmp_path_factory: pytest.TempPathFactory):
    """A guide of eight articles sharing topics, served on localhost."""
    from support import copy_project

    base = tmp_path_factory.mktemp("many-tagged")
    project = copy_project(base / "project")
    seed = SEED_FILE.read_text(encoding="utf-8")
    for number in range(1, 8):
        slug = f"interview-article-{number}"
        text = seed.replace(f"slug: {SEED_SLUG}", f"slug: {slug}").replace(
            "title: How You Should React", f"title: Interview Article {number}, How You Should React"
        )
        (project / "docs/articles" / f"{slug}.yml").write_text(text, encoding="utf-8")
    site = build_ok(project, base / "site")
    url, server = serve(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_results_of_many_tagged_articles_pass_axe(
    browser: Browser, many_tagged_articles: str, scheme: str
) -> None:
    page = open_page(browser, many_tagged_articles, scheme)
    try:
        search_for(page, "interview")
        assert page.locator(".md-search-result__item").count() >= 2
        assert axe_violations(page) == []
    finally:
        page.context.close()
