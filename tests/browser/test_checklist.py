"""The article checklist in real Chromium: ticks remembered on this device, progress, reset.

What a reader would notice: a tick that is gone after a reload, a second tab that disagrees,
a reset that asks nothing or clears too much, a page that breaks when storage is refused or
holds rubbish, a checklist that needs JavaScript, a widget that doubles up after instant
navigation, and anything axe-core flags on it.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser_support import serve, wait_for_material, wait_for_widgets
from guide_core.loader import load_article
from guide_core.page_ids import page_id
from support import SEED_FILE, SEED_SLUG, build_ok

ARTICLE = f"articles/{SEED_SLUG}/"
SEED = load_article(SEED_FILE)
ITEM_IDS = [item.id for item in SEED.checklist]
TOTAL = len(ITEM_IDS)

STATUS = "[data-guide-progress-status]"
NOTE = "[data-guide-progress-note]"
BOXES = "input[type=checkbox][data-guide-item]"

# Storage refused, two ways: writes throw (private window, full quota), or the localStorage
# getter itself throws (cookies blocked for the site). The message names the caller.
WRITES_THROW = """
Storage.prototype.setItem = function () { throw new DOMException("refused", "QuotaExceededError"); };
"""
GETTER_THROWS = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException(`refused ${new Error().stack}`, "SecurityError"); },
});
"""
# Counts what the page does, across instant navigations (one document, one window).
COUNTERS = """
window.__checklistWrites = 0;
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key).endsWith(":checklist")) window.__checklistWrites += 1;
  return setItem.call(this, key, value);
};
window.__storageListeners = 0;  // the checklist's own: other widgets listen too
const fromChecklist = () => new Error().stack.includes("guide-checklist.js");
const add = EventTarget.prototype.addEventListener;
const remove = EventTarget.prototype.removeEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (this === window && type === "storage" && fromChecklist()) window.__storageListeners += 1;
  return add.call(this, type, ...rest);
};
EventTarget.prototype.removeEventListener = function (type, ...rest) {
  if (this === window && type === "storage" && fromChecklist()) window.__storageListeners -= 1;
  return remove.call(this, type, ...rest);
};
window.__checklistEvents = 0;
document.addEventListener("guide:checklist", () => { window.__checklistEvents += 1; });
"""


def open_article(page: Page, site_url: str) -> Page:
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    return page


def box(page: Page, item_id: str):
    return page.locator("#" + page_id("item", item_id))


def ticked(page: Page) -> list[str]:
    return page.locator(BOXES).evaluate_all(
        "boxes => boxes.filter(b => b.checked).map(b => b.dataset.guideItem)"
    )


def stored(page: Page) -> dict[str, str]:
    """This origin's localStorage entries for the article's checklist, raw."""
    return page.evaluate(
        "slug => Object.fromEntries(Object.entries(localStorage)"
        ".filter(([k]) => k.endsWith(`:${slug}:checklist`)))",
        SEED_SLUG,
    )


def stored_ticks(page: Page) -> set[str]:
    (raw,) = stored(page).values()
    return set(json.loads(raw)["data"]["ticked"])


def test_box_label_and_space_tick_and_a_reload_keeps_them(page: Page, site_url: str) -> None:
    open_article(page, site_url)
    expect(page.locator(STATUS)).to_have_text(f"0 of {TOTAL} done")

    box(page, ITEM_IDS[0]).click()
    page.locator(f"label[for={page_id('item', ITEM_IDS[1])}]").click()
    box(page, ITEM_IDS[2]).focus()
    page.keyboard.press("Space")

    expect(page.locator(STATUS)).to_have_text(f"3 of {TOTAL} done")
    assert page.locator("[data-guide-progress-bar]").evaluate(
        "bar => [+bar.ariaValueNow, +bar.ariaValueMax]"
    ) == [3, TOTAL]
    page.reload()
    expect(page.locator(STATUS)).to_have_text(f"3 of {TOTAL} done")
    assert ticked(page) == ITEM_IDS[:3]

    page.locator(f"label[for={page_id('item', ITEM_IDS[1])}]").click()  # untick is remembered too
    page.reload()
    wait_for_widgets(page)
    assert ticked(page) == [ITEM_IDS[0], ITEM_IDS[2]]


def test_everything_ticked_shows_a_distinct_done_state(page: Page, site_url: str) -> None:
    open_article(page, site_url)
    progress = page.locator("[data-guide-progress]")
    for item_id in ITEM_IDS:
        box(page, item_id).check()
    expect(page.locator(STATUS)).to_have_text(f"All {TOTAL} done")
    expect(progress).to_have_class(re.compile(r"\bguide-progress--done\b"))
    expect(progress.locator(".guide-progress__icon")).to_be_visible()

    box(page, ITEM_IDS[-1]).uncheck()
    expect(page.locator(STATUS)).to_have_text(f"{TOTAL - 1} of {TOTAL} done")
    expect(progress.locator(".guide-progress__icon")).to_be_hidden()


def test_a_second_tab_has_the_ticks_and_tabs_follow_each_other_live(
    context: BrowserContext, site_url: str
) -> None:
    first = open_article(context.new_page(), site_url)
    box(first, ITEM_IDS[0]).check()

    second = open_article(context.new_page(), site_url)
    assert ticked(second) == [ITEM_IDS[0]]

    box(second, ITEM_IDS[4]).check()  # no reload of the first tab
    expect(box(first, ITEM_IDS[4])).to_be_checked()
    expect(first.locator(STATUS)).to_have_text(f"2 of {TOTAL} done")

    box(first, ITEM_IDS[0]).uncheck()
    expect(box(second, ITEM_IDS[0])).not_to_be_checked()

    second.once("dialog", lambda dialog: dialog.accept())
    second.get_by_role("button", name="Reset checklist").click()
    expect(first.locator(STATUS)).to_have_text(f"0 of {TOTAL} done")
    assert ticked(first) == []


def test_reset_asks_first_and_clears_only_this_articles_ticks(page: Page, site_url: str) -> None:
    open_article(page, site_url)
    box(page, ITEM_IDS[0]).check()
    box(page, ITEM_IDS[1]).check()
    (checklist_key,) = stored(page)
    notes_key = checklist_key.removesuffix("checklist") + "notes"
    other_key = checklist_key.replace(f":{SEED_SLUG}:", ":another-article:")
    keep = json.dumps({"version": 1, "data": {"notes": {"where-it-went-wrong": "the salary question"}}})
    page.evaluate(
        "([a, b, value]) => { localStorage.setItem(a, value); localStorage.setItem(b, value); }",
        [notes_key, other_key, keep],
    )
    reset = page.get_by_role("button", name="Reset checklist")

    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    reset.click()
    assert messages and "Reset" in messages[0]
    expect(page.locator(STATUS)).to_have_text(f"2 of {TOTAL} done")
    assert stored_ticks(page) == set(ITEM_IDS[:2])

    page.once("dialog", lambda dialog: dialog.accept())
    reset.click()
    expect(page.locator(STATUS)).to_have_text(f"Checklist reset: 0 of {TOTAL} done")
    assert ticked(page) == [] and stored(page) == {}
    assert page.evaluate("keys => keys.map(k => localStorage.getItem(k))", [notes_key, other_key]) == [
        keep,
        keep,
    ]
    page.reload()
    wait_for_widgets(page)
    assert ticked(page) == []


@pytest.mark.parametrize("refusal", [WRITES_THROW, GETTER_THROWS], ids=["writes-throw", "getter-throws"])
def test_with_storage_refused_ticking_works_and_a_note_says_so_once(
    context: BrowserContext, site_url: str, refusal: str
) -> None:
    context.add_init_script(refusal)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(error.stack or str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    open_article(page, site_url)
    note = page.locator(NOTE)
    expect(note).to_have_text("")  # nothing to say before the reader ticks anything
    note.evaluate(
        """note => { window.__noteChanges = 0;
        new MutationObserver(() => { window.__noteChanges += 1; })
          .observe(note, { childList: true, characterData: true, subtree: true }); }"""
    )

    for item_id in ITEM_IDS[:3]:
        box(page, item_id).check()

    expect(page.locator(STATUS)).to_have_text(f"3 of {TOTAL} done")
    expect(note).to_be_visible()
    expect(note).to_contain_text("will be forgotten")
    assert page.evaluate("window.__noteChanges") == 1  # said once, not once per tick
    assert note.get_attribute("role") == "status"
    # Material's own inline __md_get reads localStorage outside its try/catch and throws when
    # the getter does (its problem, not the checklist's): only other errors count here.
    assert [error for error in errors if "__md_get" not in error] == []


def test_without_javascript_the_checkboxes_are_there_labelled_and_clickable(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + ARTICLE)
        assert page.locator(BOXES).count() == TOTAL
        for item in SEED.checklist:
            expect(page.get_by_label(item.text, exact=True)).to_have_id(page_id("item", item.id))
        page.get_by_text(SEED.checklist[0].text, exact=True).click()
        expect(box(page, SEED.checklist[0].id)).to_be_checked()
        # No progress line, no button that would do nothing.
        expect(page.locator("[data-guide-progress]")).to_be_hidden()
        expect(page.get_by_role("button", name="Reset checklist")).to_have_count(0)
    finally:
        context.close()


@pytest.mark.parametrize(
    "value",
    [
        "{not json",
        json.dumps({"version": 0, "data": {"ticked": [ITEM_IDS[0]]}}),  # an older version
        json.dumps({"version": 1, "data": {"ticked": ITEM_IDS[0]}}),  # the wrong shape
        json.dumps([ITEM_IDS[0]]),
    ],
    ids=["not-json", "old-version", "wrong-shape", "bare-list"],
)
def test_corrupt_or_old_stored_data_is_discarded_without_an_error(
    page: Page, site_url: str, value: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    open_article(page, site_url)
    box(page, ITEM_IDS[0]).check()
    (key,) = stored(page)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, value])

    page.reload()
    wait_for_widgets(page)  # the status line is drawn by the build: wait for the module itself
    expect(page.locator(STATUS)).to_have_text(f"0 of {TOTAL} done")
    assert ticked(page) == [] and stored(page) == {}  # dropped, not kept around
    box(page, ITEM_IDS[1]).check()
    assert stored_ticks(page) == {ITEM_IDS[1]}
    assert errors == []


def test_ticks_survive_a_rebuild_that_rewords_reorders_and_removes_items(
    built_site: Path, project: Path, tmp_path: Path, context: BrowserContext
) -> None:
    # The new build: one item reworded (same id), one removed, one added, a section's
    # items reordered. Served from the same folder, so the same origin and storage.
    source = project / "docs" / "articles" / f"{SEED_SLUG}.yml"
    text = source.read_text(encoding="utf-8")
    edits = {
        "text: Get home and destress instead of beating yourself up": "text: Go home and unwind first",
        "      - id: no-decisions-yet\n"
        "        text: Make no post-interview decisions until your mind is straight\n": "",
        "      - id: list-positives\n        text: Find the positives you can take away, and build on them\n"
        "      - id: commend-yourself\n"
        "        text: Highlight the best parts and commend yourself for doing well in them\n": (
            "      - id: commend-yourself\n"
            "        text: Highlight the best parts and commend yourself for doing well in them\n"
            "      - id: list-positives\n"
            "        text: Find the positives you can take away, and build on them\n"
            "      - id: write-down-one-win\n        text: Write down one thing that went well\n"
        ),
    }
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")
    new_site = build_ok(project, tmp_path / "new-site")

    served = tmp_path / "served"
    shutil.copytree(built_site, served)
    url, server = serve(served)
    # Routing turns Playwright's HTTP cache off, so a reload fetches the new build.
    context.route("**/*", lambda route: route.continue_())
    try:
        page = open_article(context.new_page(), url)
        for item_id in ("go-home-and-destress", "no-decisions-yet", "list-positives"):
            box(page, item_id).check()

        shutil.rmtree(served)
        shutil.copytree(new_site, served)
        page.reload()
        wait_for_widgets(page)

        expect(page.get_by_label("Go home and unwind first", exact=True)).to_be_checked()
        expect(box(page, "no-decisions-yet")).to_have_count(0)
        assert sorted(ticked(page)) == ["go-home-and-destress", "list-positives"]
        expect(page.locator(STATUS)).to_have_text(f"2 of {TOTAL} done")  # one removed, one added

        box(page, "write-down-one-win").check()  # the next save forgets the removed id
        assert stored_ticks(page) == {"go-home-and-destress", "list-positives", "write-down-one-win"}
    finally:
        server.shutdown()


def test_instant_navigation_away_and_back_sets_the_checklist_up_exactly_once(
    instant_site: str, context: BrowserContext
) -> None:
    navigate_back_and_forth(context, instant_site)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_wrong_with_the_checklist(browser: Browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    context.add_init_script(WRITES_THROW)  # so the storage note is on the page too
    try:
        page = open_article(context.new_page(), site_url)
        box(page, ITEM_IDS[0]).check()
        expect(page.locator(NOTE)).not_to_have_text("")
        findings = axe_findings(page)
        for item_id in ITEM_IDS:
            box(page, item_id).check()
        expect(page.locator(STATUS)).to_have_text(f"All {TOTAL} done")
        findings += axe_findings(page)
        assert findings == []
    finally:
        context.close()


def test_at_320_px_wide_the_progress_line_fits_without_scrolling_sideways(
    browser: Browser, site_url: str
) -> None:
    # 320 CSS px is 1280 px at 400% zoom, the WCAG reflow width; 200% zoom is wider than this.
    context = browser.new_context(viewport={"width": 320, "height": 800})
    try:
        page = open_article(context.new_page(), site_url)
        box(page, ITEM_IDS[0]).check()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for part in (
            STATUS,
            "[data-guide-progress-bar]",
            "[data-guide-progress-action=reset]",
            ".guide-checklist",
        ):
            bounds = page.locator(part).first.bounding_box()
            assert bounds and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 320, part
    finally:
        context.close()


def axe_findings(page: Page) -> list[tuple[str, str]]:
    """(rule id, element) for every axe violation the checklist causes on the article page.

    axe checks the whole page but reports only findings in the checklist's own elements (the
    progress block and the section checklists): the other widgets and Material's own known
    findings (the search dialog's name, the footer's contrast) are tested where they live.
    """
    violations = Axe().run(page).response["violations"]
    found = [(v["id"], " ".join(map(str, node["target"]))) for v in violations for node in v["nodes"]]
    ours = page.evaluate(
        """targets => targets.map(t => { const e = document.querySelector(t);
          return Boolean(e && e.closest(".guide-progress, .guide-checklist")); })""",
        [target for _, target in found],
    )
    return [finding for finding, mine in zip(found, ours, strict=True) if mine]


def navigate_back_and_forth(context: BrowserContext, site_url: str) -> None:
    """Article -> home -> article three times (links and history), then one tick."""
    context.add_init_script(COUNTERS)
    page = open_article(context.new_page(), site_url)
    assert page.evaluate("window.__storageListeners") == 1
    page.evaluate("window.__sameDocument = true")

    for way_back in ("link", "link", "history"):
        page.locator(".md-nav--primary a.md-nav__link", has_text="Home").click()
        page.wait_for_url(site_url)
        expect(page.locator("[data-guide-progress]")).to_have_count(0)
        if way_back == "link":
            page.locator(f".md-content a[href*='{SEED_SLUG}']").first.click()
        else:
            page.go_back()
        page.wait_for_url(site_url + ARTICLE)
        expect(page.locator(STATUS)).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True, "instant navigation is off: nothing was tested"
    assert page.evaluate("window.__storageListeners") == 1  # the old pages' listeners are gone

    events = page.evaluate("window.__checklistEvents")
    box(page, ITEM_IDS[0]).click()
    expect(page.locator(STATUS)).to_have_text(f"1 of {TOTAL} done")
    assert page.evaluate("window.__checklistWrites") == 1
    assert page.evaluate("window.__checklistEvents") == events + 1

    page.get_by_role("button", name="Reset checklist").click()  # dialogs are dismissed unless handled
    assert ticked(page) == [ITEM_IDS[0]]


def test_arriving_from_the_home_page_by_instant_navigation_loads_the_checklist(
    instant_site: str, context: BrowserContext
) -> None:
    # The home page loads no widget module; following a link to an article must load and
    # start the checklist without a page load.
    page = context.new_page()
    page.goto(instant_site)
    assert page.evaluate("[...document.scripts].filter(s => s.src.includes('guide-checklist')).length") == 0
    page.evaluate("window.__sameDocument = true")
    wait_for_material(page)
    page.locator(f".md-content a[href*='{SEED_SLUG}']").first.click()
    page.wait_for_url(instant_site + ARTICLE)
    expect(page.locator(STATUS)).to_have_text(f"0 of {TOTAL} done")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation is off: nothing was tested"
    box(page, ITEM_IDS[0]).click()
    expect(page.locator(STATUS)).to_have_text(f"1 of {TOTAL} done")
    assert stored_ticks(page) == {ITEM_IDS[0]}


def test_ticks_made_after_instant_navigation_are_there_after_a_reload(
    instant_site: str, context: BrowserContext
) -> None:
    # The storage key must not depend on the page the visit started on, and Material must not
    # be handed inline scripts it cannot run (it re-creates them without their type).
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(instant_site)
    page.evaluate("window.__sameDocument = true")
    wait_for_material(page)
    page.locator(f".md-content a[href*='{SEED_SLUG}']").first.click()
    page.wait_for_url(instant_site + ARTICLE)
    wait_for_widgets(page)
    assert page.evaluate("window.__sameDocument") is True, "instant navigation is off: nothing was tested"
    box(page, ITEM_IDS[0]).click()
    expect(page.locator(STATUS)).to_have_text(f"1 of {TOTAL} done")
    page.reload()
    wait_for_widgets(page)
    expect(page.locator(STATUS)).to_have_text(f"1 of {TOTAL} done")
    expect(box(page, ITEM_IDS[0])).to_be_checked()
    assert errors == []


def test_an_items_link_opens_the_article_at_that_item_marked_with_its_tick_kept(
    context: BrowserContext, site_url: str
) -> None:
    page = context.new_page()
    open_article(page, site_url)
    target = ITEM_IDS[len(ITEM_IDS) // 2]
    box(page, target).click()
    # The reader copies the item's link (the "#" beside it, named for the item) ...
    link = page.locator(f".guide-checklist__item:has(#{page_id('item', target)}) .guide-checklist__permalink")
    expect(link).to_have_accessible_name(re.compile(r"^Link to this item: "))
    address = link.evaluate("a => a.href")
    assert address.endswith("#" + page_id("item", target))
    # ... and opens it later, in another tab: the item is on screen, marked, its tick kept.
    other = context.new_page()
    other.goto(address)
    # (wait_for_widgets would scroll the page: wait for the checklist where the link put us)
    other.wait_for_selector("[data-guide-module=checklist][data-guide-ready]", state="attached")
    item = other.locator(f".guide-checklist__item:has(#{page_id('item', target)})")
    expect(item).to_be_in_viewport()
    header_bottom = other.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert (
        item.evaluate("li => li.getBoundingClientRect().top") >= header_bottom - 1
    )  # not under the sticky header
    marked = item.evaluate("li => getComputedStyle(li).backgroundColor")
    plain = other.locator(".guide-checklist__item").first.evaluate(
        "li => getComputedStyle(li).backgroundColor"
    )
    assert marked != plain
    expect(box(other, target)).to_be_checked()
    assert ticked(other) == [target]
