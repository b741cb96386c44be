"""The files of ``docs/`` besides the articles, checked as articles are, before anything is built.

A fork edits the home page's and the Topics page's prose (``docs/*.md``) and may drop other
files into ``docs/``. MkDocs renders the first without the guide's allowlist and copies the
second into the site as they are. Here:

- a page's **prose** goes through the allowlist that judges an article's text (a ``<script>``
  in ``index.md`` would run on the home page; an image from another host is fetched by every
  reader), rendered as the build renders it;
- its **front matter** names a template that exists, and its title and description are plain
  one-line text (Material prints them into ``<title>`` and ``<meta>`` as they are);
- the **articles folder** exists (a renamed ``docs/Articles/`` would build an empty guide
  "successfully" and publish its raw YAML), and no YAML file lies elsewhere in ``docs/``,
  where it would be published as it is, drafts and all.

What is in the articles folder itself is the loader's (``loader.article_files``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path as FsPath
from typing import Any

import yaml

from . import markup, page_ids, strings
from .problems import Problem
from .rules import AUTHOR_MARKUP, markup_problems
from .site_settings import Settings, name_problems, settings_problems
from .source import SAFE_LOADER, syntax_error

ARTICLES = "articles"
# Front matter as MkDocs reads it (mkdocs.utils.meta): "---" on the first line, YAML, then
# "---" or "..." on a line of its own.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.DOTALL)
# Front matter fields Material prints into a page's head as they are.
PRINTED_FIELDS = ("title", "description")


def site_problems(
    config_file: FsPath,
    *,
    docs: FsPath,
    theme_dirs: Sequence[FsPath],
    shown: Callable[[FsPath], str],
    environ: Mapping[str, str] = os.environ,
    locales: FsPath = strings.LOCALES,
) -> list[Problem]:
    """Every problem in what a fork edits besides its articles: mkdocs.yml's values, the
    guide's words (its catalogue and extra.guide_strings) and docs/. `theme_dirs` are the
    folders templates are looked up in (overrides/, then the theme's); `locales` the
    catalogues' (the core's own, as the build reads them)."""
    config_shown = shown(config_file)
    raw = config_file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = (
            len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", errors="replace")) + 1
        )
        return [
            Problem(
                config_shown,
                line,
                column,
                "",
                f"the byte 0x{raw[error.start]:02X} is not UTF-8 text: save the file as UTF-8 "
                "(your editor's encoding setting)",
            )
        ]
    try:
        settings = Settings(text, environ)
    except yaml.MarkedYAMLError as error:
        explained = syntax_error(error, text)
        return [
            Problem(
                config_shown,
                explained.position.line,
                explained.position.column,
                "",
                f"is not valid YAML: {explained.message.removeprefix('YAML syntax error: ')}",
            )
        ]
    languages = {
        path.stem for folder in theme_dirs for path in (folder / "partials" / "languages").glob("*.html")
    }
    found = settings_problems(settings, languages=languages, source=config_shown)
    language = settings.get("theme", "language")
    overrides = settings.get("extra", "guide_strings")

    def override_at(key: str) -> tuple[str, int, int]:
        setting = settings.get("extra", "guide_strings", key) if key else None
        setting = setting or overrides
        return config_shown, setting.line, setting.column

    found += strings.problems(
        language.value if language is not None and isinstance(language.value, str) else None,
        overrides.value if overrides is not None else None,
        override_at=override_at,
        shown=shown,
        folder=locales,
    )
    exists = lambda name: any((folder / name).is_file() for folder in theme_dirs)  # noqa: E731
    return found + docs_problems(docs, shown=shown, template_exists=exists)


def docs_problems(
    docs: FsPath, *, shown: Callable[[FsPath], str], template_exists: Callable[[str], bool]
) -> list[Problem]:
    """Every problem in docs/ outside the articles, and a missing articles folder."""
    found: list[Problem] = []
    if not (docs / ARTICLES).is_dir():
        found.append(_missing_articles(docs, shown))
    for path in _files(docs):
        name = path.name.lower()
        if name.endswith((".yml", ".yaml")):
            found.append(
                Problem(
                    shown(path),
                    1,
                    1,
                    "",
                    "a YAML file in docs/ is published as it is (with any draft in it): articles "
                    f"go in {shown(docs / ARTICLES)}/; move it there, or out of docs/",
                )
            )
        elif name.endswith(".md"):
            found += page_problems(
                path.read_text(encoding="utf-8", errors="replace"),
                source=shown(path),
                template_exists=template_exists,
            )
    return found


# The files of docs/ that MkDocs publishes, outside the articles folder (hidden ones it skips).
def _files(docs: FsPath) -> Iterator[FsPath]:
    for folder, folders, files in os.walk(docs):
        here = FsPath(folder)
        folders[:] = sorted(
            name for name in folders if not name.startswith(".") and not (here == docs and name == ARTICLES)
        )
        for name in sorted(files):
            if not name.startswith("."):
                yield here / name


def _missing_articles(docs: FsPath, shown: Callable[[FsPath], str]) -> Problem:
    renamed = (
        [entry for entry in sorted(os.listdir(docs)) if entry.lower() == ARTICLES and entry != ARTICLES]
        if docs.is_dir()
        else []
    )
    if renamed:
        message = (
            f"the articles folder is {shown(docs / renamed[0])}/: the guide reads "
            f"{shown(docs / ARTICLES)}/ (lower case); rename the folder"
        )
    else:
        message = (
            "no articles folder: the guide reads its articles from "
            f"{shown(docs / ARTICLES)}/; create it (ADDING-AN-ARTICLE.md)"
        )
    return Problem(shown(docs), 1, 1, "", message)


def page_problems(text: str, *, source: str, template_exists: Callable[[str], bool]) -> list[Problem]:
    """What is wrong with one page of docs/ (front matter and prose), each at its line."""
    found: list[Problem] = []
    match = _FRONT_MATTER.match(text)
    body_start = match.end() if match else 0
    if match and match["yaml"]:
        found += _front_matter_problems(
            match["yaml"], source=source, first_line=2, template_exists=template_exists
        )
    body = text[body_start:]

    def at(path: Any, message: str, *, offset: int | None = None, **_: Any) -> Problem:
        where = body_start + (offset or 0)
        line = text.count("\n", 0, where) + 1
        return Problem(source, line, where - (text.rfind("\n", 0, where) + 1) + 1, "", message)

    in_body: list[Problem] = []
    for found_id in page_ids.author_ids(body):
        message = page_ids.id_problem(found_id)
        if message:
            in_body.append(at((), message, offset=found_id.offset))
    slow = markup.slow_markdown(body)
    if slow is not None:
        in_body.append(at((), slow.message, offset=slow.offset))
    elif AUTHOR_MARKUP.search(body):
        in_body += markup_problems((), body, markup.render_markdown(body), at)
    return found + sorted(
        in_body, key=lambda problem: (problem.line, problem.column)
    )  # in the order of the page


def _front_matter_problems(
    text: str, *, source: str, first_line: int, template_exists: Callable[[str], bool]
) -> list[Problem]:
    text = "\n" * (first_line - 1) + text  # the page's own line numbers, in messages too
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        explained = syntax_error(error, text)
        line, column = explained.position
        return [
            Problem(
                source,
                line,
                column,
                "",
                "the front matter (between the --- lines) is not valid YAML: "
                f"{explained.message.removeprefix('YAML syntax error: ')}",
            )
        ]
    if not isinstance(root, yaml.MappingNode):
        return [
            Problem(
                source,
                first_line,
                1,
                "",
                "the front matter (between the --- lines) should be fields such as 'title: Topics'",
            )
        ]
    found = []
    for key, node in root.value:
        where = (source, node.start_mark.line + 1, node.start_mark.column + 1, key.value)
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        if key.value == "template":
            if not isinstance(value, str) or not template_exists(value):
                found.append(
                    Problem(
                        *where,
                        f"there is no template {value!r} in overrides/ or the theme: write the "
                        "name of one (home.html, listing.html), or remove the line",
                    )
                )
        elif key.value in PRINTED_FIELDS:
            found += [
                Problem(*where, message)
                for message in name_problems(value if isinstance(node, yaml.ScalarNode) else [])
            ]
    return found
