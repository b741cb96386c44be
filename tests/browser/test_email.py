"""The thank-you email composer as a reader uses it in real Chromium (issue #6). How each template
and set of values fills in is the case table's (tests/browser/test_email_cases_in_browser.py)."""

from __future__ import annotations

import email
import email.policy
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import wait_for_widgets
from guide_core import email_template as et
from guide_core.loader import load_article
from support import SEED_FILE, SEED_SLUG

ARTICLE = load_article(SEED_FILE)
TEMPLATE = ARTICLE.email
VALUES = {
    "interviewer_name": "Ms Patel",
    "interviewer_email": "a.patel@example.com",
    "role": "Marketing Assistant",
    "company": "Northwind Traders",
    "your_name": "Sam Lee",
}
PWN = "<img src=x onerror=window.__pwned=1>"
# No CSS transition is running (getAnimations() flushes styles first, so one a focus has just
# started is among them).
SETTLED = """() => document.getAnimations()
  .every((animation) => !(animation instanceof CSSTransition) || animation.playState == "finished")"""


def open_article(page, site_url: str) -> None:
    page.goto(f"{site_url}articles/{SEED_SLUG}/")
    wait_for_widgets(page)


def field(page, name: str):
    return page.locator(f"[data-guide-email-field={name}]")


def fill(page, values: dict[str, str]) -> None:
    for name, value in values.items():
        field(page, name).fill(value)


def preview(page) -> dict[str, str]:
    parts = ("to", "subject", "body")
    return {name: page.locator(f"[data-guide-email-out={name}]").text_content() for name in parts}


def stored_draft(page) -> dict | None:
    raw = page.evaluate(
        """() => Object.entries(localStorage)
          .filter(([k]) => k.endsWith(':email')).map(([, v]) => v)[0] ?? null"""
    )
    return None if raw is None else json.loads(raw)["data"]


# ---------------------------------------------------------------------------------------------
# The preview


def test_filling_every_field_writes_the_email_in_the_preview(page, site_url: str) -> None:
    open_article(page, site_url)
    values = {**VALUES, "clarification": "I have led a team of five, not three."}
    fill(page, values)
    expected = et.fill(TEMPLATE, values)
    assert preview(page) == {"to": expected.to, "subject": expected.subject, "body": expected.body}
    assert "I have led a team of five, not three." in page.locator(".guide-email__body").inner_text()
    todo = page.locator("[data-guide-email-out=missing]")
    assert todo.text_content() == "Everything the email needs is filled in."
    assert page.locator(".guide-email__body mark").count() == 0


def test_empty_required_fields_show_as_blanks_and_are_named(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, {"interviewer_name": "Ms Patel", "role": "Marketing Assistant"})
    blanks = page.locator(".guide-email__body mark.guide-email__missing")
    assert blanks.all_text_contents() == ["[The company]", "[Your name]"]
    assert blanks.first.is_visible()
    todo = page.locator("[data-guide-email-out=missing]")
    assert todo.text_content() == "Still to fill in: The company and Your name."
    # The optional clarification paragraph is left out while it is empty.
    assert "clarification" not in preview(page)["body"]
    typed = {"interviewer_name": "Ms Patel", "role": "Marketing Assistant"}
    assert preview(page)["body"] == et.fill(TEMPLATE, typed).body


def test_markup_and_unusual_text_show_as_text_and_never_run(page, site_url: str) -> None:
    open_article(page, site_url)
    rtl = "\u05ea\u05d5\u05d3\u05d4 \u05e8\u05d1\u05d4"
    typed = {
        "interviewer_name": PWN,
        "role": '"Lead" & <script>window.__pwned=2</script> \U0001f600',
        "company": rtl,
        "your_name": "Sam",
        "clarification": f"{PWN}\n<b>bold</b>",
    }
    fill(page, typed)
    assert page.evaluate("window.__pwned") is None
    body = page.locator(".guide-email__body")
    assert PWN in body.inner_text() and "<b>bold</b>" in body.inner_text()
    assert rtl in body.inner_text()
    ran = ".guide-email img, .guide-email script:not([type]), .guide-email__body b"
    assert page.locator(ran).count() == 0
    assert '"Lead" & <script>window.__pwned=2</script> \U0001f600' in preview(page)["subject"]
    assert page.get_by_text(PWN, exact=False).first.is_visible()
    page.reload()
    wait_for_widgets(page)
    assert page.evaluate("window.__pwned") is None
    assert field(page, "interviewer_name").input_value() == PWN
    assert PWN in body.inner_text()


# ---------------------------------------------------------------------------------------------
# Word count


def test_the_word_count_warns_past_the_articles_limit(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, VALUES)
    count = page.locator("[data-guide-email-out=count]")
    warning = page.locator("[data-guide-email-out=long]")
    words = et.word_count(et.fill(TEMPLATE, VALUES).body)
    assert count.text_content() == f"{words} words (keep it under {TEMPLATE.word_limit})"
    assert warning.text_content() == ""
    # The clarification paragraph brings its own words: find the note that tips it over.
    note = next(
        text
        for n in range(1, TEMPLATE.word_limit)
        if et.fill(TEMPLATE, {**VALUES, "clarification": (text := " ".join(["word"] * n))}).words
        == TEMPLATE.word_limit + 1
    )
    field(page, "clarification").fill(" ".join(["word"] * (len(note.split()) - 1)))
    assert count.text_content().startswith(f"{TEMPLATE.word_limit} words")
    assert warning.text_content() == ""
    field(page, "clarification").fill(note)
    assert count.text_content().startswith(f"{TEMPLATE.word_limit + 1} words")
    assert "getting long" in warning.text_content()
    assert warning.is_visible()
    field(page, "clarification").fill("Just one point.")
    assert warning.text_content() == ""


# ---------------------------------------------------------------------------------------------
# Outputs


def test_the_mailto_link_decodes_to_exactly_the_preview(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, {**VALUES, "role": "R&D + QA? #1 100% \u00e9t\u00e9", "clarification": "First line\nsecond"})
    href = page.get_by_role("link", name="Open in email app").get_attribute("href")
    assert href.startswith("mailto:a.patel@example.com?")
    assert "+" not in href and " " not in href and "\n" not in href
    assert "%0D%0A" in href and "%20" in href
    query = urlsplit(href).query
    params = {k: v for k, v in (pair.split("=", 1) for pair in query.split("&"))}
    assert set(params) == {"subject", "body"}
    shown = preview(page)
    assert unquote(params["subject"]) == shown["subject"]
    assert unquote(params["body"]) == shown["body"].replace("\n", "\r\n")


def test_a_mailto_link_that_would_be_too_long_offers_copy_instead(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, VALUES)
    link = page.locator("[data-guide-email-action=mailto]")
    note = page.locator("[data-guide-email-out=toolong]")
    assert link.get_attribute("href").startswith("mailto:") and not note.is_visible()
    field(page, "clarification").fill("x" * 10_000)
    assert link.get_attribute("href") is None
    assert link.get_attribute("aria-disabled") == "true"
    assert note.is_visible() and "Copy email" in note.text_content()
    assert ("x" * 10_000) in preview(page)["body"]
    field(page, "clarification").fill("Short.")
    assert link.get_attribute("href").startswith("mailto:") and not note.is_visible()


def test_copy_email_puts_subject_and_body_on_the_clipboard(page, context, site_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    open_article(page, site_url)
    fill(page, VALUES)
    page.get_by_role("button", name="Copy email").click()
    status = page.locator("[data-guide-email-out=status]")
    status.filter(has_text="Copied").wait_for()
    assert status.get_attribute("role") == "status"
    shown = preview(page)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"Subject: {shown['subject']}\n\n{shown['body']}"


def test_copy_falls_back_when_there_is_no_clipboard_api(page, context, site_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    open_article(page, site_url)
    fill(page, VALUES)
    page.get_by_role("button", name="Copy email").click()
    page.locator("[data-guide-email-out=status]").filter(has_text="Copied").wait_for()
    reader = context.new_page()  # a page that still has the Clipboard API, to read it back
    reader.goto(site_url)
    shown = preview(page)
    copied = reader.evaluate("navigator.clipboard.readText()")
    assert copied == f"Subject: {shown['subject']}\n\n{shown['body']}"


def test_download_eml_is_an_unsent_draft_with_the_right_headers(page, site_url: str) -> None:
    open_article(page, site_url)
    role = "Caf\u00e9 manager \U0001f600 " + "long " * 30
    values = {**VALUES, "role": role, "clarification": "Line one\nline two"}
    fill(page, values)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download .eml").click()
    download = info.value
    assert download.suggested_filename.endswith(".eml")
    raw = Path(download.path()).read_bytes()
    assert b"\r\n\r\n" in raw and all(len(line) <= 998 for line in raw.split(b"\r\n"))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    shown = preview(page)
    assert message["X-Unsent"] == "1"
    assert message["To"] == "a.patel@example.com"
    assert message["Subject"] == shown["subject"]
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["MIME-Version"] == "1.0"
    assert message.get_content().replace("\r\n", "\n") == shown["body"]
    assert not message.defects


def test_no_typed_character_adds_a_header_to_the_eml(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, VALUES)
    # An email field drops CR and LF itself; these other line breaks and controls it keeps.
    for breaker in ("\u2028", "\u0085", "\u000b", "\u001b"):
        field(page, "interviewer_email").fill(f"a.patel@example.com{breaker}Bcc: spy@example.net")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download .eml").click()
        raw = Path(info.value.path()).read_bytes().decode("utf-8")
        headers = raw.split("\r\n\r\n", 1)[0].split("\r\n")  # lines end in CRLF, and nothing else
        assert headers[0] == "To: a.patel@example.com Bcc: spy@example.net", repr(breaker)
        assert not any(re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", line) for line in headers), repr(breaker)


# ---------------------------------------------------------------------------------------------
# The draft


def test_the_draft_is_kept_across_a_reload_and_clear_draft_removes_it(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, VALUES)
    before = preview(page)
    page.reload()
    wait_for_widgets(page)
    assert {name: field(page, name).input_value() for name in VALUES} == VALUES
    assert preview(page) == before
    assert stored_draft(page)["fields"] == VALUES

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear draft").click()
    assert all(field(page, name).input_value() == "" for name in VALUES)
    assert "[Interviewer's name]" in preview(page)["body"]
    page.locator("[data-guide-email-out=status]").filter(has_text="Draft cleared").wait_for()
    assert stored_draft(page) is None
    page.reload()
    wait_for_widgets(page)
    assert field(page, "your_name").input_value() == ""


def test_clear_draft_keeps_the_draft_when_the_reader_cancels(page, site_url: str) -> None:
    open_article(page, site_url)
    fill(page, {"your_name": "Sam Lee"})
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Clear draft").click()
    assert field(page, "your_name").input_value() == "Sam Lee"
    assert stored_draft(page)["fields"] == {"your_name": "Sam Lee"}


# ---------------------------------------------------------------------------------------------
# Where it is, and without JavaScript


def test_the_composer_follows_the_section_whose_note_feeds_it(page, site_url: str) -> None:
    open_article(page, site_url)
    assert page.locator("[data-guide-email]").count() == 1
    order = page.evaluate(
        """() => {
            const all = document.querySelectorAll(
                '[data-guide-article] h2[id], [data-guide-email], [data-guide-note]');
            return [...all].map(el => el.dataset.guideNote || el.id || 'email');
        }"""
    )
    assert order[-3:] == ["thank-you-email", "points-missed", "email"]


def test_without_javascript_the_template_is_readable_text(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}articles/{SEED_SLUG}/")
        template = page.locator("[data-guide-email-template]")
        assert template.is_visible()
        text = template.inner_text()
        assert "Subject: Thank you for your time: [The role you interviewed for] interview" in text
        assert "Dear [Interviewer's name]," in text
        assert "[A point you missed or want to clarify (optional)]" in text
        assert "Kind regards,\n[Your name]" in text
        assert not page.locator("[data-guide-email-composer]").is_visible()
        assert not page.get_by_role("button", name="Copy email").is_visible()
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# Accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_composer(browser, site_url: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        open_article(page, site_url)
        results = Axe().run(page, context={"include": [[".guide-email"]]})
        assert results.response["violations"] == [], results.generate_report()
        fill(page, {**VALUES, "clarification": "x " * 200})
        field(page, "clarification").fill("x" * 5_000)  # the too-long mailto state
        page.get_by_role("button", name="Clear draft").focus()  # and a focused button,
        page.wait_for_function(SETTLED)  # once Material's colour transition has ended
        results = Axe().run(page, context={"include": [[".guide-email"]]})
        assert results.response["violations"] == [], results.generate_report()
    finally:
        context.close()
