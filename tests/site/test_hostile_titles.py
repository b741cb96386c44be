"""An article's title is shown on other articles' pages too: in Material's footer (the previous
and next article), the related articles, the lists, the feed and the page's head. A title that
holds markup (issue #25: one ending in `<!--` opened a comment in the previous article's footer
that swallowed its scripts, so that page's widgets never started) is text wherever it is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from support import SEED_SLUG, build_ok

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

# Titles the format accepts (one line, no invisible characters) that are markup to a browser.
TITLES = {
    "opens-a-comment": "Zanzibar: What to Do Next <!--",
    "closes-a-tag": 'Quixote After the Call "> </a></div></footer>',
    "an-entity": "Xylophone Pay &amp; Perks <b>bold</b> --> Compared",
}


def test_a_title_with_markup_is_text_on_every_page_that_shows_it(project: Path, tmp_path: Path) -> None:
    seed = (project / f"docs/articles/{SEED_SLUG}.yml").read_text(encoding="utf-8")
    for day, (slug, title) in enumerate(TITLES.items(), start=1):
        quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        text = (
            seed.replace(f"slug: {SEED_SLUG}", f"slug: {slug}")
            .replace("title: How You Should React to a Bad Job Interview", f"title: {quoted}")
            .replace("published: 2017-10-05", f"published: 2020-01-0{day}")
        )
        assert f"slug: {slug}" in text and quoted in text
        (project / f"docs/articles/{slug}.yml").write_text(text, encoding="utf-8")
    site = build_ok(project, tmp_path / "site")

    pages = [path for path in site.rglob("*.html")]
    for path in pages:
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site)
        # No title made a comment, an element or a script of its own.
        for comment in html.find_all(string=lambda s: isinstance(s, Comment)):
            assert not any(word in comment for word in ("Zanzibar", "Quixote", "Xylophone")), (where, comment)
        assert all("bold" != b.get_text() for b in html.find_all("b")), where
        # Every page still ends with its scripts (nothing swallowed them).
        assert html.select('script[src*="guide.js"], script[src*="bundle"]'), f"{where}: its scripts are gone"
        # An article's footer shows its neighbours' titles as they were written.
        for link in html.select("a.md-footer__link") if where.parts[0] == "articles" else []:
            shown = link.select_one(".md-ellipsis").get_text(strip=True)
            assert shown in TITLES.values() or shown == "How You Should React to a Bad Job Interview", (
                where,
                shown,
            )

    # Each of the three is somebody's neighbour, and is shown whole there.
    footers = " ".join(
        link.select_one(".md-ellipsis").get_text(strip=True)
        for path in pages
        for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("a.md-footer__link")
    )
    for title in TITLES.values():
        assert title in footers
    # The feed and the list pages show them as text too.
    listed = [
        a.get_text(strip=True)
        for a in BeautifulSoup((site / "all/index.html").read_text(encoding="utf-8"), "html.parser").select(
            ".guide-articles__title a"
        )
    ]
    assert set(TITLES.values()) <= set(listed)
