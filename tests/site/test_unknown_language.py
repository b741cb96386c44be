"""A theme.language the guide has no catalogue for: built, with one warning that says what is
missing and where to read how to add it, and dates in the language's own pattern."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from guide_core.loader import load_articles
from support import SEED_SLUG, run_build

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow


def build_in(project: Path, site: Path, language: str):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  language: en\n", f"  language: {language}\n"),
        encoding="utf-8",
    )
    return run_build(project, site, strict=False)


def test_french_builds_with_one_warning_naming_the_missing_catalogue(project: Path, tmp_path: Path) -> None:
    result = build_in(project, tmp_path / "site", "fr")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1
    assert (
        "guide_core/locales/fr.yml" in warnings[0]
        and "English" in warnings[0]
        and "TRANSLATING.md" in warnings[0]
    )


def test_japanese_dates_follow_the_locale(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_in(project, site, "ja").returncode == 0
    (article,) = [a for a in load_articles(project / "docs/articles") if a.slug == SEED_SLUG]
    page = BeautifulSoup(
        (site / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    shown = page.select_one(f"time[datetime='{article.published.isoformat()}']").get_text()
    assert shown == format_date(article.published, format="medium", locale="ja")


def test_the_page_its_json_ld_and_the_feed_say_the_same_language(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build_in(project, site, "pt-BR").returncode == 0
    page = BeautifulSoup(
        (site / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    json_ld = __import__("json").loads(page.select_one("script[type='application/ld+json']").string)
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert (
        page.html["lang"]
        == json_ld["inLanguage"]
        == feed.get("{http://www.w3.org/XML/1998/namespace}lang")
        == "pt-BR"
    )


def test_a_language_material_does_not_have_builds_with_its_english_words(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    result = build_in(project, site, "xx")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert 'lang="xx"' in (site / "index.html").read_text(encoding="utf-8")
