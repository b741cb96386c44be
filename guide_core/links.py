"""Links between the pages of the site, checked before the build, at the line an author wrote them.

An article's Markdown may link other pages of the guide: another article (``../other-slug/`` or
``other-slug.md``), its checklist (``../other-slug/checklist/``), the lists (``../../all/``,
``../../topics/<tag>/``), a page of docs/ (``../../topics/``, ``../index.md``), a heading of a page
(``#take-stock``, ``../other-slug/#id``) or a file (``../images/chart.png``). MkDocs warns of a
broken one against the generated ``articles/<slug>.md``, a file no author has seen; this module
finds them in the articles themselves, with the YAML line and column of each link.

Two steps:

- `article_links(document)`, while an article is loaded (positions are known only then): the
  relative links of its Markdown fields, each with where it was written (`Link`). The model
  carries them (``Article.links``).
- `broken_links(articles, site_files)`: each link of each article resolved as the published site
  resolves it (MkDocs with use_directory_urls; mkdocs/structure/pages.py,
  ``_RelativePathTreeprocessor``), against the files the site will have (`site_files`), as
  Problems.

How MkDocs resolves a link in Markdown: relative to the page's source file (``articles/<slug>.md``)
first; a link to a file found there is rewritten to that file's address. A link not found there
that names a file (it has an extension: ``other.md``, ``chart.png``) is a warning. Any other
(``../other-slug/``) is left as written, and a reader's browser resolves it against the page's
address (``articles/<slug>/``). Links in raw HTML are always left as written.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import unquote, urlsplit

from . import markup, page_source, site
from .model import Article, Link
from .problems import Problem, field_path, place_of
from .source import Document, Path

ARTICLES_DIR = site.ARTICLES_DIR
# Ids the article page's own templates give elements (the guide's namespace, guide_core/page_ids.py).
TEMPLATE_ID_PREFIX = "guide-"


# ---------------------------------------------------------------------------------------------
# While loading: which links an article has


# The relative links of a checked document's Markdown fields (intro, headings, bodies), in order.
def article_links(document: Document) -> tuple[Link, ...]:
    data = document.data
    found: list[Link] = []
    for path, text, rendered_as in _markdown_fields(data):
        if not _MAY_LINK.search(text):
            continue  # no "](", "]:" nor "<": no link
        rendered = markup.render_with_links(rendered_as)
        searched_from: dict[str, int] = {}
        for url, in_markdown in [(url, True) for url in rendered.markdown_links] + [
            (url, False) for url in rendered.html_links
        ]:
            if not _is_relative(url):
                continue
            offset = markup.locate(text, url, searched_from.get(url, 0)) if url else None
            if offset is not None:
                searched_from[url] = offset + 1
                position = document.offset_position(path, offset)
            else:
                position = document.position(path)
            found.append(
                Link(url, in_markdown, position.line, position.column, field_path(path), place_of(data, path))
            )
    return tuple(found)


_MAY_LINK = re.compile(r"\]\(|\]:|<")


def _markdown_fields(data: dict[str, Any]) -> Iterator[tuple[Path, str, str]]:
    yield ("intro",), data["intro"], data["intro"]
    for s, section in enumerate(data["sections"]):
        yield (
            ("sections", s, "heading"),
            section["heading"],
            f"## {section['heading'].strip()} {{#{section['id']}}}",
        )
        yield ("sections", s, "body"), section["body"], section["body"]


# A link to somewhere on this site, by a relative address (not https:, mailto:, //host, /path).
def _is_relative(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith(("/", "\\"))


# ---------------------------------------------------------------------------------------------
# Before the build: which links lead nowhere


# A Problem for each link of `articles` that leads to no page or file of the site, or to no id
# of the page it names. `site_files` holds the site's source paths as MkDocs names them
# (`File.src_uri`: "index.md", "topics.md", "articles/<slug>.md", "articles/<slug>/checklist.md",
# "all/index.md", "topics/<tag>/index.md", "images/chart.png"...): in the build, the Files after
# on_files; without MkDocs, `site_files(docs_dir, articles)`.
def broken_links(articles: Iterable[Article], site_files: Collection[str]) -> list[Problem]:
    articles = list(articles)
    sources = set(site_files)
    addresses = {_address_of(src): src for src in sources}
    by_source = {f"{ARTICLES_DIR}/{article.slug}.md": article for article in articles}
    drafts = {src for src, article in by_source.items() if article.draft}
    ids: dict[str, frozenset[str]] = {}
    slugs = [article.slug for article in articles]
    problems: list[Problem] = []
    for article in articles:
        page = f"{ARTICLES_DIR}/{article.slug}.md"
        for link in article.links:
            target, why = _resolve(link, page, sources, addresses)
            if target is None:
                problems.append(_problem(article, link, why or _no_page(link.url, slugs)))
                continue
            if target in drafts and not article.draft:
                problems.append(
                    _problem(
                        article,
                        link,
                        f"the link {_shown(link.url)} leads to a draft, which is not published: "
                        "remove the link until that article is published, or publish it",
                    )
                )
                continue
            fragment = urlsplit(link.url).fragment
            if fragment and target in by_source and not fragment.startswith(TEMPLATE_ID_PREFIX):
                if target not in ids:
                    ids[target] = _page_ids(by_source[target])
                if unquote(fragment) not in ids[target]:
                    problems.append(_problem(article, link, _no_anchor(link.url, fragment, ids[target])))
    return problems


# The source path a link leads to, or None and why (None: the usual message).
def _resolve(
    link: Link, page: str, sources: set[str], addresses: dict[str, str]
) -> tuple[str | None, str | None]:
    path = unquote(urlsplit(link.url).path)
    if not path:
        return page, None  # "#id": this page
    if link.in_markdown:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)).lstrip("/")
        if target in sources:
            return target, None
        if posixpath.splitext(path)[1]:
            return None, (
                f"the link {_shown(link.url)} names a file the site does not have ({target}): a "
                "file's address is "
                "relative to docs/articles/ (../images/chart.png is docs/images/chart.png; "
                "other-slug.md is another article)"
            )
    address = posixpath.normpath(posixpath.join(_address_of(page), path))
    if address.startswith("../") or address == "..":
        return None, f"the link {_shown(link.url)} leads above the site's top folder: remove a '../'"
    address = "" if address == "." else address
    for candidate in (
        address + "/",
        address,
        address[: -len("index.html")] if address.endswith("index.html") else None,
    ):
        if candidate is not None and candidate in addresses:
            return addresses[candidate], None
    return None, None


# A source path's address under use_directory_urls ("articles/a.md" -> "articles/a/").
def _address_of(src: str) -> str:
    if not src.endswith(".md"):
        return src
    folder, name = posixpath.split(src[:-3])
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{folder}/{name}/" if folder else f"{name}/"


# The ids of an article's page that a link may name: its headings' and elements' (as the page's
# Markdown renders them, one page, so toc's numbering of repeated headings is the page's).
def _page_ids(article: Article) -> frozenset[str]:
    html = markup.render_markdown(page_source.article_markdown(article))
    return frozenset(re.findall(r'\bid="([^"]*)"', html))


def _problem(article: Article, link: Link, message: str) -> Problem:
    return Problem(article.source, link.line, link.column, link.field, message, place=link.place)


def _no_page(url: str, slugs: list[str]) -> str:
    words = [word for word in re.split(r"[/#?.]", url) if word and word not in ("..", "md", "checklist")]
    close = difflib.get_close_matches(words[-1] if words else url, slugs, n=1)
    hint = f" (did you mean ../{close[0]}/ ?)" if close else ""
    return (
        f"the link {_shown(url)} leads to no page of this site{hint}: another article is "
        "../<slug>/ or <slug>.md, "
        "its checklist ../<slug>/checklist/, the topics ../../topics/, a topic ../../topics/<tag>/"
    )


def _no_anchor(url: str, fragment: str, ids: frozenset[str]) -> str:
    known = sorted(i for i in ids if not i.startswith(TEMPLATE_ID_PREFIX) and not i.startswith("__"))
    close = difflib.get_close_matches(fragment, known, n=1)
    hint = f" (did you mean #{close[0]}?)" if close else ""
    return (
        f"the link {_shown(url)} names #{fragment}, which is no heading or id of that "
        f"page{hint}: a section's id, or a heading's as the table of contents links it"
    )


def _shown(url: str) -> str:
    return "'" + (url if len(url) <= 80 else url[:77] + "...") + "'"


# ---------------------------------------------------------------------------------------------
# The site's files without MkDocs (`make check`, loader.read_articles)


# What the site will hold, as MkDocs' source paths: every file of docs/ (the articles' YAML
# files aside), each article's page and printable checklist, and the lists the hook writes
# (all articles and each topic, in pages of listing.PAGE_SIZE: hooks/guide.py names them so).
def site_files(docs_dir: FsPath, articles: Iterable[Article]) -> set[str]:
    return site.docs_uris(docs_dir) | site.page_uris(list(articles))
