"""The ids a page holds, each kind in a namespace no other kind can reach.

A page's ids come from four hands: the guide's templates (a checkbox's, a note's, a heading
the page adds), the author (a section's id, ``{#id}`` or ``id="..."`` in the text), Markdown's
``toc`` (an id for every heading, from its words) and Material (``__config``, ``__drawer``,
``__search``...). Two equal ids break the page: a label ticks another box, Material reads an
author's element as its configuration. So:

- every id **the guide writes** holds ``--``: ``guide-<kind>--<author id>`` for one made from
  an author's id (``guide-item--ask-for-feedback``), ``guide--<name>`` for the page's own
  (``guide--email-title``). The first ``--`` splits it, so two are equal only when kind and
  author id are;
- an **author's** id is the format's id (lower-case words joined by single dashes: no ``--``,
  no ``_``), and is used once in the article;
- **toc** never writes ``--`` (it joins words with one dash), and a heading whose id would
  start with ``_`` (Material's) is refused.

The templates call `page_id` (the Jinja global ``guide_id``); nothing else spells an id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from markdown.extensions.toc import slugify

from .schema import pattern

SEPARATOR = "--"
KIND = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the guide's own kinds: the templates', never an author's
AUTHOR_ID = pattern("id")  # the format's "id" (article.schema.json $defs.id), as the schema says it


def page_id(kind: str, author_id: str | None = None) -> str:
    """The id the guide writes for `kind` (of `author_id`, when it is made from one)."""
    if not KIND.fullmatch(kind):
        raise ValueError(f"an id's kind is lower-case words joined by dashes, got {kind!r}")
    if author_id is None:
        return f"guide{SEPARATOR}{kind}"
    return f"guide-{kind}{SEPARATOR}{author_id}"


class AuthorId(NamedTuple):
    """An id an author wrote (or a heading will get), where its text starts in the field."""

    value: str
    offset: int
    written: bool  # written as {#id} or id="..."; else the id toc gives a heading


# {#id} or {: #id .class } (attr_list), id="..." / id='...' / id=... (in HTML or attr_list).
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_HASH_ID = re.compile(r"(?:^|(?<=\s))#([^\s}]+)")
_ID_ATTRIBUTE = re.compile(r"""\bid[ \t]*=[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s>"'}]+))""", re.IGNORECASE)
_HEADING = re.compile(
    r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$|^(.+)\n {0,3}(?:=+|-+)[ \t]*$", re.MULTILINE
)


def author_ids(text: str) -> Iterator[AuthorId]:
    """The ids an author's Markdown gives elements, with where they are."""
    for block in _ATTR_LIST.finditer(text):
        for match in _HASH_ID.finditer(block[1]):
            yield AuthorId(match[1], block.start(1) + match.start(1), True)
    for match in _ID_ATTRIBUTE.finditer(text):  # in HTML, or in an attr_list as id="..."
        group = next(i for i in (1, 2, 3) if match[i] is not None)
        yield AuthorId(match[group], match.start(group), True)
    for match in _HEADING.finditer(text):
        words = match[1] if match[1] is not None else match[2]
        if "{" in words:
            continue  # an id of its own, read above
        yield AuthorId(
            slugify(words.replace("\\", ""), "-"), match.start(1 if match[1] is not None else 2), False
        )


def id_problem(found: AuthorId) -> str | None:
    """Why an id in an author's text cannot be in a page, or None."""
    if found.written and not AUTHOR_ID.fullmatch(found.value):
        return (
            f"the id {found.value!r} is not an id of the article format: write lower-case words "
            "joined by single "
            "dashes (like my-tips); ids with _ or -- are the page's own"
        )
    if not found.written and found.value.startswith("_"):
        return (
            f"this heading would get the address #{found.value}, which the page's own parts "
            "use: start the heading with a letter or digit"
        )
    return None
