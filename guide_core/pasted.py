"""Characters that word processors, phone keyboards and web editors put in a file, named.

Text pasted from Word or typed on a phone looks right and is not what YAML reads: a
non-breaking space where a space or an indent should be, "smart" quotes where straight ones
delimit a value, an en dash where a list item's `-` was typed, a full-width colon from a
Chinese or Japanese keyboard, a zero-width space. YAML's own errors about them come lines
later, or never (the quotes become part of an email address). `check` reads the lines of a
file as an author sees them and names the first such character where it is, with the fix.

Only the places where YAML reads structure are looked at: the indentation, the `:` after a
field name and the space after it, the `-` of an item, and a one-line value as a whole. Text
inside a block (`body: |`) and inside a value is the author's, typographic quotes and
non-breaking spaces included, and is left alone (but a tab in a one-line value is named).

Nothing here knows about articles.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple


class Pasted(NamedTuple):
    """Where the character is (1-based line and column, in characters) and what to do."""

    line: int
    column: int
    message: str


# Spaces YAML does not read as spaces (it reads only U+0020 and the tab), and characters that
# show as nothing at all.
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
INVISIBLE = "\u200b\u200c\u200d\u2060"
# Dashes and bullets typed, or autocorrected, where a list item's `-` belongs.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022\u00b7\uff0d"
# Typographic quotes that open a value, each with the ones that may close it (English “…” and
# ‘…’, German „…“ and ‚…‘, French «…», Swedish »…», Japanese 「…」 and 『…』, full-width ＂…＂).
QUOTES = {
    "\u201c": "\u201d\u201c",
    "\u2018": "\u2019\u2018",
    "\u201e": "\u201c\u201d",
    "\u201a": "\u2018\u2019",
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab\u00bb",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "\uff02": "\uff02",
    "\u201d": "\u201d",
}
_NAMES = {
    "\u00a0": "a non-breaking space",
    "\u202f": "a narrow non-breaking space",
    "\u3000": "an ideographic (full-width) space",
    "\u200b": "a zero-width space",
    "\u200c": "a zero-width non-joiner",
    "\u200d": "a zero-width joiner",
    "\u2060": "a word joiner",
    "\u2013": "an en dash",
    "\u2014": "an em dash",
    "\u2022": "a bullet",
    "\u2212": "a minus sign",
    "\uff1a": "a full-width colon",
    "\t": "a tab",
}

_FIELD = r"[A-Za-z_][\w-]*"
# A line's parts as YAML reads them: indentation, an item's dash, a field name and its colon.
_LINE = re.compile(
    rf"^(?P<indent>[ {SPACES}{INVISIBLE}]*)(?P<dash>[-{DASHES}](?=[ {SPACES}]|$)[ "
    rf"{SPACES}]*)?(?P<key>{_FIELD})?"
)
_BLOCK_START = re.compile(rf"^(?P<indent> *)(?:- +)?{_FIELD}: *[|>][-+0-9]*[ ]*(?:#.*)?$")


# The first pasted character that breaks the file's structure, or None.
def check(text: str) -> Pasted | None:
    block_indent: int | None = None  # inside a `key: |` block: the key's indentation
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue  # the block's text: the author's own
            block_indent = None
        if line.lstrip(" ").startswith("#"):
            continue
        found = _in_line(line, number)
        if found:
            return found
        block = _BLOCK_START.match(line)
        if block:
            block_indent = len(block["indent"])
    return None


def _in_line(line: str, number: int) -> Pasted | None:
    parts = _LINE.match(line)
    indent, dash, key = parts["indent"], parts["dash"] or "", parts["key"]
    for column, char in enumerate(indent, start=1):
        if char in INVISIBLE:
            return Pasted(
                number,
                column,
                f"{_name(char)}, invisible, at the start of this field: delete it "
                "(the cursor seems to skip a step there)",
            )
        if char != " ":
            return Pasted(
                number,
                column,
                f"{_name(char)} in the indentation, which YAML does not read as a space: "
                "delete it and indent with ordinary spaces",
            )
    if dash:
        if dash[0] != "-":
            return Pasted(
                number,
                len(indent) + 1,
                f"{_name(dash[0])} starts this item, where YAML needs '-' (a word processor "
                "may have changed it): type an ordinary hyphen '-'",
            )
        odd = next((c for c in dash[1:] if c != " "), None)
        if odd:
            return Pasted(
                number,
                len(indent) + 1 + dash.index(odd),
                f"{_name(odd)} after this item's '-', where YAML needs an "
                "ordinary space: replace it with a space",
            )
    start = len(indent) + len(dash)
    if key is None:
        invisible = re.match(f"[{INVISIBLE}]", line[start:])
        if invisible:
            return Pasted(
                number,
                start + 1,
                f"{_name(invisible.group())} before the text of this line: delete it "
                "(it is invisible; the cursor seems to skip a step there)",
            )
        return None
    after = start + len(key)
    rest = line[after:]
    if rest[:1] == "\uff1a":
        return Pasted(
            number,
            after + 1,
            f"{_name(rest[0])} '\uff1a' after '{key}', where YAML needs ':': type an ordinary colon",
        )
    if rest[:1] in INVISIBLE and rest[:1]:
        return Pasted(number, after + 1, f"{_name(rest[0])} after '{key}': delete it (it is invisible)")
    if not rest.startswith(":"):
        return None
    if rest[1:2] and rest[1] in SPACES + INVISIBLE:
        return Pasted(
            number,
            after + 2,
            f"{_name(rest[1])} after '{key}:', where YAML needs an ordinary space: replace it with a space",
        )
    return _value(rest[1:].lstrip(" \t"), number, len(line) - len(rest[1:].lstrip(" \t")) + 1, key)


# A one-line value: wrapped in typographic quotes, or holding a tab.
def _value(value: str, number: int, column: int, key: str) -> Pasted | None:
    value = (
        re.sub(r"[ \t]+#.*$", "", value).rstrip(" \t")
        if not value.startswith(("'", '"'))
        else value.rstrip(" \t")
    )
    closed = _QUOTED.get(value[:1]) and _QUOTED[value[0]].match(value)
    if (
        closed
        and value[closed.end() :].strip(" \t")
        and not value[closed.end() :].lstrip(" \t").startswith("#")
    ):
        return _closed_early(value, closed, number, column, key)
    if len(value) >= 2 and value[0] in QUOTES and value[-1] in QUOTES[value[0]]:
        inner = value[1:-1]
        return Pasted(
            number,
            column,
            (
                f"the value of '{key}' is wrapped in typographic quotes {value[0]}{value[-1]}, "
                "which YAML keeps as part of the "
                f'text: use straight quotes, "{inner}" (to show the quotes to readers, put them '
                "inside straight ones: "
                f'"{value}")'
            ),
        )
    if "\t" in value and not value.startswith(("|", ">")):
        return Pasted(
            number, column + value.index("\t"), f"a tab inside the value of '{key}': replace it with a space"
        )
    return None


# `title: 'Don't wait'`: the apostrophe closes the quoted text, and YAML cannot read the rest.
def _closed_early(value: str, closed: re.Match, number: int, column: int, key: str) -> Pasted:
    quote, inner, rest = value[0], value[1 : closed.end() - 1], value[closed.end() :]
    if quote == "'":
        fix = (
            f"inside '...' write an apostrophe twice ({inner}''{rest.rstrip(quote)}), or use "
            f'double quotes: "{inner}\'{rest.rstrip(quote)}"'
        )
    else:
        fix = f'inside "..." write a quote as \\", or use single quotes: \'{inner}"{rest.rstrip(quote)}\''
    return Pasted(
        number,
        column + closed.end() - 1,
        (
            f'the {quote} after "{inner[-12:]}" ends the text that the {quote} at column {column} '
            "opened, so YAML cannot read "
            f"what follows ({rest.strip()[:20]}): {fix}"
        ),
    )


_QUOTED = {"'": re.compile(r"'(?:[^']|'')*'(?!')"), '"': re.compile(r'"(?:[^"\\]|\\.)*"')}


def _name(char: str) -> str:
    code = f"U+{ord(char):04X}"
    name = _NAMES.get(char) or f"the character {unicodedata.name(char, 'unnamed').lower()}"
    return f"{name} ({code})"
