"""The table of email cases (tests/fixtures/email-cases.yml) against the composer a reader types
into, in Chromium and in Firefox: a site built with one article per case, whose email template is
the case's, each value put in its box as a reader's typing leaves it, and the preview, the "still
to fill in" line and the word count read back. The core holds guide_core/email_template.py to
the same table (tests/core/test_email_cases.py), so the browser cannot drift from the Python."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from browser_support import serve
from email_cases import CASES, Case
from engines import Tab, wait
from guide_core import email_template as et
from support import CONTENT, build_ok, copy_project

# Every widget on the page has started (the composer starts once it is near: scrolled to).
STARTED = """async () => {
  for (const root of document.querySelectorAll('[data-guide-module]')) {
    root.scrollIntoView();
    if (!root.hasAttribute('data-guide-ready')) return false;
  }
  return true;
}"""

# Puts each value in its box and says it as an input event, as typing or pasting does; returns
# what each box then holds (a textarea makes CRLF LF, a one-line box drops line breaks).
TYPE = """(values) => {
  const held = {};
  for (const [name, value] of Object.entries(values)) {
    const box = document.querySelector(`[data-guide-email-field="${name}"]`);
    box.value = value;
    box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    held[name] = box.value;
  }
  return held;
}"""

# What the reader sees in the composer's preview.
SHOWN = """() => {
  const out = (name) => document.querySelector(`[data-guide-email-out="${name}"]`);
  const marks = (name) => [...(out(name)?.querySelectorAll("mark") || [])].map((mark) => mark.textContent);
  return {
    to: out("to")?.textContent ?? "",
    subject: out("subject").textContent,
    body: out("body").textContent,
    marks: { to: marks("to"), subject: marks("subject"), body: marks("body") },
    other_elements: out("body").querySelectorAll(":not(mark)").length,
    missing: out("missing").textContent,
    done: out("missing").classList.contains("guide-email__todo--done"),
    count: out("count").textContent,
    pwned: window.__pwned ?? null,
  };
}"""

# The composer's own module, run on a template (null: the page's own) and values.
FILL = """async ([template, values]) => {
  const module = await import(new URL("../../assets/guide-email.js", location.href));
  template ??= JSON.parse(document.querySelector("[data-guide-email]").dataset.guideEmail);
  const email = module.fillEmail(template, values);
  return {
    to: email.to, subject: email.subject, body: email.body,
    missing: email.missing.map((field) => field.name),
    left_out: email.leftOut,
    words: module.wordCount(email.body),
  };
}"""

BUILT = [case for case in CASES if not case.refused]


def slug(case: Case) -> str:
    return f"email-{case.id}"


@pytest.fixture(scope="module")
def cases_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with an article per case the check accepts, built once for the module."""
    base = tmp_path_factory.mktemp("email-cases")
    project = copy_project(base / "project")
    for case in BUILT:
        article = yaml.safe_dump(case.article(slug(case)), allow_unicode=True, sort_keys=False)
        (project / CONTENT / f"{slug(case)}.yml").write_text(article, encoding="utf-8")
    return build_ok(project, base / "site")


@pytest.fixture(scope="module")
def cases_url(cases_site: Path) -> Iterator[str]:
    url, server = serve(cases_site)
    yield url
    server.shutdown()


# The labels of the blanks among a part's pieces, as the preview marks them.
def blanks(pieces: tuple[et.Piece, ...]) -> list[str]:
    return [piece.text for piece in pieces if isinstance(piece, et.Blank)]


def expected_fill(case: Case) -> dict:
    return {key: case.expected[key] for key in ("to", "subject", "body", "missing", "left_out", "words")}


@pytest.mark.parametrize("case", BUILT, ids=[case.id for case in BUILT])
def test_the_composer_writes_each_case_as_the_table_says(tab: Tab, cases_url: str, case: Case) -> None:
    tab.goto(f"{cases_url}articles/{slug(case)}/")
    wait(tab, STARTED)
    held = tab.evaluate(TYPE, case.values)
    fields = {field["name"]: field for field in case.fields}
    for name, value in case.values.items():  # the table gives what a box can hold
        one_line = fields[name].get("kind", "text") != "paragraph"
        assert held[name] == (value if one_line else value.replace("\r\n", "\n")), f"{case.title}: {name}"

    shown = tab.evaluate(SHOWN)
    assert {part: shown[part] for part in ("to", "subject", "body")} == {
        part: case.expected[part] for part in ("to", "subject", "body")
    }, case.title
    words = re.match(r"\d[\d,.\u00a0\u202f]*", shown["count"])
    assert words and int(re.sub(r"\D", "", words.group())) == case.expected["words"], shown["count"]
    labels = {field["name"]: field["label"] for field in case.fields}
    missing = {labels[name] for name in case.expected["missing"]}
    assert {label for label in labels.values() if label in shown["missing"]} == missing, shown["missing"]
    assert shown["done"] == (not missing)
    # The blanks the preview marks are the Python's, part by part; what was typed stays text.
    pieces = et.fill(case.email, case.values).pieces
    assert shown["marks"] == {part: blanks(pieces[part]) for part in pieces}
    assert shown["other_elements"] == 0 and shown["pwned"] is None

    # The module on the page's own template: the paragraphs it leaves out and the fields it misses.
    assert tab.evaluate(FILL, [None, case.values]) == expected_fill(case), case.title


EMPTY = [case for case in BUILT if not case.values]


@pytest.mark.parametrize("case", EMPTY, ids=[case.id for case in EMPTY])
def test_the_page_as_built_shows_the_empty_form_the_table_gives(cases_site: Path, case: Case) -> None:
    # What a reader sees before the script starts (or without it): the build's own preview.
    html = (cases_site / "articles" / slug(case) / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    out = lambda name: page.select_one(f"[data-guide-email-out={name}]")  # noqa: E731
    shown = {part: out(part).get_text() if out(part) else "" for part in ("to", "subject", "body")}
    assert shown == {part: case.expected[part] for part in ("to", "subject", "body")}, case.title
    pieces = et.fill(case.email, {}).pieces
    assert [mark.get_text() for mark in out("body").select("mark")] == blanks(pieces["body"])
    assert re.match(rf"{case.expected['words']}\b", out("count").get_text())
    labels = {field["name"]: field["label"] for field in case.fields}
    assert {label for label in labels.values() if label in out("missing").get_text()} == {
        labels[name] for name in case.expected["missing"]
    }


@pytest.mark.parametrize("case", [case for case in CASES if case.refused], ids=lambda case: case.id)
def test_the_module_fills_a_template_no_article_can_carry_as_the_table_says(
    tab: Tab, cases_url: str, case: Case
) -> None:
    # No page carries such a template: the module fills the split the build would hand it.
    tab.goto(f"{cases_url}articles/{slug(BUILT[0])}/")
    wait(tab, STARTED)
    filled = tab.evaluate(FILL, [et.client_template(case.email), case.values])
    assert filled == expected_fill(case), case.title
