"""The files the editor writes through its real form (Chromium, the local backend, a copy of the
repository: test_editor.py's fixtures) are the guide's files: the seed saved unchanged is its
file byte for byte; saved with one item changed, only that line changed; an article made in the
form has the header comment, literal Markdown blocks, flow tags and the skeleton's layout (held
by test_editor_format_rules.py's rules, read from the skeleton `make article` writes); each
passes yamllint --strict with the project's rules and `make check`."""

# ruff: noqa: F811 (the fixtures of test_editor.py, imported, are the tests' arguments)
from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from support import wait_for
from test_editor import SEED_TITLE, Editor, _add, _field, _publish, editor, editor_server, opened, seed  # noqa: F401 (fixtures)
from test_editor_format_rules import layout_problems, lint, read, with_final_line_break


def _changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def _guide_checks(editor: Editor, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert lint(text) == [], f"yamllint --strict refused {path.name}:\n{text}"
    checked = editor.check()
    assert checked.returncode == 0, (
        f"make check refused {path.name}:\n{checked.stdout}\n{checked.stderr}\n{text}"
    )


def test_the_seed_saved_unchanged_is_its_file_and_one_change_is_one_line(
    opened, editor: Editor, seed: Path
) -> None:
    page = opened
    original = seed.read_text(encoding="utf-8")
    first = read(original)["sections"][0]["checklist"][0]["text"]
    page.get_by_role("link", name=SEED_TITLE).click()
    box = page.get_by_label("Text", exact=True).first
    box.wait_for()

    # Saved unchanged: Decap saves only an entry it saw change, so a box is filled and emptied
    # (an empty optional field, which the format leaves out): the file is the same, byte for byte.
    hint = page.get_by_label("Hint (optional)", exact=True).first
    assert hint.input_value() == ""
    hint.fill("x")
    hint.fill("")
    _save(page, seed)
    assert seed.read_text(encoding="utf-8") == original, _changed_lines(
        original, seed.read_text(encoding="utf-8")
    )
    _guide_checks(editor, seed)

    # One item's text changed: that line, and no other, differs.
    box.fill(first + " today")
    _save(page, seed)
    after = seed.read_text(encoding="utf-8")
    assert _changed_lines(original, after) == [f"-        text: {first}", f"+        text: {first} today"], (
        after
    )
    _guide_checks(editor, seed)

    # And changed back, the file is the seed's again.
    box.fill("")
    box.fill(first)
    _save(page, seed)
    assert seed.read_text(encoding="utf-8") == original, _changed_lines(
        original, seed.read_text(encoding="utf-8")
    )


def _save(page, path: Path) -> None:
    mtime = path.stat().st_mtime_ns
    _publish(page)
    wait_for(lambda: path.stat().st_mtime_ns != mtime, f"the editor to save {path.name}")
    # Saved, as the form says too (its Publish button goes until the next change): typing
    # before then races the form's reload of the entry.
    page.get_by_role("button", name="Publish", exact=True).wait_for(state="detached")


TITLE = "Ask for a raise: yes, now"


def test_an_article_made_in_the_form_is_written_in_the_guide_s_layout(opened, editor: Editor) -> None:
    page = opened
    page.goto(editor.url + "admin/#/collections/articles/new")
    _field(page, "Title").fill(TITLE)
    summary = (
        "How to ask for the raise you have earned, with the numbers to back it, and what to do "
        "when the answer is no."
    )
    _field(page, "Summary").fill(summary)
    for tag in ("pay", "negotiation"):
        _add(page, "tag")
        _field(page, "Tag").fill(tag)
    _field(page, "Intro").fill("A raise is a conversation.\n\nHere is how to have it: **calmly**.")
    _add(page, "section")
    _field(page, "ID").fill("know-your-worth")
    _field(page, "Heading").fill("Know your worth")
    _field(page, "Body").fill("- Find three salary surveys\n- Note the range")
    _add(page, "checklist item")
    _field(page, "ID").fill("find-surveys")
    _field(page, "Text").fill("Find three salary surveys")
    _add(page, "prompt")
    _field(page, "ID").fill("what-range")
    _field(page, "Question").fill("What range did you find?")
    _field(page, "Subject (optional)").fill("About my pay: {role}")
    _field(page, "Body (optional)").fill("Dear {manager},\n\nCould we talk about my pay?")
    for name, label in (("manager", "Manager's name"), ("role", "Your role")):
        _add(page, "field")
        _field(page, "Name").fill(name)
        _field(page, "Label").fill(label)
    _publish(page)
    written = editor.project / "docs/articles" / "ask-for-a-raise-yes-now.yml"
    wait_for(written.is_file, f"the editor to write {written.name}")
    text = written.read_text(encoding="utf-8")

    assert layout_problems(text) == [], text
    assert "tags: [pay, negotiation]\n" in text and "intro: |\n" in text and "summary: >-\n" in text, text
    assert text.startswith("# yaml-language-server: $schema=../../guide_core/article.schema.json\n#\n# "), (
        text
    )
    article = read(text)
    assert article["title"] == TITLE and article["summary"] == summary
    assert (
        article["intro"]
        == with_final_line_break(article)["intro"]
        == "A raise is a conversation.\n\nHere is how to have it: **calmly**.\n"
    )
    assert article["email"]["subject"] == "About my pay: {role}"
    assert yaml.safe_load(text)["tags"] == ["pay", "negotiation"]
    _guide_checks(editor, written)
