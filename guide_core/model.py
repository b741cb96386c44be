"""The typed article that the hook and the templates read, built from checked data."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from .problems import Problem


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


# The fields that hold the reader's own details, which the browser may fill in for them (WCAG
# 1.3.5, Identify Input Purpose): field name -> the HTML autocomplete token. An author who names
# a field so gets the browser's suggestions; every other field is about someone else, so its
# suggestions stay off.
OWN_DETAILS = {"your_name": "name", "your_email": "email", "your_phone": "tel"}


@dataclass(frozen=True)
class EmailField:
    name: str
    label: str
    hint: str | None = None
    example: str | None = None
    required: bool = True
    kind: str = "text"

    @property
    def autocomplete(self) -> str:
        """The box's autocomplete attribute: the reader's own detail it holds, else "off"."""
        return OWN_DETAILS.get(self.name, "off")


@dataclass(frozen=True)
class Email:
    subject: str
    body: str
    fields: tuple[EmailField, ...]
    to: str | None = None
    word_limit: int | None = None


@dataclass(frozen=True)
class Author:
    name: str
    url: str | None = None
    credential: str | None = None


@dataclass(frozen=True)
class Link:
    """A relative link (guide_core/links.py) in an article's Markdown, and where the author wrote it."""

    url: str
    in_markdown: bool  # False: written in raw HTML, which MkDocs leaves as written
    line: int
    column: int
    field: str
    place: str = ""


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
    author: Author | None = None
    source: str = ""
    # Soft problems found while loading (warnings, and a draft's notices of what stands between
    # it and publishing); not part of the article's identity.
    warnings: tuple[Problem, ...] = field(default=(), compare=False, repr=False)
    # The relative links of its Markdown, with where each was written (links.article_links),
    # checked against the site by links.broken_links.
    links: tuple[Link, ...] = field(default=(), compare=False, repr=False)

    @property
    def last_changed(self) -> dt.date:
        """The day the article last changed for readers: updated if given, else published."""
        return self.updated or self.published

    @functools.cached_property  # lists of thousands of articles ask for its length
    def checklist(self) -> tuple[ChecklistItem, ...]:
        """Every checklist item of the article, in reading order."""
        return tuple(item for section in self.sections for item in section.checklist)

    @functools.cached_property
    def prompts(self) -> tuple[Prompt, ...]:
        """Every debrief prompt of the article, in reading order."""
        return tuple(prompt for section in self.sections for prompt in section.prompts)


# The model of data that passed every check (the schema guarantees each key read here).
def build_article(
    data: dict[str, Any], source: str, warnings: tuple[Problem, ...] = (), links: tuple[Link, ...] = ()
) -> Article:
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
        sections=tuple(_section(section) for section in data["sections"]),
        email=None if email is None else _email(email),
        author=_author(data["author"]) if "author" in data else None,
        source=source,
        warnings=warnings,
        links=links,
    )


def _section(data: dict[str, Any]) -> Section:
    return Section(
        id=data["id"],
        heading=data["heading"].strip(),
        body=data["body"],
        checklist=tuple(
            ChecklistItem(id=item["id"], text=item["text"].strip()) for item in data.get("checklist", ())
        ),
        prompts=tuple(
            Prompt(id=p["id"], question=p["question"].strip(), hint=p.get("hint"), feeds=p.get("feeds"))
            for p in data.get("prompts", ())
        ),
    )


def _author(data: dict[str, Any]) -> Author:
    return Author(
        name=data["name"].strip(),
        url=data.get("url"),
        credential=(data.get("credential") or "").strip() or None,
    )


def _email(data: dict[str, Any]) -> Email:
    return Email(
        to=data.get("to"),
        subject=data["subject"],
        body=data["body"],
        word_limit=data.get("word_limit"),
        fields=tuple(
            EmailField(
                name=f["name"],
                label=f["label"],
                hint=f.get("hint"),
                example=f.get("example"),
                required=f.get("required", True),
                kind=f.get("kind", "text"),
            )
            for f in data["fields"]
        ),
    )
