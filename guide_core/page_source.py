"""The Markdown source of an article's page, written from the model.

The page goes through MkDocs' own Markdown pipeline like any other page, so headings get
anchors, the table of contents and search see the advice. Each section ends with a marker
comment where the hook puts that section's checklist and notes (rendered from templates).

The marker carries a word drawn at random when the core is imported (`MARKER_KEY`), which no
article holds: an author who writes ``<!-- guide:section-end some-id -->`` (copied from a page's
source, say) writes a comment the sanitizer removes, not a place for a checklist, and the same
text in a code span or block is text (Markdown writes its "<" as "&lt;"). The key never reaches
a reader's page: the hook replaces every marker.
"""

from __future__ import annotations

import re
import secrets

from .markup import heading_markdown
from .model import Article

# One per process: a `make serve` that rebuilds a page writes and reads it with the same key.
MARKER_KEY = secrets.token_hex(16)
SECTION_END = "<!-- guide:section-end " + MARKER_KEY + " {id} -->"
# Finds the markers in the HTML that Markdown made of the page.
SECTION_END_PATTERN = re.compile(r"<!-- guide:section-end " + MARKER_KEY + r" (?P<id>[a-z0-9-]+) -->")


# Markdown for the article's page: the introduction, then each section with an anchored heading.
def article_markdown(article: Article) -> str:
    parts = [article.intro.strip()]
    for section in article.sections:
        parts.append(heading_markdown(section.heading, section.id))
        parts.append(section.body.strip())
        parts.append(SECTION_END.format(id=section.id))
    return "\n\n".join(parts) + "\n"
