"""Read a YAML file into plain data, remembering where every value came from.

Authors edit article files by hand, so every mistake must point at a line and a column.
PyYAML keeps those positions on its nodes (``yaml.compose``); this module builds plain
Python data from the nodes itself so that the positions survive, and refuses what an
article never needs and what can hurt: duplicate keys (PyYAML would keep the last one
silently), aliases (the "billion laughs" bomb), tags that construct objects, nesting deeper
than an article needs, tabs used for indentation, bytes that are not UTF-8 and invisible
characters that move lines (a lone carriage return, U+2028, NEL) or hide (control characters).

Whatever the text, `parse` returns a Document or raises SourceError: never another exception,
and in time linear in the text. Scalars keep the text the author wrote unless it is plainly
a whole number (``150``), ``true``/``false`` or empty: ``0200`` and ``2017:10:05`` stay text, so a
message can quote them instead of YAML 1.1's octal 128 or sexagesimal 7261805.

Nothing here knows about articles or MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from . import pasted, yaml_errors
from .problems import quoted

Path = tuple[str | int, ...]


class Position(NamedTuple):
    """A 1-based line and column in a source file (a tuple: one is made for every value)."""

    line: int
    column: int


class SourceError(Exception):
    """The file cannot be read as YAML at all; carries the position of the first fault."""

    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


@dataclass
class Document:
    """Plain data from a YAML file, and where each value and each key started."""

    data: Any
    text: str = ""
    # PyYAML's nodes, turned into positions only when a message needs one (most never do).
    values: dict[Path, yaml.Node] = field(default_factory=dict)
    keys: dict[Path, yaml.Mark] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """Where `path` starts, or the nearest enclosing value that has a position."""
        if key and path in self.keys:
            return _position(self.keys[path])
        while path not in self.values and path:
            path = path[:-1]
        return _position(self.values[path].start_mark) if path in self.values else Position(1, 1)

    def offset_position(self, path: Path, offset: int) -> Position:
        """Where character `offset` of the text at `path` is in the file (a placeholder inside
        a body, say), or where the value starts when the source cannot be matched to it."""
        node = self.values.get(path)
        value = self.data_at(path)
        if node is None or not isinstance(value, str) or not 0 <= offset < len(value):
            return self.position(path)
        # The value's words from `offset` to the next space stand in the source as written
        # (folding only changes spaces and line breaks); find them between the node's marks.
        word = value[offset:].split(None, 1)[0] if value[offset:].strip() else value[offset]
        start, end = node.start_mark.index, node.end_mark.index
        found = start - 1
        for _ in range(value.count(word, 0, offset) + 1):  # the same word may come earlier
            found = self.text.find(word, found + 1, end)
            if found == -1:
                break
        if found == -1:
            return self.position(path)
        line = self.text.count("\n", 0, found) + 1
        return Position(line, found - (self.text.rfind("\n", 0, found) + 1) + 1)

    def data_at(self, path: Path) -> Any:
        """The plain value at `path`, or None where there is none."""
        value = self.data
        for step in path:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                return None
        return value


# Read a YAML text (str or bytes) into a Document, or raise SourceError (`empty` says a file
# with nothing in it, comments aside: an article by default).
def parse(source: str | bytes, *, empty: str = "the file is empty: expected an article's fields") -> Document:
    text = _decode(source) if isinstance(source, bytes) else source.removeprefix("\ufeff")
    _reject_invisible_characters(text)
    _reject_tab_indentation(text)
    found = pasted.check(text)  # what Word, a phone or a web editor put where YAML reads structure
    if found:
        raise SourceError(Position(found.line, found.column), found.message)
    loader = _Loader(text)
    try:
        node = _compose(loader)
        if node is None:
            raise SourceError(Position(1, 1), empty)
        document = Document(data=None, text=text)
        document.data = _build(node, (), document)
        return document
    except yaml.MarkedYAMLError as error:
        raise _source_error(error, text) from None
    except yaml.reader.ReaderError as error:  # _reject_invisible_characters should have said it
        raise SourceError(
            Position(1, 1), f"the character U+{error.character:04X} is not allowed: delete it"
        ) from None
    finally:
        loader.dispose()


# Bytes must be UTF-8; say so for UTF-16 (which is mostly NUL bytes, or starts with its own
# byte order mark) before naming a byte, and point at the first byte that is not UTF-8.
def _decode(source: bytes) -> str:
    if source.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(source):
        raise SourceError(Position(1, 1), "the file is saved as UTF-16 text: save the file as UTF-8")
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = source[: error.start]
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        column = len(before[line_start:].decode("utf-8")) + 1  # characters, as an editor counts
        raise SourceError(
            Position(line, column),
            f"byte 0x{source[error.start]:02x} is not UTF-8 text: save the file as UTF-8",
        ) from None


# UTF-16 stores the letters of an English text as a letter and a NUL byte each (UTF-32, three
# NULs): a NUL is never in a text file otherwise, so a quarter of them means "wrong encoding".
def _looks_like_utf16(source: bytes) -> bool:
    start = source[:1000]
    return start.count(0) * 4 >= len(start) > 0


# Characters YAML reads as line breaks that most editors do not show as one (so PyYAML's
# line numbers would drift from the editor's), and characters that show as nothing at all:
# name the first one, where an editor would put it (lines end only at LF).
def _reject_invisible_characters(text: str) -> None:
    match = _INVISIBLE.search(text)
    if not match:
        return
    char = match.group()
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    raise SourceError(Position(line, column), _invisible_message(char))


def _invisible_message(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in _LINE_BREAKS:
        return (
            f"the invisible line break {code} ({_LINE_BREAKS[char]}) is not allowed: "
            "replace it with an ordinary line break (press Enter) or a space"
        )
    if char == "\ufeff":
        return f"the invisible byte order mark {code} is not allowed inside the text: delete it"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return f"the character {code} is not valid text: delete it"
    return f"the invisible control character {code} is not allowed: delete it"


_LINE_BREAKS = {
    "\r": "a carriage return without a line feed, an old Mac line ending",
    "\x85": "NEL, next line",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
}
# Lone CR, NEL, LS, PS; a BOM past the start; and what YAML refuses anywhere (its printable
# set: tab, LF, CR, and the rest of Unicode but C0/C1 controls, DEL, surrogates, U+FFFE/F).
_INVISIBLE = re.compile(
    "\r(?!\n)|[\x85\u2028\u2029\ufeff]|[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


# YAML forbids tabs in indentation, but PyYAML's own message for them is cryptic.
def _reject_tab_indentation(text: str) -> None:
    match = _TAB_INDENT.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise SourceError(
            Position(line, match.end() - match.start()),
            "a tab is used for indentation: indent with spaces only",
        )


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


# A safe loader whose implicit types are only those an article uses (see _INT_FORM below).
def _article_loader(base: type) -> type:
    class Loader(base):  # type: ignore[misc,valid-type]
        pass

    Loader.yaml_implicit_resolvers = {}
    Loader.add_implicit_resolver(_INT, re.compile(f"^(?:{_INT_FORM.pattern})$"), list("-+0123456789"))
    Loader.add_implicit_resolver(
        _BOOL,
        re.compile(r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
        list("yYnNtTfFoO"),
    )
    Loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
    return Loader


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# Plain scalars that are not text: whole numbers written in decimal digits (YAML 1.1 would
# also read 0200 as octal 128 and 2017:10:05 as 7261805), yes/no words (the schema says "put
# text in quotes"), and nothing. Everything else, floats and dates included, stays the text
# the author wrote: no article field is a float, and the schema checks dates.
_INT_FORM = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT_FORM = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
_NULLS = ("", "~", "null", "Null", "NULL")

# libyaml (PyYAML's C parser) parses a file about twenty times faster than pure Python;
# PyYAML's wheels ship it, and the pure-Python parser is the fallback where it is missing
# (the tests run both). SAFE_LOADER is PyYAML's own safe loader, the fast one where there is one,
# for the files the guide itself ships (catalogues), which the checks have already read.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PURE_PYTHON_LOADER = _article_loader(yaml.SafeLoader)
_Loader = _article_loader(SAFE_LOADER) if SAFE_LOADER is not yaml.SafeLoader else PURE_PYTHON_LOADER


# No article is nested deeper than 5 (the article, sections, a section, its checklist, an
# item); past this, the file is a mistake, and PyYAML's own parsers slow down quadratically.
MAX_DEPTH = 20
# A whole number longer than this is no word limit; it stays text (Python refuses to convert
# past 4,300 digits, and would be slow long before).
_MAX_INT_DIGITS = 100


# The file's one document as PyYAML nodes, composed from the parser's events without
# recursion: refuse an alias where it is used (before it can multiply: the "billion
# laughs" bomb), a tag that builds objects, and nesting past MAX_DEPTH where it starts.
def _compose(loader: _Loader) -> yaml.Node | None:
    loader.get_event()  # the stream starts
    if loader.check_event(yaml.StreamEndEvent):
        return None
    loader.get_event()  # the document starts
    open_nodes: list[yaml.CollectionNode] = []  # the collections being filled, outermost first
    root = None
    while not loader.check_event(yaml.DocumentEndEvent):
        event = loader.get_event()
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            node = _close(open_nodes.pop(), event)
        else:
            node = _node_for(loader, event, len(open_nodes))
            if open_nodes:
                open_nodes[-1].value.append(node)
            if isinstance(node, yaml.CollectionNode):
                open_nodes.append(node)
                continue
        if not open_nodes:
            root = node
    loader.get_event()  # the document ends
    if not loader.check_event(yaml.StreamEndEvent):
        mark = loader.get_event().start_mark
        raise SourceError(
            _position(mark), "a second document ('---') starts here: an article file holds one article"
        )
    return root


# A collection is complete: its end, and a mapping's children paired up as PyYAML's are.
def _close(node: yaml.CollectionNode, event: yaml.Event) -> yaml.CollectionNode:
    node.end_mark = event.end_mark
    if isinstance(node, yaml.MappingNode):
        node.value = list(zip(node.value[::2], node.value[1::2], strict=True))
    return node


# One event's node (a collection still empty): refuse what an article never needs.
def _node_for(loader: _Loader, event: yaml.Event, depth: int) -> yaml.Node:
    mark = event.start_mark
    if isinstance(event, yaml.AliasEvent):
        raise SourceError(
            _position(mark), "aliases (*name) are not allowed in article files: write the value out"
        )
    if isinstance(event, yaml.ScalarEvent):
        tag = event.tag
        if tag == "!":  # "not resolved": text (PyYAML would resolve `! 12` to a number)
            tag = _STR
        elif tag is None:
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        node: yaml.Node = yaml.ScalarNode(tag, event.value, mark, event.end_mark, style=event.style)
        _check_tag(node, (_STR, _INT, _FLOAT, _BOOL, _NULL))
        return node
    if depth >= MAX_DEPTH:
        raise SourceError(
            _position(mark),
            f"lists or fields are nested more than {MAX_DEPTH} levels deep here: an article needs 5 at most",
        )
    if isinstance(event, yaml.SequenceStartEvent):
        tag = event.tag if event.tag not in (None, "!") else _SEQ
        node = yaml.SequenceNode(tag, [], mark, None, flow_style=event.flow_style)
        _check_tag(node, (_SEQ,))
    else:
        tag = event.tag if event.tag not in (None, "!") else _MAP
        node = yaml.MappingNode(tag, [], mark, None, flow_style=event.flow_style)
        _check_tag(node, (_MAP,))
    return node


# A tag (`!!python/object`, `!custom`, `!!map` on a text) must be one an article's values have.
def _check_tag(node: yaml.Node, allowed: tuple[str, ...]) -> None:
    if node.tag not in allowed:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise SourceError(
            _position(node.start_mark),
            f"the YAML tag {quoted(tag)} is not allowed in article files: remove it",
        )


# Turn a node into plain data, recording positions; refuse duplicate keys. Recursive, but
# _compose has bounded the depth.
def _build(node: yaml.Node, path: Path, document: Document) -> Any:
    document.values[path] = node
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                raise SourceError(_position(key_mark), "expected a plain field name before ':'")
            key = key_node.value  # as written: `yes:` is the field "yes", not true
            if key in result:
                first = _position(document.keys[path + (key,)])
                raise SourceError(
                    _position(key_mark),
                    f"duplicate field {quoted(key)}: it is already set on line {first.line}",
                )
            document.keys[path + (key,)] = key_mark
            result[key] = _build(value_node, path + (key,), document)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), document) for index, item in enumerate(node.value)]
    return _scalar(node)


# A scalar's value. An explicit tag (`!!int abc`) must fit what it tags.
def _scalar(node: yaml.ScalarNode) -> Any:
    text = node.value
    if node.tag == _STR:
        return text
    if node.tag == _INT and _INT_FORM.fullmatch(text):
        return int(text) if len(text) <= _MAX_INT_DIGITS else text
    if node.tag == _BOOL and text.lower() in _BOOLS:
        return _BOOLS[text.lower()]
    if node.tag == _NULL and text in _NULLS:
        return None
    if node.tag == _FLOAT and _FLOAT_FORM.fullmatch(text):
        return float(text)
    kind = {_INT: "a whole number", _FLOAT: "a decimal number", _BOOL: "true or false", _NULL: "empty"}[
        node.tag
    ]
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise SourceError(
        _position(node.start_mark), f"{quoted(text)} is marked {tag} but is not {kind}: remove the tag"
    )


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# A syntax error of PyYAML's in `text` (any YAML file: mkdocs.yml, a page's front matter), as
# a SourceError in an author's words, at the mistake.
def syntax_error(error: yaml.MarkedYAMLError, text: str) -> SourceError:
    return _source_error(error, text)


# PyYAML's errors carry a mark: say what the author most likely did (yaml_errors), or else
# keep PyYAML's problem text without its "in <unicode string>" noise.
def _source_error(error: yaml.MarkedYAMLError, text: str) -> SourceError:
    error.problem = (error.problem or "this is not valid YAML").replace("in this context", "here")
    explained = yaml_errors.explain(error, text, _tokens_before(text, error.problem_mark))
    if explained:
        return SourceError(Position(explained.line + 1, explained.column + 1), explained.message)
    mark = error.problem_mark or error.context_mark
    position = _position(mark) if mark else Position(1, 1)
    problem = error.problem
    hint = _HINTS.get(problem)
    if error.context and error.context_mark and error.context_mark is not mark:
        problem = f"{problem} ({error.context} on line {error.context_mark.line + 1})"
    return SourceError(position, f"YAML syntax error: {problem}" + (f"; {hint}" if hint else ""))


# The scanner's tokens from the start of `text` to `mark` (or to where the scanner stops).
def _tokens_before(text: str, mark: yaml.Mark | None) -> list[yaml.Token]:
    loader = _Loader(text)
    tokens: list[yaml.Token] = []
    try:
        while (token := loader.get_token()) is not None:
            if mark is not None and (token.start_mark.line, token.start_mark.column) >= (
                mark.line,
                mark.column,
            ):
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return tokens


# What usually causes PyYAML's terser complaints, in an author's terms.
_HINTS = {
    "mapping values are not allowed here": (
        "text that contains ': ' must be put in quotes, and a field must line up with the fields around it"
    ),
    "found character '\\t' that cannot start any token": "replace the tab with spaces",
}
