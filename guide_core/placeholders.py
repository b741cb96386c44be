"""The grammar of email placeholders: its one owner.

A placeholder is a field name in single curly braces, ``{interviewer_name}``: a lower-case
letter, then lower-case letters, digits and underscores. The checks (``rules``), filling in
(``email_template``) and the schema's ``field_name`` pattern all follow this module; the
browser never parses templates: the build hands it the template already split into text
and placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

FIELD_NAME_PATTERN = r"[a-z][a-z0-9_]*"
FIELD_NAME = re.compile(FIELD_NAME_PATTERN)
PLACEHOLDER = re.compile(r"\{(" + FIELD_NAME_PATTERN + r")\}")
# A line with nothing but placeholders on it, such as "{your_name}".
PLACEHOLDERS_ONLY = re.compile(r"(?:[ \t]*\{" + FIELD_NAME_PATTERN + r"\})+[ \t]*")


class Stray(NamedTuple):
    """A brace that is not part of a placeholder: where it is in the text, and what is wrong."""

    offset: int
    message: str


# Every brace in `text` that does not make a well-formed placeholder, in one linear pass.
def stray_braces(text: str) -> Iterator[Stray]:
    position = 0
    while True:
        opening = text.find("{", position)
        closing = text.find("}", position)
        if opening == -1 and closing == -1:
            return
        if closing != -1 and (opening == -1 or closing < opening):
            yield Stray(closing, "a '}' closes no placeholder: delete it, or write {field_name} in full")
            position = closing + 1
            continue
        if text.startswith("{{", opening):
            end = text.find("}", opening)
            yield Stray(opening, "placeholders take single braces, like {company}, not {{company}}")
            position = end + 1 if end != -1 else opening + 2
            while position < len(text) and text[position] == "}":
                position += 1
            continue
        end = text.find("}", opening + 1)
        nested = text.find("{", opening + 1)
        if end == -1 or (nested != -1 and nested < end):
            yield Stray(opening, "a '{' is never closed: write the placeholder as {field_name}")
            position = opening + 1
            continue
        name = text[opening + 1 : end]
        if not FIELD_NAME.fullmatch(name):
            yield Stray(
                opening,
                "expected a placeholder like {interviewer_name} (lower-case letters, digits and "
                f"underscores), got {{{name[:40]}}}",
            )
        position = end + 1


# The field names a text uses, each once, in the order they first appear.
def names(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(PLACEHOLDER.findall(text)))
