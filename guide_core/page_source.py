"""The Markdown source of an article's page, written from the model.

The page goes through MkDocs' own Markdown pipeline like any other page, so headings get
anchors, the table of contents and search see the advice. Each section ends with a marker
comment where the hook puts that section's checklist and notes (rendered from templates).
"""

from __future__ import annotations

import re

from .model import Article

SECTION_END = "<!-- guide:section-end {id} -->"
# Finds the markers in the HTML that Markdown made of the page.
SECTION_END_PATTERN = re.compile(r"<!-- guide:section-end (?P<id>[a-z0-9-]+) -->")


# Markdown for the article's page: the introduction, then each section with an anchored heading.
def article_markdown(article: Article) -> str:
    parts = [article.intro.strip()]
    for section in article.sections:
        parts.append(f"## {section.heading} {{#{section.id}}}")
        parts.append(section.body.strip())
        parts.append(SECTION_END.format(id=section.id))
    return "\n\n".join(parts) + "\n"
