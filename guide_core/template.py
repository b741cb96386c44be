"""The article template, and the check that an article no longer holds its example text.

``make article`` writes the skeleton (``article-skeleton.yml``) for a title. An author without
a terminal copies ``ARTICLE-TEMPLATE.yml`` (the same skeleton, made by `template_text`) into
``docs/articles/`` in GitHub's web editor instead. Either way the file starts as a valid draft
full of examples; `template_problems_in` points at every example still in a file, so a template
copied unchanged is explained line by line instead of being published as it is.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path as FsPath

from . import source
from .problems import WARNING, Problem, quoted
from .scaffold import skeleton

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


# The skeleton's example texts an author must replace (each a whole text value of the
# skeleton, first line only): summary, intro, headings, bodies, items, questions, hints.
@cache
def example_texts() -> tuple[str, ...]:
    data = source.parse(template_text()).data
    examples: list[str] = [data["summary"], data["intro"]]
    for section in data["sections"]:
        examples += [section["heading"], section["body"]]
        examples += [item["text"] for item in section.get("checklist", [])]
        for prompt in section.get("prompts", []):
            examples += [prompt["question"], prompt.get("hint", "")]
    return tuple(dict.fromkeys(text.strip().splitlines()[0] for text in examples if text.strip()))


# A warning for every line of `text` that still holds one of the template's examples.
def template_problems_in(text: str, shown: str) -> list[Problem]:
    # Most articles hold none of it: a few substring searches say so without reading each line.
    if not any(example in text for example in (*example_texts(), TEMPLATE_SLUG, TEMPLATE_TITLE, TEMPLATE_DATE.isoformat())):
        return []
    found = []
    markers = {f"slug: {TEMPLATE_SLUG}": f"the slug is still the template's: write the file name without '.yml' ({FsPath(shown).stem})",
               f"published: {TEMPLATE_DATE.isoformat()}": f"the date is still the template's: write the day you publish, like {dt.date.today().isoformat()}",
               f"title: {TEMPLATE_TITLE}": "the title is still the template's: write your article's headline"}
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
                found.append(Problem(
                    shown, number, line.index(value) + 1, "",
                    f"still the template's example text {quoted(value)}: replace it with your own words", severity=WARNING,
                ))
                break
    return found
