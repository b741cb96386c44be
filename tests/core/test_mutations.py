"""Property: any mutation of a valid article either loads or fails with positioned messages.

Never a traceback, never a crash of the loader: whatever an author's editor does to the file,
they get either an article or `file:line:column: ...` lines.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide_core import loader, source
from guide_core import schema as article_schema
from support import SEED_FILE, SEED_SLUG

SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")
LINES = SEED_TEXT.splitlines(keepends=True)
TRICKY = st.sampled_from(
    [
        ":",
        ": ",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!python/name:os.system",
        "!x ",
        "\t",
        '"',
        "'",
        "#",
        "|",
        ">",
        "%",
        "@",
        "`",
        "\n",
        "\n  ",
        "  ",
        "~",
        "null",
        "yes",
        "42",
        "2017-02-30",
        "<script>",
        "{role}",
        "{nope}",
        "\u00e9",
        "\U0001f600",
        "\x00",
        "\ufeff",
        "---",
        "...",
        "? ",
        ",",
        "=",
        "<<: ",
    ]
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "replace-value", "swap"]))
        i = draw(st.integers(0, len(lines) - 1))
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "insert":
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            piece = draw(st.one_of(TRICKY, st.text(max_size=8)))
            lines[i] = line[:at] + piece + line[at:]
        elif kind == "replace-value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.one_of(TRICKY, st.text(max_size=12)))}\n"
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    data = "".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    return data


@pytest.mark.slow  # hundreds of generated articles through every check: seconds of CPU
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_article_loads_or_fails_with_positions(data: bytes) -> None:
    line_count = max(1, len(data.splitlines()))
    try:
        article = loader.parse_article(data, source="docs/articles/x.yml", stem=SEED_SLUG)
    except loader.ArticleErrors as errors:
        assert errors.problems
        for problem in errors.problems:
            assert problem.file == "docs/articles/x.yml"
            assert 1 <= problem.line <= line_count + 1, problem
            assert problem.column >= 1, problem
            assert problem.message.strip(), problem
    else:
        assert article.slug == SEED_SLUG and article.sections


@pytest.mark.slow  # hundreds of generated articles through every check: seconds of CPU
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_compiled_schema_check_agrees_with_jsonschema(data: bytes) -> None:
    """The fast gate (fastjsonschema) may only skip jsonschema when jsonschema finds nothing."""

    try:
        document = source.parse(data)
    except source.SourceError:
        return
    full = list(article_schema._validator().iter_errors(document.data))
    assert article_schema.is_valid(document.data) == (not full), [e.message for e in full]


def test_compiled_schema_check_agrees_on_the_broken_corpus() -> None:
    from support import FIXTURES

    checked = 0
    for path in sorted((FIXTURES / "broken").glob("*.yml")):
        try:
            document = source.parse(path.read_bytes())
        except source.SourceError:
            continue
        full = list(article_schema._validator().iter_errors(document.data))
        assert article_schema.is_valid(document.data) == (not full), path.name
        checked += 1
    assert checked > 30
