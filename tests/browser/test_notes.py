"""Debrief notes, and a reader's data as a file, in real Chromium (issue #7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import settle, wait_for_widgets
from guide_core.loader import load_article
from support import SEED_FILE, SEED_SLUG

ARTICLE = load_article(SEED_FILE)
PWN = "<img src=x onerror=window.__pwned=1>"
OTHER_KEY = "career-guide:/:v1:another-article:notes"
OTHER_VALUE = json.dumps({"version": 1, "data": {"notes": {"q": "keep me"}}})


def open_article(page, site_url: str) -> None:
    page.goto(f"{site_url}articles/{SEED_SLUG}/")
    wait_for_widgets(page)


def note(page, prompt_id: str):
    return page.locator(f"[data-guide-note={prompt_id}]")


def box(page, item_id: str):
    return page.locator(f"input[data-guide-item={item_id}]")


def storage(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def article_keys(page) -> dict[str, str]:
    return {k: v for k, v in storage(page).items() if f":{SEED_SLUG}:" in k}


def status(page):
    return page.locator("[data-guide-data-status]")


def write_some_of_everything(page) -> None:
    box(page, "go-home-and-destress").check()
    box(page, "list-positives").check()
    note(page, "where-it-went-wrong").fill("I froze on the salary question.\nTwice.")
    note(page, "what-went-well").fill("The portfolio walk-through \U0001f600")
    note(page, "points-missed").fill("I have led a team of five.")
    page.locator("[data-guide-email-field=interviewer_name]").fill("Ms Patel")
    page.locator("[data-guide-email-field=your_name]").fill("Sam Lee")


def export(page, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Export my notes").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path


def import_file(page, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import notes from a file").click()
    chooser.value.set_files(str(path))


# ---------------------------------------------------------------------------------------------
# Notes


def test_every_prompt_is_a_labelled_note_field(page, site_url: str) -> None:
    open_article(page, site_url)
    for prompt in ARTICLE.prompts:
        field = page.get_by_label(prompt.question, exact=True)
        assert field.is_visible() and field.evaluate("el => el.tagName") == "TEXTAREA"
    hinted = page.get_by_label("Was it really as major as it felt?")
    assert "minor issue" in hinted.evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
    )


def test_notes_are_kept_as_they_are_typed_even_with_a_quick_reload(page, site_url: str) -> None:
    open_article(page, site_url)
    note(page, "where-it-went-wrong").press_sequentially("Nerves")
    page.reload()  # straight away: no save button, no waiting
    wait_for_widgets(page)
    assert note(page, "where-it-went-wrong").input_value() == "Nerves"
    note(page, "what-went-well").fill("Good questions\nfrom me")
    page.reload()
    wait_for_widgets(page)
    assert note(page, "what-went-well").input_value() == "Good questions\nfrom me"
    assert note(page, "where-it-went-wrong").input_value() == "Nerves"
    stored = [json.loads(v)["data"] for k, v in article_keys(page).items() if k.endswith(":notes")]
    assert stored == [
        {"notes": {"where-it-went-wrong": "Nerves", "what-went-well": "Good questions\nfrom me"}}
    ]


def test_the_missed_points_note_fills_the_email_until_the_reader_edits_it_there(page, site_url: str) -> None:
    open_article(page, site_url)
    clarification = page.locator("[data-guide-email-field=clarification]")
    body = page.locator("[data-guide-email-out=body]")
    note(page, "points-missed").fill("I have led a team of five.")
    assert clarification.input_value() == "I have led a team of five."
    assert "from our conversation: I have led a team of five." in body.text_content()

    # The reader's own edit in the email wins over later changes to the note...
    clarification.fill("I led a team of five for two years.")
    note(page, "points-missed").fill("I have led a team of five. And more.")
    assert clarification.input_value() == "I led a team of five for two years."
    assert "I led a team of five for two years." in body.text_content()
    page.reload()
    wait_for_widgets(page)
    assert clarification.input_value() == "I led a team of five for two years."

    # ...until they ask for the note again.
    page.get_by_role("button", name="Use my note again").click()
    assert clarification.input_value() == "I have led a team of five. And more."
    assert "I have led a team of five. And more." in body.text_content()
    note(page, "points-missed").fill("Only this.")
    assert clarification.input_value() == "Only this."


def test_markup_typed_into_notes_is_shown_as_text(page, site_url: str, tmp_path: Path) -> None:
    open_article(page, site_url)
    note(page, "points-missed").fill(PWN)
    note(page, "where-it-went-wrong").fill("<b>bold</b> & <script>window.__pwned=2</script>")
    page.reload()
    wait_for_widgets(page)
    assert page.evaluate("window.__pwned") is None
    assert note(page, "points-missed").input_value() == PWN
    assert PWN in page.locator("[data-guide-email-out=body]").inner_text()
    assert page.locator(".guide-notes img, .guide-email img, .guide-notes b").count() == 0
    text = export(page, tmp_path).read_text(encoding="utf-8")
    assert f"> {PWN}" in text and "> <b>bold</b> & <script>window.__pwned=2</script>" in text
    assert page.evaluate("window.__pwned") is None


def test_without_javascript_the_prompts_are_questions_to_think_about(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}articles/{SEED_SLUG}/")
        for prompt in ARTICLE.prompts:
            assert page.get_by_text(prompt.question, exact=True).is_visible()
        assert page.locator("[data-guide-note]").first.is_hidden()
        assert page.get_by_text("Questions to think about").first.is_visible()
        assert page.locator("[data-guide-data]").is_hidden()  # nothing is kept, nothing to export
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Export and import


def test_export_is_readable_markdown_and_import_restores_everything_elsewhere(
    page, browser, site_url: str, tmp_path: Path
) -> None:
    open_article(page, site_url)
    write_some_of_everything(page)
    # What is kept, part by part (a write's note to other tabs of what it changed is no data).
    before = {name: json.loads(text)["data"] for name, text in article_keys(page).items()}
    path = export(page, tmp_path)
    assert path.name == f"{SEED_SLUG}-notes.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# My notes: {ARTICLE.title}\n")
    assert "- [x] Get home and destress instead of beating yourself up" in text
    assert (
        f"## Checklist\n\n### {ARTICLE.sections[0].heading}\n\n- [" in text
    )  # headings and items as the page shows them
    assert "- [ ] Do something you enjoy, or wash the experience away with a long bath" in text
    assert "### Where did it go wrong?\n\n> I froze on the salary question.  \n> Twice." in text
    assert "### What will you do better next time?\n\n_No note yet._" in text
    assert "**Subject:** Thank you for your time: [The role you interviewed for] interview" in text
    assert (
        "> Dear Ms Patel," in text and "> I would also like to add a little clarification on a point" in text
    )

    fresh = browser.new_context()  # another browser, as far as storage goes
    try:
        other = fresh.new_page()
        open_article(other, site_url)
        assert not box(other, "go-home-and-destress").is_checked()
        import_file(other, path)
        status(other).filter(has_text="imported").wait_for()
        assert box(other, "go-home-and-destress").is_checked()
        assert box(other, "list-positives").is_checked()
        assert not box(other, "no-decisions-yet").is_checked()
        assert note(other, "where-it-went-wrong").input_value() == "I froze on the salary question.\nTwice."
        assert note(other, "what-went-well").input_value() == "The portfolio walk-through \U0001f600"
        assert other.locator("[data-guide-email-field=your_name]").input_value() == "Sam Lee"
        assert (
            other.locator("[data-guide-email-field=clarification]").input_value()
            == "I have led a team of five."
        )
        assert {name: json.loads(text)["data"] for name, text in article_keys(other).items()} == before
    finally:
        fresh.close()


def test_import_over_existing_data_asks_first(page, site_url: str, tmp_path: Path) -> None:
    open_article(page, site_url)
    note(page, "what-went-well").fill("From the file")
    path = export(page, tmp_path)
    note(page, "what-went-well").fill("Typed since")
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    import_file(page, path)
    status(page).filter(has_text="cancelled").wait_for()
    assert "Replace" in messages[0]
    assert note(page, "what-went-well").input_value() == "Typed since"
    page.once("dialog", lambda dialog: dialog.accept())
    import_file(page, path)
    status(page).filter(has_text="imported").wait_for()
    assert note(page, "what-went-well").input_value() == "From the file"


def _variants(good: str) -> dict[str, tuple[str, str]]:
    start = good.rindex("<!-- career-guide-notes")
    block = json.loads(good[start + len("<!-- career-guide-notes") : good.index("-->", start)])

    def with_block(data: object) -> str:
        return good[:start] + "<!-- career-guide-notes\n" + json.dumps(data) + "\n-->\n"

    return {
        "plain markdown": ("# My shopping list\n\n- [x] milk\n", "not a notes file"),
        "truncated": (good[: start + 60], "not a notes file"),
        "broken json": (good[:start] + '<!-- career-guide-notes\n{"format": \n-->\n', "damaged"),
        "foreign format": (with_block({**block, "format": "something-else"}), "not a notes file"),
        "other article": (
            with_block({**block, "article": "another-article", "title": "Another"}),
            "“Another”",
        ),
        "newer version": (with_block({**block, "version": 2}), "different version"),
        "bad ticks": (with_block({**block, "parts": {"checklist": {"ticked": "all"}}}), "damaged"),
        "bad notes": (with_block({**block, "parts": {"notes": {"notes": {"x": 1}}}}), "damaged"),
    }


def test_a_corrupt_or_foreign_file_is_refused_and_changes_nothing(
    page, site_url: str, tmp_path: Path
) -> None:
    open_article(page, site_url)
    write_some_of_everything(page)
    good = export(page, tmp_path).read_text(encoding="utf-8")
    note(page, "where-it-went-wrong").fill("Changed after the export")
    before = storage(page)
    page.evaluate("window.__stayed = true")  # gone if the page reloads
    for name, (text, expected) in _variants(good).items():
        path = tmp_path / f"{name.replace(' ', '-')}.md"
        path.write_text(text, encoding="utf-8")
        status(page).evaluate("el => { el.textContent = '' }")  # so each message is this file's
        import_file(page, path)
        status(page).filter(has_text=expected).wait_for()
        assert "Nothing was changed." in status(page).text_content(), name
        assert status(page).is_visible()
        assert storage(page) == before, name
        assert page.evaluate("window.__stayed") is True, name
    assert note(page, "where-it-went-wrong").input_value() == "Changed after the export"
    assert box(page, "go-home-and-destress").is_checked()


# ---------------------------------------------------------------------------------------------
# Delete


def test_delete_my_data_clears_this_article_and_no_other(page, site_url: str) -> None:
    open_article(page, site_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [OTHER_KEY, OTHER_VALUE])
    write_some_of_everything(page)
    assert {k.rsplit(":", 1)[1] for k in article_keys(page)} == {"checklist", "notes", "email"}

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Delete my data").click()
    assert box(page, "go-home-and-destress").is_checked() and len(article_keys(page)) == 3

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete my data").click()
    status(page).filter(has_text="deleted").wait_for()
    assert article_keys(page) == {}
    assert storage(page)[OTHER_KEY] == OTHER_VALUE
    assert not box(page, "go-home-and-destress").is_checked()
    assert not box(page, "list-positives").is_checked()
    assert note(page, "where-it-went-wrong").input_value() == ""
    assert page.locator("[data-guide-email-field=your_name]").input_value() == ""
    assert "[Your name]" in page.locator("[data-guide-email-out=body]").text_content()


# ---------------------------------------------------------------------------------------------
# Accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_notes_and_data_widgets(
    browser, site_url: str, scheme: str, tmp_path: Path
) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        open_article(page, site_url)
        write_some_of_everything(page)
        path = tmp_path / "bad.md"
        path.write_text("not a notes file", encoding="utf-8")
        import_file(page, path)  # the error message is part of the widget too
        status(page).filter(has_text="Nothing was changed").wait_for()
        settle(page)  # the focused button's colour transition (Material's) has ended
        results = Axe().run(page, context={"include": [[".guide-notes"], [".guide-data"]]})
        assert results.response["violations"] == [], results.generate_report()
    finally:
        context.close()
