"""A hurried reader on a phone on a slow network (issue #15): nothing entered is lost, the page
does not jump.

Chromium is throttled through the DevTools protocol as Lighthouse's "slow 3G" phone: 2 s of
latency, 50 KB/s each way, the CPU four times slower. The widgets' modules then start seconds
after the page can be read and used.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from browser_support import settle, wait_for_widgets
from support import SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}
NO_THROTTLING = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}

# Sums the layout shifts a reader did not cause (https://web.dev/articles/cls), from the start.
CLS_OBSERVER = """
window.__cls = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__cls += entry.value;
    window.__shifts.push({ value: entry.value, at: Math.round(entry.startTime),
      nodes: entry.sources.map((s) => s.node?.className || s.node?.nodeName || "?") });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


def throttled_phone(browser: Browser) -> tuple[BrowserContext, Page, object]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return context, page, cdp


def unthrottle(cdp) -> None:
    cdp.send("Network.emulateNetworkConditions", NO_THROTTLING)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})


def stored_parts(page: Page) -> dict:
    return page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage)"
        ".filter(([k]) => k.startsWith('career-guide:'))"
        ".map(([k, v]) => [k.split(':').pop(), JSON.parse(v).data]))"
    )


def test_on_slow_3g_ticks_and_notes_entered_at_first_paint_are_kept(browser: Browser, site_url: str) -> None:
    with article_at_first_paint(browser, site_url) as (page, cdp, release, boxes):
        boxes.nth(0).check()
        boxes.nth(1).check()
        missed = page.locator("[data-guide-note=points-missed]")
        missed.fill("I have led a team of five.")  # feeds the email's clarification field
        # All of it was done before any widget had started: that is what this test is about.
        assert page.locator("[data-guide-ready]").count() == 0, "the modules were already running"
        release(load=True)

        progress = page.locator("[data-guide-module=checklist]")
        expect(progress).to_have_attribute("data-guide-ready", "", timeout=60_000)
        expect(boxes.nth(0)).to_be_checked()
        expect(boxes.nth(1)).to_be_checked()
        expect(page.locator("[data-guide-progress-status]")).to_have_text(f"2 of {boxes.count()} done")

        # The note reaches the email once the reader scrolls to it, without a reload.
        composer = page.locator("[data-guide-module=email]")
        composer.scroll_into_view_if_needed()
        expect(composer).to_have_attribute("data-guide-ready", "", timeout=60_000)
        expect(page.locator("[data-guide-email-field=clarification]")).to_have_value(
            "I have led a team of five."
        )
        expect(page.locator("[data-guide-email-out=body]")).to_contain_text("I have led a team of five.")

        expect(page.locator("[data-guide-module=notes]").first).to_have_attribute(
            "data-guide-ready", "", timeout=60_000
        )
        ids = [boxes.nth(i).get_attribute("data-guide-item") for i in (0, 1)]
        parts = stored_parts(page)
        assert parts["checklist"] == {"ticked": ids}
        assert parts["notes"] == {"notes": {"points-missed": "I have led a team of five."}}

        unthrottle(cdp)
        page.reload()
        wait_for_widgets(page)
        expect(boxes.nth(0)).to_be_checked()
        expect(boxes.nth(1)).to_be_checked()
        expect(missed).to_have_value("I have led a team of five.")
        expect(page.locator("[data-guide-email-out=body]")).to_contain_text("I have led a team of five.")


def test_on_slow_3g_scrolling_the_whole_article_the_page_does_not_jump(
    browser: Browser, site_url: str
) -> None:
    context, page, cdp = throttled_phone(browser)
    context.add_init_script(CLS_OBSERVER)
    try:
        page.goto(site_url + ARTICLE, wait_until="commit")
        page.locator("[data-guide-item]").first.wait_for(state="visible", timeout=60_000)
        # Down the article a screen at a time, as a reader reads, while the modules arrive.
        height = page.evaluate("document.documentElement.scrollHeight")
        for _ in range(0, height, 600):
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(
                400
            )  # the reader's pace, a screen each 0.4 s: the scenario, not a wait for the page
        for root in page.locator("[data-guide-module]").all():
            root.scroll_into_view_if_needed()
            expect(root).to_have_attribute("data-guide-ready", "", timeout=60_000)
        settle(page)  # what the last module changed has been drawn (and counted)
        cls, shifts = page.evaluate("[window.__cls, window.__shifts]")
        assert cls <= 0.02, f"CLS {cls:.3f}: {json.dumps(shifts)}"
    finally:
        context.close()


# The widgets' modules held back until released: the reader's input comes, for certain, before
# any of them has started (on a slow network that window lasts about 1.6 s from first paint).
MODULES = "**/assets/guide*.js"


def hold_modules(page: Page):
    held = []
    page.route(MODULES, lambda route: held.append(route))

    # Lets them load (`load=True`: they start on this page), or drops them (the page is left first).
    def release(load: bool = False) -> None:
        for route in held:
            route.continue_() if load else route.abort()
        page.unroute(MODULES)  # (a request held since then is let through)

    return release


@contextmanager
def article_at_first_paint(
    browser: Browser, site_url: str
) -> Iterator[tuple[Page, object, Callable, Locator]]:
    """The article on a throttled phone at its first paint, its modules held back: (the page,
    its CDP session, release() as hold_modules gives it, the checklist's boxes)."""
    context, page, cdp = throttled_phone(browser)
    try:
        release = hold_modules(page)
        page.goto(site_url + ARTICLE, wait_until="commit")
        boxes = page.locator("[data-guide-item]")
        boxes.first.wait_for(state="visible", timeout=60_000)  # first paint
        yield page, cdp, release, boxes
    finally:
        context.close()


def test_on_slow_3g_a_reload_right_after_the_first_tick_and_note_keeps_both(
    browser: Browser, site_url: str
) -> None:
    with article_at_first_paint(browser, site_url) as (page, cdp, release, boxes):
        boxes.nth(0).check()
        page.locator("[data-guide-note=points-missed]").fill("Kept through a reload.")
        page.wait_for_timeout(
            300
        )  # the reader's own 0.3 s before reloading: the scenario, not a wait for the page
        assert page.locator("[data-guide-ready]").count() == 0
        release()
        page.reload(wait_until="commit")
        expect(page.locator("[data-guide-module=checklist]")).to_have_attribute(
            "data-guide-ready", "", timeout=60_000
        )
        expect(boxes.nth(0)).to_be_checked()
        notes = page.locator("[data-guide-note=points-missed]")
        notes.scroll_into_view_if_needed()
        expect(notes.locator("xpath=ancestor::*[@data-guide-module='notes']")).to_have_attribute(
            "data-guide-ready", "", timeout=60_000
        )
        expect(notes).to_have_value("Kept through a reload.")
        assert stored_parts(page)["notes"] == {"notes": {"points-missed": "Kept through a reload."}}


def test_on_slow_3g_the_sheet_opened_before_the_modules_start_prints_the_tick_and_back_keeps_it(
    browser: Browser, site_url: str
) -> None:
    with article_at_first_paint(browser, site_url) as (page, cdp, release, boxes):
        boxes.nth(1).check()
        item = boxes.nth(1).get_attribute("data-guide-item")
        assert page.locator("[data-guide-ready]").count() == 0
        release()
        page.locator(".guide-print-link__link").click()
        expect(page.locator("[data-guide-module=print]")).to_have_attribute(
            "data-guide-ready", "", timeout=60_000
        )
        assert item in stored_parts(page)["checklist"]["ticked"]
        page.go_back(wait_until="commit")
        expect(page.locator("[data-guide-module=checklist]")).to_have_attribute(
            "data-guide-ready", "", timeout=60_000
        )
        expect(boxes.nth(1)).to_be_checked()
