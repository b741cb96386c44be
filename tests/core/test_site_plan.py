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


def _retitled(articles: list, index: int, title: str) -> list:
    return [*articles[:index], dataclasses.replace(articles[index], title=title), *articles[index + 1 :]]


@pytest.mark.parametrize(
    "edit",
    [
        lambda articles: _retitled(articles, 3, "A title written again"),
        # Two articles of one day: a new title that puts one before the other changes the
        # ranking's tie-break, so the memo must not serve the ranking of the old order.
        lambda articles: _retitled(articles, 2, "Aaa first of the day"),
        lambda articles: _retitled(articles, 2, "Zzz last of the day"),
        lambda articles: [*articles[:5], dataclasses.replace(articles[5], tags=("offers",)), *articles[6:]],
        lambda articles: [*articles, dataclasses.replace(articles[1], slug="a-new-one", title="New")],
        lambda articles: articles[:4] + articles[5:],
    ],
    ids=["title", "title-before", "title-after", "topics", "new", "deleted"],
)
def test_a_plan_made_with_the_last_ones_memo_is_the_plan_made_afresh(edit) -> None:
    articles = _articles(120)
    # 1 and 2: the newest, published the same day with the same topics (so listed as related
    # to many others), ranked by title.
    newest = max(a.published for a in articles) + dt.timedelta(days=1)
    articles[1:3] = [
        dataclasses.replace(a, published=newest, tags=("interviews", "salary"), draft=False)
        for a in articles[1:3]
    ]
    memo = site.Memo()
    _contexts(_plan(articles, memo=memo))
    edited = edit(articles)
    assert _contexts(_plan(edited, memo=memo)) == _contexts(_plan(edited))


def test_a_title_edit_that_keeps_the_order_ranks_no_related_article_again() -> None:
    articles = _articles(120)
    memo = site.Memo()
    _contexts(_plan(articles, memo=memo))
    ranking = memo.related[1]
    _contexts(_plan(_retitled(articles, 3, f"{articles[3].title}, written again"), memo=memo))
    assert memo.related[1] is ranking  # kept: working it out is a third of a rebuild at 2,000
    _contexts(_plan(_retitled(articles, 3, "Zzz"), memo=memo))
    _contexts(_plan(articles, memo=memo))


@pytest.mark.parametrize("what", ["new", "deleted"])
def test_a_new_or_deleted_article_changes_the_pages_that_list_it_and_leaves_the_others(what) -> None:
    articles = _articles(150)
    shown = sorted((a for a in articles if not a.draft), key=lambda a: (a.published, a.title))
    middle = shown[len(shown) // 2]
    new = dataclasses.replace(middle, slug="a-new-one", title=f"{middle.title} and more", tags=("offers",))
    before, after = (articles, [*articles, new]) if what == "new" else ([*articles, new], articles)
    memo = site.Memo()
    plans = _plan(before, memo=memo), _plan(after, memo=memo)
    changed = _changed(*(_contexts(plan) for plan in plans))
    own = {site.article_uri(new.slug), site.sheet_uri(new.slug)}
    assert own <= changed and (own <= set(plans[1].pages)) == (what == "new")
    with_it = plans[1] if what == "new" else plans[0]
    order = [a.slug for a in with_it.shown]
    at = order.index(new.slug)
    for neighbour in (order[at - 1], order[at + 1]):  # their footers link it, or no longer do
        assert site.article_uri(neighbour) in changed
    listing_it = {
        uri
        for uri, page in with_it.pages.items()
        if any(
            entry.url == with_it.url(site.article_uri(new.slug))
            for entry in page.context.get("guide_articles", ())
        )
    }
    assert listing_it, "the article is listed somewhere"
    assert listing_it <= changed
    # A topic the article is not in, far from it in the list of all: shows nothing of it.
    untouched = [
        uri
        for uri in with_it.pages
        if uri.startswith(f"{site.TOPICS_DIR}/") and "offers" not in uri and uri in plans[0].pages
    ]
    related_to_it = {
        uri
        for uri, page in with_it.pages.items()
        if any(
            e.url == with_it.url(site.article_uri(new.slug)) for e in page.context.get("guide_related", ())
        )
    }
    assert not (set(untouched) & changed)
    sheets = {uri for uri in changed if uri.endswith("/checklist.md")}
    assert sheets <= own  # no other article's printable sheet shows anything of another article
    assert related_to_it <= changed
