"""Relative links in articles are checked against the site's pages at the YAML line of the link
(guide_core/links.py; loader.read_articles runs the check)."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_core import links
from guide_core.loader import load_articles, read_articles
from guide_core.problems import ArticleErrors
from support import FIXTURES

MINIMAL = (FIXTURES / "valid/minimal.yml").read_text(encoding="utf-8")


def article(slug: str, body: str, **extra: str) -> str:
    text = MINIMAL.replace("slug: minimal", f"slug: {slug}").replace(
        "      Some advice.", "      " + body.replace("\n", "\n      ")
    )
    for key, value in extra.items():
        text = text.replace("published: 2024-01-31", f"published: 2024-01-31\n{key}: {value}")
    return text


def site(tmp_path: Path, **articles: str) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "index.md").write_text("Home\n")
    (tmp_path / "topics.md").write_text("Topics\n")
    (tmp_path / "images").mkdir()
    (tmp_path / "images/chart.png").write_bytes(b"")
    for slug, text in articles.items():
        (tmp_path / "articles" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return tmp_path / "articles"


GOOD = [
    "[next](../second/)",
    "[next](second.md)",
    "[next](../second)",
    "[sheet](../second/checklist/)",
    "[all](../../all/)",
    "[topics](../../topics/)",
    "[home](../../)",
    "[home](../index.md)",
    "[topic](../../topics/interviews/)",
    "[a section](#first)",
    "[there](../second/#first)",
    "[there](second.md#first)",
    "![chart](../images/chart.png)",
    '<a href="../second/">next</a>',
    "[web](https://example.com/x)",
    "[mail](mailto:a@example.com)",
    "[me](#guide-item-do-it)",
]


@pytest.mark.parametrize("link", GOOD)
def test_links_to_what_the_site_has_pass(tmp_path: Path, link: str) -> None:
    folder = site(
        tmp_path,
        first=article("first", f"See {link}.", tags="[interviews]"),
        second=article("second", "Text."),
    )
    loaded, problems = read_articles(folder)
    assert problems == [] and len(loaded) == 2


BROKEN = [
    ("[x](../secnd/)", "did you mean ../second/"),
    ("[x](secnd.md)", "does not have"),
    ("[x](secnd)", "no page"),
    ("[x](../../nowhere/)", "no page"),
    ("[x](#nowhere)", "#nowhere"),
    ("[x](../second/#nowhere)", "#nowhere"),
    ("![x](../images/missing.png)", "does not have"),
    ('<a href="second.md">x</a>', "no page"),
    ("[x](../../../../up/)", "above"),
    ("[x](../../topics/no-such-topic/)", "no page"),
    ("[x][ref]\n\n[ref]: ../gone/", "no page"),
]


@pytest.mark.parametrize(("link", "words"), BROKEN)
def test_a_broken_link_is_reported_at_its_line_and_column(tmp_path: Path, link: str, words: str) -> None:
    text = article("first", f"Some words first.\nSee {link}\n\nEnd.")
    folder = site(tmp_path, first=text, second=article("second", "Text."))
    with pytest.raises(ArticleErrors) as caught:
        load_articles(folder)
    (problem,) = caught.value.problems
    assert (
        problem.file.endswith("first.yml")
        and problem.field == "sections[0].body"
        and words in problem.message
    )
    if "[ref]" in link:
        url = "../gone/"
    elif "](" in link:
        url = link.split("](")[-1].split(")")[0]
    else:
        url = link.split('href="')[1].split('"')[0]
    assert text.splitlines()[problem.line - 1][problem.column - 1 :].startswith(url)


def test_a_link_in_a_code_span_is_no_link(tmp_path: Path) -> None:
    folder = site(
        tmp_path, first=article("first", "Write `[x](../nowhere/)` for a link.\n\n    [y](nowhere.md)")
    )
    assert read_articles(folder)[1] == []


def test_a_published_article_may_not_link_a_draft(tmp_path: Path) -> None:
    folder = site(
        tmp_path,
        first=article("first", "See [x](../second/)."),
        second=article("second", "Text.", draft="true"),
    )
    problems = [p for p in read_articles(folder)[1] if p.severity == "error"]
    assert len(problems) == 1 and "draft" in problems[0].message


def test_the_check_takes_the_sites_files_from_its_caller() -> None:
    (first,) = [a for a in load_articles(FIXTURES / "valid")]
    assert links.broken_links([first], {"articles/minimal.md"}) == []
