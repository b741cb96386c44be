"""Which articles each list of the guide shows: the home page, the pages of all articles, the
topics and their pages, and the feed. Each is bounded, so a guide of thousands of articles
has pages as small as a guide of ten: the home page shows the newest few and the way to the
rest, a long list is split into numbered pages.

Articles come in newest first; nothing here knows about MkDocs or HTML.
"""

from __future__ import annotations

import heapq
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


class RelatedArticles:
    """For each article of a guide, up to `limit` others that share a topic with it: those
    sharing the most topics first, then the newest (then by title). Each in about the time of a
    few set operations.

    Ranking every article that shares a topic (about 200 of them at 2,000 articles in 40
    topics) for each of 2,000 articles took 40% of a `make serve` rebuild. Only the few sharing
    more than one topic need counting (where the topics' sets meet); the rest come in order
    from the topics' lists, each kept newest first, and the walk stops when `limit` are found.
    """

    def __init__(self, topics: Sequence[Topic]) -> None:
        everyone = {article.slug: article for topic in topics for article in topic.articles}
        ordered = sorted(everyone.values(), key=lambda a: (-a.published.toordinal(), a.title))
        self._rank = {article.slug: n for n, article in enumerate(ordered)}
        self._lists = {t.slug: sorted(t.articles, key=lambda a: self._rank[a.slug]) for t in topics}
        self._sets = {t.slug: frozenset(a.slug for a in t.articles) for t in topics}
        self._articles = everyone

    def of(self, article: Article, limit: int = RELATED_ARTICLES) -> list[Article]:
        tags = [tag for tag in dict.fromkeys(article.tags) if tag in self._lists]
        sets = [self._sets[tag] for tag in tags]
        # Sharing two topics or more: where any two of the article's topics meet.
        several = set().union(*(a & b for n, a in enumerate(sets) for b in sets[n + 1 :]))
        several.discard(article.slug)
        rank = self._rank
        found: list[str] = []
        for count in range(len(sets), 1, -1):  # the most topics shared first, each the newest first
            group = (
                several
                if len(sets) == 2
                else {slug for slug in several if sum(slug in s for s in sets) == count}
            )
            found += heapq.nsmallest(limit - len(found), group, key=rank.__getitem__)
            if len(found) == limit:
                break
        chosen = [self._articles[slug] for slug in found]
        if len(chosen) < limit:
            # Sharing one topic: newest first, across the article's topics.
            lists = [self._lists[tag] for tag in tags]
            for other in heapq.merge(*lists, key=lambda a: rank[a.slug]):
                if other.slug != article.slug and other.slug not in several:
                    chosen.append(other)
                    if len(chosen) == limit:
                        break
        return chosen
