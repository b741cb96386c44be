"""The grammar of email placeholders: its one owner.

A placeholder is a field name in single curly braces, ``{interviewer_name}``: a lower-case
letter, then lower-case letters, digits and underscores. What a field name is, the schema's
``field_name`` pattern says (editors and the check read it there); this module builds the
placeholder from that pattern, and the checks (``rules``) and filling in (``email_template``)
follow this module. The browser never parses templates: the build hands it the template already
split into text and placeholders (``email_template.segments``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from . import schema

# The schema anchors its patterns at both ends: "^" and "(?![\s\S])" (the end of the text, where
# "$" would let a final line break through). Inside a placeholder the name stands unanchored.
_START, _END = "^", r"(?![\s\S])"


# The schema's pattern for `name` without its anchors, to build bigger patterns from.
def _unanchored(name: str) -> str:
    pattern = schema.schema()["$defs"][name]["pattern"]
    if not (pattern.startswith(_START) and pattern.endswith(_END)):
        raise ValueError(
            f"article.schema.json: the pattern of {name!r} must start with {_START} and end with {_END}"
        )
    return pattern[len(_START) : -len(_END)]


FIELD_NAME_PATTERN = _unanchored("field_name")
FIELD_NAME = re.compile(FIELD_NAME_PATTERN)
PLACEHOLDER = re.compile(r"\{(" + FIELD_NAME_PATTERN + r")\}")
# A line with nothing but placeholders on it, such as "{your_name}".
PLACEHOLDERS_ONLY = re.compile(r"(?:[ \t]*\{" + FIELD_NAME_PATTERN + r"\})+[ \t]*")


class Stray(NamedTuple):
    """A brace that is not part of a placeholder: where it is in the text, and what is wrong."""

    offset: int
    message: str


# Every brace in `text` that does not make a well-formed placeholder, in one linear pass over
# the braces alone ("{{company}}", "{role …", "company}", "{Company}" would reach readers as typed).
def stray_braces(text: str) -> Iterator[Stray]:
    braces = [(match.start(), match.group()) for match in _BRACE.finditer(text)]
    index = 0
    while index < len(braces):
        offset, brace = braces[index]
        following = braces[index + 1] if index + 1 < len(braces) else None
        if brace == "}":
            yield Stray(offset, "a '}' closes no placeholder: delete it, or write {field_name} in full")
            index += 1
        elif following is not None and following == (offset + 1, "{"):
            yield Stray(offset, "placeholders take single braces, like {company}, not {{company}}")
            index = _after_doubled(braces, index)
        elif following is None or following[1] == "{":
            yield Stray(offset, "a '{' is never closed: write the placeholder as {field_name}")
            index += 1
        else:
            name = text[offset + 1 : following[0]]
            if not FIELD_NAME.fullmatch(name):
                shown = name if len(name) <= 40 else name[:37] + "..."
                yield Stray(
                    offset,
                    "expected a placeholder like {interviewer_name} (lower-case letters, digits and "
                    f"underscores), got {{{shown}}}",
                )
            index += 2


_BRACE = re.compile(r"[{}]")


# The index of the first brace after a doubled placeholder: its opening braces, the text up to
# the first '}', and the '}'s that follow that one directly ("{{company}}" is one mistake).
def _after_doubled(braces: list[tuple[int, str]], index: int) -> int:
    while index < len(braces) and braces[index][1] == "{":
        index += 1
    if index < len(braces):
        index += 1
        while index < len(braces) and braces[index] == (braces[index - 1][0] + 1, "}"):
            index += 1
    return index


# The field names a text uses, each once, in the order they first appear.
def names(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACEHOLDER.findall(text)))
