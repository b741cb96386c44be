"""The site's plan: which pages the articles make, where each lives, and what each page shows.

Given the articles that loaded, `plan()` works out everything the build needs to know about
them: the articles shown (drafts only in a preview), their order, each one's neighbours and
related articles, the topics, the pages of every list, and, for each page, the context its
template receives. Nothing here knows about MkDocs: the hook (hooks/guide.py) hands MkDocs the
pages of the plan and each page's context, and the incremental preview (hooks/preview.py)
rebuilds a page exactly when its context has changed, because the context is its key.

What a template receives is typed (ListEntry, TopicEntry, TopicLink, Neighbour): a page's
context holds what the page shows and nothing more, so an edit that a page does not show does
not rebuild it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import urljoin

from . import email_template, listing, structured_data
from .model import Article
from .strings import Strings

# The site's layout: where each page of the plan lives in docs/ (MkDocs' src_uri).
ARTICLES_DIR = "articles"  # articles/<slug>/, and its printable checklist articles/<slug>/checklist/
ALL_DIR = "all"  # all articles, newest first, in pages: all/, all/2/, ...
TOPICS_PAGE = "topics.md"  # the Topics page (docs/topics.md); each topic's pages: topics/<tag>/, ...
TOPICS_DIR = "topics"
HOME_PAGE = "index.md"


# urljoin parses both addresses each time: 0.4 s of a plan at 2,000 articles, every rebuild.
_joined = functools.lru_cache(maxsize=1 << 14)(urljoin)


def article_uri(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}.md"


def sheet_uri(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}/checklist.md"


@functools.lru_cache(maxsize=1 << 12)  # asked for each article's topics, every rebuild
def list_uris(folder: str, page_count: int) -> tuple[str, ...]:
    return tuple(
        f"{folder}/index.md" if number == 1 else f"{folder}/{number}.md"
        for number in range(1, page_count + 1)
    )


@functools.lru_cache(maxsize=1 << 16)  # a plan asks for 30,000 at 2,000 articles, every rebuild
def url_of(src_uri: str, *, directory_urls: bool = True) -> str:
    """The page's URL from the site's root, as MkDocs gives it (File.url)."""
    stem = src_uri[: -len(".md")]
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index":
        return "./"
    return f"{stem[: -len('index')]}" if stem.endswith("/index") else f"{stem}/"


# ---------------------------------------------------------------------------------------------
# What templates receive


@dataclass(frozen=True)
class ListEntry:
    """An article as a list shows it (partials/guide-article-list.html)."""

    url: str
    title: str
    summary: str
    published: dt.date
    draft: bool
    items: int  # checklist items


@dataclass(frozen=True)
class TopicEntry:
    """A topic as the Topics page and the home page list it (partials/guide-topic-list.html)."""

    label: str
    url: str
    count: int


@dataclass(frozen=True)
class TopicLink:
    """One of an article's topics (partials/guide-topics.html); a draft's topic may have no page."""

    label: str
    url: str | None


@dataclass(frozen=True)
class Neighbour:
    """The article published just before or after, as the footer links to it."""

    title: str
    url: str


@dataclass(frozen=True)
class Page:
    """A page the plan adds to the site: where it goes, its kind, its page meta and its context."""

    src_uri: str
    kind: str  # "article", "checklist" or "list"
    meta: Mapping[str, Any]  # title, description, template, ...: what Material reads of page.meta
    context: Mapping[str, Any]  # what its template receives besides MkDocs' own
    article: Article | None = None
    neighbours: tuple[Neighbour | None, Neighbour | None] = (None, None)
    # What each section's end (its checklist, prompts and email: partials/guide-section-end.html)
    # receives besides the section: the part of `context` it reads, so that a preview whose
    # related list changed need not render them again.
    section_context: Mapping[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# The plan


@dataclass
class Memo:
    """What a plan can reuse from the last one (a preview rebuilds every second or so): each
    article's email view while the article is the same object (the loader's cache gives the
    same object for an unchanged file), and the related-articles index while what it reads of
    every article is unchanged."""

    email_views: dict[str, tuple[Article, email_template.EmailView | None]] = field(default_factory=dict)
    related: tuple[tuple, listing.RelatedArticles, dict[str, tuple[str, ...]]] | None = None
    json_ld: dict[str, tuple[Article, tuple, str]] = field(default_factory=dict)

    def email_view(self, article: Article) -> email_template.EmailView | None:
        kept = self.email_views.get(article.slug)
        if kept is None or kept[0] is not article:
            kept = self.email_views[article.slug] = (article, email_template.view(article))
        return kept[1]

    def related_slugs(
        self, article: Article, reads: tuple, topics: Sequence[listing.Topic]
    ) -> tuple[str, ...]:
        """`reads`: what the ranking reads of every article (SitePlan._related_reads)."""
        # One plan hands every article the same reads: compared once a plan, not 2,000 times.
        if self.related is None or self.related[0] is not reads:
            if self.related is None or self.related[0] != reads:
                self.related = (reads, listing.RelatedArticles(topics), {})
            else:
                self.related = (reads, *self.related[1:])
        _, index, ranked = self.related
        if article.slug not in ranked:
            ranked[article.slug] = tuple(other.slug for other in index.of(article))
        return ranked[article.slug]


@dataclass
class SitePlan:
    """The pages the articles make, and what each shows."""

    articles: list[Article]  # every article that loaded (drafts included)
    shown: list[Article]  # the ones this build shows, oldest first
    strings: Strings
    topic_labels: Mapping[str, str]
    site_url: str | None
    site_name: str
    language: str
    directory_urls: bool
    memo: Memo

    @cached_property
    def newest(self) -> list[Article]:
        return self.shown[::-1]

    @cached_property
    def by_slug(self) -> dict[str, Article]:
        return {article.slug: article for article in self.articles}

    @cached_property
    def topics(self) -> list[listing.Topic]:
        return listing.topics(self.newest, self.topic_labels)

    def url(self, src_uri: str) -> str:
        return url_of(src_uri, directory_urls=self.directory_urls)

    def absolute(self, src_uri: str) -> str | None:
        return _joined(self.site_url, self.url(src_uri)) if self.site_url else None

    # -- the pages --------------------------------------------------------------------------

    @cached_property
    def pages(self) -> dict[str, Page]:
        """Every page the plan adds, by src_uri: each article's two, then the lists."""
        pages = {}
        neighbours = self._neighbours()
        for article in self.articles:
            page = self._article_page(article, neighbours.get(article.slug, (None, None)))
            pages[page.src_uri] = page
            sheet = self._sheet_page(article)
            pages[sheet.src_uri] = sheet
        for page in self._list_pages():
            pages[page.src_uri] = page
        return pages

    def _article_page(self, article: Article, neighbours: tuple[str | None, str | None]) -> Page:
        uri = article_uri(article.slug)
        shown_neighbours = tuple(
            Neighbour(self.by_slug[slug].title, self.url(article_uri(slug))) if slug else None
            for slug in neighbours
        )
        section_context = {"article": article, "email_view": self.memo.email_view(article)}
        context = {
            **self._pages_of(article),
            **section_context,
            "guide_article_topics": tuple(self._topic_link(tag) for tag in article.tags),
            "guide_related": tuple(
                self._entry(self.by_slug[slug])
                for slug in self.memo.related_slugs(article, self._related_reads, self.topics)
            ),
            "guide_json_ld": self._json_ld(article),
            "guide_neighbours": shown_neighbours,
        }
        meta = {
            "title": article.title,
            "description": article.summary,
            "template": "article.html",
            "tags": list(article.tags),
        }
        return Page(uri, "article", meta, context, article, shown_neighbours, section_context)

    def _sheet_page(self, article: Article) -> Page:
        context = {**self._pages_of(article), "article": article}
        meta = {
            "title": self.strings.text("sheet.page_title", title=article.title),
            "description": self.strings.text("sheet.description", title=article.title),
            "template": "checklist-print.html",
            "search": {"exclude": True},  # it repeats the article
        }
        return Page(sheet_uri(article.slug), "checklist", meta, context, article)

    # What both pages of an article link: each other, and the article's published address.
    def _pages_of(self, article: Article) -> dict[str, Any]:
        return {
            "guide_print_url": self.url(sheet_uri(article.slug)),
            "guide_article_url": self.url(article_uri(article.slug)),
            "guide_article_canonical_url": self.absolute(article_uri(article.slug)),
        }

    # Every page of every list: all articles, and each topic, in pages of listing.PAGE_SIZE.
    def _list_pages(self) -> Iterable[Page]:
        yield from self._paged(ALL_DIR, self.strings.text("list.all_title"), self.newest)
        for topic in self.topics:
            yield from self._paged(f"{TOPICS_DIR}/{topic.slug}", topic.label, topic.articles)

    def _paged(self, folder: str, title: str, articles: Sequence[Article]) -> Iterable[Page]:
        pages = listing.pages(articles)
        uris = list_uris(folder, len(pages))
        for uri, page in zip(uris, pages, strict=True):
            if page.number > 1:
                title_here = self.strings.text(
                    "list.page_title", title=title, page=page.number, count=page.count
                )
            else:
                title_here = title
            context = {
                "guide_articles": tuple(self._entry(article) for article in page.articles),
                "guide_list_page": page.number,
                "guide_list_pages": tuple(self.url(other) for other in uris),
            }
            # Search finds the articles themselves, not the lists that link to them.
            yield Page(
                uri,
                "list",
                {"title": title_here, "template": "listing.html", "search": {"exclude": True}},
                context,
            )

    # -- the pages of docs/ that list articles, and the theme's own pages ---------------------

    def home_context(self) -> dict[str, Any]:
        return {
            "guide_articles": tuple(self._entry(article) for article in self.newest[: listing.HOME_ARTICLES]),
            "guide_article_count": len(self.newest),
            "guide_all_url": self.url(list_uris(ALL_DIR, 1)[0]),
            "guide_topics": self.topic_entries(listing.HOME_TOPICS),
        }

    def topics_context(self) -> dict[str, Any]:
        return {"guide_topics": self.topic_entries()}

    def not_found_context(self) -> dict[str, Any]:
        """The page for a missing address: a way on, the newest articles and the largest topics."""
        return {
            "guide_articles": tuple(
                self._entry(article) for article in self.newest[: listing.NOT_FOUND_ARTICLES]
            ),
            "guide_topics": self.topic_entries(listing.HOME_TOPICS),
        }

    def feed_context(self) -> dict[str, Any]:
        """The Atom feed: the newest articles, with absolute URLs (relative in a build without
        an address, the preview, which has no feed)."""
        newest = self.newest[: listing.FEED_ARTICLES]
        return {
            "guide_articles": [
                {"article": a, "url": urljoin(self.site_url or "", self.url(article_uri(a.slug)))}
                for a in newest
            ]
        }

    def topic_entries(self, limit: int | None = None) -> tuple[TopicEntry, ...]:
        return tuple(
            TopicEntry(
                topic.label, self.url(list_uris(f"{TOPICS_DIR}/{topic.slug}", 1)[0]), len(topic.articles)
            )
            for topic in self.topics[:limit]
        )

    # -- helpers ----------------------------------------------------------------------------

    def _entry(self, article: Article) -> ListEntry:
        url = self.url(article_uri(article.slug))
        return ListEntry(
            url, article.title, article.summary, article.published, article.draft, len(article.checklist)
        )

    def _topic_link(self, tag: str) -> TopicLink:
        url = self.url(list_uris(f"{TOPICS_DIR}/{tag}", 1)[0]) if tag in self._topic_slugs else None
        return TopicLink(listing.topic_label(tag, self.topic_labels), url)

    # What ranking related articles reads of every article, worked out once a plan: each one's
    # topics and whether it is shown, and of dates and titles only their order (newest first,
    # then by title). A title edit that leaves the order as it was ranks nothing again (the
    # pages that list the title change all the same, through their entries).
    @cached_property
    def _related_reads(self) -> tuple:
        order = sorted(self.articles, key=lambda a: (-a.published.toordinal(), a.title))
        return tuple((a.slug, a.tags, a.draft) for a in self.articles), tuple(a.slug for a in order)

    @cached_property
    def _topic_slugs(self) -> set[str]:
        return {topic.slug for topic in self.topics}

    # Each shown article's neighbours in date order, by slug.
    def _neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        slugs = [None, *(article.slug for article in self.shown), None]
        return {slugs[i]: (slugs[i - 1], slugs[i + 1]) for i in range(1, len(slugs) - 1)}

    # The article as search engines read it (schema.org Article), as the script's JSON text.
    def _json_ld(self, article: Article) -> str:
        reads = (
            self.site_url,
            self.site_name,
            self.language,
            tuple(self.topic_labels.get(tag) for tag in article.tags),
        )
        kept = self.memo.json_ld.get(article.slug)
        if kept is not None and kept[0] is article and kept[1] == reads:
            return kept[2]
        data = structured_data.article_data(
            article,
            url=self.absolute(article_uri(article.slug)),
            site_name=self.site_name,
            site_url=self.site_url,
            keywords=[listing.topic_label(tag, self.topic_labels) for tag in article.tags],
            language=self.language,
        )
        text = structured_data.script_json(data)
        self.memo.json_ld[article.slug] = (article, reads, text)
        return text


def plan(
    articles: Sequence[Article],
    *,
    strings: Strings,
    drafts_shown: bool = False,
    topic_labels: Mapping[str, str] | None = None,
    site_url: str | None = None,
    site_name: str = "",
    language: str = "en",
    directory_urls: bool = True,
    memo: Memo | None = None,
) -> SitePlan:
    """The plan of the site the articles make. `drafts_shown`: a preview's (drafts listed and
    marked); `memo`: what the last plan worked out that this one may reuse."""
    shown = sorted(
        (a for a in articles if drafts_shown or not a.draft),
        key=lambda article: (article.published, article.title),
    )
    return SitePlan(
        articles=list(articles),
        shown=shown,
        strings=strings,
        topic_labels=topic_labels or {},
        site_url=site_url or None,
        site_name=site_name,
        language=language,
        directory_urls=directory_urls,
        memo=memo or Memo(),
    )


def page_uris(articles: Sequence[Article]) -> set[str]:
    """Every page the articles make (drafts' included), by src_uri: what a link in an article
    may lead to besides docs/."""
    uris = {uri for article in articles for uri in (article_uri(article.slug), sheet_uri(article.slug))}
    newest = sorted(articles, key=lambda article: (article.published, article.title), reverse=True)
    uris.update(list_uris(ALL_DIR, len(listing.pages(newest))))
    for topic in listing.topics(newest):
        uris.update(list_uris(f"{TOPICS_DIR}/{topic.slug}", len(listing.pages(topic.articles))))
    return uris


def docs_uris(docs_dir: FsPath) -> set[str]:
    """The pages and files of docs/ MkDocs publishes besides the articles' sources."""
    found: set[str] = set()
    for folder, names, files in os.walk(docs_dir):
        names[:] = [name for name in names if not name.startswith(".")]
        relative = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        for name in files:
            src = name if relative == "." else f"{relative}/{name}"
            if not name.startswith(".") and not (
                src.startswith(f"{ARTICLES_DIR}/") and src.endswith((".yml", ".yaml"))
            ):
                found.add(src)
    return found
