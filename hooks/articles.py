"""The content core: article files -> validated, typed articles.

`load_articles(folder)` reads every ``*.yml`` file in a folder, checks each against
``article.schema.json`` and the rules a schema cannot say (unique ids, email placeholders,
safe Markdown, a checklist that fits on one printed page) and returns `Article` objects.
Every problem in every file is collected first; then `ArticleErrors` is raised with all of
them, each pointing at a file, a line and a column.

This module must not import MkDocs: the hook in ``guide.py`` adapts MkDocs events to it,
and the tests call it directly.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path as FsPath
from typing import Any

import fastjsonschema
import jsonschema

import yaml_source
from yaml_source import Document, Path, Position, SourceError

SCHEMA_PATH = FsPath(__file__).with_name("article.schema.json")

# The printable checklist (overrides/checklist-print.html) must fit one sheet of A4 and of
# US Letter. The sheet is laid out on a grid of 15pt "lines"; Letter's height minus the
# sheet's fixed parts (margins, the title's first line, the purpose line, the notes heading,
# the foot) leaves PRINT_LINE_BUDGET of them. Each item takes one line plus one for every
# full PRINT_LINE_CHARS characters; each section with items SECTION_COST lines plus one per
# PRINT_HEADING_CHARS of heading; the title one line per PRINT_TITLE_CHARS; the notes, two
# prompts side by side, NOTE_COST lines a row plus one per PRINT_NOTE_CHARS of the longer
# question (a blank row when there are no prompts). Characters per line are measured on A4
# in DejaVu Sans, the widest common fallback font, rounded down. Measured by printing and
# checked by tests/browser/test_print.py: rerun it after changing the sheet's CSS.
PRINT_LINE_BUDGET = 40
PRINT_LINE_CHARS = 90
PRINT_HEADING_CHARS = 80
PRINT_TITLE_CHARS = 60
PRINT_NOTE_CHARS = 38
SECTION_COST = 2
NOTE_COST = 3

# A meta description longer than this is cut off by search engines.
SUMMARY_WARN_CHARS = 160

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as the schema's "id"
# Markup that would run code in a reader's browser. Markdown may hold plain HTML, but not this.
UNSAFE_HTML = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|form|base|meta|link)\b"
    r"|<[^>]*\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str


@dataclass(frozen=True)
class Prompt:
    id: str
    question: str
    hint: str | None = None
    feeds: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    body: str
    checklist: tuple[ChecklistItem, ...] = ()
    prompts: tuple[Prompt, ...] = ()


@dataclass(frozen=True)
class EmailField:
    name: str
    label: str
    hint: str | None = None
    example: str | None = None
    required: bool = True
    kind: str = "text"


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    fields: tuple[EmailField, ...]
    to: str | None = None
    word_limit: int | None = None


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    summary: str
    published: dt.date
    intro: str
    sections: tuple[Section, ...]
    updated: dt.date | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    email: Email | None = None
    source: str = ""
    # Soft problems found while loading (see warnings_in); not part of the article's identity.
    warnings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)

    @property
    def last_changed(self) -> dt.date:
        """The day the article last changed for readers: updated if given, else published."""
        return self.updated or self.published

    @property
    def checklist(self) -> tuple[ChecklistItem, ...]:
        """Every checklist item of the article, in reading order."""
        return tuple(item for section in self.sections for item in section.checklist)

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        """Every debrief prompt of the article, in reading order."""
        return tuple(prompt for section in self.sections for prompt in section.prompts)


# ---------------------------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, pointed at a line and column, with what was expected."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ArticleErrors(Exception):
    """Every problem found in a set of article files."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in article files:"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


# ---------------------------------------------------------------------------------------------
# Loading


# Load every article file in `folder` (sorted by name); raise ArticleErrors listing all problems.
def load_articles(folder: FsPath, *, display_root: FsPath | None = None) -> list[Article]:
    loaded: list[Article] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        try:
            loaded.append(load_article(path, display_name=_display(path, display_root)))
        except ArticleErrors as errors:
            problems.extend(errors.problems)
    try:
        check_unique_slugs(loaded)
    except ArticleErrors as errors:
        problems.extend(errors.problems)
    if problems:
        raise ArticleErrors(problems)
    return loaded


# Two articles may not share a slug: it is their address and the key of readers' data.
def check_unique_slugs(loaded: Iterable[Article]) -> None:
    first: dict[str, Article] = {}
    problems = []
    for article in loaded:
        if article.slug in first:
            problems.append(
                Problem(article.source, 1, 1, "slug", f"the slug {article.slug!r} is already used by {first[article.slug].source}")
            )
        first.setdefault(article.slug, article)
    if problems:
        raise ArticleErrors(problems)


# Load one article file; raise ArticleErrors with every problem in it.
def load_article(path: FsPath, *, display_name: str | None = None) -> Article:
    shown = display_name or str(path)
    return parse_article(path.read_bytes(), source=shown, stem=path.stem)


# Parse and check one article from its text; `stem` is the file name the slug must match.
def parse_article(text: str | bytes, *, source: str = "<article>", stem: str | None = None) -> Article:
    try:
        document = yaml_source.parse(text)
    except SourceError as error:
        raise ArticleErrors([Problem(source, error.position.line, error.position.column, "", error.message)])
    problems = list(check_document(document, source=source, stem=stem))
    if problems:
        raise ArticleErrors(problems)
    return _build_article(document.data, source, warnings=tuple(warnings_in(document, source=source)))


# Every problem in a parsed document: the schema first, then the rules the schema cannot say.
def check_document(document: Document, *, source: str, stem: str | None = None) -> Iterator[Problem]:
    problems = list(_schema_problems(document, source))
    if isinstance(document.data, dict):
        problems += _rule_problems(document, document.data, source, stem)
    yield from sorted(problems, key=lambda p: (p.line, p.column, p.field))


# Soft problems: the article builds, but something looks wrong (MkDocs' --strict refuses them).
def warnings_in(document: Document, *, source: str) -> list[Problem]:
    found = []
    summary = document.data["summary"].strip()
    if len(summary) > SUMMARY_WARN_CHARS:
        found.append(
            _problem(
                source, document.position(("summary",)), ("summary",),
                f"{len(summary)} characters; search engines show about {SUMMARY_WARN_CHARS}, "
                "so the end will be cut off",
            )
        )
    return found


# ---------------------------------------------------------------------------------------------
# Schema checks


@cache
def schema() -> dict[str, Any]:
    """The article format, as a JSON Schema (the single source of truth)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    return cls(schema(), format_checker=cls.FORMAT_CHECKER)


def _schema_problems(document: Document, source: str) -> Iterator[Problem]:
    # A valid file (the usual case) passes the compiled check in a few microseconds; only an
    # invalid one pays for jsonschema, which finds every error and where it is.
    if is_valid(document.data):
        return
    seen: set[Problem] = set()
    for error in _validator().iter_errors(document.data):
        for problem in _explain(error, document, source):
            if problem not in seen:  # "required" reports every missing field once per field
                seen.add(problem)
                yield problem


def is_valid(data: Any) -> bool:
    """Does `data` match the schema? (Compiled with fastjsonschema: fast, but says nothing more.)"""
    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


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
def _explain(error: jsonschema.ValidationError, document: Document, source: str) -> Iterator[Problem]:
    path: Path = tuple(error.absolute_path)
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        for name in missing:
            position = document.position(path)
            subschema = _schema_at(path + (name,))
            expected = subschema.get("x-expected") or "a value"
            yield _problem(source, position, path + (name,), f"required field missing: expected {expected}")
        return
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for name in error.instance:
            if name in allowed:
                continue
            position = document.position(path + (name,), key=True)
            suggestion = _closest(name, allowed)
            hint = f"did you mean {suggestion!r}? " if suggestion else ""
            yield _problem(
                source, position, path + (name,), f"unknown field: {hint}allowed here: {', '.join(allowed)}"
            )
        return
    if error.validator == "uniqueItems":
        counts: dict[Any, int] = {}
        for index, value in enumerate(error.instance):
            key = json.dumps(value, sort_keys=True)
            if key in counts:
                yield _problem(
                    source,
                    document.position(path + (index,)),
                    path + (index,),
                    f"{_describe(value)} is listed twice (also item {counts[key] + 1})",
                )
            else:
                counts[key] = index
        return
    if error.validator == "minItems":
        yield _problem(source, document.position(path), path, f"expected at least {error.validator_value} entry, got an empty list")
        return
    expected = _schema_at(path).get("x-expected") or error.schema.get("x-expected") or error.message
    yield _problem(source, document.position(path), path, f"expected {expected}, got {_describe(error.instance)}")


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


# ---------------------------------------------------------------------------------------------
# Rules a schema cannot say


def _rule_problems(document: Document, data: dict[str, Any], source: str, stem: str | None) -> list[Problem]:
    def at(path: Path, message: str) -> Problem:
        return _problem(source, document.position(path), path, message)

    found: list[Problem] = []
    for rule in (_slug_rule, _dates_rule, _unique_ids_rule, _safe_markdown_rule, _email_problems, _print_budget_problems):
        try:
            found += list(rule(document, data, at, stem))  # all of a rule's findings, or none
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            # The parts this rule reads are malformed: the schema's messages already say how,
            # and the rule speaks once they are mended. The other rules still run.
            continue
    return found


def _slug_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Problem]:
    slug = data["slug"]
    if stem is not None and isinstance(slug, str) and ID.match(slug) and slug != stem:
        yield at(("slug",), f"expected the file name without '.yml' ({stem!r}), got {data['slug']!r}: rename the file or change the slug")


def _dates_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Problem]:
    if "updated" in data and dt.date.fromisoformat(data["updated"]) < dt.date.fromisoformat(data["published"]):
        yield at(("updated",), f"expected a date on or after the published date {data['published']}, got {data['updated']}")


# Ids must be unique within the article: a reader's ticks and notes are stored by id.
def _unique_ids_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Problem]:
    sections = list(enumerate(data["sections"]))
    for kind, entries in (
        ("section id", [(("sections", s, "id"), sec["id"]) for s, sec in sections]),
        (
            "checklist item id",
            [
                (("sections", s, "checklist", i, "id"), item["id"])
                for s, sec in sections
                for i, item in enumerate(sec.get("checklist", []))
            ],
        ),
        (
            "prompt id",
            [
                (("sections", s, "prompts", p, "id"), prompt["id"])
                for s, sec in sections
                for p, prompt in enumerate(sec.get("prompts", []))
            ],
        ),
    ):
        first_seen: dict[str, Path] = {}
        for path, value in entries:
            if not isinstance(value, str):
                continue  # the schema reports it
            if value in first_seen:
                line = document.position(first_seen[value]).line
                yield at(path, f"the {kind} {value!r} is already used on line {line}: ids must be unique in an article")
            else:
                first_seen[value] = path


def _safe_markdown_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Problem]:
    markdown_fields = [(("intro",), data.get("intro"))] + [
        (("sections", s, "body"), sec.get("body")) for s, sec in enumerate(data.get("sections") or [])
    ]
    for path, text in markdown_fields:
        match = UNSAFE_HTML.search(text) if isinstance(text, str) else None
        if match:
            yield at(path, f"expected Markdown without scripts or event handlers, found {match.group(0)!r}")


def _email_problems(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Problem]:
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
        for name in PLACEHOLDER.findall(email[part]):
            if not FIELD_NAME.match(name):
                yield at(("email", part), f"expected a placeholder like {{interviewer_name}}, got {{{name}}}")
            elif name not in declared:
                yield at(("email", part), f"the placeholder {{{name}}} names no field: declare it under email.fields, or fix the spelling")
            used.add(name)
    for name, path in declared.items():
        if name not in used:
            yield at(path[:-1], f"the field {name!r} is used by no placeholder: add {{{name}}} to the subject or body, or remove the field")
    for s, section in enumerate(data["sections"]):
        for p, prompt in enumerate(section.get("prompts", [])):
            if "feeds" in prompt and prompt["feeds"] not in declared:
                yield at(("sections", s, "prompts", p, "feeds"), f"expected the name of an email field ({', '.join(declared)}), got {prompt['feeds']!r}")


# The printed lines each part of the sheet takes, in the order it prints them, by the measured
# rule above PRINT_LINE_BUDGET: (where it is in the file, lines).
def print_lines(data: dict[str, Any]) -> list[tuple[Path, int]]:
    parts: list[tuple[Path, int]] = [(("title",), len(data["title"].strip()) // PRINT_TITLE_CHARS)]
    questions: list[tuple[Path, str]] = []
    for s, section in enumerate(data["sections"]):
        items = section.get("checklist", [])
        if items:
            parts.append((("sections", s, "heading"), SECTION_COST + len(section["heading"].strip()) // PRINT_HEADING_CHARS))
        for i, item in enumerate(items):
            parts.append((("sections", s, "checklist", i), 1 + len(item["text"].strip()) // PRINT_LINE_CHARS))
        for p, prompt in enumerate(section.get("prompts", [])):
            questions.append((("sections", s, "prompts", p), prompt["question"].strip()))
    for row in range(0, len(questions), 2):
        pair = questions[row : row + 2]
        parts.append((pair[0][0], NOTE_COST + max(len(question) // PRINT_NOTE_CHARS for _, question in pair)))
    if not questions:
        parts.append((("sections",), NOTE_COST))
    return parts


# A checklist too long for one page: say by how much, and point at the first item that no
# longer fits once the title and the notes have their room.
def _print_budget_problems(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Problem]:
    parts = print_lines(data)
    used = sum(lines for _, lines in parts)
    if used <= PRINT_LINE_BUDGET:
        return
    running = 0
    for where, lines in sorted(parts, key=lambda part: "checklist" in part[0] or "heading" in part[0]):
        running += lines
        if running > PRINT_LINE_BUDGET:
            break
    over = used - PRINT_LINE_BUDGET
    yield at(
        where,
        f"the checklist is too long to print on one page: it takes {used} lines and one page "
        f"holds {PRINT_LINE_BUDGET}, so the page runs out here; remove or shorten items worth "
        f"{over} line{'s' if over != 1 else ''} (a short item is one line, a section heading two)",
    )


# ---------------------------------------------------------------------------------------------
# Building the model from checked data


def _build_article(data: dict[str, Any], source: str, warnings: tuple[Problem, ...] = ()) -> Article:
    email = data.get("email")
    return Article(
        slug=data["slug"],
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        published=dt.date.fromisoformat(data["published"]),
        updated=dt.date.fromisoformat(data["updated"]) if "updated" in data else None,
        tags=tuple(data.get("tags", ())),
        draft=data.get("draft", False),
        intro=data["intro"],
        sections=tuple(
            Section(
                id=sec["id"],
                heading=sec["heading"].strip(),
                body=sec["body"],
                checklist=tuple(ChecklistItem(id=i["id"], text=i["text"].strip()) for i in sec.get("checklist", ())),
                prompts=tuple(
                    Prompt(id=p["id"], question=p["question"].strip(), hint=p.get("hint"), feeds=p.get("feeds"))
                    for p in sec.get("prompts", ())
                ),
            )
            for sec in data["sections"]
        ),
        email=None
        if email is None
        else Email(
            to=email.get("to"),
            subject=email["subject"],
            body=email["body"],
            word_limit=email.get("word_limit"),
            fields=tuple(
                EmailField(
                    name=f["name"],
                    label=f["label"],
                    hint=f.get("hint"),
                    example=f.get("example"),
                    required=f.get("required", True),
                    kind=f.get("kind", "text"),
                )
                for f in email["fields"]
            ),
        ),
        source=source,
        warnings=warnings,
    )


# ---------------------------------------------------------------------------------------------
# Helpers


def _problem(source: str, position: Position, path: Path, message: str) -> Problem:
    return Problem(source, position.line, position.column, field_path(path), message)


def field_path(path: Path) -> str:
    """`("sections", 2, "checklist", 0, "id")` -> ``sections[2].checklist[0].id``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put text in quotes)"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return json.dumps(shown, ensure_ascii=False)
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _display(path: FsPath, root: FsPath | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
