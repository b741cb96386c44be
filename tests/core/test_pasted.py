"""What a word processor, a phone or a web editor pastes is named only where YAML reads
structure: the author's own typography inside text is kept as written."""

from __future__ import annotations

from guide_core import loader
from support import FIXTURES

MINIMAL = (FIXTURES / "valid" / "minimal.yml").read_text(encoding="utf-8")


def parsed(text: str):
    return loader.parse_article(text, source="a.yml", stem="minimal")


def test_typographic_quotes_non_breaking_spaces_and_tabs_inside_text_are_the_authors() -> None:
    text = (
        MINIMAL.replace(
            "title: A minimal article",
            "title: Don\u2019t say \u201cnever\u201d, say \u00ab\u00a0bient\u00f4t\u00a0\u00bb",
        )
        .replace("heading: First section", 'heading: "\u201cTiming: Wait\u201d"')
        .replace(
            "      Some advice.\n",
            "      Some advice.\n      \u00a0Indented by a pasted space: the author's text.\n"
            "      A\ttab, and key:\u00a0value, in a block.\n",
        )
        .replace(
            "summary: The smallest article that builds.", "summary: 'It''s the smallest article that builds.'"
        )
    )
    article = parsed(text)
    assert article.title == "Don\u2019t say \u201cnever\u201d, say \u00ab\u00a0bient\u00f4t\u00a0\u00bb"
    assert article.sections[0].heading == "\u201cTiming: Wait\u201d"
    assert (
        "A\ttab" in article.sections[0].body and article.summary == "It's the smallest article that builds."
    )


def test_a_crlf_file_with_a_pasted_space_points_at_its_column() -> None:
    text = MINIMAL.replace("text: Do the thing", "text:\u00a0Do the thing").replace("\n", "\r\n")
    try:
        parsed(text)
    except loader.ArticleErrors as errors:
        (problem,) = errors.problems
        assert (problem.line, problem.column) == (15, 14) and "U+00A0" in problem.message
    else:
        raise AssertionError("a non-breaking space after 'text:' was not named")
