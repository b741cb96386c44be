"""The printable checklist page, as the build writes it, and the print budget that guards it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from guide_core import print_budget
from support import SEED_FILE, SEED_SLUG, build_ok, run_build
from test_search import indexed_pages

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

ARTICLE = f"articles/{SEED_SLUG}/index.html"
SHEET = f"articles/{SEED_SLUG}/checklist/index.html"
SEED_PATH = f"docs/articles/{SEED_SLUG}.yml"  # in a built project


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def seed_data() -> dict:
    return yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))


def lines_used(data: dict) -> int:
    return sum(lines for _, lines in print_budget.print_lines(data))


# The seed with short extra items in its last section until it takes `lines` printed lines.
def seed_taking(lines: int) -> dict:
    data = seed_data()
    extra = lines - lines_used(data)
    data["sections"][-1]["checklist"] += [
        {"id": f"extra-{n}", "text": f"Extra step {n}"} for n in range(extra)
    ]
    assert lines_used(data) == lines
    return data


def test_every_article_has_a_sheet_with_its_items_grouped_by_section(built_site: Path) -> None:
    page = soup(built_site, SHEET)
    seed = seed_data()
    assert page.title.get_text().startswith(f"Checklist: {seed['title']}")
    sheet = page.select_one(".guide-sheet")
    assert sheet.select_one("h1").get_text(strip=True) == seed["title"]
    with_items = [s for s in seed["sections"] if s.get("checklist")]
    sections = sheet.select(".guide-sheet__section")
    assert [s.select_one("h2").get_text(strip=True) for s in sections] == [s["heading"] for s in with_items]
    for section, expected in zip(sections, with_items, strict=True):
        boxes = section.select("input[type=checkbox]")
        assert [b["data-guide-sheet-item"] for b in boxes] == [i["id"] for i in expected["checklist"]]
        labels = [section.select_one(f'label[for="{b["id"]}"]').get_text(strip=True) for b in boxes]
        assert labels == [i["text"] for i in expected["checklist"]]
        # Blank until the script shows the reader's ticks.
        assert not any(b.has_attr("checked") for b in boxes)
    questions = [p.get_text(strip=True) for p in sheet.select(".guide-sheet__notes .guide-sheet__question")]
    assert questions == [p["question"] for s in seed["sections"] for p in s.get("prompts", [])]
    assert len(sheet.select(".guide-sheet__rule")) >= len(questions)


def test_sheet_foot_names_the_site_and_the_articles_canonical_url(built_site: Path) -> None:
    foot = soup(built_site, SHEET).select_one(".guide-sheet__foot")
    canonical = soup(built_site, ARTICLE).select_one('link[rel="canonical"]')["href"]
    assert foot.select_one(".guide-sheet__site").get_text(strip=True) == "Career Guide"
    assert foot.select_one(".guide-sheet__url").get_text(strip=True) == canonical
    assert canonical.endswith(f"/articles/{SEED_SLUG}/")


def test_article_links_to_its_sheet_and_the_sheet_back(built_site: Path) -> None:
    link = soup(built_site, ARTICLE).select_one("a.guide-print-link__link")
    assert link.get_text(" ", strip=True) == "Print the checklist"
    assert (built_site / "articles" / SEED_SLUG / link["href"] / "index.html").resolve() == (
        built_site / SHEET
    ).resolve()
    back = soup(built_site, SHEET).select_one("a.guide-sheet-page__back")
    assert back.get_text(" ", strip=True).endswith("Back to the article")
    assert (built_site / "articles" / SEED_SLUG / "checklist" / back["href"] / "index.html").resolve() == (
        built_site / ARTICLE
    ).resolve()


def test_the_sheet_is_not_a_search_result(built_site: Path) -> None:
    locations = list(indexed_pages(built_site))
    assert f"/articles/{SEED_SLUG}/" in locations
    assert not any("checklist/" in loc for loc in locations)


def test_a_draft_articles_sheet_is_not_published(project: Path, tmp_path: Path) -> None:
    source = project / SEED_PATH
    source.write_text(
        source.read_text(encoding="utf-8").replace("\ntags:", "\ndraft: true\ntags:"), encoding="utf-8"
    )
    site = build_ok(project, tmp_path / "site")
    assert not (site / SHEET).exists()
    assert not (site / ARTICLE).exists()


# ---------------------------------------------------------------------------------------------
# The budget (measured in tests/browser/test_print.py)


def test_the_seed_fits_the_budget_with_room_to_spare() -> None:
    assert lines_used(seed_data()) <= print_budget.LINE_BUDGET - 5


def test_a_checklist_at_the_budget_builds(project: Path, tmp_path: Path) -> None:
    (project / SEED_PATH).write_text(
        yaml.safe_dump(seed_taking(print_budget.LINE_BUDGET), sort_keys=False), encoding="utf-8"
    )
    build_ok(project, tmp_path / "site")


def test_one_item_past_the_budget_fails_the_build_saying_where_and_by_how_much(
    project: Path, tmp_path: Path
) -> None:
    data = seed_taking(print_budget.LINE_BUDGET + 1)
    (project / SEED_PATH).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    last = len(data["sections"][-1]["checklist"]) - 1
    where = rf"sections\[3\]\.checklist\[{last}\] \(section 4 \"[^\"]+\", item {last + 1}\)"
    match = re.search(rf"{re.escape(SEED_PATH)}:(\d+):\d+: {where}: (.*)", output)
    assert match, output
    assert "too long to print on one page" in match[2]
    assert (
        f"takes {print_budget.LINE_BUDGET + 1} lines and one page holds {print_budget.LINE_BUDGET}"
        in match[2]
    )
    assert "worth 1 line " in match[2]
    # The line is the last item's, in the file as written.
    lines = (project / SEED_PATH).read_text(encoding="utf-8").splitlines()
    assert f"extra-{last - 3}" in lines[int(match[1]) - 1]


def test_long_text_costs_more_lines_than_short() -> None:
    short, long = seed_data(), seed_data()
    long["sections"][0]["checklist"][0]["text"] = "x" * 160
    long["sections"][0]["heading"] = "y" * 120
    long["title"] = "z" * 120
    long["sections"][1]["prompts"][0]["question"] = "w" * 160
    assert lines_used(long) - lines_used(short) == (
        160 // print_budget.LINE_CHARS
        + 120 // print_budget.HEADING_CHARS
        + 120 // print_budget.TITLE_CHARS
        + 160 // print_budget.NOTE_CHARS
    )
