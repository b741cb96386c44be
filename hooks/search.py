"""MkDocs hook: search with Pagefind, an index a reader downloads in small pieces, and only
once they search.

Material's search plugin writes one index of every page (``search/search_index.json``) and its
bundle fetches it when any page loads: 14.5 MB at 2,000 articles, before anyone searches.
Pagefind (https://pagefind.app) splits the index by word and keeps each page's text in a file
of its own, so a query downloads the few pieces it needs, however many articles there are.
After the build this hook runs Pagefind over the article pages it wrote, into ``pagefind/``
in the site; ``overrides/assets/guide-search.js`` loads Pagefind when the reader opens the
search box and shows the results in Material's search dialog.

Only articles are indexed (pages drawn by ``article.html``): the home page, the lists and the
printable checklists repeat what the articles say. Within an article, Pagefind reads the page's
content (Material's ``<article>``), less what is not advice: the widgets' controls and notices
(``data-search-exclude``, which the templates already mark for search, and ``.guide-js-only``),
the heading anchors (the pilcrow) and the print link, which is the same on every article.

``mkdocs serve`` indexes too (about 0.2 s for one article); search in the preview finds what
the build would.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from pagefind.index import IndexConfig, PagefindIndex

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

# The folder of the index in the site; guide-search.js imports pagefind.js from it.
OUTPUT = "pagefind"
# The template that draws an article page (set by hooks/guide.py): the pages indexed.
ARTICLE_TEMPLATE = "article.html"
# The part of an article page Pagefind reads (its title is the first <h1> in it), and what it
# leaves out of that part: see the module's docstring.
ROOT = "article.md-content__inner"
EXCLUDED = ("[data-search-exclude]", ".guide-js-only", ".headerlink", ".md-content__button", ".guide-print-link")

_articles: list[str] = []  # the site-relative paths of the article pages this build wrote


# Material's header draws its search box and dialog (partials/search.html) only while a plugin
# named "material/search" is enabled (material/templates/partials/header.html). That plugin is
# not used: it writes the one big index. A stand-in under its name, with no events, lets the
# header draw the box as before.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "material/search" in config.plugins:
        raise PluginError(
            "search: mkdocs.yml lists Material's `search` plugin, whose index every page would download. "
            "The guide searches with Pagefind (hooks/search.py): remove `- search` from `plugins:`."
        )
    config.plugins["material/search"] = HeaderSearchBox()
    return config


# A fresh list for each build (`mkdocs serve` builds again after every edit).
def on_pre_build(*, config: MkDocsConfig) -> None:
    _articles.clear()


# Note each article page as it is written.
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    if page.meta.get("template") == ARTICLE_TEMPLATE:
        _articles.append(page.file.dest_uri)
    return None


# Everything is written: index the articles into the site, before safe_build.py swaps it in
# (a failure here keeps the previous site, as any failed build does).
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    try:
        asyncio.run(write_index(site, _articles))
    except (OSError, AssertionError, RuntimeError) as error:
        raise PluginError(f"search: Pagefind could not index the articles into {site / OUTPUT}: {error}") from error


# Index the pages at `paths` (relative to `site`) into `site`/pagefind/.
async def write_index(site: Path, paths: list[str]) -> None:
    config = IndexConfig(root_selector=ROOT, exclude_selectors=list(EXCLUDED), output_path=str(site / OUTPUT))
    async with PagefindIndex(config=config) as index:
        for path in paths:
            html = indexable((site / path).read_text(encoding="utf-8"))
            await index.add_html_file(content=html, url="/" + url_of(path))


# What Material's header reads of its search plugin (`.config.enabled`), and nothing else.
class HeaderSearchBox:
    config = {"enabled": True}


# The page's address from its file: articles/x/index.html -> articles/x/ (as MkDocs links it).
def url_of(path: str) -> str:
    return path.removesuffix("index.html")


# The page as Pagefind should read it. Pagefind skips the text of every <label> (a form
# control's name, usually), but a checklist's items and the notes' questions are labels, and
# they are advice a reader searches for: they are handed to Pagefind as <span>s. Only the copy
# Pagefind reads changes, never the page.
def indexable(html: str) -> str:
    return _LABEL.sub(r"<\1span", html)


_LABEL = re.compile(r"<(/?)label\b", re.IGNORECASE)
