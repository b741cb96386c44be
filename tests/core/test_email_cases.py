"""The table of email cases against the Python that owns the rules (guide_core/email_template.py).
The same table drives the composer in a real browser: tests/browser/test_email_cases.py."""

from __future__ import annotations

import pytest
import yaml

from email_cases import CASES, Case
from guide_core import email_template as et
from guide_core.loader import parse_article
from guide_core.problems import ArticleErrors


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_core_fills_each_case_as_the_table_says(case: Case) -> None:
    filled = et.fill(case.email, case.values)
    got = {
        "to": filled.to,
        "subject": filled.subject,
        "body": filled.body,
        "missing": [field.name for field in filled.missing],
        "left_out": list(filled.left_out),
        "words": filled.words,
    }
    assert got == case.expected, case.title


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_pieces_are_the_text_with_its_blanks_marked(case: Case) -> None:
    # What the preview marks, read back as text, is the email: nothing marked is lost or added.
    filled = et.fill(case.email, case.values)
    labels = {field.label for field in filled.missing}
    for part in ("to", "subject", "body"):
        pieces = filled.pieces[part]
        assert "".join(p if isinstance(p, str) else p.text for p in pieces) == getattr(filled, part)
        assert {p.label for p in pieces if isinstance(p, et.Blank)} <= labels


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_case_is_marked_refused_exactly_when_the_check_refuses_its_template(case: Case) -> None:
    slug = f"email-{case.id}"
    text = yaml.safe_dump(case.article(slug), allow_unicode=True, sort_keys=False)
    try:
        parse_article(text, source=f"{slug}.yml", stem=slug)
    except ArticleErrors as errors:
        assert case.refused, f"{case.title}: the check refuses it, but the table does not say so:\n{errors}"
    else:
        assert not case.refused, f"{case.title}: marked refused ({case.refused}), but the check accepts it"


def test_the_table_has_the_hostile_cases_it_promises() -> None:
    values = " ".join(value for case in CASES for value in case.values.values())
    templates = " ".join(case.subject + case.body for case in CASES)
    assert "<script>" in values and "{" in values  # markup, and a value holding a placeholder
    assert any(len(value) >= 10_000 for case in CASES for value in case.values.values())
    assert any(ord(character) > 0xFFFF for character in values)  # emoji outside the BMP
    assert any(case.body.startswith("{") and case.subject.endswith("}") for case in CASES)
    assert any(case.refused for case in CASES) and "{{" in templates
    assert any(case.expected["left_out"] for case in CASES)
    assert any(case.expected["missing"] for case in CASES)
    assert len({case.title for case in CASES}) == len(CASES)
