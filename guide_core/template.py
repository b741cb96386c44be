"""The article template, and the check that an article no longer holds its example text.

``make article`` writes the skeleton (``article-skeleton.yml``) for a title. An author without
a terminal copies ``ARTICLE-TEMPLATE.yml`` (the same skeleton, made by `template_text`) into
``docs/articles/`` in GitHub's web editor instead. Either way the file starts as a valid draft
full of examples; `template_problems_in` points at every example still in a file, so a template
copied unchanged is explained line by line instead of being published as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from pathlib import Path as FsPath
from typing import Any

from . import source
from .problems import WARNING, Problem, quoted
from .scaffold import skeleton
from .schema import schema

TEMPLATE_NAME = "ARTICLE-TEMPLATE.yml"
TEMPLATE_SLUG = "write-the-file-name-here"
TEMPLATE_TITLE = "Write your title here"
TEMPLATE_DATE = dt.date(2000, 1, 1)


# The copyable template: the skeleton with examples where `make article` puts the title,
# the file name and today's date.
def template_text() -> str:
    first, _, rest = skeleton(TEMPLATE_TITLE, TEMPLATE_SLUG, TEMPLATE_DATE).partition("\n")
    return f"{first}\n{HOW_TO_USE}{rest}"


HOW_TO_USE = """#
# HOW TO USE THIS TEMPLATE without a terminal: on GitHub, open the folder docs/articles/,
# choose "Add file" -> "Create new file", name it after your title in lower-case words joined
# by dashes (how-to-ask-for-a-raise.yml), paste this whole file, and replace every example.
# The checks on your pull request point at each example still left, line by line.
"""


# The schema's kinds of text an author writes in their own words ($defs): every value of one of
# these in the skeleton is an example to replace, so a field added to the format and written in
# the skeleton is checked with no list to update here.
OWN_WORDS = ("line", "markdown")
# Checked by a message of its own (template_problems_in's markers).
OWN_MARKER = (("title",),)


# The skeleton's example texts an author must replace (each a whole text value of the
# skeleton, first line only): summary, intro, headings, bodies, items, questions, hints...
@cache
def example_texts() -> tuple[str, ...]:
    return examples_in(source.parse(template_text()).data, schema())


# The texts of `data` the format (`article_schema`) types as an author's own words, first lines.
def examples_in(data: Any, article_schema: dict[str, Any]) -> tuple[str, ...]:
    definitions = article_schema.get("$defs", {})

    def walk(value: Any, node: dict[str, Any], path: tuple[Any, ...]) -> Iterator[str]:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name in OWN_WORDS:
                if isinstance(value, str) and path not in OWN_MARKER:
                    yield value
                return
            node = definitions[name]
        if isinstance(value, dict):
            for key, item in value.items():
                if key in node.get("properties", {}):
                    yield from walk(item, node["properties"][key], (*path, key))
        elif isinstance(value, list) and isinstance(node.get("items"), dict):
            for index, item in enumerate(value):
                yield from walk(item, node["items"], (*path, index))

    texts = walk(data, article_schema, ())
    return tuple(dict.fromkeys(text.strip().splitlines()[0] for text in texts if text.strip()))


# A warning for every line of `text` that still holds one of the template's examples.
def template_problems_in(text: str, shown: str) -> list[Problem]:
    # Most articles hold none of it: a few substring searches say so without reading each line.
    if not any(
        example in text
        for example in (*example_texts(), TEMPLATE_SLUG, TEMPLATE_TITLE, TEMPLATE_DATE.isoformat())
    ):
        return []
    found = []
    markers = {
        f"slug: {TEMPLATE_SLUG}": "the slug is still the template's: write the file name without "
        f"'.yml' ({FsPath(shown).stem})",
        f"published: {TEMPLATE_DATE.isoformat()}": "the date is still the template's: write the "
        f"day you publish, like {dt.date.today().isoformat()}",
        f"title: {TEMPLATE_TITLE}": "the title is still the template's: write your article's headline",
    }
    examples = set(example_texts())
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.strip()
        if content.startswith("#"):
            continue
        for marker, message in markers.items():
            if content == marker or content == marker.replace(": ", ': "', 1) + '"':
                found.append(Problem(shown, number, line.index(content) + 1, "", message, severity=WARNING))
        key_value = content.removeprefix("- ").partition(": ")[2]
        for value in (content, key_value):
            if value in examples:
                found.append(
                    Problem(
                        shown,
                        number,
                        line.index(value) + 1,
                        "",
                        f"still the template's example text {quoted(value)}: replace it with your own words",
                        severity=WARNING,
                    )
                )
                break
    return found
