"""`mkdocs serve` as an author uses it: edit an article, break it, fix it."""

from __future__ import annotations

import os
import time
import urllib.error
from pathlib import Path

import pytest

from support import SEED_SLUG, fetch, serving, wait_for

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow


@pytest.fixture
def server(project: Path):
    with serving(project) as (base, log):
        yield base, log


def test_edit_break_and_fix_an_article_while_serving(project: Path, server) -> None:
    base, log = server
    page = f"{base}articles/{SEED_SLUG}/"
    wait_for(lambda: "How You Should React" in fetch(page), "the first build")
    source = project / f"docs/articles/{SEED_SLUG}.yml"
    good = source.read_text(encoding="utf-8")

    source.write_text(
        good.replace("title: How You Should React", "title: How You Must React"), encoding="utf-8"
    )
    wait_for(lambda: "How You Must React" in fetch(page), "the edit to show")

    source.write_text(good.replace("id: no-decisions-yet", "id: 42"), encoding="utf-8")
    wait_for(lambda: "fix the file and save it" in log.read_text(), "the error in the terminal")
    shown = fetch(page)  # answered at once, not stuck until the file is fixed
    assert "How You Must React" in shown
    assert (
        "sections[0].checklist[2].id (section 1 &#34;Take Some Time to Destress&#34;, item 3): "
        "expected a non-empty string" in shown
    )
    assert f"docs/articles/{SEED_SLUG}.yml:" in log.read_text()

    source.write_text(good, encoding="utf-8")
    wait_for(
        lambda: "How You Should React" in (text := fetch(page)) and "guide-problems" not in text,
        "the fix to show",
    )

    # The guide's own scripts are served as written (a build ships them minified).
    assert fetch(f"{base}assets/guide-email.js") == (project / "overrides/assets/guide-email.js").read_text(
        encoding="utf-8"
    )


def test_a_draft_shows_under_serve_flagged_as_a_draft(project: Path, server) -> None:
    base, log = server
    wait_for(lambda: "How You Should React" in fetch(base), "the first build")
    draft = (project / f"docs/articles/{SEED_SLUG}.yml").read_text(encoding="utf-8")
    draft = (
        draft.replace(f"slug: {SEED_SLUG}", "slug: a-draft")
        .replace("title: How You Should React to a Bad Job Interview", "title: A Draft in Progress")
        .replace("published: 2017-10-05", "published: 2017-10-05\ndraft: true")
    )
    (project / "docs/articles/a-draft.yml").write_text(draft, encoding="utf-8")
    home = wait_for(
        lambda: next((t for t in [fetch(base)] if "A Draft in Progress" in t), None),
        "the draft on the home page",
    )
    item = home[home.index("A Draft in Progress") :]
    assert "Draft</strong>" in item[: item.index("</li>")]
    page = fetch(f"{base}articles/a-draft/")
    assert "<h1>A Draft in Progress</h1>" in page and "guide-article__draft" in page


@pytest.fixture
def broken_before_start(project: Path) -> Path:
    """A second article that is broken before `make serve` starts."""
    seed = (project / f"docs/articles/{SEED_SLUG}.yml").read_text(encoding="utf-8")
    broken = seed.replace(f"slug: {SEED_SLUG}", "slug: second").replace(
        "title: How You Should React", "title: A Second Take on Reacting"
    )
    path = project / "docs/articles/second.yml"
    path.write_text(
        broken.replace("published: 2017-10-05", "published: 2017-10-06\nsummary_typo: x"), encoding="utf-8"
    )
    return path


def test_serve_started_with_a_broken_article_keeps_serving_and_recovers(
    project: Path, broken_before_start: Path, server
) -> None:
    base, log = server
    # The preview comes up with the articles that load, and says what to fix on every page.
    home = wait_for(
        lambda: next((t for t in [fetch(base)] if "How You Should React" in t), None), "the preview to start"
    )
    assert "guide-problems" in home and "docs/articles/second.yml:" in home and "unknown field" in home
    assert "A Second Take" not in home
    assert "docs/articles/second.yml:" in log.read_text()
    # Fixing the file brings the article in and the banner away, without a restart.
    broken_before_start.write_text(
        broken_before_start.read_text(encoding="utf-8").replace("\nsummary_typo: x", ""), encoding="utf-8"
    )
    wait_for(
        lambda: "A Second Take" in (text := fetch(base)) and "guide-problems" not in text, "the fix to show"
    )


def test_an_edit_rebuilds_what_it_changes_and_nothing_else(project: Path, tmp_path: Path) -> None:
    # A guide of 30 articles, a day apart, two topics.
    seed = (project / f"docs/articles/{SEED_SLUG}.yml").read_text(encoding="utf-8")
    (project / f"docs/articles/{SEED_SLUG}.yml").unlink()
    for n in range(30):
        text = (
            seed.replace(f"slug: {SEED_SLUG}", f"slug: a{n:02d}")
            .replace("title: How You Should React", f"title: A{n:02d} How You Should React")
            .replace("published: 2017-10-05", f"published: 2020-01-{n + 1:02d}")
        )
        (project / f"docs/articles/a{n:02d}.yml").write_text(
            text.replace("tags: [interviews, after-the-interview]", f"tags: [{'odd' if n % 2 else 'even'}]"),
            encoding="utf-8",
        )
    builds = tmp_path / "serve-tmp"
    builds.mkdir()
    with serving(project, tmpdir=builds) as (base, log):
        wait_for(lambda: "A29 How You Should React" in fetch(base), "the first build", timeout=90)
        (site,) = [
            path for path in builds.iterdir() if path.name.startswith("mkdocs_")
        ]  # mkdocs serve's own folder

        def built_at(path: str) -> int:
            return (site / path / "index.html").stat().st_mtime_ns

        before = {
            path: built_at(path)
            for path in (
                "articles/a04",
                "articles/a14",
                "articles/a04/checklist",
                "topics/even",
                "topics/odd",
            )
        }

        # Save one change to an article, as an editor does, and wait for MkDocs to rebuild.
        def edit(slug: str, old: str, new: str) -> None:
            rebuilds = log.read_text().count("Reloading browsers")
            source = project / f"docs/articles/{slug}.yml"
            source.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
            wait_for(lambda: log.read_text().count("Reloading browsers") > rebuilds, "the rebuild")

        # Retitle the newest odd article: its page, its neighbour's footer, the home page, its
        # topic's page, the feed and the odd articles that list it as related change; the even
        # articles stay as they were built.
        edit("a29", "title: A29 How", "title: A29 Retitled How")
        assert "A29 Retitled How" in fetch(f"{base}articles/a29/")
        assert "A29 Retitled How" in fetch(f"{base}articles/a28/")  # the footer's "Next"
        assert "A29 Retitled How" in fetch(base)
        assert "A29 Retitled How" in fetch(f"{base}topics/odd/")
        assert "A29 Retitled How" in fetch(f"{base}feed.xml")
        assert built_at("topics/odd") != before["topics/odd"]
        assert "A29 Retitled How" in fetch(
            f"{base}articles/a05/"
        )  # its related articles (the newest odd ones)
        for path in ("articles/a04", "articles/a14", "articles/a04/checklist", "topics/even"):
            assert built_at(path) == before[path], f"{path} was rebuilt for an edit that does not change it"
        assert "A 'dirty' build is being performed" not in log.read_text()

        # Reword the summary only: the ranking of related articles is kept from the last build
        # (nothing it reads changed), and the pages that list a29 show its new words.
        edit("a29", "summary: >-\n", "summary: >-\n  Reworded summary.\n")
        assert "Reworded summary." in fetch(f"{base}articles/a05/")
        assert built_at("articles/a04") == before["articles/a04"]

        # Move a27 from the odd topic to the even one: the even articles now list it as related.
        assert "A27 How" not in fetch(f"{base}articles/a04/")
        edit("a27", "tags: [odd]", "tags: [even]")
        assert "A27 How" in fetch(f"{base}articles/a04/") and "A27 How" in fetch(f"{base}topics/even/")
        assert "A27 How" not in fetch(f"{base}topics/odd/")

        # a14's advice links a13 by its file: MkDocs writes the link as a13's address, though a13
        # is not built again (its page is unchanged).
        edit("a14", "      Coming out", "      [The last one](a13.md). Coming out")
        assert 'href="../a13/">The last one</a>' in fetch(f"{base}articles/a14/")
        assert "contains a link 'a13.md'" not in log.read_text()  # MkDocs found it

        # Delete an article: it is gone from its neighbours, the lists, and its own address.
        rebuilds = log.read_text().count("Reloading browsers")
        (project / "docs/articles/a15.yml").unlink()
        wait_for(lambda: log.read_text().count("Reloading browsers") > rebuilds, "the rebuild")
        assert "A15 How" not in fetch(f"{base}articles/a14/") and "A16 How" in fetch(f"{base}articles/a14/")
        assert "A15 How" not in fetch(f"{base}topics/odd/")
        assert not (site / "articles/a15/index.html").exists()


def test_serve_never_gets_stuck_on_what_the_articles_folder_holds(project: Path, server) -> None:
    base, log = server
    wait_for(lambda: "How You Should React" in fetch(base), "the first build")
    folder = project / "docs/articles"
    # A pipe misnamed .yaml (reading it would wait for ever), a link that leads nowhere, and a
    # file with another ending: each is reported, none stops the preview or reaches the site.
    os.mkfifo(folder / "waiting.yaml")
    (folder / "gone.yml").symlink_to(folder / "no-such-file.yml")
    (folder / "Draft.YML").write_text("title: a private draft\n", encoding="utf-8")
    shown = wait_for(
        lambda: next((t for t in [fetch(base)] if "waiting.yaml" in t and "gone.yml" in t), None),
        "the banner",
        timeout=60,
    )
    assert "Draft.YML" in shown and "How You Should React" in shown
    for name in ("waiting.yaml", "Draft.YML"):
        try:
            fetch(f"{base}articles/{name}")
            raise AssertionError(f"{name} was copied into the site")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    for path in ("waiting.yaml", "gone.yml", "Draft.YML"):
        (folder / path).unlink()
    wait_for(lambda: "guide-problems" not in fetch(base), "the banner to go")


def test_a_broken_mkdocs_yml_keeps_the_preview_served_and_recovers(project: Path, server) -> None:
    base, log = server
    page = f"{base}articles/{SEED_SLUG}/"
    wait_for(lambda: "How You Should React" in fetch(page), "the first build")
    settings = project / "mkdocs.yml"
    good = settings.read_text(encoding="utf-8")

    # A save MkDocs cannot read at all: the last pages stay served, each saying where it broke.
    settings.write_text(good.replace("theme:\n", "theme: [\n", 1), encoding="utf-8")
    shown = wait_for(
        lambda: next((t for t in [fetch(page)] if "guide-problems" in t), None), "the YAML error on the page"
    )
    assert "How You Should React" in shown
    assert "mkdocs.yml:" in shown and shown.count("is not valid YAML") == 1
    assert "mkdocs.yml cannot be used" in log.read_text()

    # A save that reads, with a value the guide refuses (Material prints the name raw): said too.
    settings.write_text(good.replace('"Career Guide"]', '"Career <b>Guide</b>"]', 1), encoding="utf-8")
    shown = wait_for(
        lambda: next((t for t in [fetch(page)] if "which pages would read as HTML" in t), None),
        "the refused name on the page",
    )
    assert "<b>Guide</b>" not in shown and "Career &lt;b&gt;Guide&lt;/b&gt;" in shown  # as text

    settings.write_text(good, encoding="utf-8")
    wait_for(
        lambda: "How You Should React" in (text := fetch(page)) and "guide-problems" not in text,
        "the mended settings to show",
    )


def test_a_broken_catalogue_keeps_the_preview_served_and_recovers(project: Path, server) -> None:
    base, log = server
    page = f"{base}articles/{SEED_SLUG}/"
    wait_for(lambda: "How You Should React" in fetch(page), "the first build")
    settings = project / "mkdocs.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("  language: en\n", "  language: de\n", 1),
        encoding="utf-8",
    )
    wait_for(lambda: 'lang="de"' in fetch(page), "the German preview")

    # A translator's slip in the catalogue: the preview stays up and names the line.
    catalogue = project / "guide_core/locales/de.yml"
    good = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(
        good.replace('date_format: "d. MMM y"', 'date_format: "d. MMM y', 1), encoding="utf-8"
    )
    shown = wait_for(
        lambda: next((t for t in [fetch(page)] if "guide-problems" in t), None),
        "the catalogue's error on the page",
    )
    assert "guide_core/locales/de.yml:" in shown and "How You Should React" in shown

    # Mended, with a word changed: the preview shows the new word, without a restart.
    changed = good.replace('not_found: "Seite nicht gefunden"', 'not_found: "Diese Seite gibt es nicht"', 1)
    assert changed != good
    catalogue.write_text(changed, encoding="utf-8")
    wait_for(lambda: "guide-problems" not in fetch(page), "the mended catalogue")
    wait_for(
        lambda: "Diese Seite gibt es nicht" in fetch(f"{base}404.html"), "the changed word in the preview"
    )


@pytest.mark.parametrize("watch", ["native", "poll"])
def test_one_save_makes_one_rebuild_and_reading_or_writing_beside_the_project_makes_none(
    project: Path, watch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # make serve hears of saves from the system (hooks/watcher.py), which also tells of files
    # opened, and of files beside mkdocs.yml; GUIDE_WATCH=poll keeps MkDocs' polling.
    monkeypatch.setenv("GUIDE_WATCH", "poll" if watch == "poll" else "")
    with serving(project) as (base, log):  # its terminal output is written beside mkdocs.yml
        page = f"{base}articles/{SEED_SLUG}/"
        wait_for(lambda: "How You Should React" in fetch(page), "the first build")
        builds = log.read_text().count("Building documentation")
        for path in [project / "mkdocs.yml", *(project / "docs").rglob("*.*")]:
            path.read_bytes()  # an editor or a search reading every file
        (project / "notes.txt").write_text("a coach's notes, beside the project's files", encoding="utf-8")
        # Time for a rebuild to start if those had asked for one (MkDocs builds 0.1 s after the
        # last change it hears of, and polls every 0.5 s), before the save that does.
        time.sleep(1.5)
        source = project / f"docs/articles/{SEED_SLUG}.yml"
        source.write_text(
            source.read_text(encoding="utf-8").replace("title: How You Should", "title: How You Might"),
            encoding="utf-8",
        )
        wait_for(lambda: "How You Might React" in fetch(page), "the edit to show")
        wait_for(
            lambda: "Reloading browsers" in log.read_text().rsplit("Building documentation", 1)[1], "its end"
        )
        assert log.read_text().count("Building documentation") == builds + 1, log.read_text()[-2000:]
        assert ("looks for changes every 0.5 s" in log.read_text()) == (watch == "poll")
