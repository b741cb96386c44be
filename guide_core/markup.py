"""What an article's text becomes in a reader's page, and what of it a reader's browser may run.

Authors write Markdown, and Markdown lets them write HTML. This module owns both halves:

- how the core renders Markdown: python-markdown with the extensions of ``mkdocs.yml``
  (`MARKDOWN_EXTENSIONS`; a test holds the two lists to the same),
- the allowlist of HTML a page may hold (`ALLOWED_TAGS`, `ALLOWED_ATTRIBUTES`, `attribute_problem`),
  enforced by nh3 (the Rust ``ammonia`` sanitizer, with ``html5ever``: the HTML parser of a browser),
- `findings(html)`: what that sanitizer would remove from a piece of HTML, each with a word to
  find in the author's text and a message that says what to do.

The checks (``rules``) refuse an article with findings; the hook also passes every article page
through `sanitize` (defence in depth: what the checks let through is what the sanitizer keeps).

Why not a regex over the source: a browser's parser is not a regex (``<svg/onload=…>``,
``<img src="x"onerror=…>``, ``javascript&#58;``, ``java&#9;script:``, attr_list's ``{ onerror=… }``
all passed the old one). Here the HTML is parsed by html5ever, as a browser parses it, and
judged element by element, attribute by attribute. Everything is linear in the text's length.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Iterator
from html.entities import html5 as _NAMED_REFERENCES
from html.parser import HTMLParser
from typing import NamedTuple

import markdown
import markdown.treeprocessors
import nh3

from .problems import quoted

# ---------------------------------------------------------------------------------------------
# Markdown: the extensions MkDocs renders pages with, the ones it always adds (toc, tables,
# fenced_code: mkdocs/config/defaults.py, `builtins`) then mkdocs.yml's markdown_extensions, in
# MkDocs' order (tests/core/test_sanitize.py holds this list to MkDocs' own and to mkdocs.yml).
#
# A list here, not read from mkdocs.yml: the bounds below (`block_cost`, `nesting_problem`) are
# measured for these extensions and no others, so adding one to mkdocs.yml is a change to review
# here too, and the test that fails says so; and the core stays free of the site's settings
# (the build may be given another config file, `make check` is given none).

MARKDOWN_EXTENSIONS: tuple[str, ...] = (
    "toc",
    "tables",
    "fenced_code",
    "attr_list",
    "md_in_html",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
)
MARKDOWN_EXTENSION_CONFIGS: dict[str, dict[str, object]] = {"toc": {"permalink": True}}


# The HTML a Markdown text becomes in a page (one converter, reset between texts: building
# one costs more than converting a paragraph).
def render_markdown(text: str) -> str:
    return render_with_links(text)[0]


class Rendered(NamedTuple):
    """A text's HTML, and the addresses of its links and images: those of Markdown's own
    elements (MkDocs resolves them against the page's source file), and those written in raw
    HTML (MkDocs leaves them as written: the browser resolves them against the page's address)."""

    html: str
    markdown_links: tuple[str, ...]
    html_links: tuple[str, ...]


# The last few texts' renderings: the checks render a text, then its links are read from it.
@functools.lru_cache(maxsize=32)
def render_with_links(text: str) -> Rendered:
    converter = _converter()
    converter.reset()
    recorder = converter.treeprocessors["guide_links"]
    recorder.found = []
    html = converter.convert(text)
    raw: list[str] = []
    for block in converter.htmlStash.rawHtmlBlocks:
        if isinstance(block, str) and _LINK_ATTRIBUTE.search(block):
            raw += [
                value
                for tag, attributes in _elements(block)
                for name, value in attributes
                if value and (tag, name) in (("a", "href"), ("img", "src"))
            ]
    return Rendered(html, tuple(recorder.found), tuple(raw))


_LINK_ATTRIBUTE = re.compile(r"href|src", re.IGNORECASE)


class _LinkRecorder(markdown.treeprocessors.Treeprocessor):
    """The links and images of the element tree, read where MkDocs reads them
    (mkdocs/structure/pages.py, _RelativePathTreeprocessor: <a href>, <img src>, priority 0)."""

    found: list[str]

    def run(self, root):  # type: ignore[no-untyped-def]
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key and element.get(key) is not None:
                self.found.append(element.get(key))
        return None


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_EXTENSION_CONFIGS
    )
    converter.treeprocessors.register(_LinkRecorder(converter), "guide_links", 0)
    return converter


# A section heading rendered as the page writes it (heading_markdown): attr_list reads the
# braces at its end, so a heading can carry attributes of its own.
def render_heading(heading: str, section_id: str) -> str:
    return render_markdown(heading_markdown(heading, section_id))


# A section's heading as the article's page writes it (page_source.py): level 2, anchored by its id.
def heading_markdown(heading: str, section_id: str) -> str:
    return f"## {heading} {{#{section_id}}}"


# python-markdown 3.11, and the html.parser of Python before 3.13.5 that it reads HTML with,
# take time that grows with the square of the text (or faster) on openers that are never
# closed: each "[" and "](" scans the rest of its paragraph for its "]" or ")", each "<tag"
# the rest of the text for its ">". 20 KB of "[" takes minutes. This linear estimate of that
# work lets the check refuse such a text before it is rendered, and say where.
MARKDOWN_WORK_LIMIT = 1_000_000


class SlowMarkdown(NamedTuple):
    """Where the first of many unclosed openers is, and what to do about them."""

    offset: int
    message: str


# The unclosed openers that would make Markdown slow on `text`, or None when there are few.
def slow_markdown(text: str) -> SlowMarkdown | None:
    work: dict[str, int] = {"[": 0, "(": 0, "<": 0}
    first: dict[str, int] = {}
    count: dict[str, int] = {"[": 0, "(": 0, "<": 0}
    for start, end in _blocks(text):
        for kind, offset in _unclosed_brackets(text, start, end):
            work[kind] += end - offset
            count[kind] += 1
            first.setdefault(kind, offset)
    next_close = len(text)
    for match in reversed(list(_TAG_START_OR_CLOSE.finditer(text))):
        if match.group() == ">":
            next_close = match.start()
            continue
        work["<"] += next_close - match.start()
        count["<"] += 1
        first["<"] = match.start()
    kind = max(work, key=work.__getitem__)
    if work[kind] <= MARKDOWN_WORK_LIMIT:
        return None
    opener = {"[": "'['", "(": "'(' after '](' ", "<": "'<' starting an HTML tag"}[kind].strip()
    closer = {"[": "]", "(": ")", "<": ">"}[kind]
    return SlowMarkdown(
        first[kind],
        f"{count[kind]} times {opener} is never closed with '{closer}' (the first is here): Markdown would "
        f"take minutes to read this text; close each one, or write {_AS_TEXT[kind]} where it is only text",
    )


# How to write an opener that is only text (Markdown reads "&lt;" as "<", "\\[" as "[").
_AS_TEXT = {"[": "\\[", "(": "\\(", "<": "&lt;"}
_TAG_START_OR_CLOSE = re.compile(r"<[A-Za-z]|>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"\\.|\]\(|[\[\]()]", re.DOTALL)


# The paragraphs of a text (Markdown reads inline links within one block), as (start, end).
def _blocks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _BLANK_LINE.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


# The "[" and "](" of one block that no later "]" or ")" closes (escaped ones are text).
def _unclosed_brackets(text: str, start: int, end: int) -> Iterator[tuple[str, int]]:
    open_square: list[int] = []
    open_round: list[int] = []
    for match in _BRACKET.finditer(text, start, end):
        token = match.group()
        if token == "[":
            open_square.append(match.start())
        elif token == "]":
            if open_square:
                open_square.pop()
        elif token == "](":
            if open_square:
                open_square.pop()
            open_round.append(match.start() + 1)
        elif token == "(":
            if open_round:
                open_round.append(match.start())
        elif token == ")":
            if open_round:
                open_round.pop()
    yield from (("[", offset) for offset in open_square)
    yield from (("(", offset) for offset in open_round)


# ---------------------------------------------------------------------------------------------
# The cost of block constructs, and how deep they nest
#
# python-markdown reads a text as blocks (the parts between blank lines), and several of its
# block processors (headings, rules, setext underlines, admonitions, details) search the rest
# of the block at each one they find and give the rest back: a 700 KB block of one-line
# headings takes over a minute. Every block, line and code block also costs a fixed amount
# (a code block about 0.5 ms, superfences' own), so 1 MB of them takes most of a minute even
# with blank lines between them. `block_cost` estimates that work, in microseconds of this
# machine's python-markdown (measured: tests/core/test_markdown_cost.py), in one pass over the
# lines, before anything is rendered; the check refuses a field whose blocks make the page
# slow to build, and an article whose fields together do.

# The kinds of line, the first that matches, and what each costs on its own (microseconds).
_LINE_KINDS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("``` code fence", re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]?)*(?:`{3,}|~{3,})"), 600),
    ("heading", re.compile(r" {0,3}#{1,6}(?:[ \t]|$)"), 150),
    ("admonition", re.compile(r"[ \t]*(?:!!!|\?\?\?\+?)"), 150),
    (
        "horizontal rule or heading underline",
        re.compile(r" {0,3}(?:(?:[-*_][ \t]*){3,}|=+[ \t]*|-+[ \t]*)$"),
        50,
    ),
    ("list item", re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)"), 80),
    ("HTML tag", re.compile(r"[ \t]*<"), 120),
    ("quotation line", re.compile(r"[ \t]*>"), 20),
    ("table row", re.compile(r"[^\n]*\|"), 100),
)
_TEXT_LINE_COST = 10
_BLOCK_COST = 60
# The kinds whose processors search the rest of their block at each one: the rest of the block
# costs this many characters per microsecond, for each of them.
_SPLITTING = frozenset({"heading", "admonition", "horizontal rule or heading underline"})
_SPLIT_CHARACTERS_PER_MICROSECOND = 5
# Two seconds of Markdown for one article (the check and the build render it once each).
BLOCK_WORK_LIMIT = 2_000_000


class BlockCost(NamedTuple):
    """The estimated work of one text's blocks (microseconds), with what makes most of it."""

    work: int
    kind: str  # the kind of line that costs the most
    count: int  # how many lines of that kind
    offset: int  # where the first of them is
    split_work: int  # the part spent searching the rest of blocks
    split_kind: str
    split_count: int  # lines of splitting kinds that have more of the block after them
    split_offset: int


# What rendering `text` would cost, read block by block and line by line (linear in its length).
def block_cost(text: str) -> BlockCost:
    work = len(text)
    per_kind: dict[str, list[int]] = {}  # kind -> [work, count, first offset]
    split_work = split_count = 0
    split_offset = -1
    split_kind = ""
    for start, block_end in _blocks(text):
        if not text[start:block_end].strip():
            continue
        work += _BLOCK_COST
        offset = start
        while offset < block_end:
            end = text.find("\n", offset, block_end)
            end = block_end if end < 0 else end
            line = text[offset:end]
            if line.strip():
                kind, cost = _line_kind(line)
                entry = per_kind.setdefault(kind, [0, 0, offset])
                entry[0] += cost
                entry[1] += 1
                if kind in _SPLITTING and block_end > end:
                    split_work += (block_end - end) // _SPLIT_CHARACTERS_PER_MICROSECOND
                    split_count += 1
                    if split_offset < 0:
                        split_offset, split_kind = offset, kind
            offset = end + 1
    work += split_work + sum(entry[0] for entry in per_kind.values())
    kind, (_, count, first) = max(per_kind.items(), key=lambda item: item[1][0], default=("line", [0, 0, 0]))
    return BlockCost(work, kind, count, first, split_work, split_kind, split_count, max(split_offset, 0))


def _line_kind(line: str) -> tuple[str, int]:
    for kind, pattern, cost in _LINE_KINDS:
        if pattern.match(line):
            return kind, cost
    return "line", _TEXT_LINE_COST


# What to tell an author whose text's blocks would be slow, or None.
def slow_blocks(cost: BlockCost, limit: int = BLOCK_WORK_LIMIT) -> SlowMarkdown | None:
    if cost.split_work > limit // 2:
        return SlowMarkdown(
            cost.split_offset,
            f"{cost.split_count} lines here start a "
            f"{_KIND_WORD.get(cost.split_kind, cost.split_kind)} in the middle of a "
            "paragraph, with no blank line before it (the first is here): Markdown would take "
            "minutes to read this text; "
            "put a blank line before each one",
        )
    if cost.work > limit:
        return SlowMarkdown(cost.offset, too_long_message(cost.work, cost))
    return None


_KIND_WORD = {"horizontal rule or heading underline": "horizontal rule or a heading's underline"}


# `work` (of one field, or of an article's fields together) is too much; `cost` is the field that
# has the most of it, whose commonest costly kind of line is named.
def too_long_message(work: int, cost: BlockCost) -> str:
    return (
        "the article's text is too long for one page: Markdown would take about "
        f"{max(work // 1_000_000, 1)} s to read "
        f"it, and the site's build with it ({cost.count} {cost.kind}s in this field, from here, "
        "make most of that work): "
        "an article is far shorter; split it into several articles, or remove what does not belong"
    )


# Containers nest by their markers at a line's start (">", "- ", "1. ", "!!! ", "??? ") and by
# indentation (python-markdown's 4 spaces a level); HTML elements by their tags. python-markdown
# recurses once for each level (and its lists take time that grows with the cube of the depth):
# 500 levels is a RecursionError. No article needs more than a few.
MAX_NESTING = 20
_CONTAINER_MARKERS = re.compile(r"[ \t]{0,3}(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)]|!!!|\?\?\?\+?)[ \t]+)")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements a browser closes by itself when the next of their kind starts.
_SELF_CLOSING_SIBLINGS = frozenset(
    "p li dt dd tr td th option rp rt thead tbody tfoot colgroup caption".split()
)


# Where `text` nests deeper than MAX_NESTING, and what to do, or None.
def nesting_problem(text: str, limit: int = MAX_NESTING) -> SlowMarkdown | None:
    offset = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        depth = indent // 4
        position = len(line) - len(stripped)
        markers = 0
        deepest = position
        while True:
            match = _CONTAINER_MARKERS.match(line, position)
            if not match or match.end() == position:
                break
            markers += 1
            if depth + markers <= limit + 1:
                deepest = match.start() + len(match.group()) - len(match.group().lstrip(" \t"))
            position = match.end()
        if markers and depth + markers > limit:
            return SlowMarkdown(
                offset + deepest,
                f"lists, quotations or notes are nested {depth + markers} deep here (by their markers and "
                f"indentation); Markdown reads at most {limit} levels: nest them less deeply",
            )
        offset += len(line) + 1
    stack: list[tuple[str, int]] = []
    for match in _TAG.finditer(text):
        closing, name = match.group(1), match.group(2).lower()
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index:]
                    break
            continue
        if name in _VOID or match.group(3).rstrip().endswith("/"):
            continue
        if stack and stack[-1][0] == name and name in _SELF_CLOSING_SIBLINGS:
            stack.pop()
        stack.append((name, match.start()))
        if len(stack) > limit:
            return SlowMarkdown(
                match.start(),
                f"this <{name}> is inside {limit} other HTML elements not yet closed: Markdown "
                f"reads at most {limit} "
                "levels; close the elements above it, or nest them less deeply",
            )
    return None


# ---------------------------------------------------------------------------------------------
# The allowlist

# What Markdown and its extensions write, and plain HTML for text, tables and pictures. Not here
# (so refused): script, style, svg, math, iframe, object, embed, form controls, link, meta, base…
ALLOWED_TAGS = frozenset(
    """
    a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt
    em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt
    ruby s samp small source span strong sub summary sup table tbody td tfoot th thead time tr
    u ul var wbr audio video track
    """.split()
)
# On every allowed tag. `style` is judged by `style_problem`; no data-* (the guide's widgets and
# Material's scripts read data attributes), no event handlers.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "style"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: frozenset(names.split())
    for tag, names in {
        "a": "href name",
        "img": "src srcset sizes alt width height loading decoding",
        "source": "src srcset sizes type media width height",
        "video": "src poster controls width height loop muted playsinline preload",
        "audio": "src controls loop muted preload",
        "track": "src kind srclang label default",
        "details": "open",
        "ol": "start reversed type",
        "li": "value",
        "td": "colspan rowspan align",
        "th": "colspan rowspan align scope abbr",
        "col": "span",
        "colgroup": "span",
        "time": "datetime",
        "abbr": "",
    }.items()
}
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    tag: GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset()) for tag in ALLOWED_TAGS
}
# Links may lead anywhere a reader chooses to go; these are the schemes that only go somewhere.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Attributes whose address the browser fetches by itself, without a click.
RESOURCE_ATTRIBUTES = frozenset({"src", "poster"})
# CSS functions a style may call: colours and arithmetic, nothing that loads anything.
STYLE_FUNCTIONS = frozenset(
    "rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix calc min max clamp var".split()
)

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_STYLE_FUNCTION = re.compile(r"([a-zA-Z_-][a-zA-Z0-9_-]*)\s*\(")


# Why an attribute on an allowed tag must go, in an author's words, or None if it may stay.
def attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name.startswith("on"):
        return f"the attribute {name}= on <{tag}> would run a script in every reader's browser: remove it"
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return (
            f"the attribute {name}= is not allowed on <{tag}> (articles may not carry scripts' "
            "hooks or data): remove it"
        )
    if name == "href":
        return link_problem(value)
    if name in RESOURCE_ATTRIBUTES:
        return resource_problem(tag, name, value)
    if name == "srcset":
        return srcset_problem(tag, value)
    if name == "style":
        return style_problem(tag, value)
    return None


# A link's address: http(s), mailto or a page of this site; anything else could run or launch.
def link_problem(value: str) -> str | None:
    scheme = _scheme_of(value)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    return (
        f"the link {quoted(value, 60)} does not lead to a web page: links start with https://, http:// "
        "or mailto:, or lead to a page of this site"
    )


# A resource the browser fetches by itself must come from this site: a relative address.
def resource_problem(tag: str, name: str, value: str) -> str | None:
    url = _url_text(value)
    if _scheme_of(url) is None and not url.startswith("//"):
        return None
    return _outside(tag, name, value)


# srcset lists addresses separated by commas: each must be relative (no scheme, no "//host").
def srcset_problem(tag: str, value: str) -> str | None:
    text = _url_text(value)
    if ":" not in text and not re.search(r"(?:^|,)\s*//", text):
        return None
    return _outside(tag, "srcset", value)


# A style may set colours and sizes; url(), image-set() and escapes would load or hide a load.
def style_problem(tag: str, value: str) -> str | None:
    if "\\" in value or "/*" in value:
        return (
            f"the style on <{tag}> holds a CSS escape or comment ({quoted(value, 60)}): write "
            "plain CSS such as color: red"
        )
    for match in _STYLE_FUNCTION.finditer(value):
        if match.group(1).lower() not in STYLE_FUNCTIONS:
            return (
                f"the style on <{tag}> calls {match.group(1)}(): readers' browsers would fetch what it names "
                "from outside the site; remove it (show a picture with an image of this site instead)"
            )
    return None


def _outside(tag: str, name: str, value: str) -> str:
    return (
        f"<{tag} {name}> loads {quoted(value, 60)} from outside the site, so every reader's browser would "
        "ask that server for it: put the file in the site's docs/ folder and use a relative address "
        "(such as ../images/chart.png)"
    )


# An address as a browser reads it: no spaces or controls around it, tabs and line breaks
# dropped inside ("java\tscript:" is "javascript:"), backslashes read as slashes.
def _url_text(value: str) -> str:
    return value.strip(_C0_AND_SPACE).replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")


def _scheme_of(value: str) -> str | None:
    match = _SCHEME.match(_url_text(value))
    return match.group(1).lower() if match else None


# ---------------------------------------------------------------------------------------------
# Sanitizing and explaining


# The sanitizer's parser (html5ever) takes time growing with the square of a text's length when
# the text is a long run of character references or of "&" that start none: 500,000 "&amp;" in
# one paragraph (a 500 KB body of "&") took 3 s, and "a&b" lines in a code block worse. So the
# sanitizer is given the same HTML with each of the references Markdown writes ("&amp;", "&lt;",
# "&gt;", "&quot;") as one character that stands in for it, a Unicode noncharacter (reserved for
# a program's own use; any in the author's text become U+FFFD first); an "&" that starts no
# reference, which a browser reads as "&" itself, is "&amp;" first. Each stand-in is its
# reference again in what the sanitizer returns, and the attribute filter sees the characters
# the references mean. None of these characters can start a tag or an address's scheme.
_STAND_INS = {"&amp;": "\ufdd0", "&lt;": "\ufdd1", "&gt;": "\ufdd2", "&quot;": "\ufdd3"}
_MEANT = {"\ufdd0": "&", "\ufdd1": "<", "\ufdd2": ">", "\ufdd3": '"'}
_REFERENCE_BACK = {stand_in: reference for reference, stand_in in _STAND_INS.items()}
_NONCHARACTER = re.compile("[\ufdd0-\ufdef]")
_STOOD_IN = re.compile("|".join(_STAND_INS))
_STAND_IN = re.compile("[" + "".join(_MEANT) + "]")
# An "&" that may start a reference: "&#" then a digit, "&#x" then a hex digit, a name then ";",
# or the start of one of the names a browser reads without ";" ("&copy").
_LEGACY_NAMES = sorted((name for name in _NAMED_REFERENCES if not name.endswith(";")), key=len, reverse=True)
_BARE_AMPERSAND = re.compile(
    r"&(?!#[0-9]|#[xX][0-9A-Fa-f]|[A-Za-z][A-Za-z0-9]*;|(?:" + "|".join(_LEGACY_NAMES) + "))"
)


def _clean(html: str, attribute_filter=None, **options) -> str:
    html = _BARE_AMPERSAND.sub("&amp;", _NONCHARACTER.sub("\ufffd", html))
    html = _STOOD_IN.sub(lambda match: _STAND_INS[match.group()], html)
    if attribute_filter is not None:
        meant = attribute_filter
        options["attribute_filter"] = lambda tag, name, value: meant(
            tag, name, _STAND_IN.sub(lambda match: _MEANT[match.group()], value)
        )
    return _STAND_IN.sub(lambda match: _REFERENCE_BACK[match.group()], nh3.clean(html, **options))


# `html` with everything outside the allowlist removed: what a reader's browser may be given.
def sanitize(html: str) -> str:
    return _clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


# `html` sanitized between the matches of `keep` (the page's own markers, which are comments the
# sanitizer would strip), the matches left as they are.
def sanitize_between(html: str, keep: re.Pattern[str]) -> str:
    pieces: list[str] = []
    done = 0
    for match in keep.finditer(html):
        pieces += [sanitize(html[done : match.start()]), match.group()]
        done = match.end()
    pieces.append(sanitize(html[done:]))
    return "".join(pieces)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    return value if attribute_problem(tag, name, value) is None else None


class Finding(NamedTuple):
    """Something the sanitizer would remove: a word to look for in the author's text (where the
    problem is, when it was written there), and what to do about it."""

    needles: tuple[str, ...]  # the first one found in the author's text marks the place
    message: str


# What `sanitize` would remove from `html`, in document order. The HTML is parsed once by the
# sanitizer's own parser with nothing removed (every tag, attribute and address kept), and that
# faithful copy, well-formed now, is read element by element against the same allowlist that
# `sanitize` is given (tests/core/test_sanitize.py holds the two to the same verdicts).
def findings(html: str) -> list[Finding]:
    faithful = _faithful(html)
    found: list[Finding] = []
    for tag, attributes in _elements(faithful):
        if tag not in ALLOWED_TAGS:
            found.append(Finding((f"<{tag}",), _tag_message(tag)))
            continue
        for name, value in attributes:
            problem = attribute_problem(tag, name, value or "")
            if problem:
                found.append(
                    Finding(((value,) if name in _URL_ATTRIBUTES and value else ()) + (name,), problem)
                )
    return found


_URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster"})


def _tag_message(tag: str) -> str:
    if tag in _RUNS_OR_LOADS:
        return (
            f"the HTML tag <{tag}> is not allowed in an article: it can run a script or load from another "
            "site in every reader's browser; remove it"
        )
    return f"the HTML tag <{tag}> is not allowed in an article: remove it, or write the same in Markdown"


_RUNS_OR_LOADS = frozenset(
    "script style svg math iframe frame frameset object embed applet link meta base form input button "
    "select textarea portal noscript template slot image".split()
)


# The sanitizer's parse of `html` with nothing taken out: every tag name that occurs, every
# attribute (the prefix "" matches them all) and every scheme kept, comments dropped.
def _faithful(html: str) -> str:
    tags = _KNOWN_TAGS | {name.lower() for name in _TAG_NAME.findall(html)}
    schemes = (
        set(LINK_SCHEMES) | _DANGEROUS_SCHEMES | {s.lower() for s in _SCHEME_ANYWHERE.findall(_decoded(html))}
    )
    return _clean(
        html,
        tags=tags,
        clean_content_tags=set(),
        attributes={},
        generic_attribute_prefixes={""},
        url_schemes=schemes,
        link_rel=None,
        strip_comments=True,
    )


# Every name that could start a tag ("<" then a letter, up to a space, "/" or ">").
_TAG_NAME = re.compile(r"</?([A-Za-z][^\t\n\f\r />]*)")
# Every word that could be an address's scheme once character references are read.
_SCHEME_ANYWHERE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_DANGEROUS_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "blob", "filesystem"})
_KNOWN_TAGS = ALLOWED_TAGS | _RUNS_OR_LOADS | frozenset("html head body title tbody".split())


# The text with character references read and the characters a URL parser drops removed, so
# that "java&#9;script&#58;" shows its scheme.
def _decoded(html: str) -> str:
    return html_lib.unescape(html).replace("\t", "").replace("\n", "").replace("\r", "")


class _ElementReader(HTMLParser):
    """The start tags of well-formed HTML (the sanitizer's own output), with their attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    handle_startendtag = handle_starttag


def _elements(html: str) -> Iterator[tuple[str, list[tuple[str, str | None]]]]:
    reader = _ElementReader()
    reader.feed(html)
    reader.close()
    return iter(reader.elements)


# ---------------------------------------------------------------------------------------------
# Positions


# Where `needle` next occurs in `text` at or after `start` (case-insensitive), or None.
def locate(text: str, needle: str, start: int = 0) -> int | None:
    match = re.compile(re.escape(needle), re.IGNORECASE).search(text, start)
    return match.start() if match else None
