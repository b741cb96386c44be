"""Search in the built site (hooks/search.py): Pagefind's index of the articles, and nothing of
it, or of Material's old index, on a page before the reader searches. The browser side (typing,
results, keyboard, what a query downloads) is tests/browser/test_search_box.py."""

from __future__ import annotations

import gzip
import json
import sys
import threading
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import search
from support import SEED_SLUG, fetch, run_build, serving, wait_for

ARTICLE = f"articles/{SEED_SLUG}/"
PAGES = (
    "index.html",
    f"{ARTICLE}index.html",
    f"{ARTICLE}checklist/index.html",
    "topics/index.html",
    "all/index.html",
)


# Every page Pagefind indexed, as it stores it: {url: {"content": ..., "meta": {"title": ...}}}.
def indexed_pages(site: Path) -> dict[str, dict]:
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        data = json.loads(text[text.index("{") :])  # after Pagefind's "pagefind_dcd" signature
        pages[data["url"]] = data
    return pages


def normalise(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def test_the_site_has_pagefinds_index_and_not_materials(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert list((built_site / "pagefind" / "index").glob("*.pf_index"))
    assert not (built_site / "search").exists()  # Material's search_index.json: every page fetched it


def test_articles_are_indexed_and_sheets_lists_and_home_are_not(built_site: Path) -> None:
    assert set(indexed_pages(built_site)) == {f"/{ARTICLE}"}


def test_an_article_is_found_by_its_advice_checklist_prompts_and_email_not_its_controls(
    built_site: Path,
) -> None:
    page = indexed_pages(built_site)[f"/{ARTICLE}"]
    assert page["meta"]["title"] == "How You Should React to a Bad Job Interview"
    text = normalise(page["content"])
    for words in (
        "wash the experience away with a nice, long bath",  # prose
        "Take Stock of the Interview",  # a heading
        "Get home and destress instead of beating yourself up",  # a checklist item (a <label>)
        "Where did it go wrong?",  # a note's question (a <label>)
        "Employers place a lot of stock in politeness",
        "Dear [Interviewer's name],",  # the email, as the composer's preview shows it
    ):
        assert words in text, words
    for control in (
        "Use my note again",
        "Copy email",
        "Fill in the blanks",
        "kept on this device as you type",
        "Your email",
        "Reset checklist",
        "Export my notes",
        "Print the checklist",
        "\u00b6",
        "Still to fill in",
    ):
        assert control not in text, control
    # Search needs JavaScript: what only readers without it see is not indexed (the email
    # template as text, read against the preview, would put every email's words in twice).
    html = BeautifulSoup((built_site / ARTICLE / "index.html").read_text(encoding="utf-8"), "html.parser")
    for no_js in html.select(".guide-no-js"):
        said = normalise(no_js.get_text(" "))
        if said and said not in normalise(
            " ".join(e.get_text(" ") for e in html.select(".guide-email__preview, .guide-article p"))
        ):
            assert said not in text, said[:60]
    assert text.count("Dear [Interviewer's name],") == 1


def test_no_page_loads_search_data_at_start_up(built_site: Path) -> None:
    for path in PAGES:
        page = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        loaded = [tag.get("src") or tag.get("href") for tag in page.select("script[src], link[href]")]
        assert not [url for url in loaded if "pagefind" in url or "search_index" in url], path
        # Material's bundle fetches its whole index at start-up when it finds a form named
        # "search", and mounts its own search on data-md-component="search".
        assert page.select_one('form[name="search"], [data-md-component="search"]') is None, path
        # The header still has Material's search box and button.
        assert page.select_one(".md-header [data-guide-search] input[data-guide-search-query]") is not None, (
            path
        )
        assert page.select_one('.md-header label.md-header__button[for="__search"]') is not None, path
        assert any(s["src"].endswith("assets/guide-search.js") for s in page.select("script[src]")), path


@pytest.mark.slow
def test_materials_search_plugin_is_refused_with_a_message(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("plugins: []", "plugins:\n  - search"), encoding="utf-8"
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "remove `- search` from `plugins:`" in result.stderr


@pytest.mark.slow
def test_the_preview_under_serve_has_search_too(project: Path) -> None:
    # Indexed in the background after each rebuild, so an edit reloads without waiting for it.
    with serving(project) as (base, log):
        wait_for(
            lambda: "Pagefind indexed 1 article(s)" in log.read_text(encoding="utf-8"), "the preview's index"
        )
        assert fetch(base + "pagefind/pagefind.js")
        assert '"page_count":1' in fetch(base + "pagefind/pagefind-entry.json")


def test_labels_are_read_as_text_only_in_pagefinds_copy() -> None:
    page = '<li><input id="a" type="checkbox"><label class="x" for="a">Tick</label></li><LABEL>B</LABEL>'
    assert (
        search.indexable(page)
        == '<li><input id="a" type="checkbox"><span class="x" for="a">Tick</span></li><span>B</span>'
    )


def test_the_preview_copies_for_pagefind_only_the_pages_a_rebuild_wrote(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for slug in ("a", "b", "c"):
        (site / "articles" / slug).mkdir(parents=True)
        (site / "articles" / slug / "index.html").write_text(f"<label>{slug}</label>", encoding="utf-8")
    paths = [f"articles/{slug}/index.html" for slug in ("a", "b", "c")]
    mirror = search._Mirror()
    mirror.update(site, paths)
    assert (mirror.folder / paths[0]).read_text(encoding="utf-8") == "<span>a</span>"
    copies = {path: (mirror.folder / path).stat().st_mtime_ns for path in paths}
    time.sleep(0.01)
    (site / paths[1]).write_text("<label>b, edited</label>", encoding="utf-8")
    mirror.update(site, paths[:2])  # c is gone, b was written again
    assert (mirror.folder / paths[1]).read_text(encoding="utf-8") == "<span>b, edited</span>"
    assert (mirror.folder / paths[0]).stat().st_mtime_ns == copies[paths[0]]  # not copied again
    assert not (mirror.folder / paths[2]).exists()


def test_a_rebuild_stops_the_preview_s_indexing_and_the_last_index_stays_whole(tmp_path: Path) -> None:
    output = tmp_path / "site" / "pagefind"
    output.mkdir(parents=True)
    (output / "pagefind.js").write_text("the last index", encoding="utf-8")
    # A stand-in for Pagefind that writes its index into --output-path, after `delay` seconds.
    writer = (
        "import pathlib, sys, time; time.sleep(float(sys.argv[1])); out = pathlib.Path(sys.argv[3]); "
        "out.mkdir(); (out / 'pagefind.js').write_text('new')"
    )
    indexing = search._Indexing()
    assert indexing.run([sys.executable, "-c", writer, "0", "--output-path", str(output)])
    assert (output / "pagefind.js").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in output.parent.iterdir()) == ["pagefind"]

    results: list[bool] = []
    running = threading.Thread(
        target=lambda: results.append(
            indexing.run([sys.executable, "-c", writer, "30", "--output-path", str(output)])
        )
    )
    running.start()
    wait_for(lambda: indexing._process is not None, "Pagefind's stand-in to start")
    indexing.stop()
    running.join(timeout=10)
    assert results == [False], "stopping did not end the indexing"
    assert (output / "pagefind.js").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in output.parent.iterdir()) == ["pagefind"]
