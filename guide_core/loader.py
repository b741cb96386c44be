"""The folder of article files -> checked articles, or every problem in every file.

`load_articles(folder)` reads every article file in a folder, checks each against the format
(``schema``) and the rules a schema cannot say (``rules``), and returns `Article`s. Every
problem in every file is collected first; then `ArticleErrors` is raised with all of them,
each pointing at a file, a line and a column. Nothing an article file holds makes this module
raise anything else, hang, or read more than MAX_BYTES of a file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path as FsPath
from typing import Any

from . import links
from . import source as yaml_source
from .model import Article, build_article
from .problems import NOTICE, WARNING, ArticleErrors, Problem, field_path, place_of
from .rules import rule_problems
from .schema import schema_problems
from .source import Document, Path, SourceError
from .template import template_problems_in

SUFFIX = ".yml"
# No article comes near this; a file past it is a mistake (or an attack) and is not read whole.
MAX_BYTES = 1_000_000
# A meta description longer than this is cut off by search engines.
SUMMARY_WARN_CHARS = 160


# Load every article file in `folder` (sorted by name); raise ArticleErrors listing all problems.
def load_articles(folder: FsPath, *, display_root: FsPath | None = None) -> list[Article]:
    loaded, problems = read_articles(folder, display_root=display_root)
    if problems:
        raise ArticleErrors(problems)
    return loaded


# Every article that loads, and every problem in the others (`mkdocs serve` shows the first
# while it reports the second; a build refuses both).
#
# `cache` (kept by `make serve` between rebuilds) maps a file to what loading it gave last time,
# with the file's size and modification time: a file that has not changed since is not read
# again, so a rebuild of a guide of thousands of articles reads only the edited one.
#
# Links between pages are checked last (links.broken_links), against the files the site will
# have: those of the articles folder's parent (docs/) and the pages the hook writes. That
# folder is walked only when an article has a link to check: whatever else it holds (a test's
# temporary folder beside thousands of others) costs nothing otherwise.
def read_articles(
    folder: FsPath, *, display_root: FsPath | None = None, cache: dict[FsPath, tuple] | None = None
) -> tuple[list[Article], list[Problem]]:
    loaded: list[Article] = []
    problems: list[Problem] = []
    shown = names_from(display_root)
    for path, status in article_files(folder, problems, display_root):
        article, found = _load_cached(path, status, shown(path), cache)
        if article is not None:
            loaded.append(article)
        problems.extend(found)
    problems += duplicate_slugs(loaded)
    if any(article.links for article in loaded):
        problems += links.broken_links(loaded, links.site_files(FsPath(folder).parent, loaded))
    return loaded, problems


# One file's article (or None) and problems, from `cache` while the file is unchanged.
def _load_cached(
    path: FsPath, status: os.stat_result, shown: str, cache: dict[FsPath, tuple] | None
) -> tuple[Article | None, tuple[Problem, ...]]:
    stamp = (status.st_mtime_ns, status.st_size, shown)
    if cache is not None and cache.get(path, (None,))[0] == stamp:
        return cache[path][1:]
    try:
        result: tuple[Article | None, tuple[Problem, ...]] = (load_article(path, display_name=shown), ())
    except ArticleErrors as errors:
        result = (None, errors.problems)
    if cache is not None:
        cache[path] = (stamp, *result)
    return result


# The article files of a folder: regular, visible `*.yml` files. Anything else in it is a
# problem in `problems`, since MkDocs would publish it as it is (an editor's backup with its
# draft text, a merge's leftover, a folder of images): another ending, a folder, a link that
# leads nowhere, a pipe or a device. Hidden files (an editor's lock, .#name.yml) MkDocs does
# not publish, and they are left alone. Each file comes with its status, read once (`make
# serve` lists 2,000 files on every rebuild, and reads again only those whose size or time
# changed).
def article_files(
    folder: FsPath, problems: list[Problem], display_root: FsPath | None = None
) -> list[tuple[FsPath, os.stat_result]]:
    found = []
    shown_as = names_from(display_root)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        return []  # said by site_files.docs_problems, which knows where the folder went
    except OSError as error:  # not a folder, or not readable
        problems.append(
            Problem(shown_as(folder), 1, 1, "", f"the articles folder cannot be read ({error.strerror})")
        )
        return []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        message = _not_an_article(entry)
        if message is not None:
            problems.append(Problem(shown_as(entry.path), 1, 1, "", message))
            continue
        try:
            status = entry.stat()  # follows links: where the link leads is what is read
        except OSError as error:
            problems.append(
                Problem(
                    shown_as(entry.path),
                    1,
                    1,
                    "",
                    f"cannot be read ({error.strerror}): a link that leads nowhere? Delete it or "
                    "point it at a file",
                )
            )
            continue
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a file (a pipe or a device)"
            problems.append(
                Problem(
                    shown_as(entry.path), 1, 1, "", f"is {kind}, not an article file: rename or remove it"
                )
            )
            continue
        found.append((FsPath(entry.path), status))
    return found


# Why an entry of the articles folder named `<slug>.yml` or not is no article file, or None.
def _not_an_article(entry: os.DirEntry) -> str | None:
    name = entry.name
    stem, _, suffix = name.rpartition(".")
    if stem and f".{suffix}" == SUFFIX:
        return None
    if stem and suffix.lower() in ("yml", "yaml"):
        return f"article files end in '{SUFFIX}': rename it to {stem.lower()}{SUFFIX}"
    published = "it would be published as it is"
    copy_of = re.match(r"(.+?\.ya?ml)(?:~|\.(?:orig|rej|bak|old|tmp|swp|save|copy)|\.)$", name, re.IGNORECASE)
    if copy_of:
        return (
            f"a copy of {copy_of[1]} (an editor's backup or a merge's leftover): {published}, "
            "draft and all; delete it"
        )
    try:
        is_folder = entry.is_dir()
    except OSError:
        is_folder = False
    if is_folder:
        return (
            f"a folder in the articles folder: {published}; move it out of docs/articles/ "
            "(images go in docs/images/)"
        )
    return (
        f"not an article file (<slug>{SUFFIX}): {published}; move it out of docs/articles/ "
        "(images go in docs/images/) or delete it"
    )


# Two articles may not share a slug: it is their address and the key of readers' data.
def duplicate_slugs(loaded: Iterable[Article]) -> list[Problem]:
    first: dict[str, Article] = {}
    problems = []
    for article in loaded:
        if article.slug in first:
            problems.append(
                Problem(
                    article.source,
                    1,
                    1,
                    "slug",
                    f"the slug {article.slug!r} is already used by {first[article.slug].source}",
                )
            )
        first.setdefault(article.slug, article)
    return problems


# Load one article file; raise ArticleErrors with every problem in it.
def load_article(path: FsPath, *, display_name: str | None = None) -> Article:
    shown = display_name or str(path)
    return parse_article(read_capped(path, shown), source=shown, stem=path.stem)


# A file's bytes, never more than MAX_BYTES, never waiting on a pipe.
def read_capped(path: FsPath, shown: str) -> bytes:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise ArticleErrors([Problem(shown, 1, 1, "", f"cannot be read ({error.strerror})")]) from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise ArticleErrors([Problem(shown, 1, 1, "", "is not a regular file: rename or remove it")])
        try:
            data = file.read(MAX_BYTES + 1)
        except OSError as error:  # a file of the system's own (/proc), a disk error
            raise ArticleErrors([Problem(shown, 1, 1, "", f"cannot be read ({error.strerror})")]) from None
    if len(data) > MAX_BYTES:
        raise ArticleErrors(
            [
                Problem(
                    shown,
                    1,
                    1,
                    "",
                    f"is larger than {MAX_BYTES // 1000} KB: an article is far smaller; split it "
                    "or remove what does not belong",
                )
            ]
        )
    return data


# Parse and check one article from its text; `stem` is the file name the slug must match.
def parse_article(text: str | bytes, *, source: str = "<article>", stem: str | None = None) -> Article:
    try:
        document = yaml_source.parse(text)
    except SourceError as error:
        raise ArticleErrors(
            [Problem(source, error.position.line, error.position.column, "", error.message)]
        ) from None
    problems = list(check_document(document, source=source, stem=stem))
    if problems:
        raise ArticleErrors(problems)
    return build_article(
        document.data,
        source,
        warnings=tuple(warnings_in(document, source=source)),
        links=links.article_links(document),
    )


# Every problem in a parsed document: the schema first, then the rules the schema cannot say.
def check_document(document: Document, *, source: str, stem: str | None = None) -> Iterator[Problem]:
    at = problem_maker(document, source)
    problems = list(schema_problems(document, at))
    if isinstance(document.data, dict):
        problems += rule_problems(document, document.data, at, stem, malformed=bool(problems))
    yield from sorted(problems, key=lambda p: (p.line, p.column, p.field))


# Soft problems: the article builds, but something looks wrong (MkDocs' --strict refuses them).
def warnings_in(document: Document, *, source: str) -> list[Problem]:
    at = problem_maker(document, source, severity=WARNING)
    found = []
    summary = document.data["summary"].strip()
    if len(summary) > SUMMARY_WARN_CHARS:
        found.append(
            at(
                ("summary",),
                f"{len(summary)} characters; search engines show about {SUMMARY_WARN_CHARS}, so "
                "the end will be cut off",
            )
        )
    # A date to come would list the article as newest until then, and date its feed entry ahead.
    published = dt.date.fromisoformat(document.data["published"])
    if published > dt.date.today() and document.data.get("draft") is not True:
        found.append(
            at(
                ("published",),
                f"{published.isoformat()} is in the future: write the day you publish, or add "
                "'draft: true' until then",
            )
        )
    # The template's examples left in an article to be published. A draft may keep them, and
    # is told, as notices, everything that stands between it and publishing: the line
    # `draft: true` itself, and each example still in it.
    if document.data.get("draft") is not True:
        found += template_problems_in(document.text, source)
    else:
        found.append(problem_maker(document, source, severity=NOTICE)(("draft",), DRAFT_NOTICE, key=True))
        found += [
            replace(problem, severity=NOTICE, message=f"before this draft is published: {problem.message}")
            for problem in template_problems_in(document.text, source)
        ]
    return found


DRAFT_NOTICE = "this article is a draft: it will not be published until you delete this line (draft: true)"


# A function that makes a Problem at a path of `document`: at the value (or its key, or the
# `near` path's value), or at character `offset` inside the value's text.
def problem_maker(document: Document, source: str, *, severity: str = "error") -> Any:
    def at(
        path: Path, message: str, *, key: bool = False, near: Path | None = None, offset: int | None = None
    ) -> Problem:
        if offset is not None:
            position = document.offset_position(path, offset)
        else:
            position = document.position(near if near is not None else path, key=key)
        return Problem(
            source,
            position.line,
            position.column,
            field_path(path),
            message,
            place=place_of(document.data, path),
            severity=severity,
        )

    return at


# How problems name a file: from `root` (the project's folder) if it is inside it, else as given.
def names_from(root: FsPath | None):
    if root is None:
        return str
    prefix = os.path.join(os.path.abspath(root), "")

    # A string's work, not pathlib's: `make serve` names 2,000 files on every rebuild.
    def shown(path: FsPath | str) -> str:
        full = os.path.abspath(path)
        return full[len(prefix) :].replace(os.sep, "/") if full.startswith(prefix) else str(path)

    return shown
