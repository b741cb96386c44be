"""Email templates refuse braces that would reach readers as typed, and header-breaking text."""

from __future__ import annotations

import time  # process_time: the CPU time of this test, not disturbed by other work on the machine

import pytest

from guide_core.loader import ArticleErrors, parse_article
from guide_core.placeholders import stray_braces
from support import FIXTURES

MINIMAL = (FIXTURES / "valid/minimal.yml").read_text(encoding="utf-8")
EMAIL = """
email:
  subject: "{subject}"
  body: |
    {body}
  fields:
    - name: company
      label: The company
    - name: role
      label: The role
"""


def problems_for(subject: str, body: str = "About {role} at {company}.") -> list:
    text = MINIMAL + EMAIL.replace("{subject}", subject).replace("{body}", body)
    try:
        parse_article(text, source="a.yml")
    except ArticleErrors as errors:
        return list(errors.problems)
    return []


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("Thanks {{company}}", 7, "single braces"),
        ("Thanks {role at your firm", 7, "never closed"),
        ("Thanks company}", 14, "closes no placeholder"),
        ("Thanks {company}}", 16, "closes no placeholder"),
        ("Thanks {Company}", 7, "lower-case letters"),
        ("Thanks {}", 7, "lower-case letters"),
    ],
)
def test_stray_braces_are_found_where_they_are(text: str, offset: int, words: str) -> None:
    (stray,) = stray_braces(text)
    assert stray.offset == offset and words in stray.message


def test_well_formed_placeholders_have_no_stray_brace() -> None:
    assert list(stray_braces("Dear {company}, about {role}: {company}")) == []


@pytest.mark.parametrize(
    "subject", ["Thanks {{company}} {role}", "Thanks {role at {company}", "Thanks company} {role} {company}"]
)
def test_an_article_with_stray_braces_is_refused_at_the_brace(subject: str) -> None:
    problems = problems_for(subject)
    brace = [p for p in problems if p.field == "email.subject"]
    assert brace, problems
    line = (MINIMAL + EMAIL).splitlines()[brace[0].line - 1]
    assert line.startswith('  subject: "') and brace[0].column > len('  subject: "')


@pytest.mark.parametrize(
    "subject",
    [
        "Thanks\\r\\nBcc: x@evil.example {company} {role}",
        "Thanks {company} {role}\\u0007",
        "Hi\\u2028Bcc: x {company} {role}",
    ],
)
def test_a_subject_with_a_line_break_or_control_character_is_refused(subject: str) -> None:
    assert [p for p in problems_for(subject) if p.field == "email.subject"]


def test_a_to_with_a_hidden_bcc_is_refused() -> None:
    text = MINIMAL + EMAIL.replace("{subject}", "Thanks {company}").replace("{body}", "About {role}.")
    text = text.replace("email:\n", 'email:\n  to: "hr@example.com\\r\\nBcc: x@evil.example"\n')
    with pytest.raises(ArticleErrors) as caught:
        parse_article(text, source="a.yml")
    assert [p for p in caught.value.problems if p.field == "email.to"]


@pytest.mark.parametrize("unit", ["{", "}", "{{", "{a", "{a}}", "{{a}"])
def test_stray_braces_take_linear_time(unit: str) -> None:
    text = unit * (300_000 // len(unit))
    started = time.process_time()
    found = sum(1 for _ in stray_braces(text))
    assert found >= 1
    assert time.process_time() - started < 2.0
