"""Markdown's cost is bounded for block constructs too (guide_core/markup.py: block_cost,
nesting_problem; rules._safe_markup_rule), with the extensions the build renders with."""

from __future__ import annotations

import threading

import pytest

from complexity import assert_linear, cpu_seconds
from guide_core import markup, page_source
from guide_core.loader import MAX_BYTES, ArticleErrors, parse_article
from support import FIXTURES

MINIMAL = (FIXTURES / "valid/minimal.yml").read_text(encoding="utf-8")

# Each block construct, as one unit repeated: in one paragraph (no blank line) and apart.
CONSTRUCTS = {
    "headings": "# A heading\n",
    "setext headings": "Heading\n=======\n",
    "rules": "---\n",
    "list items": "- an item\n",
    "numbered items": "1. an item\n",
    "nested list": "- a\n    - b\n        - c\n",
    "quotations": "> quoted\n",
    "code fences": "```\ncode\n```\n",
    "indented code": "    code\n",
    "admonitions": "!!! note\n    Text.\n",
    "details": "??? tip\n    Text.\n",
    "md_in_html": "<div markdown>\n*a*\n</div>\n",
    "html blocks": "<div>a</div>\n",
    "tables": "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "reference definitions": "[a]: https://example.com\n",
    "attribute lists": "Text\n{: .lead }\n",
    "long line": "word ",
    "blank lines": "\n",
}


def article_with(body: str) -> str:
    return MINIMAL.replace("      Some advice.", "      " + body.replace("\n", "\n      ").rstrip())


def load_cost(body: str) -> float:
    markup.render_with_links.cache_clear()  # each run renders, as the first load of a file does
    return cpu_seconds(lambda: refused_or_loaded(article_with(body)))


def refused_or_loaded(text: str) -> None:
    try:
        parse_article(text, source="a.yml", stem="minimal")
    except ArticleErrors:
        pass


@pytest.mark.slow  # a complexity, measured: seconds of CPU
@pytest.mark.parametrize("apart", [False, True], ids=["one paragraph", "blank lines between"])
@pytest.mark.parametrize("unit", CONSTRUCTS.values(), ids=CONSTRUCTS.keys())
def test_each_construct_costs_work_linear_in_its_size(unit: str, apart: bool) -> None:
    unit = unit + "\n" if apart else unit

    def body(size: int) -> str:
        return unit * (size // len(unit))

    # Four times the text, at most eight times the work (sixteen, were it quadratic), as a ratio
    # in one run (tests/complexity.py).
    assert_linear(lambda size: load_cost(body(size)), 60_000, most_size=240_000)


@pytest.mark.slow  # a full-size file through every check: seconds of CPU
@pytest.mark.parametrize("unit", ["# A heading\n", "!!! note\n    Text.\n", "```\ncode\n```\n\n", "- item\n"])
def test_a_full_size_text_is_refused_or_accepted_and_finishes(unit: str) -> None:
    body = unit * ((MAX_BYTES - 2_000) // (len(unit) + 6))
    outcome: list[object] = []

    def load() -> None:
        try:
            parse_article(article_with(body), source="a.yml", stem="minimal")
            outcome.append("accepted")
        except ArticleErrors as errors:
            outcome.append(errors.problems)

    worker = threading.Thread(target=load, daemon=True)
    worker.start()
    worker.join(timeout=300)  # a guard that fails rather than hangs; it takes seconds
    assert outcome, "loading a 1 MB article did not finish"


@pytest.mark.slow  # a full-size file through every check: seconds of CPU
def test_the_700_kb_intro_of_headings_is_refused_before_rendering_with_what_to_do() -> None:
    text = MINIMAL.replace("  An introduction.", "  " + "# A heading\n  " * 58_000)
    with pytest.raises(ArticleErrors) as caught:
        parse_article(text, source="a.yml", stem="minimal")
    (problem,) = caught.value.problems
    assert problem.field == "intro" and (problem.line, problem.column) == (7, 3)
    assert "put a blank line before each one" in problem.message


def test_an_article_too_long_for_a_page_is_refused_at_its_heaviest_field() -> None:
    fences = "```\ncode\n```\n\n" * 4_000  # ~0.5 ms each: two seconds and more
    with pytest.raises(ArticleErrors) as caught:
        parse_article(article_with(fences), source="a.yml", stem="minimal")
    (problem,) = caught.value.problems
    assert (
        problem.field == "sections[0].body"
        and "code fences" in problem.message
        and "split it" in problem.message
    )


@pytest.mark.parametrize(
    "text",
    [
        "<div markdown>\n" * 500 + "a\n" + "</div>\n" * 500,
        '<div markdown="block">\n' * 500 + "a\n" + "</div>\n" * 500,
        "<div markdown>\n" + "<div>" * 2000 + "a" + "</div>" * 2000 + "\n</div>",
        "- " * 2000 + "a",
        "1. " * 2000 + "a",
        "> " * 3000 + "a",
        "> - " * 1000 + "a",
        "".join("    " * i + "- a\n" for i in range(500)),
        "".join("    " * i + "??? note\n" for i in range(500)),
        "".join("    " * i + "> a\n" for i in range(500)),
    ],
    ids=[
        "md_in_html",
        "md_in_html block",
        "plain html in md_in_html",
        "dashes",
        "numbers",
        "quotes",
        "quoted lists",
        "indented list",
        "details",
        "indented quotes",
    ],
)
def test_deep_nesting_is_refused_before_markdown_runs_at_the_level_too_deep(text: str) -> None:
    with pytest.raises(ArticleErrors) as caught:
        parse_article(article_with(text), source="a.yml", stem="minimal")
    (problem,) = caught.value.problems
    assert "at most 20 levels" in problem.message and problem.field == "sections[0].body"


def test_nesting_as_deep_as_articles_use_is_accepted() -> None:
    assert markup.nesting_problem("<div markdown>\n" * 5 + "a\n" + "</div>\n" * 5) is None
    assert markup.nesting_problem("".join("    " * i + "- a\n" for i in range(6))) is None
    assert markup.nesting_problem("<ul><li>a<li>b<li>c</ul><p>x<p>y<p>z<br><img src=a.png>" * 30) is None


def render_afresh(text: str) -> None:
    markup.render_with_links.cache_clear()  # a rendering, not the cache's copy of the last one
    markup.render_markdown(text)


@pytest.mark.slow  # a complexity, measured: seconds of CPU
def test_the_estimate_follows_the_rendering_within_a_few_times() -> None:
    # The estimate's unit is a microsecond of this project's reference machine, which a test
    # cannot hold on any other (how close it is there is benchmarks/'s to measure); what it can
    # hold is that no construct costs, for its estimate, four times what the typical one does,
    # a ratio in one run that a busy machine slows alike. Best of three rounds, each rendering
    # every construct once, so that a busy moment slows a round, not one construct's three tries.
    texts = {name: unit * (10_000 // len(unit)) for name, unit in CONSTRUCTS.items()}
    spent: dict[str, float] = {}
    for _ in range(3):
        for name, text in texts.items():
            took = cpu_seconds(lambda text=text: render_afresh(text))
            spent[name] = min(spent.get(name, took), took)
    spent_per_work = {name: spent[name] / markup.block_cost(text).work for name, text in texts.items()}
    typical = sorted(spent_per_work.values())[len(spent_per_work) // 2]
    underestimated = {
        name: round(ratio / typical, 1) for name, ratio in spent_per_work.items() if ratio > 4 * typical
    }
    assert not underestimated, (
        f"rendering costs this many times its estimate, against the typical construct: {underestimated}"
    )


# The marker where the hook puts a section's checklist cannot be written by an author.
@pytest.mark.parametrize(
    "written", ["<!-- guide:section-end first -->", "<!-- guide:section-end unknown -->"]
)
def test_an_author_cannot_write_the_section_marker(written: str) -> None:
    article = parse_article(
        article_with(f"Advice.\n\n{written}\n\n`{written}`\n\n```\n{written}\n```"),
        source="a.yml",
        stem="minimal",
    )
    html = markup.render_markdown(page_source.article_markdown(article))
    assert [m["id"] for m in page_source.SECTION_END_PATTERN.finditer(html)] == ["first"]
    assert page_source.MARKER_KEY not in article.sections[0].body
