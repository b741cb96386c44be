"""schema.org Article data for search engines (guide_core/structured_data.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from urllib.parse import urlsplit

import pytest

from guide_core import listing, structured_data
from guide_core.loader import load_article
from guide_core.model import Author
from support import SEED_FILE

SEED = load_article(SEED_FILE)
URL = "https://guide.example.org/articles/x/"


def data_for(article, **extra) -> dict:
    return structured_data.article_data(
        article, url=URL, site_name="A Guide", site_url="https://guide.example.org/", **extra
    )


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def test_an_article_has_what_search_engines_read_for_an_article() -> None:
    data = data_for(SEED, keywords=["Job interviews"])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
    assert data["headline"] == SEED.title and len(data["headline"]) <= structured_data.HEADLINE_CHARS
    assert data["description"] == SEED.summary
    for key in ("datePublished", "dateModified"):
        dt.date.fromisoformat(data[key])
    assert data["datePublished"] <= data["dateModified"]
    assert data["mainEntityOfPage"]["@id"] == data["url"] == URL
    assert all(is_absolute(u) for u in (data["url"], data["publisher"]["url"]))
    # No author in the file: the guide itself is named.
    assert data["author"] == [
        {"@type": "Organization", "name": "A Guide", "url": "https://guide.example.org/"}
    ]
    assert data["keywords"] == ["Job interviews"]


def test_an_author_is_a_person_with_their_page() -> None:
    article = dataclasses.replace(
        SEED,
        author=Author("Sam Lee", "https://sam.example.org/", "Career coach since 2009"),
        updated=dt.date(2020, 1, 1),
    )
    data = data_for(article)
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Sam Lee",
            "url": "https://sam.example.org/",
            "description": "Career coach since 2009",
        }
    ]
    assert data["dateModified"] == "2020-01-01"


def test_no_article_text_can_close_the_script_element() -> None:
    article = dataclasses.replace(SEED, title="</script><script>alert(1)</script> & more")
    text = structured_data.script_json(data_for(article))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == article.title


def test_related_articles_share_a_topic_most_shared_then_newest() -> None:
    def made(slug: str, day: int, *tags: str):
        return dataclasses.replace(SEED, slug=slug, published=dt.date(2020, 1, day), tags=tags)

    me = made("me", 1, "a", "b")
    both_old, both_new, one_new, other = (
        made("both-old", 2, "a", "b"),
        made("both-new", 5, "b", "a"),
        made("one-new", 9, "a"),
        made("other", 9, "c"),
    )
    topics = listing.topics([one_new, both_new, both_old, me, other][::-1])
    related = listing.RelatedArticles(topics)
    assert [a.slug for a in related.of(me)] == ["both-new", "both-old", "one-new"]
    assert related.of(other) == []
    assert len(related.of(me, limit=2)) == 2


@pytest.mark.parametrize("seed", range(20))
def test_related_articles_are_ranked_as_the_plain_definition_ranks_them(seed: int) -> None:
    # listing.RelatedArticles counts shared topics only where topics meet; the plain
    # definition, counting every article that shares a topic, is the reference.
    rng = random.Random(seed)
    tags = [f"t{n}" for n in range(rng.randint(1, 8))]
    guide = [
        dataclasses.replace(
            SEED,
            slug=f"a{n}",
            title=f"Title {rng.randint(0, 9)} {n}",
            published=dt.date(2020, 1, rng.randint(1, 5)),
            tags=tuple(rng.sample(tags, rng.randint(0, len(tags)))),
        )
        for n in range(rng.randint(1, 60))
    ]
    topics = listing.topics(sorted(guide, key=lambda a: a.published, reverse=True))
    index = listing.RelatedArticles(topics)
    for article in guide:
        for limit in (1, 3, 7):
            shared = {o.slug: len(set(o.tags) & set(article.tags)) for o in guide if o.slug != article.slug}
            expected = sorted(
                (o for o in guide if shared.get(o.slug)),
                key=lambda o: (-shared[o.slug], -o.published.toordinal(), o.title),
            )
            assert [a.slug for a in index.of(article, limit)] == [a.slug for a in expected[:limit]]
