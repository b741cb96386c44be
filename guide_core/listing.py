"""Which articles each list of the guide shows: the home page, the pages of all articles, the
topics and their pages, and the feed. Each is bounded, so a guide of thousands of articles
has pages as small as a guide of ten: the home page shows the newest few and the way to the
rest, a long list is split into numbered pages.

Articles come in newest first; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import Article

HOME_ARTICLES = 12  # the newest articles on the home page
HOME_TOPICS = 12  # the largest topics on the home page (all of them on the Topics page)
PAGE_SIZE = 50  # articles on one page of a list (all articles, one topic)
FEED_ARTICLES = 30  # entries in the feed: the newest articles
NOT_FOUND_ARTICLES = 5  # the newest articles on the page for a missing address


@dataclass(frozen=True)
class ListPage:
    """One page of a long list of articles."""

    number: int  # from 1
    count: int  # how many pages the list has
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Topic:
    """A topic: its slug (as in articles' `tags:`), the name readers see, its articles."""

    slug: str
    label: str
    articles: tuple[Article, ...]  # newest first


# A list split into pages of PAGE_SIZE (one empty page for an empty list, so it has an address).
def pages(articles: Sequence[Article], size: int = PAGE_SIZE) -> list[ListPage]:
    chunks = [tuple(articles[start : start + size]) for start in range(0, len(articles), size)] or [()]
    return [ListPage(number, len(chunks), chunk) for number, chunk in enumerate(chunks, start=1)]


# Every topic with its articles, largest first (then by name), named by `labels` where given.
def topics(articles: Sequence[Article], labels: Mapping[str, str] | None = None) -> list[Topic]:
    grouped: dict[str, list[Article]] = {}
    for article in articles:
        for tag in article.tags:
            grouped.setdefault(tag, []).append(article)
    found = [Topic(slug, topic_label(slug, labels), tuple(listed)) for slug, listed in grouped.items()]
    return sorted(found, key=lambda topic: (-len(topic.articles), topic.label.lower()))


# The name readers see for a topic: its label, else its slug in words ("after-the-interview"
# -> "After the interview").
def topic_label(slug: str, labels: Mapping[str, str] | None = None) -> str:
    if labels and isinstance(labels.get(slug), str) and labels[slug].strip():
        return labels[slug].strip()
    words = slug.replace("-", " ")
    return words[:1].upper() + words[1:]


RELATED_ARTICLES = 3


# Up to `limit` other articles that share a topic with `article`: those sharing the most
# topics first, then the newest. `topics_of` gives each topic's articles (Topic.articles).
def related(article: Article, topics: Sequence[Topic], limit: int = RELATED_ARTICLES) -> list[Article]:
    shared: dict[str, int] = {}
    by_slug: dict[str, Article] = {}
    for topic in topics:
        if topic.slug not in article.tags:
            continue
        for other in topic.articles:
            if other.slug != article.slug:
                shared[other.slug] = shared.get(other.slug, 0) + 1
                by_slug[other.slug] = other
    ranked = sorted(by_slug.values(), key=lambda other: (-shared[other.slug], -other.published.toordinal(), other.title))
    return ranked[:limit]
