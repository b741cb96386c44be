"""The article format (``article.schema.json``), and its errors in an author's words.

The schema is the single source of truth for the fields of an article: the checks read it,
and so do editors (the ``yaml-language-server`` line at the top of every article file).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path as FsPath
from typing import Any

import fastjsonschema
import jsonschema

from .problems import quoted
from .source import Document, Path

SCHEMA_PATH = FsPath(__file__).with_name("article.schema.json")

# Makes a Problem at a path of the document: (path, message, key?) -> Problem.
At = Callable[..., Any]


@cache
def schema() -> dict[str, Any]:
    """The article format, as a JSON Schema."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The pattern of the format's `$defs` entry `name` (the schema's own, anchored)."""
    return re.compile(schema()["$defs"][name]["pattern"])


def is_valid(data: Any) -> bool:
    """Does `data` match the schema? (Compiled with fastjsonschema: fast, but says nothing more.)"""
    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


# Every way `document` departs from the schema, each said once, as problems made by `at`.
def schema_problems(document: Document, at: At) -> Iterator[Any]:
    # A valid file (the usual case) passes the compiled check in microseconds; only an
    # invalid one pays for jsonschema, which finds every error and where it is.
    if is_valid(document.data):
        return
    seen: set[Any] = set()
    for error in _validator().iter_errors(document.data):
        for problem in _explain(error, document, at):
            if problem not in seen:  # "required" reports every missing field once per field
                seen.add(problem)
                yield problem


# What a value of the field at `path` should be, in an author's words.
def expected_at(path: Path) -> str:
    return _schema_at(path).get("x-expected") or "a value"


@cache
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    return cls(schema(), format_checker=cls.FORMAT_CHECKER)


@cache
def _fast_validator() -> Any:
    # fastjsonschema speaks draft 7, where keywords beside a "$ref" are ignored: wrap each such
    # "$ref" in an allOf so that the sibling limits (maxLength, ...) still apply.
    def draft7(node: Any) -> Any:
        if isinstance(node, list):
            return [draft7(item) for item in node]
        if not isinstance(node, dict):
            return node
        node = {key: draft7(value) for key, value in node.items() if key not in ("$schema", "$id")}
        if "$ref" in node and len(node) > 1:
            node["allOf"] = [{"$ref": node.pop("$ref")}]
        return node

    definition = draft7(schema())
    definition["$schema"] = "http://json-schema.org/draft-07/schema#"
    return fastjsonschema.compile(definition, formats={"date": _is_date})


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# Turn one jsonschema error into problems an author can act on.
def _explain(error: jsonschema.ValidationError, document: Document, at: At) -> Iterator[Any]:
    path: Path = tuple(error.absolute_path)
    if error.validator == "required":
        for name in error.validator_value:
            if name not in error.instance:
                yield at(
                    path + (name,),
                    f"required field missing: expected {expected_at(path + (name,))}",
                    near=path,
                )
        return
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for name in error.instance:
            if name in allowed:
                continue
            suggestion = _closest(name, allowed)
            hint = f"did you mean {suggestion!r}? " if suggestion else ""
            yield at(path + (name,), f"unknown field: {hint}allowed here: {', '.join(allowed)}", key=True)
        return
    if error.validator == "uniqueItems":
        counts: dict[str, int] = {}
        for index, value in enumerate(error.instance):
            key = json.dumps(value, sort_keys=True)
            if key in counts:
                yield at(path + (index,), f"{describe(value)} is listed twice (also item {counts[key] + 1})")
            else:
                counts[key] = index
        return
    if error.validator == "minItems":
        yield at(path, f"expected at least {error.validator_value} entry, got an empty list")
        return
    expected = _schema_at(path).get("x-expected") or error.schema.get("x-expected") or error.message
    if (
        error.validator == "pattern"
        and error.validator_value == schema()["$defs"]["id"]["pattern"]
        and _DASHES_ONLY.fullmatch(str(error.instance))
    ):
        # Letters, digits and dashes, yet refused: the dashes ("guide-item--x", "-tips").
        why = " (ids with -- are the page's own)" if path and path[-1] == "id" else ""
        yield at(
            path,
            f"expected {expected}, got {_got(error, document, path)}: one dash between words and "
            f"none at either end{why}",
        )
        return
    yield at(path, f"expected {expected}, got {_got(error, document, path)}")


_DASHES_ONLY = re.compile(r"[a-z0-9-]+")


# The value an author wrote, for "got ...", and why it has the wrong kind where YAML's reading is
# the surprise: `to: {contact_email}` is a set of fields to YAML, and `0200` stays text (YAML 1.1
# would read octal 128).
def _got(error: jsonschema.ValidationError, document: Document, path: Path) -> str:
    got = describe(error.instance)
    if error.validator != "type":
        return got
    node = document.values.get(path)
    if (
        isinstance(error.instance, (dict, list))
        and getattr(node, "flow_style", False)
        and "string" in str(error.validator_value)
    ):
        written = document.text[node.start_mark.index : node.end_mark.index]
        if "\n" not in written:
            kind = "a set of fields" if isinstance(error.instance, dict) else "a list"
            quote = "'" if '"' in written else '"'
            return (
                f"{quoted(written)}, which YAML reads as {kind}: put the text in quotes, like "
                f"{quote}{written}{quote}"
            )
    if (
        error.validator_value == "integer"
        and isinstance(error.instance, str)
        and _NUMBER_WRITTEN_ODDLY.fullmatch(error.instance)
    ):
        return f"{got}: write the number in plain digits, like 150 (no leading 0, no other signs)"
    return got


# 0200, 1_000, 12.5, 2:30: numbers YAML 1.1 would read in ways an author does not expect.
_NUMBER_WRITTEN_ODDLY = re.compile(r"[-+]?(?:0[0-9_:.]+|[0-9][0-9]*[_:.][0-9_:.]*)")


# The property-level schema for an instance path (following local $refs), for its wording.
def _schema_at(path: Path) -> dict[str, Any]:
    node = schema()
    for step in path:
        node = _resolve(node)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(step, {})
    merged = dict(_resolve(node))
    merged.update({k: v for k, v in node.items() if k != "$ref"})
    return merged


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and not ("properties" in node or "items" in node):
        name = node["$ref"].removeprefix("#/$defs/")
        node = schema()["$defs"][name]
    return node


def _closest(name: str, choices: list[str]) -> str | None:
    matches = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


# A value as an author wrote it, for "got ..." in a message.
def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put text in quotes)"
    if isinstance(value, (int, float)):
        text = repr(value)
        return text if len(text) <= 40 else f"a number of {len(text)} digits"
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
