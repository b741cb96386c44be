"""Search as a reader uses it, in real Chromium (hooks/search.py, overrides/assets/guide-search.js
and guide-search-dialog.js): nothing of it but a small starter loads until the reader opens the
search box, and a reader who types at once loses no letter; a word of an article finds it, with
the words marked, in Material's dialog; the keyboard works as Material's search did; a query in
a guide of 300 distinct articles downloads at most 300 KiB, all of it from the site itself.
axe in the open dialog is in test_budgets.py (test_axe_finds_nothing_in_search_results)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from browser_support import serve
from support import SEED_SLUG, build_ok, copy_project

ARTICLE = f"articles/{SEED_SLUG}/"
QUERY = "input[data-guide-search-query]"
RESULT = ".md-search-result__item a.md-search-result__link"
KIB = 1024
QUERY_BUDGET = 300 * KIB  # what one query may download, at any number of articles (issue #16)
GENERATED = 300  # articles in the generated guide


def search_data(urls: list[str]) -> list[str]:
    """The requests for search data: Pagefind's, or Material's old index and worker."""
    return [url for url in urls if re.search(r"/(pagefind|search)/|/workers/search", urlsplit(url).path)]


def search_for(page: Page, words: str) -> None:
    page.locator(QUERY).click()
    page.keyboard.type(words)
    expect(page.locator(RESULT).first).to_be_visible()


def test_a_reader_in_the_results_keeps_their_place_when_a_later_answer_replaces_them(
    page: Page, site_url: str
) -> None:
    # On a slow network the answer to "destr" can come before the reader has finished typing,
    # and the answer to "destress" after they have moved into the results.
    page.goto(site_url + ARTICLE)
    page.locator(QUERY).click()
    page.keyboard.type("destr")
    expect(page.locator(RESULT).first).to_have_attribute("href", re.compile(r"h=destr$"))
    page.locator(RESULT).first.focus()
    page.locator(QUERY).evaluate(
        "(box) => { box.value = 'destress'; box.dispatchEvent(new Event('input')); }"
    )
    expect(page.locator(RESULT).first).to_have_attribute("href", re.compile(r"h=destress$"))
    expect(page.locator(RESULT).first).to_be_focused()


def test_pages_load_no_search_data_until_the_reader_opens_search(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", ARTICLE, f"{ARTICLE}checklist/", "topics/"):
        page.goto(site_url + path, wait_until="networkidle")
    assert requested and search_data(requested) == []
    # Opening the box starts loading Pagefind, before the first letter is typed.
    page.locator(QUERY).focus()
    expect(page.locator("#__search")).to_be_checked()
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource').some((r) => r.name.includes('/pagefind/'))"
    )


def test_a_word_of_an_article_finds_it_with_the_words_marked(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search_for(page, "long bath")
    dialog = page.get_by_role("dialog", name="Search")
    expect(dialog.get_by_role("status")).to_have_text("1 matching document")
    result = page.locator(RESULT)
    expect(result).to_have_count(1)
    assert urlsplit(result.get_attribute("href")).path == f"/{ARTICLE}"
    expect(result.locator("h1")).to_have_text("How You Should React to a Bad Job Interview")
    expect(result.locator("p")).to_contain_text("wash the experience away with a nice, long bath")
    assert [m.lower().strip(".,") for m in result.locator("p mark").all_inner_texts()] == ["long", "bath"]
    # Words of a checklist item (a label) and of the email template are found too.
    for words in ("beating yourself up", "Interviewer's name"):
        page.locator(QUERY).fill(words)
        expect(page.locator(RESULT)).to_have_count(1)
    page.locator(QUERY).fill("xylophone")
    expect(dialog.get_by_role("status")).to_have_text("No matching documents")
    expect(page.locator(RESULT)).to_have_count(0)


def test_the_keyboard_opens_moves_through_follows_and_closes(page: Page, site_url: str) -> None:
    page.goto(site_url + ARTICLE)
    page.keyboard.press("/")  # Material's shortcut
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.type("destress")
    expect(page.locator(RESULT).first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(RESULT).first).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator(QUERY)).not_to_be_focused()

    page.goto(site_url)
    page.keyboard.press("s")
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.type("destress")
    # The answer to the whole word (a slow keystroke can start a query for part of it first).
    expect(page.locator(RESULT).first).to_have_attribute("href", re.compile(r"h=destress$"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + ARTICLE + "?h=destress")
    expect(page.locator("#__search")).not_to_be_checked()
    # The article marks the word searched for, as Material's search.highlight did.
    expect(page.locator(".md-content mark[data-md-highlight]").first).to_have_text(
        re.compile("destress", re.I)
    )


def test_a_reader_who_presses_slash_and_types_at_once_loses_no_letter(page: Page, site_url: str) -> None:
    # The dialog's module loads on first use: on a slow phone the reader's letters come before
    # it. The box has the focus from the / on, and the dialog searches for what it holds.
    cdp = page.context.new_cdp_session(page)
    page.goto(site_url + ARTICLE)
    expect(page.locator("[data-guide-search][data-guide-ready]")).to_be_attached()  # the starter
    loaded = (
        "() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => "
        "n.includes('search-dialog'))"
    )
    assert page.evaluate(loaded) == []
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    try:
        page.keyboard.press("/")
        page.keyboard.type("destress")
        expect(page.locator(QUERY)).to_have_value("destress")
        expect(page.locator(RESULT).first).to_have_attribute(
            "href", re.compile(r"h=destress$"), timeout=60_000
        )
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    assert page.evaluate(loaded) != []  # loaded on first use, not before


def test_before_the_rest_of_search_loads_tab_and_escape_close_the_box_they_leave(
    page: Page, site_url: str
) -> None:
    # On a slow phone the dialog's module arrives seconds after the reader focuses the box; a
    # reader tabbing through the header leaves it before then. Here it never arrives.
    held = []
    page.route("**/guide-search-dialog.js*", lambda route: held.append(route))
    page.set_viewport_size({"width": 360, "height": 740})  # the open box covers the page
    page.goto(site_url + ARTICLE)
    expect(page.locator("[data-guide-search][data-guide-ready]")).to_be_attached()  # the starter
    page.locator(QUERY).focus()
    expect(page.locator("#__search")).to_be_checked()
    for _ in range(5):  # out of the dialog, as many stops as it has and more
        page.keyboard.press("Tab")
        if not page.evaluate("() => !!document.activeElement.closest('[data-guide-search]')"):
            break
    expect(page.locator("#__search")).not_to_be_checked()
    # Where the focus went is on screen, under no dialog (once Material's fade has run).
    page.wait_for_function(
        """() => {
          const box = document.activeElement.getBoundingClientRect();
          const x = box.left + Math.min(box.width / 2, 5), y = box.top + Math.min(box.height / 2, 5);
          const top = document.elementFromPoint(x, y);
          return !!top && (top === document.activeElement || document.activeElement.contains(top)
            || !top.closest('[data-guide-search]'));
        }""",
        timeout=5_000,
    )
    page.keyboard.press("/")
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    assert held, "the dialog's module was asked for: the test held what it meant to"


def test_the_header_button_opens_the_box_and_typing_in_it_is_not_a_shortcut(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 400, "height": 800})  # a phone: the box is behind the button
    page.goto(site_url)
    expect(page.locator("#__search")).not_to_be_checked()
    page.locator('.md-header label.md-header__button[for="__search"]').click()
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(QUERY)).to_be_focused()
    page.keyboard.type("stress")  # an s in the box is a letter
    expect(page.locator(QUERY)).to_have_value("stress")
    expect(page.locator(RESULT).first).to_be_visible()


def test_search_works_under_a_sub_path(page: Page, built_site: Path, tmp_path: Path) -> None:
    # GitHub Pages publishes a fork's site at https://user.github.io/repo/.
    shutil.copytree(built_site, tmp_path / "repo")
    url, server = serve(tmp_path)
    try:
        page.goto(url + "repo/")
        search_for(page, "long bath")
        assert urlsplit(page.locator(RESULT).first.get_attribute("href")).path == f"/repo/{ARTICLE}"
    finally:
        server.shutdown()


def test_without_javascript_there_is_no_search_box_that_cannot_search(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url)
        expect(page.locator(".md-search")).to_be_hidden()
        expect(page.locator('.md-header label.md-header__button[for="__search"]')).to_be_hidden()
    finally:
        context.close()


# ---------------------------------------------------------------------------------------------
# At scale


@pytest.fixture(scope="module")
def generated_guide(tmp_path_factory: pytest.TempPathFactory):
    """A guide of GENERATED distinct articles (benchmarks/generate.py), served on localhost,
    with the rarest word of one article in the middle and that article's slug."""
    from benchmarks.generate import write_articles

    base = tmp_path_factory.mktemp("generated")
    project = copy_project(base / "project")
    paths = write_articles(project / "docs" / "articles", GENERATED)
    counts = Counter(word for path in paths for word in set(words_of(path)))
    middle = paths[GENERATED // 2]
    word = min(words_of(middle), key=lambda w: (counts[w], w))
    site = build_ok(project, base / "site")
    url, server = serve(site)
    yield url, word, yaml.safe_load(middle.read_text(encoding="utf-8"))["slug"]
    server.shutdown()


def words_of(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return re.findall(r"[a-z]{6,}", " ".join(section["body"] for section in data["sections"]).lower())


def test_a_query_in_a_big_guide_downloads_little_and_only_from_the_site(page: Page, generated_guide) -> None:
    url, word, slug = generated_guide
    sizes: dict[str, int] = {}
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page.goto(url + f"articles/{slug}/", wait_until="networkidle")
    assert search_data(requested) == []
    search_for(page, word)
    expect(page.locator(RESULT).filter(has_text=f"({GENERATED // 2})")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    # Bodies as served: Pagefind's index files are compressed already, its scripts are not
    # (a host's gzip makes them smaller still), so this is at least what a reader downloads.
    fetched = {u: size for u, size in sizes.items() if "/pagefind/" in u}
    assert fetched and sum(fetched.values()) <= QUERY_BUDGET, sorted(
        fetched.items(), key=lambda item: -item[1]
    )
    host = urlsplit(url).netloc
    assert [
        u for u in requested if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != host
    ] == []
