"""What the article format cannot say: rules across fields, checked after the schema.

Each rule reads the parsed data and yields problems through `at(path, message)`. A rule whose
parts are malformed stays quiet (the schema's messages already say how), and speaks once they
are mended; the other rules still run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import placeholders
from .print_budget import print_budget_problems
from .source import Document, Path

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as the schema's "id" (full matches only)
# Markup that would run code in a reader's browser. Markdown may hold plain HTML, but not this.
UNSAFE_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|form|base|meta|link)\b"
    r"|<[^>]*\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)

Rule = Callable[[Document, dict[str, Any], Any, "str | None"], Iterator[Any]]


# Every rule's findings for one article's data.
def rule_problems(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> list[Any]:
    found: list[Any] = []
    for rule in RULES:
        try:
            found += list(rule(document, data, at, stem))  # all of a rule's findings, or none
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            continue
    return found


def _slug_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    slug = data["slug"]
    if stem is not None and isinstance(slug, str) and ID.fullmatch(slug) and slug != stem:
        yield at(("slug",), f"expected the file name without '.yml' ({stem!r}), got {slug!r}: rename the file or change the slug")


def _dates_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    if "updated" in data and dt.date.fromisoformat(data["updated"]) < dt.date.fromisoformat(data["published"]):
        yield at(("updated",), f"expected a date on or after the published date {data['published']}, got {data['updated']}")


# Ids must be unique within the article: a reader's ticks and notes are stored by id.
def _unique_ids_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    sections = list(enumerate(data["sections"]))
    kinds = (
        ("section id", [(("sections", s, "id"), sec["id"]) for s, sec in sections]),
        (
            "checklist item id",
            [(("sections", s, "checklist", i, "id"), item["id"]) for s, sec in sections for i, item in enumerate(sec.get("checklist", []))],
        ),
        (
            "prompt id",
            [(("sections", s, "prompts", p, "id"), prompt["id"]) for s, sec in sections for p, prompt in enumerate(sec.get("prompts", []))],
        ),
    )
    for kind, entries in kinds:
        first_seen: dict[str, Path] = {}
        for path, value in entries:
            if not isinstance(value, str):
                continue  # the schema reports it
            if value in first_seen:
                line = document.position(first_seen[value]).line
                yield at(path, f"the {kind} {value!r} is already used on line {line}: ids must be unique in an article")
            else:
                first_seen[value] = path


def _safe_markdown_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    markdown_fields = [(("intro",), data.get("intro"))] + [
        (("sections", s, "body"), sec.get("body")) for s, sec in enumerate(data.get("sections") or [])
    ]
    for path, text in markdown_fields:
        match = UNSAFE_HTML.search(text) if isinstance(text, str) else None
        if match:
            yield at(path, f"expected Markdown without scripts or event handlers, found {match.group(0)!r}")


def _email_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    if "email" not in data:
        return
    email = data["email"]
    declared: dict[str, Path] = {}
    for index, entry in enumerate(email["fields"]):
        path = ("email", "fields", index, "name")
        if entry["name"] in declared:
            yield at(path, f"the field {entry['name']!r} is already declared: field names must be unique")
        declared.setdefault(entry["name"], path)
    used: set[str] = set()
    for part in ("to", "subject", "body"):
        if part not in email:
            continue
        for stray in placeholders.stray_braces(email[part]):
            yield at(("email", part), stray.message, offset=stray.offset)
        for match in placeholders.PLACEHOLDER.finditer(email[part]):
            name = match.group(1)
            if name not in declared:
                yield at(
                    ("email", part),
                    f"the placeholder {{{name}}} names no field: declare it under email.fields, or fix the spelling",
                    offset=match.start(),
                )
            used.add(name)
    for name, path in declared.items():
        if name not in used:
            yield at(path[:-1], f"the field {name!r} is used by no placeholder: add {{{name}}} to the subject or body, or remove the field")
    for s, section in enumerate(data["sections"]):
        for p, prompt in enumerate(section.get("prompts", [])):
            if "feeds" in prompt and prompt["feeds"] not in declared:
                yield at(
                    ("sections", s, "prompts", p, "feeds"),
                    f"expected the name of an email field ({', '.join(declared)}), got {prompt['feeds']!r}",
                )


def _print_budget_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    return print_budget_problems(data, at)


RULES: tuple[Rule, ...] = (_slug_rule, _dates_rule, _unique_ids_rule, _safe_markdown_rule, _email_rule, _print_budget_rule)
