"""The reader's core paths, the same tests in Chromium and in Firefox (issue #24): ticks that
survive a reload, progress and reset, notes, the email with its mailto link and .eml file,
export and import, an item's link, search, and the sheet printed on one page of A4 and Letter.
Chromium is driven by Playwright, Firefox (Debian's firefox-esr) over WebDriver BiDi by
puppeteer-core (tests/engines.py); each test runs once per engine, under the same name."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from engines import CATCH_DOWNLOADS, Tab, downloads, wait
from guide_core.page_ids import page_id
from support import SEED_SLUG

ARTICLE = f"articles/{SEED_SLUG}/"
BOX = "[data-guide-item]"
STATUS = "[data-guide-progress-status]"
# Every widget on the page has started (guide.js loads the composer and the notes once they
# are near: scrolled to in turn).
STARTED = """async () => {
  for (const root of document.querySelectorAll('[data-guide-module]')) {
    root.scrollIntoView();
    if (!root.hasAttribute('data-guide-ready')) return false;
  }
  scrollTo(0, 0);
  return true;
}"""


def open_article(tab: Tab, site_url: str, address: str = ARTICLE) -> None:
    tab.goto(site_url + address)
    wait(tab, STARTED)


def ticked(tab: Tab) -> list[str]:
    return tab.evaluate(
        f"() => [...document.querySelectorAll('{BOX}:checked')].map((box) => box.dataset.guideItem)"
    )


def text(tab: Tab, selector: str) -> str:
    return tab.evaluate(
        "(selector) => document.querySelector(selector)?.textContent.trim() ?? null", selector
    )


def test_ticks_survive_a_reload_with_their_progress_and_reset_clears_them(tab: Tab, site_url: str) -> None:
    open_article(tab, site_url)
    ids = tab.evaluate(f"() => [...document.querySelectorAll('{BOX}')].map((box) => box.dataset.guideItem)")
    for item in ids[:2]:
        tab.click(f"[data-guide-item='{item}']")
    wait(tab, "(status) => document.querySelector(status).textContent.startsWith('2 of')", STATUS)
    tab.reload()
    wait(tab, STARTED)
    assert ticked(tab) == ids[:2]
    assert text(tab, STATUS) == f"2 of {len(ids)} done"
    tab.click("[data-guide-progress-action=reset]")  # confirm() answered OK
    wait(tab, f"() => !document.querySelector('{BOX}:checked')")
    tab.reload()
    wait(tab, STARTED)
    assert ticked(tab) == []


def test_notes_are_kept_as_they_are_typed_across_a_reload(tab: Tab, site_url: str) -> None:
    open_article(tab, site_url)
    note = "[data-guide-note]"
    tab.type(note, "Nerves 😀 <b>bold?</b>")
    tab.reload()
    wait(tab, STARTED)
    assert tab.evaluate("(note) => document.querySelector(note).value", note) == "Nerves 😀 <b>bold?</b>"


def test_the_email_fills_in_and_its_mailto_link_and_eml_file_carry_it(tab: Tab, site_url: str) -> None:
    open_article(tab, site_url)
    tab.evaluate(CATCH_DOWNLOADS)
    tab.type("[data-guide-email-field=role]", "Analyst")
    subject = wait(
        tab,
        "() => { const s = document.querySelector('[data-guide-email-out=subject]').textContent; return "
        "s.includes('Analyst') && s; }",
    )
    href = tab.evaluate("() => document.querySelector('[data-guide-email-action=mailto]').href")
    assert href.startswith("mailto:") and f"subject={subject}" in unquote(href)
    tab.click("[data-guide-email-action=eml]")
    [eml] = downloads(tab)
    assert eml["name"].endswith(".eml")
    message = email.message_from_string(eml["text"], policy=email.policy.default)
    assert message["X-Unsent"] == "1" and message["Subject"] == subject


def test_export_then_import_in_a_fresh_browser_restores_ticks_and_notes(
    tab: Tab, new_tab, site_url: str, tmp_path: Path
) -> None:
    open_article(tab, site_url)
    tab.evaluate(CATCH_DOWNLOADS)
    first = tab.evaluate(f"() => document.querySelector('{BOX}').dataset.guideItem")
    tab.click(BOX)
    tab.type("[data-guide-note]", "What I would say again")
    tab.click("[data-guide-data-action=export]")
    [exported] = downloads(tab)
    assert "What I would say again" in exported["text"]
    backup = tmp_path / exported["name"]
    backup.write_text(exported["text"], encoding="utf-8")
    # Another profile (its own storage), the same engine: import brings everything back.
    other = new_tab()
    open_article(other, site_url)
    other.upload("[data-guide-data-file]", backup)
    wait(other, f"() => !!document.querySelector('{BOX}:checked')")
    assert ticked(other) == [first]
    assert (
        other.evaluate("() => document.querySelector('[data-guide-note]').value") == "What I would say again"
    )


def test_an_items_link_opens_the_article_at_that_item_with_its_tick(tab: Tab, site_url: str) -> None:
    open_article(tab, site_url)
    ids = tab.evaluate(f"() => [...document.querySelectorAll('{BOX}')].map((box) => box.dataset.guideItem)")
    target = ids[len(ids) // 2]
    tab.click(f"[data-guide-item='{target}']")
    box_id = page_id("item", target)
    link = tab.evaluate(
        "(id) => document.querySelector(`.guide-checklist__item:has(#${id}) "
        ".guide-checklist__permalink`).href",
        box_id,
    )
    tab.goto(link)
    wait(tab, "() => !!document.querySelector('[data-guide-module=checklist][data-guide-ready]')")
    place = tab.evaluate(
        """(id) => {
          const item = document.querySelector(`.guide-checklist__item:has(#${id})`).getBoundingClientRect();
          return { top: item.top, bottom: item.bottom,
                   header: document.querySelector('.md-header').getBoundingClientRect().bottom,
                   height: innerHeight };
        }""",
        box_id,
    )
    assert place["header"] - 1 <= place["top"] and place["bottom"] <= place["height"], (
        place
    )  # on screen, not under the header
    assert ticked(tab) == [target]


def test_search_finds_an_article_by_a_word_of_its_advice(tab: Tab, site_url: str) -> None:
    tab.goto(site_url)
    tab.type("input[data-guide-search-query]", "long bath")
    found = wait(
        tab,
        "() => [...document.querySelectorAll('.md-search-result__item a.md-search-result__link')].map((a) "
        "=> new URL(a.href).pathname)",
    )
    assert found == [f"/{ARTICLE}"]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_sheet_prints_the_readers_ticks_and_notes_on_one_page(
    tab: Tab, site_url: str, tmp_path: Path, paper: str
) -> None:
    open_article(tab, site_url)
    tab.click(BOX)
    tab.type("[data-guide-note]", "A note for the sheet")
    tab.goto(site_url + ARTICLE + "checklist/")
    wait(tab, "() => !!document.querySelector('[data-guide-module=print][data-guide-ready]')")
    pdf = tmp_path / "sheet.pdf"
    tab.pdf(pdf, paper)
    pages = PdfReader(str(pdf)).pages
    printed = re.sub(r"\s+", " ", pages[0].extract_text())
    assert len(pages) == 1
    assert "\u2713" in printed and "A note for the sheet" in printed


# ---------------------------------------------------------------------------------------------
# A note never leaves its room on paper

# Lines per note, by prompt, in three fillings: every prompt gets notes from none to 40 lines.
FILLINGS = [(0, 1, 3, 8, 40), (40, 13, 21, 2, 5), (5, 40, 0, 13, 1)]
MARGINS = [None, "0.5in", "1cm"]  # the sheet's own (none), and two a reader may set in the print dialog
LINE = re.compile(r"^P(\d+)L(\d+)$")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def printed_words(pdf: Path) -> list[tuple[float, float, float, float, str]]:
    """Every word of the PDF's first page with its box in points from the top left (poppler)."""
    if not shutil.which("pdftotext"):
        pytest.fail(
            "The print tests read where text lies with poppler's pdftotext: `sudo apt-get install "
            "poppler-utils`.",
            pytrace=False,
        )
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(a), float(b), float(c), float(d), html_unescape(w)) for a, b, c, d, w in WORD.findall(html)
    ]


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


def write_notes(tab: Tab, lengths: tuple[int, ...]) -> None:
    """Gives each prompt its note, as an import does (the store tells the sheet at once)."""
    tab.evaluate(
        """async (lengths) => {
          const { articleStore } = await import(
            new URL('guide-store.js', document.querySelector('script[src*="/guide.js"]').src).href);
          const sheet = document.querySelector('[data-guide-print]');
          const rooms = [...document.querySelectorAll('[data-guide-sheet-note]')]
            .map((room) => room.dataset.guideSheetNote);
          const notes = Object.fromEntries(rooms
            .map((id, n) => [id, Array.from({ length: lengths[n % lengths.length] },
                                            (_, k) => `P${n}L${k} written note`).join('\\n')])
            .filter(([, text]) => text));
          articleStore(sheet.dataset.guidePrint).replace({ notes: { notes } });
        }""",
        list(lengths),
    )


@pytest.mark.parametrize("margin", MARGINS, ids=lambda margin: margin or "sheet-margins")
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_note_of_any_length_stays_in_its_room_and_says_where_it_is_cut(
    tab: Tab, site_url: str, tmp_path: Path, paper: str, margin: str | None
) -> None:
    tab.goto(site_url + ARTICLE + "checklist/")
    wait(tab, "() => !!document.querySelector('[data-guide-module=print][data-guide-ready]')")
    questions = tab.evaluate(
        "() => [...document.querySelectorAll('.guide-sheet__notes .guide-sheet__question')].map((q) => "
        "q.textContent.trim())"
    )
    if margin:  # as the print dialog's margins do: the page's box shrinks
        tab.evaluate(
            "(margin) => document.head.append(Object.assign(document.createElement('style'), { textContent: "
            "`@page guide-sheet { margin: ${margin} }` }))",
            margin,
        )
    for number, lengths in enumerate(FILLINGS):
        write_notes(tab, lengths)
        said_cut = tab.evaluate("() => document.querySelector('[data-guide-print-cut]').textContent")
        pdf = tmp_path / f"sheet-{number}.pdf"
        tab.pdf(pdf, paper, margin)
        assert len(PdfReader(str(pdf)).pages) == 1
        words = printed_words(pdf)
        foot_top = min(w[1] for w in words if w[4] == "Revised")
        marks = [w for w in words if w[4] == "continues"]
        lines: dict[int, dict[int, tuple]] = {}
        for word in words:
            if match := LINE.match(word[4]):
                lines.setdefault(int(match[1]), {})[int(match[2])] = word
        others = [w for w in words if not LINE.match(w[4]) and w[4] not in ("written", "note")]
        cut = []
        for prompt, lengths_here in enumerate(lengths[n % len(lengths)] for n in range(len(questions))):
            printed = lines.get(prompt, {})
            for k, box in printed.items():
                assert box[3] <= foot_top, f"{paper} {margin}: P{prompt}L{k} prints over the foot"
                crossed = [w[4] for w in others if overlaps(box, w) and w[4] != "…" and w not in marks]
                assert not crossed, f"{paper} {margin}: P{prompt}L{k} crosses {crossed}"
            # Whole lines from the first, in order, one line apart.
            assert sorted(printed) == list(range(len(printed))), f"P{prompt}: lines {sorted(printed)}"
            tops = [printed[k][1] for k in sorted(printed)]
            assert all(14 < b - a < 16 for a, b in zip(tops, tops[1:], strict=False)), tops
            mark = [
                m
                for m in marks
                if printed and abs(m[0] - printed[0][0]) < 12 and tops[-1] - 1 < m[1] < tops[-1] + 16
            ]
            if len(printed) < lengths_here or (mark and len(printed) == lengths_here):
                # Cut: the room's last line is the mark, over the line it stands on.
                assert mark, (
                    f"{paper} {margin}: P{prompt} is cut after {len(printed)} of {lengths_here} lines "
                    "without a mark"
                )
                cut.append(questions[prompt])
            else:
                assert len(printed) == lengths_here
        # What the sheet said before printing: every note cut on A4 or Letter with its margins.
        if not margin:
            assert all(question in said_cut for question in cut), (cut, said_cut)
            if paper == "Letter":
                assert [q for q in questions if q in said_cut] == cut, (cut, said_cut)
