"""The site's plan (guide_core/site.py), without MkDocs: which pages the articles make, and the
context each page's template receives, which is also the page's key under `make serve`'s
incremental preview. A page's context must change exactly when what the page shows changes:
an edit a page does not show leaves its context equal (not rebuilt), and every edit it shows
changes it (rebuilt, never stale)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from guide_core import listing, loader, site, strings
from support import SEED_FILE

WORDS = strings.load(None)


def _articles(count: int, *, seed: int = 7) -> list:
    """`count` articles made from the seed: slugs, titles, dates and topics varied."""
    base = loader.load_article(SEED_FILE)
    chooser = random.Random(seed)
    tags = ["interviews", "salary", "networking", "resumes", "offers"]
    return [
        dataclasses.replace(
            base,
            slug=f"article-{n:04d}",
            title=f"Article {n}",
            published=dt.date(2017, 1, 1) + dt.timedelta(days=chooser.randrange(2000)),
            tags=tuple(chooser.sample(tags, chooser.randrange(1, 3))),
            draft=n % 11 == 0,
        )
        for n in range(count)
    ]


def _plan(articles, **kwargs) -> site.SitePlan:
    return site.plan(
        articles, strings=WORDS, site_url="https://example.org/guide/", site_name="Guide", **kwargs
    )


def _contexts(plan: site.SitePlan) -> dict[str, object]:
    """Every key the preview compares: each page's meta and context, and the pages of docs/."""
    keys = {uri: (page.meta, page.context) for uri, page in plan.pages.items()}
    keys.update(home=plan.home_context(), topics=plan.topics_context(), not_found=plan.not_found_context())
    return keys


def _changed(before: dict, after: dict) -> set[str]:
    return {uri for uri in before.keys() | after.keys() if before.get(uri) != after.get(uri)}


def test_each_article_makes_its_two_pages_and_every_list_its_pages() -> None:
    articles = _articles(120)
    plan = _plan(articles)
    shown = [a for a in articles if not a.draft]
    kinds = [page.kind for page in plan.pages.values()]
    # Drafts have pages (not published).
    assert kinds.count("article") == kinds.count("checklist") == len(articles)
    all_pages = [uri for uri in plan.pages if uri.startswith(f"{site.ALL_DIR}/")]
    assert len(all_pages) == len(listing.pages(shown))
    listed = [entry.url for uri in all_pages for entry in plan.pages[uri].context["guide_articles"]]
    assert sorted(listed) == sorted(plan.url(site.article_uri(a.slug)) for a in shown)  # each shown once
    assert set(plan.pages) <= site.page_uris(articles)  # what a link may lead to covers every page


def test_neighbours_follow_the_published_order_and_skip_drafts() -> None:
    articles = _articles(40)
    plan = _plan(articles)
    order = [
        a.slug for a in sorted((a for a in articles if not a.draft), key=lambda a: (a.published, a.title))
    ]
    for before, slug, after in zip([None, *order], order, [*order[1:], None], strict=False):
        previous, following = plan.pages[site.article_uri(slug)].neighbours
        assert (previous and previous.url) == (before and plan.url(site.article_uri(before)))
        assert (following and following.url) == (after and plan.url(site.article_uri(after)))


def test_a_preview_lists_drafts_and_a_build_does_not() -> None:
    articles = _articles(30)
    drafts = {plan_url for plan_url in (site.url_of(site.article_uri(a.slug)) for a in articles if a.draft)}
    assert drafts
    for shown, expected in ((False, set()), (True, drafts)):
        plan = _plan(articles, drafts_shown=shown)
        listed = {
            entry.url
            for uri, page in plan.pages.items()
            if uri.startswith(f"{site.ALL_DIR}/")
            for entry in page.context["guide_articles"]
        }
        assert listed & drafts == expected


@pytest.mark.parametrize(
    ("edit", "what"),
    [
        (lambda a: dataclasses.replace(a, intro=a.intro + "\n\nOne more paragraph."), "body"),
        (lambda a: dataclasses.replace(a, summary="A summary written again."), "summary"),
        (lambda a: dataclasses.replace(a, title="A title written again"), "title"),
        (lambda a: dataclasses.replace(a, tags=("negotiation",)), "topics"),
    ],
)
def test_an_edit_changes_the_context_of_exactly_the_pages_that_show_it(edit, what) -> None:
    articles = _articles(150)
    memo = site.Memo()
    before = _contexts(_plan(articles, memo=memo))
    index = next(i for i, a in enumerate(articles) if not a.draft)
    edited = [*articles[:index], edit(articles[index]), *articles[index + 1 :]]
    plan = _plan(edited, memo=memo)
    changed = _changed(before, _contexts(plan))
    slug = articles[index].slug
    own = {site.article_uri(slug), site.sheet_uri(slug)}
    assert site.article_uri(slug) in changed, f"the edited article's page must be rebuilt ({what})"
    # Every other page that shows something of the article (a list's entry, a related article,
    # a footer's neighbour) and shows it differently now must be rebuilt...
    before_plan = _plan(articles)
    expected = {
        uri
        for uri in before_plan.pages.keys() | plan.pages.keys()
        if uri not in own and _shown_of(before_plan, uri, slug) != _shown_of(plan, uri, slug)
    }
    assert expected <= changed, f"stale after an edit of the {what}: {sorted(expected - changed)[:5]}"
    if what == "body":
        assert changed == own  # nothing else shows the body
    if what != "topics":  # ...and no page that shows nothing of it (a topics edit moves lists and rankings)
        unexpected = changed - own - expected - {"home", "topics", "not_found"}
        assert not unexpected, f"rebuilt though they show nothing of the {what}: {sorted(unexpected)[:5]}"


def _shown_of(plan: site.SitePlan, uri: str, slug: str) -> tuple:
    """What page `uri` shows of article `slug`: its entries in lists and related, its footer link."""
    page = plan.pages.get(uri)
    if page is None:
        return ()
    url = plan.url(site.article_uri(slug))
    shown = [
        *page.context.get("guide_articles", ()),
        *page.context.get("guide_related", ()),
        *page.neighbours,
    ]
    return tuple(entry for entry in shown if entry is not None and entry.url == url)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_plans_urls_are_the_ones_mkdocs_gives(directory_urls: bool) -> None:
    from mkdocs.structure.files import File  # the plan knows nothing of MkDocs; the test holds it to it

    plan = _plan(_articles(60), directory_urls=directory_urls)
    uris = [*plan.pages, site.HOME_PAGE, site.TOPICS_PAGE]
    for uri in uris:
        expected = File(uri, "/docs", "/site", use_directory_urls=directory_urls).url
        assert site.url_of(uri, directory_urls=directory_urls) == expected, uri
