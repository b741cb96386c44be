"""A fork's ``mkdocs.yml``, as readers' pages print it: every value checked, at its line.

A fork edits ``mkdocs.yml`` as much as its articles: the site's name and description, the
addresses, the names of the navigation's pages and of the topics, the language. Material's
templates print most of these into every page as they are (MkDocs' Jinja does not escape),
so a ``<`` in the site's name becomes markup in every header and a ``"`` in the description
closes the ``<meta>`` attribute it stands in. Here each such value is held to what it is:

- a **name** (site name, description, author, a page's or topic's name, a colour scheme's
  switch) is one line of plain text, as an article's title is (the format's ``line``), and
  holds no ``<``, ``>`` or ``"``;
- the **copyright** line is HTML, judged by the same allowlist as an article's text;
- an **address** (``site_url``, ``repo_url``, ``edit_uri``) is written with the characters of
  an address only, and the site's and repository's are ``http(s)://`` with a host;
- ``theme.language`` is a language code (``pt-BR``, not ``pt_BR``), which the page's ``lang`` holds.

The file is read with PyYAML's nodes, which keep every value's line and column; ``!ENV``
values are read as MkDocs reads them (the first variable that is set, else the default), and
a message about one names the variable. Nothing here imports MkDocs: ``make check`` runs it
before MkDocs' own checks (which name no line), and the build's hook runs it again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

import yaml

from . import markup, source
from .problems import Problem, quoted
from .schema import describe, schema

SOURCE = "mkdocs.yml"

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Setting:
    """One value of mkdocs.yml as MkDocs reads it, and where it is written."""

    path: Path
    value: Any
    line: int
    column: int
    variable: str | None = None  # the environment variable it came from, if one did


class Settings:
    """mkdocs.yml's values with their positions (``!ENV`` resolved from `environ`)."""

    def __init__(self, text: str, environ: Mapping[str, str] = os.environ) -> None:
        self.text = text
        self.environ = environ
        self.root = yaml.compose(text, Loader=source.SAFE_LOADER)

    # The setting at `path` ("theme", "language"), or None where mkdocs.yml does not set it.
    def get(self, *path: str | int) -> Setting | None:
        node = self.root
        for step in path:
            node = _child(node, step)
            if node is None:
                return None
        value, variable = self._value(node)
        return Setting(path, value, node.start_mark.line + 1, node.start_mark.column + 1, variable)

    # Every entry of the mapping or list at `path`, as (key or index, Setting).
    def entries(self, *path: str | int) -> Iterator[tuple[Any, Setting]]:
        node = self.root
        for step in path:
            node = _child(node, step)
            if node is None:
                return
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    yield key.value, self.get(*path, key.value)
        elif isinstance(node, yaml.SequenceNode):
            for index in range(len(node.value)):
                yield index, self.get(*path, index)

    def _value(self, node: yaml.Node) -> tuple[Any, str | None]:
        if node.tag == "!ENV":  # MkDocs' tag: !ENV NAME, or !ENV [NAME, OTHER, default]
            names = (
                [node.value]
                if isinstance(node, yaml.ScalarNode)
                else [item.value for item in node.value[:-1]]
            )
            default = None if isinstance(node, yaml.ScalarNode) else _plain(node.value[-1])
            for name in names:
                if name in self.environ:
                    return self.environ[name], name
            return default, None
        return _plain(node), None


# PyYAML's safe composer: nodes with their marks, any tag (!ENV, !!python/name) left unread.
class _Composer(yaml.SafeLoader):
    pass


def _child(node: yaml.Node | None, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                return value
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


# A node as plain data by YAML's usual rules; a value under a tag of MkDocs' own is None.
def _plain(node: yaml.Node) -> Any:
    try:
        return _Composer("").construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        return None


# ---------------------------------------------------------------------------------------------
# What is checked


# Names Material or the guide prints into pages: plain one-line text.
NAMES: tuple[Path, ...] = (("site_name",), ("site_description",), ("site_author",), ("repo_name",))
# Addresses printed into href attributes; the site's and the repository's are absolute.
ADDRESSES: tuple[tuple[Path, bool], ...] = (
    (("site_url",), True),
    (("repo_url",), True),
    (("edit_uri",), False),
)
# What an address may hold (RFC 3986's characters, and % for the rest), without the ' that
# would end a single-quoted attribute.
_ADDRESS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]*")
_MARKUP = re.compile(r'[<>"]')


def settings_problems(
    settings: Settings, *, languages: Collection[str], source: str = SOURCE
) -> list[Problem]:
    """Every value of mkdocs.yml that a page would print wrong, or that the build cannot use."""
    found: list[Problem] = []

    def problem(setting: Setting, message: str) -> None:
        field = ".".join(
            str(step) if isinstance(step, str) else f"[{step}]" for step in setting.path
        ).replace(".[", "[")
        if setting.variable:
            message = f"(from the environment variable {setting.variable}) {message}"
        found.append(Problem(source, setting.line, setting.column, field, message))

    for path in NAMES:
        setting = settings.get(*path)
        if setting is not None and setting.value is not None:
            for message in name_problems(setting.value):
                problem(setting, message)
    for setting in _names_in_lists(settings):
        for message in name_problems(setting.value):
            problem(setting, message)
    copyright_ = settings.get("copyright")
    if copyright_ is not None and copyright_.value is not None:
        if not isinstance(copyright_.value, str):
            problem(
                copyright_, f"expected a line of text (HTML is allowed), got {describe(copyright_.value)}"
            )
        else:
            for finding in markup.findings(copyright_.value):
                problem(copyright_, finding.message)
    for path, absolute in ADDRESSES:
        setting = settings.get(*path)
        if setting is not None and setting.value not in (None, ""):
            for message in address_problems(setting.value, absolute=absolute):
                problem(setting, message)
    language = settings.get("theme", "language")
    if language is not None and language.value is not None:
        message = language_problem(language.value, languages)
        if message:
            problem(language, message)
    return found


# The texts of the navigation's pages, the topics and the colour schemes' switches.
def _names_in_lists(settings: Settings) -> Iterator[Setting]:
    yield from _nav_titles(settings, ("nav",))
    for _, label in settings.entries("extra", "topics"):
        yield label
    for index, _ in settings.entries("theme", "palette"):
        toggle = settings.get("theme", "palette", index, "toggle", "name")
        if toggle is not None:
            yield toggle


def _nav_titles(settings: Settings, path: Path) -> Iterator[Setting]:
    for index, entry in settings.entries(*path):
        if not isinstance(entry.value, dict):
            continue  # a page without a title of its own ("- index.md")
        for title, _ in settings.entries(*path, index):
            key = settings.get(*path, index, title)
            yield Setting((*path, index), title, key.line, key.column)
            if isinstance(key.value, list):
                yield from _nav_titles(settings, (*path, index, title))


def name_problems(value: Any) -> list[str]:
    """What is wrong with `value` as a name a page prints (nothing: an empty list)."""
    if not isinstance(value, str):
        return [f"expected a line of text, got {describe(value)}"]
    if not re.search(schema()["$defs"]["line"]["pattern"], value):
        return [f"expected {schema()['$defs']['line']['x-expected']}, got {quoted(value)}"]
    match = _MARKUP.search(value)
    if match:
        fix = "use “curly quotes”" if match.group() == '"' else "write the name as plain text"
        return [f"{quoted(value)} holds {match.group()!r}, which pages would read as HTML: {fix}"]
    return []


def address_problems(value: Any, *, absolute: bool) -> list[str]:
    """What is wrong with `value` as an address a page links to."""
    if not isinstance(value, str):
        return [f"expected an address, got {describe(value)}"]
    bad = next((char for char in value if not _ADDRESS.fullmatch(char)), None)
    if bad is not None:
        return [
            f"{quoted(value)} holds {bad!r}, which an address cannot: write it as %{ord(bad):02X} "
            "or remove it"
            if ord(bad) < 0x80
            else f"{quoted(value)} holds {bad!r}: write the address with its ASCII form (percent-encoded)"
        ]
    if absolute and not re.fullmatch(r"https?://[^/?#\s]+(?:[/?#].*)?", value, re.DOTALL):
        return [
            "expected an address starting with https:// and a host name, like "
            f"https://example.github.io/guide/, got {quoted(value)}"
        ]
    return []


def language_problem(value: Any, languages: Collection[str]) -> str | None:
    """Why `value` cannot be theme.language, or None. A well-formed code Material has no words
    for is built with English words (and a warning, from the hook); one that is not a language
    tag would be the page's lang="..." as it is."""
    if isinstance(value, str) and LANGUAGE_TAG.fullmatch(value):
        return None
    shown = quoted(str(value))
    guess = str(value).replace("_", "-")
    close = (
        [guess]
        if LANGUAGE_TAG.fullmatch(guess)
        else get_close_matches(guess.lower(), sorted(languages), n=3, cutoff=0.6)
    )
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    return (
        f"{shown} is not a language code: write one such as en, de or pt-BR (a dash, not an "
        f"underscore).{hint}"
    )


# A BCP 47 language tag as pages use it: a language, then subtags joined by dashes (pt-BR, zh-Hant).
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
