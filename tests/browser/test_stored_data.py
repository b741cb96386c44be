"""The reader's stored data has one owner, guide-store.js (issue #15): damaged data never breaks a
widget, and export, import and delete cover every part it knows, now and later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_support import wait_for_widgets
from support import SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"
# guide-store.js, beside guide.js: the same module (one instance) as the widgets import.
STORE = "new URL('guide-store.js', document.querySelector('script[src$=\"/guide.js\"]').src)"
# What a browser, an old version or a hand edit may have left in storage, per part.
GARBAGE = {
    "not json": "{",
    "fields null": json.dumps(
        {"version": 1, "data": {"fields": None, "edited": [], "ticked": None, "notes": None}}
    ),
    "edited zero": json.dumps({"version": 1, "data": {"fields": {}, "edited": 0, "ticked": 0, "notes": 0}}),
}


def key(page: Page, part: str) -> str:
    return page.evaluate(
        f"(part) => 'career-guide:' + new URL('..', {STORE}).pathname + ':v1:{SEED_SLUG}:' + part",
        part,
    )


def known_parts(page: Page) -> list[str]:
    """The parts guide-store.js knows, from the module itself: this test keeps no list."""
    return page.evaluate(f"async () => Object.keys((await import({STORE})).PARTS)")


def export(page: Page, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my notes").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def import_file(page: Page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import notes from a file").click()
    chooser.value.set_files(str(path))


def test_a_stored_part_set_to_garbage_is_dropped_and_every_widget_still_works(
    page: Page, site_url: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + ARTICLE)
    parts = known_parts(page)
    assert set(parts) >= {"checklist", "notes", "email"}
    for part in parts:
        for name, garbage in GARBAGE.items():
            page.evaluate(
                "([k, v]) => { localStorage.clear(); localStorage.setItem(k, v) }", [key(page, part), garbage]
            )
            page.reload()
            wait_for_widgets(page)
            assert errors == [], f"{part}={name}: {errors}"
            assert page.evaluate("(k) => localStorage.getItem(k)", key(page, part)) is None, (
                f"{part}={name} kept"
            )
            # Every widget works: a tick, a note and an email field are taken and stored.
            page.locator("[data-guide-item]").first.check()
            expect(page.locator("[data-guide-progress-status]")).to_contain_text("1 of")
            page.locator("[data-guide-note=points-missed]").fill("Led a team")
            page.locator("[data-guide-email-field=role]").fill("Analyst")
            expect(page.locator("[data-guide-email-out=subject]")).to_have_text(
                "Thank you for your time: Analyst interview"
            )
            expect(page.locator("[data-guide-email-out=body]")).to_contain_text("Led a team")
            stored = page.evaluate(
                "() => Object.keys(localStorage).filter((k) => k.startsWith('career-guide:')).map((k) => "
                "k.split(':').pop()).sort()"
            )
            assert stored == ["checklist", "email", "notes"], f"{part}={name}"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda parts: [], "parts: [] would wipe the reader's data"),
        (lambda parts: {}, "an empty file would wipe the reader's data"),
        (lambda parts: {**parts, "email": {**parts["email"], "edited": None}}, "email.edited: null"),
        (lambda parts: {**parts, "email": {**parts["email"], "edited": 0}}, "email.edited: 0"),
        (lambda parts: {**parts, "email": {"fields": None}}, "email.fields: null"),
        (lambda parts: {**parts, "bookmarks": {"ids": []}}, "a part this version does not know"),
    ],
)
def test_import_refuses_a_damaged_file_and_changes_nothing(
    page: Page, site_url: str, tmp_path: Path, change, why: str
) -> None:
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    page.locator("[data-guide-note=points-missed]").fill("Mine")
    page.locator("[data-guide-email-field=role]").fill("Analyst")
    good = export(page, tmp_path).read_text(encoding="utf-8")
    start = good.rindex("<!-- career-guide-notes")
    block = json.loads(good[start + len("<!-- career-guide-notes") : good.index("-->", start)])
    damaged = tmp_path / "damaged.md"
    damaged.write_text(
        good[:start]
        + "<!-- career-guide-notes\n"
        + json.dumps({**block, "parts": change(block["parts"])})
        + "\n-->\n"
    )
    before = page.evaluate("() => ({ ...localStorage })")
    import_file(page, damaged)
    status = page.locator("[data-guide-data-status]")
    expect(status).to_contain_text("Nothing was changed.")
    assert page.evaluate("() => ({ ...localStorage })") == before, why
    expect(page.locator("[data-guide-note=points-missed]")).to_have_value("Mine")


def test_export_and_import_carry_every_part_the_store_knows_including_one_added_later(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    # A part a later version adds: registered in guide-store.js's PARTS, and nowhere else.
    add_part = f"""async () => {{
      const store = await import({STORE});
      store.PARTS.bookmarks = {{ check: (data) => Array.isArray(data.ids) }};
    }}"""
    page.evaluate(add_part)
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [key(page, "bookmarks"), json.dumps({"version": 1, "data": {"ids": ["a"]}})],
    )
    page.locator("[data-guide-note=points-missed]").fill("Mine")
    path = export(page, tmp_path)
    assert '"bookmarks"' in path.read_text(encoding="utf-8")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete my data").click()
    expect(page.locator("[data-guide-data-status]")).to_contain_text("deleted")
    assert page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('career-guide:'))") == []
    import_file(page, path)
    expect(page.locator("[data-guide-data-status]")).to_contain_text("imported")
    assert json.loads(page.evaluate("(k) => localStorage.getItem(k)", key(page, "bookmarks")))["data"] == {
        "ids": ["a"]
    }
    expect(page.locator("[data-guide-note=points-missed]")).to_have_value("Mine")


def test_after_import_or_delete_the_focus_stays_where_the_reader_was(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    page.goto(site_url + ARTICLE)
    wait_for_widgets(page)
    page.locator("[data-guide-item]").first.check()
    path = export(page, tmp_path)
    page.once("dialog", lambda dialog: dialog.accept())
    delete = page.get_by_role("button", name="Delete my data")
    delete.click()
    expect(page.locator("[data-guide-data-status]")).to_contain_text("deleted")
    expect(page.locator("[data-guide-item]").first).not_to_be_checked()  # shown without a reload
    assert page.evaluate("document.activeElement.textContent.trim()") == "Delete my data"
    import_file(page, path)
    expect(page.locator("[data-guide-data-status]")).to_contain_text("imported")
    expect(page.locator("[data-guide-item]").first).to_be_checked()
    assert page.evaluate("document.activeElement.tagName") != "BODY"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Import notes from a file"
