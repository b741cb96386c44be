"""PyYAML's syntax errors, said in the words of an author who edits a file by hand.

PyYAML reports where its parser gave up ("did not find expected key"), which is often a line
or a hundred lines after the mistake. The mistakes people make are few: a line indented one
space too far or too little, an item out of line with the items above it, a quote that is never
closed, text that starts with `{` or `[` (YAML reads it as fields or a list). Each diagnosis
below reads the tokens PyYAML's scanner made before the error (so text inside a body that
happens to start with "- " never confuses it) and returns where the mistake is and what to do,
or nothing, and then PyYAML's own words are used.

Nothing here knows about articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import yaml


class Explained(NamedTuple):
    """Where the mistake is (0-based, as PyYAML's marks) and what to say about it."""

    line: int
    column: int
    message: str


# The author's explanation of `error` in `text`, or None to keep PyYAML's own words. `tokens`
# are the scanner's tokens from the start of the text up to where it stopped.
def explain(error: yaml.MarkedYAMLError, text: str, tokens: list[yaml.Token]) -> Explained | None:
    mark = error.problem_mark
    if mark is None:
        return None
    before = [
        token
        for token in tokens
        if (token.start_mark.line, token.start_mark.column) < (mark.line, mark.column)
    ]
    lines = text.split("\n")
    for diagnose in _DIAGNOSES:
        found = diagnose(error, mark, before, lines)
        if found:
            return found
    return None


# A quote opened and not closed on its line: YAML reads on to the next quote of the same kind,
# lines later, and the error comes there. Point at the quote that opened.
def _unclosed_quote(
    error: yaml.MarkedYAMLError, mark: yaml.Mark, before: list[yaml.Token], lines: list[str]
) -> Explained | None:
    if error.context == "while scanning a quoted scalar" and error.context_mark:
        opened = error.context_mark
        quote = lines[opened.line][opened.column : opened.column + 1] or '"'
        return Explained(
            opened.line,
            opened.column,
            f"the quote {quote} opened here is never closed: end the text with {quote} on this line",
        )
    for token in reversed(before):
        if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
            continue
        start, end = token.start_mark, token.end_mark
        spanned = "\n".join(lines[start.line + 1 : end.line + 1])
        if end.line > start.line and _FIELD_OR_ITEM.search(spanned):
            quote = token.style
            return Explained(
                start.line,
                start.column,
                f"the quote {quote} opened here is not closed on this line, so YAML reads the "
                "lines after it, up to "
                f"the next {quote} on line {end.line + 1}, as part of this text: end the text with "
                f"{quote} on this line",
            )
        break
    return None


# A line of a file that looks like a field (`name:`) or a list item (`- `).
_FIELD_OR_ITEM = re.compile(r"^[ ]*(?:- |-$|[A-Za-z_][\w-]*:(?: |$))", re.MULTILINE)


# A `[` or `{` opened and not closed on its line (PyYAML complains where it gave up looking).
def _unclosed_bracket(
    error: yaml.MarkedYAMLError, mark: yaml.Mark, before: list[yaml.Token], lines: list[str]
) -> Explained | None:
    context = error.context or ""
    opened = error.context_mark
    if not context.startswith("while parsing a flow") or opened is None or opened.line == mark.line:
        return None
    bracket, closing, kind = ("[", "]", "list") if "sequence" in context else ("{", "}", "set of fields")
    return Explained(
        opened.line,
        opened.column,
        f"the {bracket} opened here is not closed on this line: end the {kind} with {closing}, or, "
        "if this is text that "
        f"starts with {bracket}, put the whole text in quotes",
    )


# `subject: {role} interview` or `title: [Draft] notes`: YAML reads the braces as a set of
# fields (or a list) and then finds more text where it expects the next field.
def _text_starting_with_bracket(
    error: yaml.MarkedYAMLError, mark: yaml.Mark, before: list[yaml.Token], lines: list[str]
) -> Explained | None:
    line = lines[mark.line] if mark.line < len(lines) else ""
    match = _VALUE_IN_BRACKETS.match(line)
    if not match or mark.column <= match.start("bracket"):
        return None
    key, value = match.group("key"), line[match.start("bracket") :].rstrip()
    return Explained(
        mark.line,
        match.start("bracket"),
        f"text that starts with {match.group('bracket')} must be put in quotes (YAML reads "
        f"{'{...} as a set of fields' if match.group('bracket') == '{' else '[...] as a list'}): "
        f'write {key}: "{value}"',
    )


_VALUE_IN_BRACKETS = re.compile(r"^[ ]*(?:- )?(?P<key>[A-Za-z_][\w-]*):[ ]+(?P<bracket>[{\[])")


# An item out of line with the list it belongs to, or a field out of line with the fields
# of its item: say which line does not line up with which, and how far to move it.
def _out_of_line(
    error: yaml.MarkedYAMLError, mark: yaml.Mark, before: list[yaml.Token], lines: list[str]
) -> Explained | None:
    if not error.problem.startswith(_OUT_OF_LINE_PROBLEMS) or mark.line >= len(lines):
        return None
    line = lines[mark.line]
    column = len(line) - len(line.lstrip(" "))
    if line[column : column + 2] in ("- ", "-") and (line[column:] == "-" or line[column + 1] == " "):
        return _item_out_of_line(mark.line, column, before)
    return _field_out_of_line(mark.line, column, line, before) or _field_out_of_mapping(
        error, mark.line, column, line, lines
    )


# What libyaml and PyYAML's pure-Python parser say when a line does not line up.
_OUT_OF_LINE_PROBLEMS = (
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>, but found",
)


# A `- ` whose column is not that of the item before it.
def _item_out_of_line(line: int, column: int, before: list[yaml.Token]) -> Explained | None:
    for token in reversed(before):
        if isinstance(token, yaml.BlockEntryToken) and token.start_mark.column != column:
            other = token.start_mark
            return Explained(
                line,
                column,
                f"this item's '-' is at column {column + 1}, but the '-' of the item on line "
                f"{other.line + 1} is at "
                f"column {other.column + 1}: items of one list must line up ({_move(column, other.column)})",
            )
    return None


# A field (`text:`) whose column is not that of the field it belongs beside: the first field
# of the item or section above it (the key just after the last '- ').
def _field_out_of_line(line: int, column: int, text: str, before: list[yaml.Token]) -> Explained | None:
    name = _FIELD_NAME.match(text, column)
    sibling = _last_item_first_key(before)
    if not name or sibling is None or sibling.start_mark.column == column:
        return None
    other = sibling.start_mark
    field = f"'{name.group(1)}:'"
    under_dash = other.column - 2 == column
    why = " (under the '-', YAML reads it as a new item without its '-')" if under_dash else ""
    return Explained(
        line,
        column,
        f"{field} is at column {column + 1}{why}, but '{sibling.value}:' on line {other.line + 1} "
        "is at column "
        f"{other.column + 1}: fields of one item must line up ({_move(column, other.column)})",
    )


_FIELD_NAME = re.compile(r"([A-Za-z_][\w-]*)[ ]*:")


# A field out of line with the fields of the mapping the parser was reading, where no '- '
# item is around (mkdocs.yml, a page's front matter): name the first field of that mapping.
def _field_out_of_mapping(
    error: yaml.MarkedYAMLError, line: int, column: int, text: str, lines: list[str]
) -> Explained | None:
    opened = error.context_mark
    name = _FIELD_NAME.match(text, column)
    if (
        error.context != "while parsing a block mapping"
        or opened is None
        or not name
        or opened.line >= len(lines)
    ):
        return None
    first = _FIELD_NAME.match(lines[opened.line], opened.column)
    if not first or opened.column == column:
        return None
    field = f"'{name.group(1)}:' is at column {column + 1}"
    outer = f"'{first.group(1)}:' on line {opened.line + 1}"
    # The line above may be a field of a nested block the line was meant to join (a setting
    # of theme: one space short): then it is one or the other.
    above = next(
        (
            number
            for number in range(line - 1, opened.line, -1)
            if lines[number].strip() and not lines[number].lstrip().startswith("#")
        ),
        None,
    )
    inner = (
        _FIELD_NAME.match(lines[above], len(lines[above]) - len(lines[above].lstrip(" ")))
        if above is not None
        else None
    )
    if inner and inner.start() > column:
        return Explained(
            line,
            column,
            f"{field}, between {outer} (column {opened.column + 1}) and '{inner.group(1)}:' on "
            f"line {above + 1} (column "
            f"{inner.start() + 1}): line it up with the fields it belongs with "
            f"({_move(column, opened.column)}, or {_move(column, inner.start())})",
        )
    return Explained(
        line,
        column,
        f"{field}, but {outer}, the first field of its block, is at column {opened.column + 1}: "
        "fields that belong "
        f"together must line up ({_move(column, opened.column)})",
    )


# The first field name after the last '- ' (the `id` of `- id: ...`), as a ScalarToken.
def _last_item_first_key(before: list[yaml.Token]) -> yaml.ScalarToken | None:
    for index in range(len(before) - 1, -1, -1):
        if isinstance(before[index], yaml.BlockEntryToken):
            following = before[index + 1 : index + 4]
            if len(following) >= 2 and isinstance(following[0], yaml.BlockMappingStartToken):
                following = following[1:]
            if (
                len(following) >= 2
                and isinstance(following[0], yaml.KeyToken)
                and isinstance(following[1], yaml.ScalarToken)
            ):
                return following[1]
            return None
    return None


# `heading:` one space right of `id:`: YAML reads the line as more of the text of the field
# above it, then finds a ':' where no field may start.
def _field_indented_into_text(
    error: yaml.MarkedYAMLError, mark: yaml.Mark, before: list[yaml.Token], lines: list[str]
) -> Explained | None:
    if error.problem != "mapping values are not allowed here" or len(before) < 3:
        return None
    value, key = before[-1], before[-3]
    if not (isinstance(value, yaml.ScalarToken) and value.plain and value.start_mark.line < mark.line):
        return None
    if not isinstance(key, yaml.ScalarToken):
        return None
    line = lines[mark.line]
    column = len(line) - len(line.lstrip(" "))
    name = _FIELD_NAME.match(line, column)
    if not name or column <= key.start_mark.column:
        return None
    return Explained(
        mark.line,
        column,
        f"'{name.group(1)}:' is at column {column + 1}, right of '{key.value}:' on line "
        f"{key.start_mark.line + 1} "
        f"(column {key.start_mark.column + 1}), so YAML reads this line as more of the text of "
        f"'{key.value}': "
        f"fields that belong together must line up ({_move(column, key.start_mark.column)})",
    )


# "move it 2 spaces left"
def _move(column: int, target: int) -> str:
    distance = abs(column - target)
    return f"move it {distance} space{'s' if distance != 1 else ''} {'left' if column > target else 'right'}"


_DIAGNOSES: list[Callable[..., Explained | None]] = [
    _unclosed_quote,
    _unclosed_bracket,
    _text_starting_with_bracket,
    _field_indented_into_text,
    _out_of_line,
]
