"""Which of the guide's files a page loads, and when (issue #9's transfer budget), without losing anything.

guide.js loads a widget's module only on a page that has the widget; the composer's and the
notes' modules only once the reader scrolls within a screen of them. What the reader types or
ticks before a module has started is kept when it starts.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from playwright.sync_api import Page, Route, expect

from browser_support import wait_for_widgets
from support import ROOT, SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"


class _MkDocsYaml(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV) read as plain values."""


_MkDocsYaml.add_multi_constructor("!", lambda loader, suffix, node: None)
# The scripts every page loads (mkdocs.yml's extra_javascript: guide.js, the search box's
# starter, and the modules they import at once, such as the widget base) are not widgets; the
# widgets' files are the guide's other assets.
EVERY_PAGE = {
    Path(entry["path"] if isinstance(entry, dict) else entry).name
    for entry in yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsYaml).get(
        "extra_javascript", []
    )
}
EVERY_PAGE |= {
    imported
    for name in EVERY_PAGE
    for imported in re.findall(
        r'^import \{[^}]*\} from "\./([\w-]+\.js)";',
        (ROOT / "overrides/assets" / name).read_text(encoding="utf-8"),
        re.M,
    )
}
OWN_FILES = {path.name for path in (ROOT / "overrides" / "assets").glob("guide-*.*")} - EVERY_PAGE


def own_files_requested(page: Page, url: str) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.rsplit("/", 1)[-1]))
    page.goto(url, wait_until="networkidle")
    # guide.js imports the modules once Material's bundle has run, which a loaded machine can
    # take longer than networkidle's half second to reach: wait for each widget started at
    # load (not those loaded when near) to say so, then for the requests to settle.
    page.locator("[data-guide-module]:not([data-guide-load=near]):not([data-guide-ready])").first.wait_for(
        state="detached"
    )
    page.wait_for_load_state("networkidle")
    return sorted(name for name in requested if name in OWN_FILES)


def test_the_home_page_loads_no_widget(page: Page, site_url: str) -> None:
    assert own_files_requested(page, site_url) == []


def test_the_printable_page_loads_its_sheet_styles_and_its_module(page: Page, site_url: str) -> None:
    assert own_files_requested(page, site_url + ARTICLE + "checklist/") == [
        "guide-print.js",
        "guide-sheet.css",
        "guide-store.js",
        "guide-words.js",
    ]


def test_an_article_loads_the_composer_and_notes_only_when_the_reader_gets_near_them(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 412, "height": 823})  # Lighthouse's phone
    assert own_files_requested(page, site_url + ARTICLE) == [
        "guide-checklist.js",
        "guide-store.js",
        "guide-words.js",
    ]
    with page.expect_request("**/guide-email.js"):
        page.locator("[data-guide-email]").scroll_into_view_if_needed()
    wait_for_widgets(page)
    field = page.locator("[data-guide-email-field=role]")
    field.fill("Analyst")
    expect(page.locator("[data-guide-email-out=subject]")).to_have_text(
        "Thank you for your time: Analyst interview"
    )


def test_what_the_reader_does_before_the_modules_start_is_kept(page: Page, site_url: str) -> None:
    held: list[Route] = []
    modules = "**/guide-{checklist,email,notes,data}.js"
    page.route(modules, lambda route: held.append(route))
    page.goto(site_url + ARTICLE)
    # The controls are on screen from the first paint; their modules are still on the way.
    box = page.locator("[data-guide-item]").first
    box.check()
    note = page.locator("[data-guide-note=where-it-went-wrong]")
    note.fill("Nerves")
    role = page.locator("[data-guide-email-field=role]")
    role.fill("Analyst")
    # The composer's module is asked for once its field scrolls near (an IntersectionObserver's
    # callback, a frame or more later): poll for the requests, letting the route handlers run.
    wanted = {"guide-checklist.js", "guide-email.js", "guide-notes.js"}
    for _ in range(200):
        if wanted <= {route.request.url.rsplit("/", 1)[-1] for route in held}:
            break
        page.wait_for_timeout(50)
    held_names = {route.request.url.rsplit("/", 1)[-1] for route in held}
    assert wanted <= held_names
    # No widget of the article has started (the search box's starts from its own script).
    assert page.locator("[data-guide-module]:not([data-guide-module=search])[data-guide-ready]").count() == 0
    for route in held:
        route.continue_()
    page.unroute(modules)
    wait_for_widgets(page)
    expect(box).to_be_checked()
    expect(note).to_have_value("Nerves")
    expect(role).to_have_value("Analyst")
    expect(page.locator("[data-guide-email-out=subject]")).to_have_text(
        "Thank you for your time: Analyst interview"
    )

    stored = page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage).map(([k, v]) => [k.split(':').pop(), "
        "JSON.parse(v).data]))"
    )
    assert stored["checklist"]["ticked"] == [box.get_attribute("data-guide-item")]
    assert stored["notes"] == {"notes": {"where-it-went-wrong": "Nerves"}}
    assert stored["email"]["fields"] == {"role": "Analyst"}
    page.reload()
    wait_for_widgets(page)
    expect(page.locator("[data-guide-item]").first).to_be_checked()
    expect(note).to_have_value("Nerves")
    expect(role).to_have_value("Analyst")


def test_a_reader_with_notes_here_gets_them_at_once_ready_to_print(page: Page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    note = page.locator("[data-guide-note=where-it-went-wrong]")
    note.fill("Nerves")
    page.locator("[data-guide-email-field=company]").fill("Northwind")
    # Back another day: the notes and the draft show without scrolling to them, so printing
    # the article at once prints them.
    assert "guide-notes.js" in own_files_requested(page, site_url + ARTICLE)
    page.emulate_media(media="print")
    expect(note).to_have_value("Nerves")
    expect(page.locator("[data-guide-email-out=body]")).to_contain_text("at Northwind.")
    expect(page.locator(".guide-email__template")).to_be_hidden()


def test_printing_before_the_composer_has_started_prints_the_template_as_text(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + ARTICLE, wait_until="networkidle")
    page.emulate_media(media="print")
    template, composer = page.locator(".guide-email__template"), page.locator(".guide-email__composer")
    expect(template).to_be_visible()
    expect(template).to_contain_text("Dear [Interviewer's name],")
    expect(composer).to_be_hidden()
    page.emulate_media(media="screen")
    wait_for_widgets(page)
    page.emulate_media(media="print")
    expect(template).to_be_hidden()
    expect(page.locator(".guide-email__preview")).to_be_visible()


def test_a_first_visit_loads_nothing_that_grows_with_the_guide(page: Page, site_url: str) -> None:
    # Only the page and the site's fixed assets: no sitemap.xml (Material's instant navigation
    # fetches it, 22 KiB gzipped at 2,000 articles), no search index, no feed, no other page.
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", ARTICLE, ARTICLE + "checklist/", "topics/"):
        requested.clear()
        page.goto(site_url + path, wait_until="networkidle")
        grows = [
            url for url in requested if not url.startswith(site_url + "assets/") and url != site_url + path
        ]
        assert grows == [], f"{path or 'home'} loads {grows}"
