"""An article's email template: placeholders, the optional-paragraph rule, and filling it in.

The one owner of these rules. The build splits the template here (``segments``, ``parse``) and
hands the browser the pieces (``client_template``), so ``overrides/assets/guide-email.js`` only
puts the reader's words between them; the page's email without JavaScript, and the composer's
empty form, are rendered from this module's output (``view``), so the templates parse nothing.
One table of cases, ``tests/fixtures/email-cases.yml``, holds this module and the browser to the
same text, left-out paragraphs, missing fields and word count. It must not import MkDocs.

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
  in the one-line parts (``to``, ``subject``) runs of spaces and line breaks become one space.
- Words are runs of characters that are not spaces.

"Space" is JavaScript's: the characters of ``\\s`` and ``trim()`` (ECMAScript's WhiteSpace and
LineTerminator), which the browser uses for the same three steps (trim, one line, count), not
Python's ``str.isspace`` (which also takes U+001C-U+001F and U+0085, and not U+FEFF).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Article, Email, EmailField
from .placeholders import PLACEHOLDER, PLACEHOLDERS_ONLY
from .placeholders import names as placeholders

# JavaScript's spaces (see above), spelled out: U+0009-U+000D, the space, no-break space, the
# Unicode space separators, line and paragraph separators, and the byte order mark.
SPACES = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_SPACE_RUN = re.compile(f"[{SPACES}]+")
WORD = re.compile(f"[^{SPACES}]+")
# One or more blank lines (spaces and tabs count as blank) separate paragraphs.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n?")


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
class Paragraph:
    """A paragraph of the body, split into segments."""

    parts: tuple[Segment, ...]
    optional: tuple[str, ...]  # its optional fields: when all are empty, the paragraph is left out


@dataclass(frozen=True)
class Template:
    """An email's template as the build splits it: every part in text and placeholders."""

    to: tuple[Segment, ...]
    subject: tuple[Segment, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Blank:
    """An empty required field in a filled email: "[its label]" in the text, marked in the preview."""

    label: str

    @property
    def text(self) -> str:
        return f"[{self.label}]"


Piece = str | Blank


@dataclass(frozen=True)
class Filled:
    """An email with the reader's words in it."""

    to: str
    subject: str
    body: str
    missing: tuple[EmailField, ...]  # required fields still empty, in the order of `fields`
    left_out: tuple[int, ...]  # the paragraphs left out, by their place in the template (from 0)
    # Each part as text and blanks, for the preview to mark the blanks: "to", "subject", "body".
    pieces: Mapping[str, tuple[Piece, ...]]

    @property
    def words(self) -> int:
        """The body's word count."""
        return word_count(self.body)


@dataclass(frozen=True)
class EmailView:
    """What the templates need to show an article's email."""

    home_section: str  # the id of the section the composer follows
    template: Template  # for the page without JavaScript: the template as readable text
    empty: Filled  # the composer's preview before the reader types anything
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


# The whole template split: what the browser receives and what the templates render.
def parse(email: Email) -> Template:
    required = {field.name: field.required for field in email.fields}
    return Template(
        to=segments(email.to or ""),
        subject=segments(email.subject),
        paragraphs=tuple(
            Paragraph(segments(text), tuple(name for name in placeholders(text) if not required[name]))
            for text in paragraphs(email.body)
        ),
    )


# ---------------------------------------------------------------------------------------------
# Filling in


# The email with `values` (field name -> what the reader typed) put in its placeholders.
def fill(email: Email, values: Mapping[str, str]) -> Filled:
    template = parse(email)
    fields = {field.name: field for field in email.fields}
    clean = {name: _clean(values.get(name, "")) for name in fields}

    def put(parts: tuple[Segment, ...], *, one_line: bool) -> list[Piece]:
        pieces: list[Piece] = []
        for part in parts:
            if isinstance(part, Text):
                pieces.append(part.text)
            elif value := clean[part.name]:
                pieces.append(_SPACE_RUN.sub(" ", value) if one_line else value)
            elif fields[part.name].required:
                pieces.append(Blank(fields[part.name].label))
        return pieces

    left_out = tuple(
        index
        for index, paragraph in enumerate(template.paragraphs)
        if paragraph.optional and not any(clean[name] for name in paragraph.optional)
    )
    body: list[Piece] = []
    for index, paragraph in enumerate(template.paragraphs):
        if index not in left_out:
            body += (["\n\n"] if body else []) + put(paragraph.parts, one_line=False)
    pieces = {
        "to": _strip(put(template.to, one_line=True)),
        "subject": _strip(put(template.subject, one_line=True)),
        "body": _merged(body),
    }
    text = {part: "".join(_text(piece) for piece in found) for part, found in pieces.items()}
    return Filled(
        to=text["to"],
        subject=text["subject"],
        body=text["body"],
        missing=tuple(field for field in email.fields if field.required and not clean[field.name]),
        left_out=left_out,
        pieces=pieces,
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
        template=parse(email),
        empty=fill(email, {}),
        fields={field.name: field for field in email.fields},
        client=client_data(article),
    )


# The template as the browser module reads it: every part already split, a piece of text as a
# string and a placeholder as {"field": name}; each paragraph with the optional fields that
# decide whether it is left out. The module only puts the reader's words in (the rules above).
def client_template(email: Email) -> dict:
    template = parse(email)
    return {
        "to": _client_parts(template.to),
        "subject": _client_parts(template.subject),
        "paragraphs": [
            {"parts": _client_parts(paragraph.parts), "optional": list(paragraph.optional)}
            for paragraph in template.paragraphs
        ],
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


def _client_parts(parts: tuple[Segment, ...]) -> list[str | dict[str, str]]:
    return [part.text if isinstance(part, Text) else {"field": part.name} for part in parts]


def _text(piece: Piece) -> str:
    return piece if isinstance(piece, str) else piece.text


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _clean(value: object) -> str:
    return _newlines(value).strip(SPACES) if isinstance(value, str) else ""


# Pieces with neighbouring strings joined and empty ones dropped.
def _merged(pieces: list[Piece]) -> tuple[Piece, ...]:
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        elif piece:
            merged.append(piece)
    return tuple(piece for piece in merged if piece)


# Pieces without the spaces at their start and end (a blank is never blank).
def _strip(pieces: list[Piece]) -> tuple[Piece, ...]:
    merged = list(_merged(pieces))
    if merged and isinstance(merged[0], str):
        merged[0] = merged[0].lstrip(SPACES)
    if merged and isinstance(merged[-1], str):
        merged[-1] = merged[-1].rstrip(SPACES)
    return tuple(piece for piece in merged if piece)


# One paragraph's lines as one line, but for the breaks kept by a backslash or around a line
# of placeholders only.
def _join_lines(paragraph: str) -> str:
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    text = lines[0]
    for before, line in itertools.pairwise(lines):
        if before.endswith("\\"):
            text = text[:-1].rstrip() + "\n" + line
        elif PLACEHOLDERS_ONLY.fullmatch(before) or PLACEHOLDERS_ONLY.fullmatch(line):
            text += "\n" + line
        else:
            text += " " + line
    return text
