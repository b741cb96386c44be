"""Issue #19: the guide's pages make Material's bundle restyle the page no more than a plain
Material page does.

Material's bundle is deferred, so when it starts the page has been styled once already. Three
things it did then restyled every element again, in the article's longest task on a phone:
its palette component (two <meta> tags and a computed style read, then data-md-color-switching
on <body>: three restyles), instant navigation re-setting every stylesheet link's href (each
sheet replaced: all rules rebuilt, every element restyled), and its "no-js" -> "js" class on
<html>. overrides/partials/palette.html, and the first script of overrides/main.html, now do
that work while the page is parsed, before the first style. These tests count, in Chromium's
own trace, how many elements the page's load restyles (a count, not a time: the same on a busy
machine), and check the light/dark toggle still does what Material's did.
"""

from __future__ import annotations

import json
import threading

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import wait_for_material
from support import SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"
PAGES = {"home": "", "article": ARTICLE, "printable": f"{ARTICLE}checklist/", "topics": "topics/"}
# Every element is styled once; a few are restyled by the widgets as they start (a checklist's
# progress, an enabled button). One more restyle of the whole page doubles the count (before
# the fix, the article restyled 4 to 5 times its elements).
MAX_RESTYLED_PER_ELEMENT = 1.6


def restyled_during_load(page: Page, url: str) -> tuple[int, int]:
    """(elements Chromium restyled while `url` loaded and started up, elements in the page)."""
    cdp = page.context.new_cdp_session(page)
    events: list[dict] = []
    done = threading.Event()
    cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    cdp.on("Tracing.tracingComplete", lambda message: done.set())
    cdp.send(
        "Tracing.start",
        {
            "categories": "devtools.timeline,disabled-by-default-devtools.timeline",
            "transferMode": "ReportEvents",
        },
    )
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # Material's start-up ends in timers after load
    cdp.send("Tracing.end")
    while not done.is_set():
        page.wait_for_timeout(50)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    # The page's main thread: the one that parsed this URL's HTML (the browser's own pages,
    # such as a new-tab page, have renderer threads of their own).
    threads = {
        (event["pid"], event["tid"])
        for event in events
        if event.get("name") == "ParseHTML" and url in json.dumps(event.get("args"))
    }
    assert len(threads) == 1, f"no single thread parsed {url}: {threads}"
    restyled = sum(
        (event.get("args") or {}).get("elementCount", 0)
        for event in events
        if event.get("name") == "UpdateLayoutTree" and (event["pid"], event["tid"]) in threads
    )
    return restyled, elements


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_loading_a_page_restyles_each_element_about_once(
    browser: Browser, site_url: str, name: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        restyled, elements = restyled_during_load(context.new_page(), site_url + PAGES[name])
    finally:
        context.close()
    assert restyled >= elements * 0.5, (
        f"the trace saw {restyled} restyled elements of {elements}: not measured"
    )
    assert restyled <= elements * MAX_RESTYLED_PER_ELEMENT, (
        f"{name} ({scheme}): {restyled} elements restyled while loading a page of {elements}, "
        f"{restyled / elements:.1f} each: something restyles the whole page again (Material's palette "
        "component, "
        "instant navigation's stylesheet links, or a class on <html> or <body> set after the first style)"
    )


def test_stylesheet_links_are_resolved_before_material_starts(page: Page, site_url: str) -> None:
    # Material's instant navigation re-sets every relative href (not those already absolute):
    # on a stylesheet link that replaces the sheet and restyles everything.
    page.goto(site_url + ARTICLE)
    hrefs = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map((link) => link.getAttribute('href'))"
    )
    assert len(hrefs) >= 2
    assert all(href.startswith(site_url) for href in hrefs), hrefs


def test_the_scheme_toggle_works_without_material_s_bundle(browser: Browser, site_url: str) -> None:
    # The toggle is the guide's own script now: it works, and a dark system gets the dark scheme,
    # even when Material's bundle never arrives.
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
        page.goto(site_url + ARTICLE)
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", "slate")
        assert page.eval_on_selector('meta[name="color-scheme"]', "meta => meta.content") == "dark"
        page.get_by_title("Switch to light mode").click()
        expect(body).to_have_attribute("data-md-color-scheme", "default")
        assert page.eval_on_selector('meta[name="color-scheme"]', "meta => meta.content") == "light"
        page.reload()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    finally:
        context.close()


def test_a_dark_system_gets_the_dark_scheme_in_the_first_frame_with_a_header(
    browser: Browser, site_url: str
) -> None:
    # The toggle's script runs in <head> and applies the scheme from a MutationObserver once the
    # parser has closed the toggle's form: its callback must come before any frame is drawn.
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.add_init_script(
            """(function frame() { requestAnimationFrame(function () {
                if (!document.querySelector("header")) return frame();
                var meta = document.querySelector('meta[name="color-scheme"]');
                window.guideFirstFrame = { scheme: document.body.getAttribute("data-md-color-scheme"),
                                           meta: meta && meta.content };
            }); })();"""
        )
        for name, path in PAGES.items():
            page.goto(site_url + path)
            page.wait_for_function("window.guideFirstFrame !== undefined")
            assert page.evaluate("window.guideFirstFrame") == {"scheme": "slate", "meta": "dark"}, name
    finally:
        context.close()


def test_the_scheme_toggle_follows_the_keyboard_and_sets_one_theme_colour(page: Page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    wait_for_material(page)
    # One theme-color: Material's palette component, which would add its own, is not mounted.
    assert page.locator('meta[name="theme-color"]').count() == 1
    assert page.eval_on_selector('meta[name="theme-color"]', "meta => meta.content") == "#4051b5"
    page.locator('input[name="__palette"]:checked').focus()
    page.keyboard.press("Enter")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.get_by_title("Switch to light mode")).to_be_visible()
    expect(page.get_by_title("Switch to dark mode")).to_be_hidden()
    # Transitions are off only while switching, as Material does it.
    expect(body).not_to_have_attribute("data-md-color-switching", "")


def test_the_scheme_toggle_still_works_after_instant_navigation(page: Page, instant_site: str) -> None:
    # A fork may turn instant navigation on: Material then swaps the page's content without
    # loading it, and the toggle's script in <head> does not run again.
    page.goto(instant_site)
    wait_for_material(page)
    page.locator(f'a[href*="articles/{SEED_SLUG}/"]').first.click()
    page.wait_for_url(f"**/{ARTICLE}")
    assert (
        page.evaluate("performance.getEntriesByType('navigation')[0].name") == instant_site
    )  # not loaded afresh
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-guide-palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert page.locator('meta[name="theme-color"]').count() == 1
    page.locator("form[data-guide-palette] label:not([hidden])").click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")
