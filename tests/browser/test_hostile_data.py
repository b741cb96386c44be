"""The reader's storage holds whatever an author or a file puts in it (issue #25): ids named like
Object's own properties ("constructor") are only ever the reader's entries, in the notes, the
email, the sheet, export and import; an imported lone surrogate is repaired and never breaks
the composer; a backup the guide writes always imports (a 1 MB note, a note full of <, & and
-->); and a page whose scripts are refused (opened from a folder, file://) says nothing of
keeping. The core paths run in Chromium and in Firefox (tests/engines.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser_support import serve
from engines import CATCH_DOWNLOADS, Tab, downloads, wait
from support import SEED_SLUG, build_ok, copy_project
from test_core_paths import STARTED

ARTICLE = f"articles/{SEED_SLUG}/"
# Object.prototype's only property an id may be named after: the format allows lower-case
# words joined by dashes (ids) and lower-case names with underscores (email fields), which
# leaves out "__proto__", "toString" and "hasOwnProperty" (a file may still hold them: below).
HOSTILE = "constructor"
NOTE = f"[data-guide-note='{HOSTILE}']"
OTHER_NOTE = "[data-guide-note='what-went-well']"
ITEM = f"[data-guide-item='{HOSTILE}']"
FIELD = f"[data-guide-email-field='{HOSTILE}']"
NATIVE = "[native code]"
SHEET_READY = "() => !!document.querySelector('[data-guide-module=print][data-guide-ready]')"
# What says the reader's words are kept, as the English catalogue words it.
PROMISES = re.compile(r"\bkept\b|stays on this device", re.IGNORECASE)


def hostile_article(text: str) -> str:
    """The seed with a section, an item, a prompt and an email field all named "constructor";
    the prompt feeds the field, which the email's last paragraph but one uses."""
    replacements = [
        ("  - id: take-stock\n", f"  - id: {HOSTILE}\n"),
        ("      - id: find-where-it-went-wrong\n", f"      - id: {HOSTILE}\n"),
        (
            "      - id: where-it-went-wrong\n        question: Where did it go wrong?\n",
            f"      - id: {HOSTILE}\n        question: Where did it go wrong?\n        feeds: {HOSTILE}\n",
        ),
        (
            "    Thank you again for your time.",
            f"    On reflection: {{{HOSTILE}}}\n\n    Thank you again for your time.",
        ),
        (
            "  fields:\n",
            f"  fields:\n    - name: {HOSTILE}\n      label: A reflection\n      required: false\n",
        ),
    ]
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    article = project / "docs" / "articles" / f"{SEED_SLUG}.yml"
    article.write_text(hostile_article(article.read_text(encoding="utf-8")), encoding="utf-8")
    return build_ok(project, base / "site")


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    url, server = serve(hostile_site)
    yield url
    server.shutdown()


def open_article(tab: Tab, url: str) -> None:
    tab.goto(url + ARTICLE)
    wait(tab, STARTED)


def value(tab: Tab, selector: str) -> str:
    return tab.evaluate("(selector) => document.querySelector(selector).value", selector)


def set_note(tab: Tab, selector: str, text: str) -> None:
    """Puts `text` in a note as the reader's typing would (one input event): a megabyte typed
    key by key would take minutes."""
    tab.evaluate(
        """([selector, text]) => {
          const field = document.querySelector(selector);
          field.focus();
          field.value = text;
          field.dispatchEvent(new InputEvent('input', { bubbles: true }));
          field.blur();
        }""",
        [selector, text],
    )


def export(tab: Tab, folder: Path) -> Path:
    tab.evaluate(CATCH_DOWNLOADS)
    tab.click("[data-guide-data-action=export]")
    [exported] = downloads(tab)
    path = folder / exported["name"]
    path.write_text(exported["text"], encoding="utf-8")
    return path


def import_into(tab: Tab, path: Path) -> str:
    """Imports `path` on the open article; returns what the status line says."""
    tab.evaluate("() => { document.querySelector('[data-guide-data-status]').textContent = ''; }")
    tab.upload("[data-guide-data-file]", path)
    return wait(tab, "() => document.querySelector('[data-guide-data-status]').textContent.trim()")


def notes_file(notes: dict[str, str], fields: dict[str, str]) -> str:
    """A notes file as the guide writes one, its block's JSON as given (escapes kept as written)."""
    block = {
        "format": "career-guide-notes",
        "version": 1,
        "article": SEED_SLUG,
        "title": "x",
        "parts": {"notes": {"notes": notes}, "email": {"fields": fields, "edited": []}},
    }
    return f"# My notes\n\n<!-- career-guide-notes\n{json.dumps(block, ensure_ascii=True)}\n-->\n"


def test_ids_named_constructor_show_only_the_readers_words_in_notes_email_and_sheet(
    tab: Tab, hostile_url: str
) -> None:
    open_article(tab, hostile_url)
    assert value(tab, NOTE) == "" and value(tab, FIELD) == ""
    tab.click(ITEM)
    tab.type(OTHER_NOTE, "The handshake")
    tab.reload()
    wait(tab, STARTED)
    assert value(tab, NOTE) == "" and value(tab, FIELD) == "" and value(tab, OTHER_NOTE) == "The handshake"
    assert tab.evaluate(f'() => document.querySelector("{ITEM}").checked')
    assert NATIVE not in tab.evaluate("() => document.body.innerText")

    # The sheet starts, with the tick and the note, and the "constructor" room empty.
    tab.goto(hostile_url + ARTICLE + "checklist/")
    wait(tab, SHEET_READY)
    sheet = tab.evaluate("() => document.querySelector('[data-guide-print]').innerText")
    assert NATIVE not in sheet and "The handshake" in sheet
    assert tab.evaluate("(id) => document.querySelector(`[data-guide-sheet-item='${id}']`).checked", HOSTILE)
    assert (
        tab.evaluate("(id) => document.querySelector(`[data-guide-sheet-note='${id}']`).textContent", HOSTILE)
        == ""
    )

    # Its own note, once written, reaches the email it feeds and the sheet.
    open_article(tab, hostile_url)
    tab.type(NOTE, "Too nervous")
    wait(tab, "(selector) => document.querySelector(selector).value == 'Too nervous'", FIELD)
    assert "On reflection: Too nervous" in tab.evaluate(
        "() => document.querySelector('[data-guide-email-out=body]').textContent"
    )
    tab.goto(hostile_url + ARTICLE + "checklist/")
    wait(tab, SHEET_READY)
    assert (
        tab.evaluate("(id) => document.querySelector(`[data-guide-sheet-note='${id}']`).textContent", HOSTILE)
        == "Too nervous"
    )


def test_export_and_import_carry_ids_named_constructor_and_a_files_proto_keys(
    tab: Tab, new_tab, hostile_url: str, tmp_path: Path
) -> None:
    open_article(tab, hostile_url)
    tab.click(ITEM)
    tab.type(OTHER_NOTE, "The handshake")
    backup = export(tab, tmp_path)  # the "constructor" note left empty
    text = backup.read_text(encoding="utf-8")
    assert NATIVE not in text and "The handshake" in text
    other = new_tab()
    open_article(other, hostile_url)
    assert import_into(other, backup) == "Your notes were imported from the file."
    assert value(other, OTHER_NOTE) == "The handshake" and value(other, NOTE) == ""
    assert other.evaluate(f'() => document.querySelector("{ITEM}").checked')

    # A file whose maps name Object's properties: each is an entry like any other.
    odd = tmp_path / "odd-notes.md"
    names = ["__proto__", "toString", "hasOwnProperty", HOSTILE]
    odd.write_text(
        notes_file({name: f"note {name}" for name in names}, {name: f"field {name}" for name in names}),
        encoding="utf-8",
    )
    assert import_into(other, odd) == "Your notes were imported from the file."
    assert value(other, NOTE) == f"note {HOSTILE}" and value(other, OTHER_NOTE) == ""
    other.reload()
    wait(other, STARTED)
    assert value(other, NOTE) == f"note {HOSTILE}"
    again = json.loads(
        export(other, tmp_path)
        .read_text(encoding="utf-8")
        .split("<!-- career-guide-notes")[-1]
        .split("-->")[0]
    )
    assert again["parts"]["notes"]["notes"] == {name: f"note {name}" for name in names}
    assert again["parts"]["email"]["fields"] == {name: f"field {name}" for name in names}


def test_an_imported_lone_surrogate_is_repaired_and_the_composer_works_on_later_visits(
    tab: Tab, hostile_url: str, tmp_path: Path
) -> None:
    broken = tmp_path / "surrogate-notes.md"
    broken.write_text(
        notes_file({HOSTILE: "a\ud800b"}, {"company": "\udc00 Ltd", "role": "x\ud83d"}), encoding="ascii"
    )
    assert "\\ud800" in broken.read_text(encoding="ascii")
    open_article(tab, hostile_url)
    assert import_into(tab, broken) == "Your notes were imported from the file."
    tab.reload()
    wait(tab, STARTED)  # the composer among them
    assert value(tab, NOTE) == "a\ufffdb"
    assert value(tab, "[data-guide-email-field=company]") == "\ufffd Ltd"
    href = tab.evaluate(
        "() => document.querySelector('[data-guide-email-action=mailto]').getAttribute('href')"
    )
    assert href and "%EF%BF%BD%20Ltd" in href
    tab.type("[data-guide-email-field=your_name]", "Sam")
    wait(tab, "() => document.querySelector('[data-guide-email-out=body]').textContent.includes('Sam')")


def test_a_backup_of_a_megabyte_note_and_one_full_of_markup_imports_back_equal(
    tab: Tab, new_tab, hostile_url: str, tmp_path: Path
) -> None:
    big = ("I should have asked about the team. " * 30_000)[:1_000_000]
    markup = '<b>&amp;</b> --> --!> <!-- career-guide-notes {"x": 1} --> <<<&&&>>> ---> <!---->\n' * 3_000
    open_article(tab, hostile_url)
    set_note(tab, "[data-guide-note='points-missed']", big)  # feeds the email: in the file three times
    set_note(tab, OTHER_NOTE, markup)
    set_note(tab, NOTE, "Every note has one: the size alone is tested here")
    backup = export(tab, tmp_path)
    assert backup.stat().st_size > 3_000_000
    other = new_tab()
    open_article(other, hostile_url)
    assert import_into(other, backup) == "Your notes were imported from the file."
    assert value(other, "[data-guide-note='points-missed']") == big
    assert value(other, OTHER_NOTE) == markup
    other.reload()
    wait(other, STARTED)
    assert value(other, OTHER_NOTE) == markup


def test_a_page_whose_scripts_are_refused_says_nothing_of_keeping_until_its_widgets_start(
    tab: Tab, hostile_site: Path, hostile_url: str
) -> None:
    # From a folder (file://), as a saved copy opens: module scripts are refused (Chromium) or
    # run; either way a promise shows only inside a widget that has started.
    tab.goto((hostile_site / ARTICLE / "index.html").as_uri())
    tab.evaluate("() => new Promise((done) => setTimeout(done, 1500))")  # time for any module to start
    if tab.engine == "chromium":
        assert tab.evaluate("() => !document.querySelector('[data-guide-ready]')"), (
            "the modules ran from file://"
        )
    promised = tab.evaluate(
        """(pattern) => [...document.querySelectorAll('[data-guide-module]')]
          .filter((root) => !root.hasAttribute('data-guide-ready'))
          .map((root) => root.innerText).filter((text) => new RegExp(pattern, 'i').test(text))""",
        PROMISES.pattern,
    )
    assert promised == [], promised
    if tab.engine == "chromium":
        assert not PROMISES.search(tab.evaluate("() => document.body.innerText"))
    # Served, the widgets start and say it.
    open_article(tab, hostile_url)
    assert PROMISES.search(
        tab.evaluate("() => document.querySelector('[data-guide-module=notes]').innerText")
    )
