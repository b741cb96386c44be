"""Read a YAML file into plain data, remembering where every value came from.

Authors edit article files by hand, so every mistake must point at a line and a column.
PyYAML keeps those positions on its nodes (``yaml.compose``); this module builds plain
Python data from the nodes itself so that the positions survive, and refuses what an
article never needs and what can hurt: duplicate keys (PyYAML would keep the last one
silently), aliases (the "billion laughs" bomb), tags that construct objects, tabs used for
indentation and bytes that are not UTF-8.

Nothing here knows about articles or MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

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


# Read a YAML text (str or bytes) into a Document, or raise SourceError.
def parse(source: str | bytes) -> Document:
    text = _decode(source) if isinstance(source, bytes) else source
    _reject_tab_indentation(text)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, error) from None
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError(Position(1, 1), "the file is empty: expected an article's fields")
        document = Document(data=None, text=text)
        document.data = _build(loader, node, (), document)
        return document
    except yaml.MarkedYAMLError as error:
        raise _source_error(error) from None
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, error) from None
    finally:
        loader.dispose()


# Bytes must be UTF-8; point at the first byte that is not.
def _decode(source: bytes) -> str:
    try:
        return source.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = source[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise SourceError(
            Position(line, column),
            f"byte 0x{source[error.start]:02x} is not UTF-8 text: save the file as UTF-8",
        ) from None


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


# libyaml (PyYAML's C parser) composes a file about twenty times faster than pure Python;
# PyYAML's wheels ship it, and the pure-Python parser is the fallback where it is missing.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """A safe loader that keeps dates as text: the schema checks them and says what is wrong."""


# Dates stay strings so that "2017-02-30" reaches the schema, which says what is wrong with it.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


# Turn a node into plain data, recording positions; refuse duplicate keys and odd tags.
def _build(loader: _Loader, node: yaml.Node, path: Path, document: Document, seen: set[int] | None = None) -> Any:
    mark = node.start_mark
    # An alias (*name) composes to a node already seen: refuse it before it can multiply
    # (the "billion laughs" bomb). The parent's position is where the alias was used.
    seen = set() if seen is None else seen
    if id(node) in seen:
        parent = document.values.get(path[:-1])
        used_at = document.keys.get(path) or (parent.start_mark if parent else mark)
        raise SourceError(_position(used_at), "aliases (*name) are not allowed in article files: write the value out")
    seen.add(id(node))
    document.values[path] = node
    if node.tag not in _PLAIN_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise SourceError(_position(mark), f"the YAML tag {tag!r} is not allowed in article files")
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise SourceError(_position(key_mark), "expected a plain field name before ':'")
            key = key_node.value if key_node.tag == _STR else str(loader.construct_object(key_node))
            if key in result:
                first = _position(document.keys[path + (key,)])
                raise SourceError(
                    _position(key_mark),
                    f"duplicate field {key!r}: it is already set on line {first.line}",
                )
            document.keys[path + (key,)] = key_mark
            result[key] = _build(loader, value_node, path + (key,), document, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, path + (index,), document, seen) for index, item in enumerate(node.value)
        ]
    if node.tag == _STR:
        return node.value  # what construct_object would return, without its bookkeeping
    return loader.construct_object(node)


_STR = "tag:yaml.org,2002:str"


def _position(mark: yaml.Mark) -> Position:
    return Position(mark.line + 1, mark.column + 1)


# PyYAML's errors carry a mark; keep its problem text and drop its "in <unicode string>" noise.
def _source_error(error: yaml.MarkedYAMLError) -> SourceError:
    mark = error.problem_mark or error.context_mark
    position = _position(mark) if mark else Position(1, 1)
    problem = (error.problem or "this is not valid YAML").replace("in this context", "here")
    hint = _HINTS.get(problem)
    if error.context and error.context_mark and error.context_mark is not mark:
        problem = f"{problem} ({error.context} on line {error.context_mark.line + 1})"
    return SourceError(position, f"YAML syntax error: {problem}" + (f"; {hint}" if hint else ""))


# A character YAML refuses anywhere (control characters): say which, and where.
def _reader_error(text: str, error: yaml.reader.ReaderError) -> SourceError:
    before = text[: error.position]
    line = before.count("\n") + 1
    column = error.position - (before.rfind("\n") + 1) + 1
    return SourceError(
        Position(line, column),
        f"the invisible control character U+{error.character:04X} is not allowed: delete it",
    )


# What usually causes PyYAML's terser complaints, in an author's terms.
_HINTS = {
    "mapping values are not allowed here": (
        "text that contains ': ' must be put in quotes, and a field must line up with the fields around it"
    ),
    "found character '\\t' that cannot start any token": "replace the tab with spaces",
}
