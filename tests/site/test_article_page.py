"""What readers and search engines read of an article page, from a real build of several
fixture articles: who advises and how current it is, schema.org data, sitemap dates, where
to go next."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from support import SEED_SLUG, build_ok

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

SITE_URL = "https://guide.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five articles: the seed (with an author, reviewed later) and four sharing its topics
    to different degrees, on different days."""
    from support import copy_project

    base = tmp_path_factory.mktemp("article-page")
    project = copy_project(base / "project")
    source = project / "docs/articles" / f"{SEED_SLUG}.yml"
    seed = source.read_text(encoding="utf-8")
    source.write_text(
        seed.replace(
            "published: 2017-10-05",
            "published: 2017-10-05\nupdated: 2021-03-02\n"
            "author:\n  name: Sam Lee\n  url: https://sam.example.org/\n"
            "  credential: Career coach since 2009",
        ),
        encoding="utf-8",
    )
    others = {  # slug: (published, tags)
        "both-topics-old": ("2018-01-01", "[interviews, after-the-interview]"),
        "both-topics-new": ("2019-01-01", "[after-the-interview, interviews]"),
        "one-topic-newest": ("2020-01-01", "[interviews]"),
        "unrelated": ("2020-02-02", "[salary]"),
    }
    for slug, (day, tags) in others.items():
        text = (
            seed.replace(f"slug: {SEED_SLUG}", f"slug: {slug}")
            .replace("title: How You Should React to a Bad Job Interview", f"title: Article {slug}")
            .replace("published: 2017-10-05", f"published: {day}")
            .replace("tags: [interviews, after-the-interview]", f"tags: {tags}")
        )
        (project / "docs/articles" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return build_ok(project, base / "site", env={"SITE_URL": SITE_URL})


def page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "articles" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")


def json_ld(html: BeautifulSoup) -> dict:
    (script,) = html.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_the_byline_and_the_dates_say_who_advises_and_how_current_it_is(site: Path) -> None:
    html = page(site, SEED_SLUG)
    byline = html.select_one(".guide-article__byline")
    assert byline.get_text(" ", strip=True) == "By Sam Lee · Career coach since 2009"
    assert byline.a["href"] == "https://sam.example.org/" and byline.a["rel"] == ["author"]
    meta = html.select_one(".guide-article__meta")
    times = {t["datetime"] for t in meta.select("time")}
    assert times == {"2017-10-05", "2021-03-02"}
    assert "Published" in meta.get_text() and "Last reviewed" in meta.get_text()
    assert page(site, "unrelated").select_one(".guide-article__byline") is None  # no author given
    assert "Last reviewed" not in page(site, "unrelated").select_one(".guide-article__meta").get_text()


def test_each_article_page_has_schema_org_article_data(site: Path) -> None:
    for slug in (SEED_SLUG, "unrelated"):
        html = page(site, slug)
        data = json_ld(html)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Article"
        assert data["headline"] == html.h1.get_text(strip=True)
        assert data["description"] == html.select_one('meta[name="description"]')["content"]
        published, modified = (
            dt.date.fromisoformat(data["datePublished"]),
            dt.date.fromisoformat(data["dateModified"]),
        )
        assert published <= modified
        canonical = html.select_one('link[rel="canonical"]')["href"]
        assert data["url"] == data["mainEntityOfPage"]["@id"] == canonical == f"{SITE_URL}articles/{slug}/"
        for url in (data["url"], data["publisher"]["url"], *(a.get("url", SITE_URL) for a in data["author"])):
            assert urlsplit(url).scheme == "https" and urlsplit(url).netloc
        assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"]
        assert all(
            author["@type"] in ("Person", "Organization") and author["name"] for author in data["author"]
        )
    seed = json_ld(page(site, SEED_SLUG))
    assert seed["author"] == [
        {
            "@type": "Person",
            "name": "Sam Lee",
            "url": "https://sam.example.org/",
            "description": "Career coach since 2009",
        }
    ]
    assert (seed["datePublished"], seed["dateModified"]) == ("2017-10-05", "2021-03-02")
    assert seed["keywords"] == ["Job interviews", "After the interview"]  # topic names, not slugs


def test_the_sitemap_dates_each_article_by_when_it_last_changed(site: Path) -> None:
    urls = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    lastmod = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod").text for u in urls}
    assert lastmod[f"{SITE_URL}articles/{SEED_SLUG}/"] == "2021-03-02"
    assert lastmod[f"{SITE_URL}articles/unrelated/"] == "2020-02-02"
    assert lastmod[f"{SITE_URL}articles/unrelated/checklist/"] == "2020-02-02"


def test_related_articles_share_the_most_topics_then_are_the_newest(site: Path) -> None:
    related = page(site, SEED_SLUG).select(".guide-related .guide-articles__title a")
    assert [a.get_text(strip=True) for a in related] == [
        "Article both-topics-new",
        "Article both-topics-old",
        "Article one-topic-newest",
    ]
    for link in related:
        assert (site / "articles" / SEED_SLUG / link["href"] / "index.html").resolve().is_file()
    assert page(site, "unrelated").select_one(".guide-related") is None


def test_the_feed_names_each_articles_author(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    entries = {
        e.find(f"{atom}link").get("href"): e
        for e in ET.parse(site / "feed.xml").getroot().findall(f"{atom}entry")
    }
    seed = entries[f"{SITE_URL}articles/{SEED_SLUG}/"]
    assert seed.find(f"{atom}author/{atom}name").text == "Sam Lee"
    assert seed.find(f"{atom}author/{atom}uri").text == "https://sam.example.org/"
    assert (
        entries[f"{SITE_URL}articles/unrelated/"].find(f"{atom}author") is None
    )  # the feed's own author stands


def test_every_page_links_the_feed_visibly(site: Path) -> None:
    for path in ("index.html", f"articles/{SEED_SLUG}/index.html", "404.html"):
        html = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        link = html.select_one(".md-footer a[type='application/atom+xml']")
        assert link is not None and link.get_text(strip=True), path
        assert link["href"].endswith("feed.xml")
        # Feed readers find it by rel's tokens; Material's bundle must not (it would fetch a
        # sitemap.xml beside a link whose rel is exactly "alternate").
        (found,) = html.select("head link[rel~=alternate][type='application/atom+xml']")
        assert found["rel"] == ["alternate", "feed"] and found["href"].endswith("feed.xml")
        assert not html.select('link[rel="alternate"]')


def test_the_404_page_offers_a_way_on(site: Path) -> None:
    html = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert html.h1.get_text(strip=True) == "Page not found"
    assert html.select_one("input.md-search__input") is not None  # the search box, in the header
    newest = [a.get_text(strip=True) for a in html.select(".guide-articles__title a")]
    assert newest[0] == "Article unrelated" and 1 <= len(newest) <= 5
    topics = [a.get_text(strip=True) for a in html.select(".guide-topics__link")]
    assert "Job interviews" in topics
    # Served at any address: every link of the page's own starts at the site's root.
    for link in html.select(".md-content a[href]"):
        assert link["href"].startswith("/"), link["href"]
        assert (site / link["href"].lstrip("/")).exists() or (
            site / link["href"].lstrip("/") / "index.html"
        ).exists(), link["href"]
