"""A fork in another language: every word of the guide's own follows theme.language.

The site is built in every shipped language (guide_core/locales/) with articles whose own words
are Latin filler, so any English left on a page is the guide's: no string of the English
catalogue may show in the pages' text or in the attributes readers and scripts read (the
widgets' messages ride in data- attributes). The English build is scanned the same way and
must show nearly every string, so the scan is known to look where the words are.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from guide_core import listing, strings
from support import build_ok, copy_project

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

LANGUAGES = sorted(path.stem for path in strings.LOCALES.glob("*.yml"))
OTHER_LANGUAGES = [language for language in LANGUAGES if language != strings.FALLBACK]
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur"}
ENGLISH = strings.read_catalogue(strings.LOCALES / "en.yml")
ARTICLE_COUNT = listing.HOME_ARTICLES + 1  # one more than the home page lists: "All 13 articles"
SLUG = "lorem-ipsum-1"
PAGES = {
    "home": "index.html",
    "article": f"articles/{SLUG}/index.html",
    "sheet": f"articles/{SLUG}/checklist/index.html",
    "all articles": "all/index.html",
    "topics": "topics/index.html",
    "a topic": "topics/lorem/index.html",
    "404": "404.html",
}
# Strings no page of this fixture shows: the preview's banner (under `make serve` with a broken
# file), the empty list, a list's second page (over 50 articles), the word count of an email
# without a limit, and the date pattern (not text).
NOT_ON_THESE_PAGES = {
    "banner.problems",
    "article.draft_note",
    "search.from_folder",
    "list.empty",
    "list.page_title",
    "list.pages_label",
    "email.words",
    "date_format",
}
# Attributes that name things rather than say them: ids, classes, addresses, the article's
# own email template (data-guide-email: the author's words) and the scripts' hooks.
NOT_WORDS = re.compile(
    r"^(class|id|href|src|for|name|type|rel|role|datetime|lang|dir|tabindex|aria-(labelledby|describedby|controls|hidden|live|atomic|value\w*)|data-(guide|md)[\w-]*|property|charset|http-equiv|media|sizes|viewbox|width|height|fill|d|focusable|xmlns(:\w+)?|target|accept|inputmode|autocapitalize|autocomplete|autocorrect|spellcheck|rows|scheme|color-scheme|hreflang)$"
)


def filler(number: int) -> str:
    tags = "[lorem]" if number % 2 else "[lorem, ipsum]"
    return f"""\
slug: lorem-ipsum-{number}
title: Lorem ipsum {number}
summary: Dolor sit amet, consectetur adipiscing elit.
published: 2020-01-{number:02d}
updated: 2021-01-{number:02d}
author:
  name: Marcus Tullius
  credential: Orator
tags: {tags}
intro: Lorem ipsum dolor sit amet.
sections:
  - id: prima
    heading: Prima pars
    body: Sed ut perspiciatis unde omnis.
    checklist:
      - id: primum
        text: Nemo enim ipsam voluptatem
      - id: secundum
        text: Neque porro quisquam est
    prompts:
      - id: quaestio
        question: Quis autem vel eum?
        hint: Ut enim ad minima veniam.
      - id: causa
        question: Quae causa est?
        feeds: causa
  - id: altera
    heading: Altera pars
    body: At vero eos et accusamus.
    checklist:
      - id: tertium
        text: Temporibus autem quibusdam
email:
  to: "{{inscriptio}}"
  subject: "Gratias {{munus}}"
  word_limit: 120
  body: |
    Salve {{nomen}},

    Gratias tibi ago pro {{munus}} apud {{societas}}.

    Causa: {{causa}}

    Vale,
    {{meum}}
  fields:
    - name: nomen
      label: Nomen
      example: Marcus
    - name: inscriptio
      label: Inscriptio
      kind: email
      required: false
    - name: munus
      label: Munus
    - name: societas
      label: Societas
    - name: meum
      label: Meum nomen
    - name: causa
      label: Causa
      kind: paragraph
      required: false
"""


def build(base: Path, language: str) -> Path:
    project = copy_project(base / "project")
    articles = project / "docs" / "articles"
    for old in articles.glob("*.yml"):
        old.unlink()
    for number in range(1, ARTICLE_COUNT + 1):
        (articles / f"lorem-ipsum-{number}.yml").write_text(filler(number), encoding="utf-8")
    config_path = project / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8")
    config = re.sub(
        r"(?m)^  language: en$",
        f"  language: {language}" + ("\n  direction: rtl" if language in RIGHT_TO_LEFT else ""),
        config,
    )
    config = re.sub(r"(?m)^site_name: .*$", "site_name: Lorem", config)
    config = re.sub(r"(?ms)^site_description: >-\n(  .*?\n)+", "site_description: Ipsum dolor.\n", config)
    config = re.sub(r"(?m)^copyright: .*$", "copyright: Lorem", config)
    config = re.sub(r"(?m)^  - Home: index.md$", "  - Domus: index.md", config)
    config = re.sub(r"(?m)^  - Topics: topics.md$", "  - Res: topics.md", config)
    assert f"language: {language}" in config and "Domus" in config and "Lorem" in config
    config_path.write_text(config, encoding="utf-8")
    for page in ("index.md", "topics.md"):  # the pages' own prose is the fork's: filler too
        path = project / "docs" / page
        front_matter = path.read_text(encoding="utf-8").split("\n---\n")[0]
        path.write_text(f"{front_matter}\n---\n\n# Lorem\n\nIpsum dolor sit amet.\n", encoding="utf-8")
    return build_ok(project, base / "site")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {language: build(tmp_path_factory.mktemp(f"site-{language}"), language) for language in LANGUAGES}


# The words of a page a reader hears or reads: its text and the attributes that carry words.
def words_of(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "svg"]):
        hidden.decompose()
    parts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        parts += [said(str(value)) for name, value in element.attrs.items() if not NOT_WORDS.match(name)]
    return "\n".join(parts)


# An attribute's words; a script's JSON (plural forms, the export's headings) as its texts.
def said(value: str) -> str:
    if value.startswith("{"):
        try:
            return "\n".join(str(text) for text in json.loads(value).values())
        except ValueError:
            pass
    return value


def feed_words(xml: str) -> str:
    return " ".join(
        text for element in ET.fromstring(xml).iter() for text in (element.text, element.tail) if text
    )


# The fixed words of an entry: the text between its {blanks} that has a letter in it.
def fragments(entry: str | dict[str, str]) -> list[str]:
    forms = entry.values() if isinstance(entry, dict) else [entry]
    return [
        part.strip()
        for form in forms
        for part in strings.BLANK.split(form)[::2]
        if re.search(r"[^\W\d_]", part)
    ]


# Whether `text` has `fragment` as whole words ("Print" is not in "Printed").
def shows(fragment: str, text: str) -> bool:
    start = r"(?<!\w)" if re.match(r"\w", fragment) else ""
    end = r"(?!\w)" if re.search(r"\w$", fragment) else ""
    return re.search(start + re.escape(fragment) + end, text) is not None


def site_words(site: Path) -> dict[str, str]:
    found = {name: words_of((site / path).read_text(encoding="utf-8")) for name, path in PAGES.items()}
    found["feed"] = feed_words((site / "feed.xml").read_text(encoding="utf-8"))
    return found


def test_the_english_build_shows_the_catalogue_where_the_scan_looks(sites: dict[str, Path]) -> None:
    pages = site_words(sites["en"])
    every_word = "\n".join(pages.values())
    forms = lambda entry: entry.values() if isinstance(entry, dict) else [entry]  # noqa: E731
    missing = [
        key
        for key, entry in ENGLISH.items()
        if key not in NOT_ON_THESE_PAGES
        and not any(all(shows(f, every_word) for f in fragments(form)) for form in forms(entry))
    ]
    assert missing == []
    assert "Lorem ipsum 1" in pages["home"] and "Nemo enim ipsam voluptatem" in pages["sheet"]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_english_words_of_the_guide_in_another_language(sites: dict[str, Path], language: str) -> None:
    own = strings.read_catalogue(strings.catalogue_path(language))
    # A word the language writes the same way ("(optional)" in German) is its own.
    own_words = "\n".join(str(entry) for entry in own.values())
    english = {
        (key, fragment)
        for key, entry in ENGLISH.items()
        for fragment in fragments(entry)
        if key != "date_format" and not shows(fragment, own_words)
    }
    found = {
        page: sorted({f"{key}: {fragment!r}" for key, fragment in english if shows(fragment, text)})
        for page, text in site_words(sites[language]).items()
    }
    assert {page: hits for page, hits in found.items() if hits} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_and_feed_say_which_language_they_are_in(sites: dict[str, Path], language: str) -> None:
    site = sites[language]
    for name, path in PAGES.items():
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == language, name
        assert soup.body["dir"] == ("rtl" if language in RIGHT_TO_LEFT else "ltr"), name
    feed = ET.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_counts_and_plurals_follow_the_language(sites: dict[str, Path], language: str) -> None:
    words = strings.load(language)
    home = BeautifulSoup((sites[language] / "index.html").read_text(encoding="utf-8"), "html.parser")
    meta = home.select_one(".guide-articles__meta").get_text(" ", strip=True)
    newest = yaml.safe_load(filler(ARTICLE_COUNT))
    assert words.date(newest["published"]) in meta
    assert words.text("list.checklist_items", n=3) in meta
    assert words.text("home.all_articles", n=ARTICLE_COUNT) == home.select_one(
        ".guide-articles__more a"
    ).get_text(strip=True)
    article = BeautifulSoup((sites[language] / PAGES["article"]).read_text(encoding="utf-8"), "html.parser")
    status = article.select_one("[data-guide-progress-status]")
    assert status.get_text(strip=True) == words.text("progress.count", done=0, total=3)
    assert status["data-count"] == words.text("progress.count", total=3)


def test_a_fork_overrides_one_string_without_touching_a_template(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  language: en\n", "  language: de\n")
    text = text.replace("extra:\n", 'extra:\n  guide_strings:\n    email.title: "Schreib deine Mail"\n', 1)
    config.write_text(text, encoding="utf-8")
    site = build_ok(project, tmp_path / "site")
    html = next((site / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    assert "Schreib deine Mail" in html and "Ihre E-Mail schreiben" not in html
    assert "Checkliste drucken" in html  # the rest is still the German catalogue's
