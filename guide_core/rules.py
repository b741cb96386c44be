"""What the article format cannot say: rules across fields, checked after the schema.

Each rule reads the parsed data and yields problems through `at(path, message)`. On data the
schema accepts, a rule reads fields as the format says they are, and a rule that raises is a
bug that stops the check loudly (every valid fixture in the tests runs every rule). On data
the schema refuses, the rules still run, so that one file's problems are said together; a rule
that meets a malformed part there stays quiet (the schema's message says how to mend it) and
speaks once it is mended. RULES, at the end, lists them in the order they run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from . import markup, page_ids, placeholders, problems
from .print_budget import print_budget_problems
from .schema import pattern
from .source import Document, Path

ID = pattern("id")  # the format's id (article.schema.json $defs.id)
Rule = Callable[[Document, dict[str, Any], Any, "str | None"], Iterator[Any]]


# Every rule's findings for one article's data; `malformed`: whether the schema found problems.
def rule_problems(
    document: Document, data: dict[str, Any], at: Any, stem: str | None, *, malformed: bool
) -> list[Any]:
    found: list[Any] = []
    for rule in RULES:
        try:
            found += list(rule(document, data, at, stem))  # all of a rule's findings, or none
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            if not malformed:
                raise
    return found


def _slug_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    slug = data["slug"]
    if stem is not None and isinstance(slug, str) and ID.fullmatch(slug) and slug != stem:
        yield at(
            ("slug",),
            f"expected the file name without '.yml' ({stem!r}), got {slug!r}: rename the file or "
            "change the slug",
        )


def _dates_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    if "updated" in data and dt.date.fromisoformat(data["updated"]) < dt.date.fromisoformat(
        data["published"]
    ):
        yield at(
            ("updated",),
            f"expected a date on or after the published date {data['published']}, got {data['updated']}",
        )


# Ids must be unique within the article: a reader's ticks and notes are stored by id.
def _unique_ids_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    sections = list(enumerate(data["sections"]))
    kinds = (
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
    )
    for kind, entries in kinds:
        first_seen: dict[str, Path] = {}
        for path, value in entries:
            if not isinstance(value, str):
                continue  # the schema reports it
            if value in first_seen:
                line = document.position(first_seen[value]).line
                yield at(
                    path,
                    f"the {kind} {value!r} is already used on line {line}: ids must be unique in an article",
                )
            else:
                first_seen[value] = path


# Every text that reaches a reader's page, judged as the HTML it becomes there: the intro and
# section bodies rendered as Markdown, headings as the page's "## heading {#id}", and every other
# text as HTML (the templates escape them today; read as HTML anyway, a template or theme that
# prints one raw, as Material prints page titles, opens no hole). See guide_core/markup.py.
def _safe_markup_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    fields = list(_fields_as_html(data))
    slow = list(_slow_markdown_problems(fields, at))
    if slow:
        yield from slow  # nothing rendered: it would take minutes, or recurse past Python's stack
        return
    for path, text, render in fields:
        if render is not None and not AUTHOR_MARKUP.search(text):
            continue  # Markdown's own elements only: nothing to judge, nothing to render
        try:
            html = render(text) if render is not None else text
        except RecursionError:  # a nesting that nesting_problem did not foresee
            yield at(
                path,
                "this text nests lists, quotations or HTML elements too deeply for Markdown: nest "
                f"them at most {markup.MAX_NESTING} levels deep",
            )
            continue
        yield from markup_problems(path, text, html, at)


# What would make rendering the article's Markdown slow or deep, found before any is rendered:
# unclosed openers (markup.slow_markdown), blocks that Markdown rescans or that are too many
# for one page (markup.block_cost, for each field and for the article's fields together), and
# nesting deeper than Markdown can recurse (markup.nesting_problem).
def _slow_markdown_problems(
    fields: list[tuple[Path, str, Callable[[str], str] | None]], at: Any
) -> Iterator[Any]:
    total = 0
    heaviest: tuple[int, Path, markup.BlockCost] | None = None
    found = False
    for path, text, render in fields:
        if render is None:
            continue
        problem = markup.slow_markdown(text) or markup.nesting_problem(text)
        cost = markup.block_cost(text)
        if problem is None and cost.split_work > markup.BLOCK_WORK_LIMIT // 2:
            problem = markup.slow_blocks(cost)
        if problem is not None:
            found = True
            yield at(path, problem.message, offset=problem.offset)
            continue
        total += cost.work
        if heaviest is None or cost.work > heaviest[0]:
            heaviest = (cost.work, path, cost)
    if not found and heaviest is not None and total > markup.BLOCK_WORK_LIMIT:
        _, path, cost = heaviest
        yield at(path, markup.too_long_message(total, cost), offset=cost.offset)


# Markdown puts a tag or an attribute of the author's choosing into a page only through these:
# HTML ("<"), attr_list ("{"), character references ("&", which can spell a scheme such as
# "javascript&#58;") and links or images ("](", or "]:" for a reference). Without any of them a
# text becomes Markdown's own elements, which the allowlist keeps (tests/core/test_sanitize.py),
# so it need not be rendered to be judged: most texts of most articles (a build of thousands
# of articles spends no time on them).
AUTHOR_MARKUP = re.compile(r"[<{&]|\]\(|\]:")


# (path, the author's text, how Markdown renders it, or None for text read as HTML) for every
# text field of the article.
def _fields_as_html(data: dict[str, Any]) -> Iterator[tuple[Path, str, Callable[[str], str] | None]]:
    rendered: set[Path] = set()
    if isinstance(data.get("intro"), str):
        rendered.add(("intro",))
        yield ("intro",), data["intro"], markup.render_markdown
    for s, section in enumerate(data.get("sections") or []):
        if not isinstance(section, dict):
            continue
        if isinstance(section.get("body"), str):
            rendered.add(("sections", s, "body"))
            yield ("sections", s, "body"), section["body"], markup.render_markdown
        if isinstance(section.get("heading"), str):
            rendered.add(("sections", s, "heading"))
            section_id = (
                section.get("id")
                if isinstance(section.get("id"), str) and ID.fullmatch(section["id"])
                else "section"
            )
            yield (
                ("sections", s, "heading"),
                section["heading"],
                lambda text, i=section_id: markup.render_heading(text.strip(), i),
            )
    for path, text in _texts(data, ()):
        if path not in rendered and "<" in text:  # without "<" a text makes no element
            yield path, text, None


# Every string in the data, with its path.
def _texts(value: Any, path: Path) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


# What the sanitizer would remove from one field, each problem at the tag or attribute in the
# author's text where it can be found there (else at the field). A field with many gets the
# first few and a count, so that a hostile file cannot make thousands of messages.
def markup_problems(path: Path, text: str, html: str, at: Any) -> Iterator[Any]:
    found = markup.findings(html)
    searched_from: dict[str, int] = {}
    for finding in found[:MAX_MARKUP_PROBLEMS]:
        offset = None
        for needle in finding.needles:
            offset = markup.locate(text, needle, searched_from.get(needle.lower(), 0))
            if offset is not None:
                searched_from[needle.lower()] = offset + 1
                break
        yield at(path, finding.message, offset=offset)
    if len(found) > MAX_MARKUP_PROBLEMS:
        more = len(found) - MAX_MARKUP_PROBLEMS
        yield at(
            path,
            f"{more} more HTML problem{'s' if more != 1 else ''} like the ones above in this "
            "field: fix those, then check again",
        )


MAX_MARKUP_PROBLEMS = 5


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
        strays = list(placeholders.stray_braces(email[part]))
        for stray in strays[:MAX_MARKUP_PROBLEMS]:
            yield at(("email", part), stray.message, offset=stray.offset)
        if len(strays) > MAX_MARKUP_PROBLEMS:
            yield at(
                ("email", part),
                f"{len(strays) - MAX_MARKUP_PROBLEMS} more stray braces in this field: fix the "
                "ones above, then check again",
            )
        for match in placeholders.PLACEHOLDER.finditer(email[part]):
            name = match.group(1)
            if name not in declared and name not in used:  # each unknown name once
                yield at(
                    ("email", part),
                    f"the placeholder {{{name}}} names no field: declare it under email.fields, or "
                    "fix the spelling",
                    offset=match.start(),
                )
            used.add(name)
    if "to" in email:
        yield from _address_problems(email["to"], at)
    for name, path in declared.items():
        if name not in used:
            yield at(
                path[:-1],
                f"the field {name!r} is used by no placeholder: add {{{name}}} to the subject or "
                "body, or remove the field",
            )
    for s, section in enumerate(data["sections"]):
        for p, prompt in enumerate(section.get("prompts", [])):
            if "feeds" in prompt and prompt["feeds"] not in declared:
                yield at(
                    ("sections", s, "prompts", p, "feeds"),
                    f"expected the name of an email field ({', '.join(declared)}), got {prompt['feeds']!r}",
                )


# `to` becomes a mailto: address: outside its placeholders, only what addresses are made of
# (a typographic quote pasted around it would give readers a broken address).
def _address_problems(to: str, at: Any) -> Iterator[Any]:
    if not to.isprintable():
        return  # a line break or a control character: the format's own message says so
    outside = placeholders.PLACEHOLDER.sub(lambda match: "x" * len(match.group()), to)
    odd = _NOT_IN_ADDRESSES.search(outside)
    if odd:
        yield at(
            ("email", "to"),
            f"{problems.quoted(odd.group())} cannot be part of an email address: 'to' holds addresses and "
            "{placeholders}, separated by commas (use straight quotes around the whole value, or none)",
            offset=odd.start(),
        )


_NOT_IN_ADDRESSES = re.compile(r"[^\w.@+\-,; ]")


def _print_budget_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    return print_budget_problems(data, at)


# The ids an author's text gives elements share the page with the sections' ids, the guide's
# and Material's (guide_core/page_ids.py): each is the format's id, and used once.
def _page_ids_rule(document: Document, data: dict[str, Any], at: Any, stem: str | None) -> Iterator[Any]:
    first: dict[str, tuple[Path, int | None]] = {}
    for s, section in enumerate(data["sections"]):
        if isinstance(section, dict) and isinstance(section.get("id"), str):
            first.setdefault(section["id"], (("sections", s, "id"), None))
    fields = [(("intro",), data.get("intro"))] + [
        (("sections", s, name), section.get(name))
        for s, section in enumerate(data["sections"])
        if isinstance(section, dict)
        for name in ("heading", "body")
    ]
    for path, text in fields:
        if not isinstance(text, str):
            continue
        for found in page_ids.author_ids(text):
            message = page_ids.id_problem(found)
            if message:
                yield at(path, message, offset=found.offset)
            elif found.written and found.value in first:
                where, offset = first[found.value]
                line = (
                    document.offset_position(where, offset)
                    if offset is not None
                    else document.position(where)
                ).line
                yield at(
                    path,
                    f"the id {found.value!r} is already used on line {line}: an id names one "
                    "element of the page; choose another",
                    offset=found.offset,
                )
            elif found.written:
                first[found.value] = (path, found.offset)


RULES: tuple[Rule, ...] = (
    _slug_rule,
    _dates_rule,
    _unique_ids_rule,
    _safe_markup_rule,
    _email_rule,
    _print_budget_rule,
    _page_ids_rule,
)
