"""An article's email template: placeholders, the optional-paragraph rule, and filling it in.

This is the reference for what the reader's browser does in ``overrides/assets/guide-email.js``
(the tests hold the two to the same output), and what the templates use to show the email as
readable text when JavaScript is off. It must not import MkDocs.

The rules, for an email whose subject and body hold ``{field_name}`` placeholders:

- The body is plain text. Paragraphs are separated by blank lines. Inside a paragraph, line
  breaks become spaces (as in Markdown, so authors may wrap their YAML at any width), except
  that a line ending in a backslash keeps its break (the backslash goes), and a line that
  holds only placeholders stays on a line of its own (a name under "Kind regards,").
- A paragraph with optional placeholders that are all empty is left out. An empty optional
  placeholder elsewhere becomes nothing.
- An empty required placeholder stays visible as ``[its label]``, so the reader sees what is
  still to fill in, in the preview and in whatever they copy.
- What the reader typed is used as text, trimmed, with Windows line breaks made plain ``\\n``;
  in the one-line parts (``to``, ``subject``) line breaks become spaces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Article, Email, EmailField
from .placeholders import PLACEHOLDER, PLACEHOLDERS_ONLY, names as placeholders

# One or more blank lines (spaces and tabs count as blank) separate paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n?")
WORD = re.compile(r"\S+")


# ---------------------------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class Text:
    """Literal text of the template."""

    text: str


@dataclass(frozen=True)
class Slot:
    """A ``{placeholder}``: where the reader's words for one field go."""

    name: str


Segment = Text | Slot


@dataclass(frozen=True)
class Filled:
    """An email with the reader's words in it."""

    to: str
    subject: str
    body: str
    missing: tuple[EmailField, ...]  # required fields still empty, in the order of `fields`


@dataclass(frozen=True)
class EmailView:
    """What the templates need to show an article's email."""

    home_section: str  # the id of the section the composer follows
    to: tuple[Segment, ...]
    subject: tuple[Segment, ...]
    paragraphs: tuple[tuple[Segment, ...], ...]
    fields: dict[str, EmailField]
    client: dict  # the template for the browser, as JSON-ready data


# ---------------------------------------------------------------------------------------------
# Parsing


# Split a template text into literal text and placeholders, in order.
def segments(text: str) -> tuple[Segment, ...]:
    found: list[Segment] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            found.append(Text(text[position : match.start()]))
        found.append(Slot(match.group(1)))
        position = match.end()
    if position < len(text):
        found.append(Text(text[position:]))
    return tuple(found)


# The paragraphs of a body: split at blank lines, each with its lines joined (see above).
def paragraphs(body: str) -> tuple[str, ...]:
    text = _newlines(body).strip("\n")
    if not text.strip():
        return ()
    return tuple(_join_lines(part) for part in PARAGRAPH_BREAK.split(text) if part.strip())


# ---------------------------------------------------------------------------------------------
# Filling in


# The email with `values` (field name -> what the reader typed) put in its placeholders.
def fill(email: Email, values: Mapping[str, str]) -> Filled:
    fields = {field.name: field for field in email.fields}
    clean = {name: _clean(values.get(name, "")) for name in fields}
    missing = tuple(field for field in email.fields if field.required and not clean[field.name])

    def put(text: str, *, one_line: bool) -> str:
        def replace(match: re.Match[str]) -> str:
            field = fields[match.group(1)]
            value = clean[field.name]
            if one_line:
                value = " ".join(value.split())
            if value:
                return value
            return f"[{field.label}]" if field.required else ""

        return PLACEHOLDER.sub(replace, text)

    kept = [paragraph for paragraph in paragraphs(email.body) if not _left_out(paragraph, fields, clean)]
    return Filled(
        to=put(email.to or "", one_line=True).strip(),
        subject=put(email.subject, one_line=True).strip(),
        body="\n\n".join(put(paragraph, one_line=False) for paragraph in kept),
        missing=missing,
    )


# Words in a text, counted the way the reader's browser counts them (runs of non-space).
def word_count(text: str) -> int:
    return len(WORD.findall(text))


# ---------------------------------------------------------------------------------------------
# For the templates


# The section the composer follows: the first one with a prompt that feeds the email, else the last.
def home_section(article: Article) -> str | None:
    if article.email is None or not article.sections:
        return None
    names = {field.name for field in article.email.fields}
    for section in article.sections:
        if any(prompt.feeds in names for prompt in section.prompts):
            return section.id
    return article.sections[-1].id


# Everything the email partial shows, or None for an article without an email.
def view(article: Article) -> EmailView | None:
    email = article.email
    home = home_section(article)
    if email is None or home is None:
        return None
    return EmailView(
        home_section=home,
        to=segments(email.to or ""),
        subject=segments(email.subject),
        paragraphs=tuple(segments(paragraph) for paragraph in paragraphs(email.body)),
        fields={field.name: field for field in email.fields},
        client=client_data(article),
    )


# The template as the browser module reads it: the body already split into paragraphs and
# their lines joined here, so the module only fills in the blanks and leaves out a paragraph
# whose optional blanks are all empty (the rules above).
def client_template(email: Email) -> dict:
    return {
        "to": email.to or "",
        "subject": email.subject,
        "paragraphs": list(paragraphs(email.body)),
        "wordLimit": email.word_limit,
        "fields": [
            {"name": field.name, "label": field.label, "required": field.required}
            for field in email.fields
        ],
    }


# The article's template for the browser, with the notes that feed its fields.
def client_data(article: Article) -> dict:
    email = article.email
    assert email is not None
    names = {field.name for field in email.fields}
    feeds = {
        prompt.feeds: {"prompt": prompt.id, "question": prompt.question}
        for prompt in reversed(article.prompts)  # the first prompt that feeds a field wins
        if prompt.feeds in names
    }
    return {**client_template(email), "feeds": feeds}


# ---------------------------------------------------------------------------------------------
# Helpers


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean(value: object) -> str:
    return _newlines(value).strip() if isinstance(value, str) else ""


# One paragraph's lines as one line, but for the breaks kept by a backslash or around a line
# of placeholders only.
def _join_lines(paragraph: str) -> str:
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    text = lines[0]
    for before, line in zip(lines, lines[1:]):
        if before.endswith("\\"):
            text = text[:-1].rstrip() + "\n" + line
        elif PLACEHOLDERS_ONLY.fullmatch(before) or PLACEHOLDERS_ONLY.fullmatch(line):
            text += "\n" + line
        else:
            text += " " + line
    return text


# A paragraph is left out when it has optional placeholders and all of them are empty.
def _left_out(paragraph: str, fields: Mapping[str, EmailField], clean: Mapping[str, str]) -> bool:
    optional = [name for name in placeholders(paragraph) if not fields[name].required]
    return bool(optional) and not any(clean[name] for name in optional)
