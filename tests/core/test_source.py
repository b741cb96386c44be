"""Reading YAML: whatever the bytes, a Document or positioned messages, quickly, with both parsers.

PyYAML's C parser (libyaml) is used where PyYAML ships it, its pure-Python parser elsewhere;
both must give the same messages at the same positions. No input may make the loader raise
anything but SourceError / ArticleErrors, recurse past Python's limit or take long.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complexity import assert_costs_at_most, assert_linear, cpu_seconds
from guide_core import loader, source
from guide_core import schema as article_schema
from support import ARTICLES, FIXTURES, SEED_FILE, SEED_SLUG

BROKEN_CASES = sorted((FIXTURES / "broken").glob("*.yml"))
SEEDS = [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.yml"))]
SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with PyYAML's C parser and again with its pure-Python one."""
    if request.param == "pure-python":
        monkeypatch.setattr(source, "_Loader", source.PURE_PYTHON_LOADER)
    return request.param


def messages(text: str | bytes, stem: str | None = SEED_SLUG) -> list[str]:
    try:
        loader.parse_article(text, source="a.yml", stem=stem)
    except loader.ArticleErrors as errors:
        return [str(problem) for problem in errors.problems]
    return []


def seed_with(old: str, new: str) -> str:
    assert old in SEED_TEXT, old
    return SEED_TEXT.replace(old, new, 1)


# --- both parsers say the same -------------------------------------------------------------


def test_the_pure_python_parser_gives_the_corpus_the_same_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    with_libyaml = {path.name: messages(path.read_bytes(), path.stem) for path in BROKEN_CASES}
    monkeypatch.setattr(source, "_Loader", source.PURE_PYTHON_LOADER)
    with_python = {path.name: messages(path.read_bytes(), path.stem) for path in BROKEN_CASES}
    assert with_python == with_libyaml


# --- invisible characters at their real line and column --------------------------------------


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\r", "U+000D"),
        ("\u2028", "U+2028"),
        ("\u2029", "U+2029"),
        ("\x85", "U+0085"),
        ("\x00", "U+0000"),
        ("\x1b", "U+001B"),
        ("\x7f", "U+007F"),
        ("\ufeff", "U+FEFF"),
    ],
)
def test_an_invisible_character_is_named_where_it_is(parser: str, char: str, named: str) -> None:
    # Line 37 is "        text: Get home and destress instead of beating yourself up".
    text = seed_with("text: Get home and", f"text: Get 🏠 home{char} and")
    (message,) = messages(text)
    assert message.startswith("a.yml:37:25: ") and named in message  # 8 spaces, "text: Get ", 🏠, " home"
    assert char not in message


def test_a_crlf_file_is_fine_and_positions_count_its_lines(parser: str) -> None:
    text = SEED_TEXT.replace("\n", "\r\n")
    assert messages(text) == []
    (message,) = messages(text.replace("word_limit: 150", "word_limit: 15"))
    assert message.startswith("a.yml:120:15: email.word_limit")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_named_as_such(encoding: str) -> None:
    (message,) = messages(SEED_TEXT.encode(encoding))
    assert message == "a.yml:1:1: the file is saved as UTF-16 text: save the file as UTF-8"


def test_a_byte_that_is_not_utf8_is_pointed_at_in_characters() -> None:
    text = seed_with("title: How You", "title: Hów Yöu").encode("utf-8").replace("Yöu".encode(), b"Y\xf6u")
    (message,) = messages(text)
    assert message.startswith("a.yml:7:13: byte 0xf6 is not UTF-8 text")


# --- values as the author wrote them ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("150", 150),
        ("-3", -3),
        ("0", 0),
        ("0200", "0200"),
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("2017:10:05", "2017:10:05"),
        ("190:20:30", "190:20:30"),
        ("12.5", "12.5"),
        (".inf", ".inf"),
        ("1e3", "1e3"),
        ("2017-10-05", "2017-10-05"),
        ("yes", True),
        ("Off", False),
        ("~", None),
        ("", None),
        ("!!str 12", "12"),
        ("!!int 12", 12),
        ("!!float 1.5", 1.5),
        ("!!bool yes", True),
        ("! 12", "12"),
        ("9" * 5000, "9" * 5000),
    ],
)
def test_a_scalar_is_a_decimal_whole_number_a_yes_no_nothing_or_the_text_written(
    parser: str, written: str, value: object
) -> None:
    assert source.parse(f"a: {written}\n").data == {"a": value}


def test_field_names_are_the_text_written(parser: str) -> None:
    assert source.parse("yes: 1\n~: 2\n1: 3\n").data == {"yes": 1, "~": 2, "1": 3}


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("!!int abc", '"abc" is marked !!int but is not a whole number'),
        ("!!float abc", '"abc" is marked !!float'),
        ("!!bool maybe", '"maybe" is marked !!bool'),
        ("!!null x", '"x" is marked !!null'),
        ("!!map x", 'the YAML tag "!!map" is not allowed'),
        ("!!timestamp 2017-10-05", '"!!timestamp" is not allowed'),
        ("!!python/name:os.system", '"!!python/name:os.system" is not allowed'),
    ],
)
def test_an_explicit_tag_that_does_not_fit_is_a_message(parser: str, written: str, said: str) -> None:
    with pytest.raises(source.SourceError) as caught:
        source.parse(f"a: b\nc: {written}\n")
    assert said in caught.value.message and caught.value.position == (2, 4)


def test_the_date_2017_10_05_written_with_colons_is_quoted_as_written() -> None:
    (message,) = messages(seed_with("published: 2017-10-05", "published: 2017:10:05"))
    assert message.endswith('got "2017:10:05"')


# --- nesting ---------------------------------------------------------------------------------


# The huge depths read half a megabyte with the pure-Python parser: seconds, left to make test.
@pytest.mark.parametrize(
    "depth",
    [600, pytest.param(100_000, marks=pytest.mark.slow), pytest.param(500_000, marks=pytest.mark.slow)],
)
def test_deep_nesting_is_refused_where_it_starts_without_recursion(parser: str, depth: int) -> None:
    # 100,000 brackets crash libyaml's own composer (a C stack overflow), and its scanner
    # is quadratic in flow depth: the check must stop at the limit, not after reading it all
    # (held below as a ratio).
    with pytest.raises(source.SourceError) as caught:
        source.parse("a: " + "[" * depth + "]" * depth)
    # The mapping `a:` is level 1, so the (MAX_DEPTH)th bracket opens one level too many.
    assert caught.value.position == (1, 3 + source.MAX_DEPTH)
    assert "nested more than" in caught.value.message


@pytest.mark.slow  # a complexity, measured: seconds of CPU
def test_deep_nesting_costs_time_linear_in_its_depth(parser: str) -> None:
    def cost(depth: int) -> float:
        return cpu_seconds(lambda: refused("a: " + "[" * depth + "]" * depth))

    assert_linear(cost, 100_000, most_size=500_000)


def refused(text: str) -> None:
    with pytest.raises(source.SourceError):
        source.parse(text)


def test_deep_block_nesting_is_refused_too(parser: str) -> None:
    text = "".join(" " * (2 * level) + f"k{level}:\n" for level in range(300)) + " " * 600 + "end: 1\n"
    with pytest.raises(source.SourceError) as caught:
        source.parse(text)
    assert caught.value.position.line == source.MAX_DEPTH + 1  # line n opens level n


def test_legal_nesting_is_kept() -> None:
    brackets = source.MAX_DEPTH - 1  # and the mapping `a:`
    value = source.parse("a: " + "[" * brackets + "1" + "]" * brackets).data["a"]
    for _ in range(brackets):
        (value,) = value
    assert value == 1


# --- full-string patterns --------------------------------------------------------------------


def schema_patterns() -> Iterator[tuple[str, str]]:
    for name, definition in article_schema.schema()["$defs"].items():
        if "pattern" in definition:
            yield name, definition["pattern"]


def test_patterns_match_the_whole_string_in_python_and_in_editors() -> None:
    for name, pattern in schema_patterns():
        # `$` lets Python's re.search match before a final line break; \Z and (?P<...>) do not
        # exist in the ECMA regexes editors use. (?![\s\S]) means "the end" in both.
        assert not re.search(r"(?<!\\)\$|\\Z|\\A|\(\?P", pattern), (name, pattern)
        if pattern.startswith("^"):
            assert pattern.endswith("(?![\\s\\S])"), (name, pattern)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("  - id: destress\n", "  - id: |\n      destress\n", "sections[0].id"),
        (
            "tags: [interviews, after-the-interview]",
            'tags: ["interviews\\n", after-the-interview]',
            "tags[0]",
        ),
        ("published: 2017-10-05", 'published: "2017-10-05\\n"', "published"),
        ("feeds: clarification", 'feeds: "clarification\\n"', "sections[3].prompts[0].feeds"),
        ("title: How You Should React to a Bad Job Interview", 'title: "How You\\r\\nBcc: x"', "title"),
        ("label: Your name", 'label: "Your\\u2028name"', "email.fields[4].label"),
        ("label: Your name", 'label: "Your name\\x85"', "email.fields[4].label"),
        ("label: Your name", 'label: "Your\\e[2Jname"', "email.fields[4].label"),
        ("label: Your name", 'label: "Your\\tname"', "email.fields[4].label"),
    ],
)
def test_ids_tags_and_one_line_fields_refuse_a_line_break_or_control_character(
    old: str, new: str, field: str
) -> None:
    problems = messages(seed_with(old, new))
    assert any(f": {field}" in problem and "expected" in problem for problem in problems), problems
    assert not any("\x1b" in problem or "\r" in problem for problem in problems)


@pytest.mark.slow  # a complexity, measured: seconds of CPU
def test_a_one_line_check_on_a_huge_value_takes_linear_time() -> None:
    # A 400 KB title ending in a line break: a pattern like ^[^\n]*\S[^\n]*$ backtracks
    # quadratically before it fails.
    # Held as a ratio (tests/complexity.py): four times the text costs about four times the
    # work, not sixteen.
    def text(words: int) -> str:
        title = "a " * words + "\n"
        return seed_with(
            "title: How You Should React to a Bad Job Interview", f"title: {title!r}".replace("'", '"')
        )

    assert any(": title: " in problem for problem in messages(text(200_000)))
    assert_linear(lambda words: cpu_seconds(lambda: messages(text(words))), 50_000, most_size=200_000)


# --- a 400 KB worst case loads quickly --------------------------------------------------------


def worst_case_article(size: int = 400_000) -> str:
    """The seed, grown to `size` characters with what makes checks slow: a huge body full of
    `<`, `*`, `[`, `{` and `_`, many sections and items, and the deepest legal nesting."""
    body_line = "      a < b and *c* [d](e) {f} _g_ `h` <i> & 1 < 2 > 0 \\ ~ # x: y - z\n"
    sections = "".join(
        f"  - id: extra-{n}\n    heading: Extra section {n}\n    body: |\n{body_line * 3}"
        f"    checklist:\n"
        + "".join(f"      - id: item-{n}-{i}\n        text: Do thing {i} < {n}\n" for i in range(5))
        for n in range(300)
    )
    head, _, tail = SEED_TEXT.partition("\nemail:\n")
    text = head + "\n" + sections + "\nemail:\n" + tail
    filler = body_line * ((size - len(text)) // len(body_line))
    return text.replace("    body: |\n", "    body: |\n" + filler, 1)


@pytest.mark.slow  # a complexity, measured: seconds of CPU
def test_a_400_kb_worst_case_article_loads_in_time_linear_in_its_size(tmp_path: Path) -> None:
    text = worst_case_article()
    assert 390_000 <= len(text.encode("utf-8")) <= 410_000

    def folder(size: int) -> Path:
        where = tmp_path / str(size)
        if not where.exists():
            where.mkdir()
            (where / f"{SEED_SLUG}.yml").write_text(worst_case_article(size), encoding="utf-8")
        return where

    def load(where: Path) -> None:
        try:
            loader.load_articles(where)
        except loader.ArticleErrors as errors:  # the printed checklist is too long: fine here
            assert all(problem.line >= 1 for problem in errors.problems)

    # What the file costs, not the process: the first article with markup sets up the Markdown
    # converter and the sanitizer (about 0.5 s, once per build), done by the warm-up. Then four
    # times the text, at most eight times the work (sixteen, were it quadratic): a ratio in one
    # run (tests/complexity.py). A 400 KB file's budget is benchmarks/'s to measure.
    def cost(size: int) -> float:
        where = folder(size)
        return cpu_seconds(lambda: load(where))

    assert_linear(cost, 100_000, most_size=100_000)


# --- no input raises anything else -----------------------------------------------------------

# Pieces of YAML syntax, invisible characters and text, strung together.
YAML_PIECES = [
    "a",
    "ab",
    ": ",
    ":",
    "- ",
    "-",
    "  ",
    " ",
    "\n",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "&a ",
    "*a",
    "!",
    "!!int ",
    "|",
    ">",
    "?",
    "%",
    "@",
    "`",
    "\t",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x00",
    "\x1b",
    "0",
    "0200",
    "9",
    ".",
    "~",
    "é",
    "🎉",
    "---",
    "...",
    "<<",
    "yes",
    "2017:10:05",
    "{role}",
    "\\",
    "\\u",
]
YAMLISH = st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join)


def parses_or_says_where(data: str | bytes) -> None:
    line_count = max(1, len(data.splitlines()))

    def parse() -> None:
        try:
            loader.parse_article(data, source="x.yml", stem=SEED_SLUG)
        except loader.ArticleErrors as errors:
            for problem in errors.problems:
                assert 1 <= problem.line <= line_count + 1 and problem.column >= 1, problem
                assert problem.message.strip(), problem
                assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", str(problem)), problem

    # No input of a few hundred bytes costs more than loading the whole seed article five
    # times (a ratio in one run: a pathological pattern would, a busy machine would not).
    assert_costs_at_most(parse, 5, load_the_seed)


def load_the_seed() -> None:
    loader.parse_article(SEED_TEXT, source="seed.yml", stem=SEED_SLUG)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_load_or_fail_with_positions(data: bytes) -> None:
    parses_or_says_where(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_random_yaml_like_text_loads_or_fails_with_positions(text: str) -> None:
    parses_or_says_where(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.data())
def test_a_seed_with_random_yaml_spliced_in_loads_or_fails_with_positions(
    seed: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(seed)))
    cut = data.draw(st.integers(0, 40))
    parses_or_says_where(seed[:at] + data.draw(YAMLISH) + seed[at + cut :])
