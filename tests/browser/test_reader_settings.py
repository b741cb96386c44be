"""The guide under a reader's own settings (issue #24): forced colours (Windows' contrast themes)
with the dark scheme, WCAG 1.4.12's text spacing, and a phone's width, where Material's
navigation drawer is closed. Colours are read as the browser computes them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import wait_for_widgets
from support import SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"
# WCAG 1.4.12's text spacing, as the bookmarklets apply it.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em "
    "!important; } p { margin-bottom: 2em !important; }"
)

# The contrast of an element's text against what is painted behind it: its own background or,
# where that is transparent, the nearest ancestor's (WCAG's relative luminance).
CONTRAST = """(element) => {
  const rgb = (colour) => colour.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const [R, G, B] = [r, g, b].map((c) => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  let behind = element;
  while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] ?? 1) < 1) behind = behind.parentElement;
  const back = behind ? rgb(getComputedStyle(behind).backgroundColor) : [255, 255, 255];
  const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(back)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.fixture(params=["light", "dark"])
def forced_page(browser: Browser, request) -> Page:
    context = browser.new_context(forced_colors="active", color_scheme=request.param)
    yield context.new_page()
    context.close()


def test_in_forced_colours_the_emails_blanks_and_a_search_hit_can_be_read(
    forced_page: Page, site_url: str
) -> None:
    page = forced_page
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    blanks = page.locator(".guide-email__preview :is(.guide-email__blank, .guide-email__missing)")
    assert blanks.count() > 0
    for contrast in blanks.evaluate_all(f"(blanks) => blanks.map({CONTRAST})"):
        assert contrast >= 4.5
    page.goto(site_url)
    page.locator("input[data-guide-search-query]").click()
    page.keyboard.type("long bath")
    # The hits of the answer on screen, read in one go (an answer is replaced as words arrive).
    expect(page.get_by_role("dialog", name="Search").get_by_role("status")).to_have_text(
        "1 matching document"
    )
    expect(page.locator(".md-search-result mark").first).to_be_attached()
    contrasts = page.evaluate(
        f"() => [...document.querySelectorAll('.md-search-result mark')].map({CONTRAST})"
    )
    assert contrasts and min(contrasts) >= 4.5, contrasts


def test_in_forced_colours_a_ticked_box_on_the_sheet_keeps_its_four_sides(
    forced_page: Page, site_url: str
) -> None:
    page = forced_page
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    page.locator("[data-guide-item]").first.check()
    page.goto(site_url + ARTICLE + "checklist/")
    page.locator("[data-guide-module=print][data-guide-ready]").wait_for(state="attached")
    box = page.locator(".guide-sheet__box:checked")
    assert box.count() == 1
    sides = box.evaluate(
        """(box) => {
          const style = getComputedStyle(box);
          return ['Top', 'Right', 'Bottom', 'Left'].map((side) => [
            style[`border${side}Width`], style[`border${side}Style`], style[`border${side}Color`]]);
        }"""
    )
    assert all(float(width[:-2]) > 0 and style == "solid" for width, style, _ in sides), sides
    assert len({colour for _, _, colour in sides}) == 1, sides
    background = box.evaluate("(box) => getComputedStyle(box).backgroundColor")
    assert sides[0][2] != background


def test_with_wcag_text_spacing_no_label_of_the_email_breaks_inside_a_word(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    page.add_style_tag(content=TEXT_SPACING)
    labels = page.locator(".guide-email__header dt")
    assert labels.count() > 0
    # Each label's words on one line (the lines its text's boxes lie on).
    lines = labels.evaluate_all(
        """(labels) => labels.map((dt) => {
          const text = document.createRange();
          text.selectNodeContents(dt);
          return new Set([...text.getClientRects()].map((box) => Math.round(box.top))).size;
        })"""
    )
    assert lines and all(count == 1 for count in lines), lines


def test_at_a_phones_width_the_closed_navigation_drawer_takes_no_tab_stop(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    drawer = page.locator(".md-sidebar--primary")
    assert drawer.locator("a").count() > 0  # the drawer has links: the test can fail
    # Every Tab stop from the top of the page to the article's first tick box is on screen and
    # outside the closed drawer.
    for _ in range(40):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => {
              const focused = document.activeElement;
              // Material's scheme toggle is a hidden radio button drawn by the label after it.
              const box = (focused.matches('.md-option') ? focused.nextElementSibling : focused)
                .getBoundingClientRect();
              return { inDrawer: !!focused.closest('.md-sidebar--primary'),
                       item: focused.matches('[data-guide-item]'),
                       seen: box.width > 0 && box.right > 0 && box.left < innerWidth,
                       name: focused.outerHTML.slice(0, 80) };
            }"""
        )
        assert not where["inDrawer"] and where["seen"], where
        if where["item"]:
            break
    else:
        pytest.fail("40 Tab stops did not reach the checklist")
    # Opened, the drawer's links take the focus again.
    page.locator(".md-header label[for=__drawer]").click()
    drawer.locator("a").first.wait_for(state="visible")
    assert drawer.locator("a").first.evaluate("(a) => { a.focus(); return document.activeElement === a; }")
