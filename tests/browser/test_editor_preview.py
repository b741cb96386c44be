"""The preview beside the editor's form (overrides/admin/guide-preview.js), in real Chromium
against the editor's local backend, in a copy of the repository (test_editor.py's fixtures).

Each test writes an article of its own into the copy (decap-server reads the folder as it is, so
the editor lists it without a rebuild), opens it in the form and reads the preview's frame: the
article as a reader sees it, and the guide's rules in `make check`'s words, checked against the
check itself on the same file. The `opened` fixture fails a test whose page asked anything of a
server other than the site and decap-server.
"""

# ruff: noqa: F811 (the fixtures of test_editor.py, imported, are the tests' arguments)
from __future__ import annotations

import copy
from typing import Any

import yaml

from guide_core import print_budget
from test_editor import Editor, editor, editor_server, opened  # noqa: F401 (fixtures)

BASE: dict[str, Any] = {
    "slug": "preview-of-a-salary-talk",
    "title": "Preview of a Salary Talk",
    "summary": "How to ask for the salary you are worth, and get it in writing.",
    "published": "2026-01-05",
    "intro": "An offer is the start of a **conversation**.\n\n- Know your number\n- Say it once",
    "sections": [
        {
            "id": "know-your-worth",
            "heading": "Know your worth",
            "body": "Find what people in your role earn.",
            "checklist": [
                {"id": "list-three-sources", "text": "List three salary sources"},
                {"id": "write-your-number", "text": "Write down your number"},
            ],
            "prompts": [{"id": "what-do-you-earn", "question": "What do you earn now?"}],
        },
        {
            "id": "follow-up",
            "heading": "Follow up",
            "body": "Confirm what you agreed in writing.",
            "checklist": [{"id": "send-the-email", "text": "Send the confirmation email"}],
        },
    ],
    "email": {
        "subject": "Our conversation about the {role} offer",
        "body": "Dear {manager_name},\n\nThank you for the offer for the {role} role.\n\nKind regards,",
        "fields": [
            {"name": "manager_name", "label": "Manager's name", "example": "Ms Okafor"},
            {"name": "role", "label": "The role", "example": "Data Analyst"},
        ],
    },
}


def _article(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def _open(page, editor: Editor, data: dict[str, Any]):
    """Write `data` as an article of the copy, open it in the form; the preview's frame."""
    path = editor.project / "docs/articles" / f"{data['slug']}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page.goto(editor.url + f"admin/#/collections/articles/entries/{data['slug']}")
    page.reload()  # the editor lists the folder's files once: a file written since is new to it
    frame = page.frame_locator("#preview-pane")
    frame.locator("h1", has_text=data["title"]).wait_for()
    return frame


def _problems(frame) -> list[str]:
    return frame.locator("[data-guide-preview-problem]").all_inner_texts()


def _check_messages(editor: Editor) -> str:
    return editor.check().stdout


def test_the_preview_shows_the_article_with_a_box_per_item_and_the_email_filled(
    opened, editor: Editor
) -> None:
    frame = _open(opened, editor, BASE)
    for section in BASE["sections"]:
        frame.get_by_role("heading", name=section["heading"]).wait_for()
        for item in section["checklist"]:
            box = frame.get_by_role("checkbox", name=item["text"], exact=True)
            assert box.count() == 1, f"{item['text']!r}: no box to tick in the preview"
            box.check()  # a real box, as on the page
            assert box.is_checked()
    assert frame.get_by_text(BASE["sections"][0]["prompts"][0]["question"]).count() == 1
    assert frame.locator("strong", has_text="conversation").count() == 1  # the intro's Markdown, sketched
    email = frame.locator("[data-guide-preview-email]")
    body = email.locator(".guide-email__body").inner_text()
    assert "Dear Ms Okafor," in body and "for the Data Analyst role" in body and "{" not in body
    assert "Our conversation about the Data Analyst offer" in email.inner_text()
    # The site's own stylesheets reach the frame: Material lays the checklist out as the page does.
    sheets = frame.locator("link[rel=stylesheet]").evaluate_all("links => links.map(link => link.href)")
    assert any("/assets/guide.css" in sheet for sheet in sheets) and any(
        "/assets/stylesheets/main." in sheet for sheet in sheets
    )
    assert frame.locator(".guide-checklist").first.evaluate("el => getComputedStyle(el).borderStyle") != ""
    assert _problems(frame) == []
    fits = frame.locator("[data-guide-preview-budget]").inner_text()
    used = sum(lines for _, lines in print_budget.print_lines(BASE))
    assert f"it takes {used} of the {print_budget.LINE_BUDGET} lines" in fits


def test_a_checklist_too_long_for_its_printed_page_says_so_in_the_checks_words(
    opened, editor: Editor
) -> None:
    long = _article(slug="preview-too-long")
    long["sections"][1]["checklist"] = [
        {
            "id": f"step-{n}",
            "text": f"Step {n}: write down what you agreed, and who said it, before you leave",
        }
        for n in range(45)
    ]
    expected = [
        message
        for _, message in print_budget.print_budget_problems(long, lambda where, message: (where, message))
    ]
    assert expected, "the table's long checklist fits: make it longer"
    frame = _open(opened, editor, long)
    problems = _problems(frame)
    assert any(problem.endswith(": " + expected[0]) for problem in problems), problems
    assert expected[0] in _check_messages(editor)
    assert frame.locator("[data-guide-preview-budget]").count() == 0


def test_a_placeholder_that_names_no_field_is_named_as_the_check_names_it(opened, editor: Editor) -> None:
    data = _article(slug="preview-unknown-placeholder")
    data["email"]["body"] = "Dear {manager_nmae},\n\nThank you for the {role} offer."
    data["email"]["fields"].append({"name": "manager_name_unused", "label": "Unused"})
    frame = _open(opened, editor, data)
    message = (
        "the placeholder {manager_nmae} names no field: declare it under email.fields, or fix the spelling"
    )
    assert message in _check_messages(editor)
    assert any(problem.endswith(": " + message) for problem in _problems(frame)), _problems(frame)
    # Filled as far as it can be: the unknown blank marked, the known one filled.
    body = frame.locator("[data-guide-preview-email] .guide-email__body")
    assert body.locator("mark").inner_text() == "[manager_nmae]" and "Data Analyst" in body.inner_text()


def test_ids_used_twice_and_a_tag_outside_the_allowlist_are_listed(opened, editor: Editor) -> None:
    data = _article(slug="preview-ids-and-tags")
    data["sections"][1]["checklist"].append({"id": "list-three-sources", "text": "Again"})
    data["sections"][1]["body"] = "Watch this: <iframe>video</iframe>"
    frame = _open(opened, editor, data)
    checked = _check_messages(editor)
    problems = _problems(frame)
    refused = "the HTML tag <iframe> is not allowed in an article"
    assert refused in checked and any("this tag will be refused" in p and refused in p for p in problems), (
        problems
    )
    unique = "ids must be unique in an article"
    assert "the checklist item id 'list-three-sources' is already used on line" in checked
    assert any(
        p.startswith("Section 2 (“Follow up”), checklist item 2:")
        and "the checklist item id 'list-three-sources' is already used (section 1" in p
        and p.endswith(unique)
        for p in problems
    ), problems


def test_a_draft_says_it_will_not_be_published(opened, editor: Editor) -> None:
    frame = _open(opened, editor, _article(slug="preview-draft", draft=True))
    note = frame.locator("[data-guide-preview-draft]")
    assert "will not be published" in note.inner_text()
    published = _open(opened, editor, _article(slug="preview-not-a-draft", title="Not a Draft"))
    assert published.locator("[data-guide-preview-draft]").count() == 0


def test_the_preview_asks_nothing_of_other_sites(opened, editor: Editor) -> None:
    """Pictures and links to other sites in an article's text: the preview shows them without
    fetching anything (the `opened` fixture fails the test on any request outside the site)."""
    data = _article(slug="preview-outside")
    data["intro"] = "See ![a chart](https://example.org/chart.png) and [a study](https://example.org/study)."
    data["sections"][0]["body"] = '<img src="https://example.org/pixel.gif" alt="">'
    frame = _open(opened, editor, data)
    assert frame.get_by_text("[picture: a chart]").count() == 1
    assert frame.get_by_role("link", name="a study").get_attribute("href") == "https://example.org/study"
    frame.locator("[data-guide-preview-rules]").wait_for()
