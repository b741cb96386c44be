"""The guide in another language, and right to left, in real Chromium.

A German site and an Arabic one (theme.language: ar, theme.direction: rtl) built from the seed:
the checklist, the notes and the composer work and speak the language, with its numbers and
plurals chosen in the browser as the build chose them (Intl.PluralRules and Babel share CLDR);
right to left, the boxes sit on the right of their labels on screen and on paper; axe finds
nothing. The printable sheet still prints on one page of A4 and Letter in the language whose
sheet words are longest, with the largest checklists the print budget admits.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from browser_support import serve, settle, wait_for_widgets
from guide_core import strings
from guide_core.loader import load_article
from guide_core.page_ids import page_id
from support import SEED_FILE, SEED_SLUG, build_ok, copy_project
from test_print import WIDE_FONT, longest_text_article, most_items_article, print_pdf

ARTICLE = f"articles/{SEED_SLUG}/"
SHEET = f"{ARTICLE}checklist/"
SEED = load_article(SEED_FILE)
TOTAL = len(SEED.checklist)
SHEET_WORDS = ("sheet.purpose", "sheet.notes")


# The shipped language whose words on the printed sheet are longest.
def longest_sheet_language() -> str:
    languages = [path.stem for path in strings.LOCALES.glob("*.yml")]
    return max(
        languages, key=lambda language: sum(len(strings.load(language).text(key)) for key in SHEET_WORDS)
    )


LONGEST = longest_sheet_language()
LANGUAGES = sorted({"de", "ar", LONGEST})


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory):
    """A site per language, with the seed and the two largest checklists the budget admits."""
    urls, servers = {}, []
    for language in LANGUAGES:
        base = tmp_path_factory.mktemp(f"browser-{language}")
        project = copy_project(base / "project")
        config = project / "mkdocs.yml"
        direction = (
            "\n  direction: rtl" if strings.babel_locale(language).character_order == "right-to-left" else ""
        )
        config.write_text(
            config.read_text(encoding="utf-8").replace(
                "  language: en\n", f"  language: {language}{direction}\n"
            ),
            encoding="utf-8",
        )
        for text in (longest_text_article(), most_items_article()):
            (project / "docs" / "articles" / f"{yaml.safe_load(text)['slug']}.yml").write_text(
                text, encoding="utf-8"
            )
        url, server = serve(build_ok(project, base / "site"))
        urls[language] = url
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()


def axe_violations(page, include: list[list[str]]) -> list:
    return [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in Axe().run(page, context={"include": include}).response["violations"]
    ]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_checklist_notes_and_composer_work_and_speak_the_language(
    page, sites: dict[str, str], language: str
) -> None:
    words = strings.load(language)
    page.goto(sites[language] + ARTICLE)
    wait_for_widgets(page)
    assert page.locator("html").get_attribute("lang") == language

    # The checklist: progress in the language's words and digits, kept over a reload.
    status = page.locator("[data-guide-progress-status]")
    assert status.text_content() == words.text("progress.count", done=0, total=TOTAL)
    for item in SEED.checklist[:2]:
        page.locator(f'input[data-guide-item="{item.id}"]').check()
    assert status.text_content() == words.text("progress.count", done=2, total=TOTAL)
    bar = page.locator("[data-guide-progress-bar]")
    assert bar.get_attribute("aria-valuetext") == words.text("progress.bar_value", done=2, total=TOTAL)

    # The notes: a note that feeds the email fills it in, and says so in the language.
    page.locator("[data-guide-note=points-missed]").fill("Eins zwei drei.")
    clarification = page.locator("[data-guide-email-field=clarification]")
    assert clarification.input_value() == "Eins zwei drei."
    question = next(p.question for p in SEED.prompts if p.id == "points-missed")
    assert page.locator("[data-guide-email-fed=clarification] span").first.text_content() == words.text(
        "email.fed", question=question
    )

    # The composer: what is left to fill in, as a list the language's way, and the word count
    # in the plural form the language uses for that number.
    for name, value in {"interviewer_name": "Patel", "role": "Analyst"}.items():
        page.locator(f"[data-guide-email-field={name}]").fill(value)
    labels = {field.name: field.label for field in SEED.email.fields}
    missing = page.locator("[data-guide-email-out=missing]")
    assert missing.text_content() == words.text(
        "email.missing", list=words.join([labels["company"], labels["your_name"]])
    )
    body_words = len(page.locator("[data-guide-email-out=body]").text_content().split())
    count = page.locator("[data-guide-email-out=count]").text_content()
    assert count == words.text("email.words_limited", n=body_words, limit=SEED.email.word_limit)
    page.get_by_role("button", name=words.text("email.copy")).wait_for()

    page.reload()
    wait_for_widgets(page)
    assert status.text_content() == words.text("progress.count", done=2, total=TOTAL)
    assert page.locator("[data-guide-note=points-missed]").input_value() == "Eins zwei drei."
    assert page.locator("[data-guide-email-field=role]").input_value() == "Analyst"

    settle(page)  # the focused control's colour transition (Material's) has ended
    widgets = [[".guide-progress"], [".guide-checklist"], [".guide-notes"], [".guide-email"], [".guide-data"]]
    assert axe_violations(page, widgets) == []


def test_right_to_left_the_widgets_and_the_sheet_are_mirrored(
    page, sites: dict[str, str], tmp_path: Path
) -> None:
    words = strings.load("ar")
    page.goto(sites["ar"] + ARTICLE)
    wait_for_widgets(page)
    assert page.locator("body").get_attribute("dir") == "rtl"
    item = SEED.checklist[0].id
    box = page.locator(f'input[data-guide-item="{item}"]').bounding_box()
    label = page.locator(f'label[for="{page_id("item", item)}"]').bounding_box()
    assert box["x"] > label["x"] + label["width"] / 2, "the box is not on the right of its label"
    # The reset button sits at the end of the progress line: on the left.
    reset = page.locator("[data-guide-progress-action=reset]").bounding_box()
    summary = page.locator("[data-guide-progress-status]").bounding_box()
    assert reset["x"] < summary["x"]
    # Notes and the composer read right to left: their text starts on the right.
    for selector in (
        "[data-guide-note=points-missed]",
        "[data-guide-email-field=role]",
        ".guide-email__preview-title",
    ):
        assert page.locator(selector).evaluate("(e) => getComputedStyle(e).direction") == "rtl", selector
    page.locator(f'input[data-guide-item="{item}"]').check()

    page.goto(sites["ar"] + SHEET)
    page.get_by_role("button", name=words.text("sheet.print_ticks")).wait_for()
    assert page.locator("[data-guide-print-status]").text_content() == words.text("sheet.ticked", n=1)
    sheet_box = page.locator(f'[data-guide-sheet-item="{item}"]').bounding_box()
    sheet_text = page.locator(f'label[for="{page_id("sheet-item", item)}"]').bounding_box()
    assert sheet_box["x"] > sheet_text["x"] + sheet_text["width"], (
        "on the sheet the box is not right of its item"
    )
    tick = page.locator(".guide-sheet__tick:visible").first.bounding_box()
    assert abs(tick["x"] - sheet_box["x"]) < sheet_box["width"], "the tick is not in its box"
    pages, _ = print_pdf(page, tmp_path / "ar.pdf", "A4")  # (PDF text of Arabic reads in visual order)
    assert pages == 1
    settle(page)
    assert axe_violations(page, [[".guide-sheet-page"]]) == []


@pytest.mark.parametrize("font", ["the sheet's font", "DejaVu Sans"])
def test_the_largest_sheets_print_on_one_page_in_the_longest_language(
    page, sites: dict[str, str], tmp_path: Path, font: str
) -> None:
    words = strings.load(LONGEST)
    for text in (longest_text_article(), most_items_article()):
        data = yaml.safe_load(text)
        page.goto(f"{sites[LONGEST]}articles/{data['slug']}/checklist/")
        if font == "DejaVu Sans":
            page.add_style_tag(content=WIDE_FONT)
        for paper in ("A4", "Letter"):
            pages, printed = print_pdf(page, tmp_path / f"{paper}.pdf", paper)
            assert pages == 1, f"{data['slug']} in {LONGEST}, {font}, takes {pages} pages of {paper}"
            assert re.sub(r"\s+", "", words.text("sheet.notes")) in re.sub(r"\s+", "", printed)
