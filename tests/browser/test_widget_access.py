"""What axe does not check, found by trying the widgets (issue #15): focus under the sticky
header, hover and focus colours, roles and names, forced colours, printing notes, valid HTML."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from browser_support import settle, wait_for_widgets
from support import ROOT, SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"

# The WCAG contrast ratio of the element's text colour on the first opaque background behind it.
CONTRAST = """(el) => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b]
    .map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  let back = el;
  while (back && (getComputedStyle(back).backgroundColor.endsWith(", 0)")
                  || getComputedStyle(back).backgroundColor == "transparent")) back = back.parentElement;
  const bg = rgb(back ? getComputedStyle(back).backgroundColor : "rgb(255,255,255)");
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def open_article(browser: Browser, site_url: str, **options) -> Page:
    page = browser.new_context(**options).new_page()
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    return page


@pytest.mark.parametrize(
    "size", [{"width": 390, "height": 844}, {"width": 640, "height": 400}], ids=["phone", "200% zoom"]
)
def test_shift_tab_never_leaves_the_focus_under_the_sticky_header(
    browser: Browser, site_url: str, size
) -> None:
    # 200% zoom of a 1280 x 800 window is a 640 x 400 CSS-pixel viewport.
    page = open_article(browser, site_url, viewport=size)
    try:
        page.get_by_role("button", name="Delete my data").focus()
        hidden = []
        for _ in range(45):
            page.keyboard.press("Shift+Tab")
            found = page.evaluate("""() => {
              const el = document.activeElement, box = el.getBoundingClientRect();
              const header = document.querySelector(".md-header").getBoundingClientRect();
              return el.closest(".md-content") ? [el.outerHTML.slice(0, 80), box.top, header.bottom] : null;
            }""")
            if found and found[1] < found[2] - 1:
                hidden.append(found)
        assert hidden == []
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_links_and_the_print_link_keep_4_5_to_1_on_hover_and_focus(
    browser: Browser, site_url: str, scheme: str
) -> None:
    page = open_article(browser, site_url, color_scheme=scheme)
    try:
        for selector in (".guide-print-link__link", ".md-typeset .guide-article a[href]"):
            target = page.locator(selector).first
            target.hover()
            settle(page)  # Material's colour transition has ended
            assert target.evaluate(CONTRAST) >= 4.5, (selector, "hover")
            page.mouse.move(0, 0)
            target.focus()
            settle(page)
            assert target.evaluate(CONTRAST) >= 4.5, (selector, "focus")
    finally:
        page.context.close()


def test_open_in_email_app_stays_a_link_in_the_tab_order_when_the_email_is_too_long(
    browser: Browser, site_url: str
) -> None:
    page = open_article(browser, site_url)
    try:
        page.locator("[data-guide-email-field=clarification]").fill("x" * 5_000)
        link = page.get_by_role("link", name="Open in email app")
        expect(link).to_have_attribute("aria-disabled", "true")
        page.get_by_role("button", name="Copy email").focus()
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
        assert page.get_by_label("Your name").get_attribute("autocomplete") == "name"
    finally:
        page.context.close()


def test_controls_say_they_are_not_working_until_their_module_starts(browser: Browser, site_url: str) -> None:
    page = browser.new_context().new_page()
    try:
        page.route("**/guide-email.js", lambda route: None)  # never arrives
        page.goto(site_url + ARTICLE)
        link = page.locator("[data-guide-email-action=mailto]")
        link.scroll_into_view_if_needed()
        expect(link).to_have_attribute("aria-disabled", "true")
        assert link.get_attribute("href") is None  # no empty mailto: to open
        expect(page.get_by_role("button", name="Copy email")).to_have_attribute("aria-disabled", "true")
    finally:
        page.context.close()


def test_the_progress_bar_reads_as_done_of_total_and_shows_in_forced_colours(
    browser: Browser, site_url: str
) -> None:
    page = open_article(browser, site_url, forced_colors="active")
    try:
        boxes = page.locator("[data-guide-item]")
        for i in range(3):
            boxes.nth(i).check()
        total = boxes.count()
        bar = page.locator("[data-guide-progress-bar]")
        expect(bar).to_have_attribute("aria-valuetext", f"3 of {total}")
        expect(page.get_by_role("progressbar", name="Checklist progress")).to_have_attribute(
            "aria-valuenow", "3"
        )
        styles = bar.evaluate("""(bar) => [getComputedStyle(bar.firstElementChild).backgroundColor,
                                           getComputedStyle(bar).backgroundColor,
                                           bar.firstElementChild.offsetWidth]""")
        assert styles[0] != styles[1] and styles[2] > 0, styles  # the done part stands out from the rest
    finally:
        page.context.close()


def test_each_think_it_through_heading_names_its_section(browser: Browser, site_url: str) -> None:
    page = open_article(browser, site_url)
    try:
        names = [h.text_content() for h in page.locator(".guide-notes__title").all()]
        assert len(names) > 1 and len(set(names)) == len(names), names
        assert all(name.startswith("Think it through") for name in names)
    finally:
        page.context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_an_eight_line_note_prints_whole_without_the_on_screen_help(
    browser: Browser, site_url: str, paper: str
) -> None:
    page = open_article(browser, site_url)
    try:
        lines = [f"Line {n} of my note: the point number {n}." for n in range(1, 9)]
        note = page.locator("[data-guide-note=where-it-went-wrong]")
        note.fill("\n".join(lines))
        note.evaluate("el => el.scrollTop = el.scrollHeight")  # scrolled to its end on screen
        text = " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(page.pdf(format=paper))).pages
        )
        missing = [line for line in lines if line not in text]
        assert missing == []
        assert "Write your answers here" not in text
    finally:
        page.context.close()


# ---------------------------------------------------------------------------------------------
# The Nu HTML Checker (https://validator.github.io/validator/), the W3C's validator


def vnu_jar() -> Path:
    candidates = [os.environ.get("VNU_JAR"), ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"]
    found = next((Path(c) for c in candidates if c and Path(c).is_file()), None)
    if found is None or shutil.which("java") is None:
        pytest.fail(
            "The Nu HTML Checker is needed: a Java runtime (`sudo apt-get install default-jre-headless`) and "
            "`npm i vnu-jar` in the repo (or VNU_JAR pointing at vnu.jar).",
            pytrace=False,
        )
    return found


def test_the_nu_html_checker_finds_no_error_in_the_guides_own_markup(built_site: Path) -> None:
    pages = [
        built_site / "index.html",
        built_site / ARTICLE / "index.html",
        built_site / ARTICLE / "checklist" / "index.html",
    ]
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr)["messages"]
    # Material's own markup (its md- elements) has known errors that are not the guide's to fix.
    ours = [m for m in messages if m["type"] == "error" and 'class="md-' not in m.get("extract", "")]
    assert messages, "the checker reported nothing at all: is it checking?"
    assert ours == [], json.dumps(ours, indent=1)
