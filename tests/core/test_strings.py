"""The guide's catalogues (guide_core/locales/): complete, in the language's plural forms, and
read the way a fork and a translator expect (English under a missing string, single overrides)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from markupsafe import Markup

from guide_core import strings

CATALOGUES = sorted(strings.LOCALES.glob("*.yml"))
ENGLISH = strings.read_catalogue(strings.LOCALES / "en.yml")


def test_english_german_spanish_and_a_right_to_left_language_ship() -> None:
    shipped = {path.stem for path in CATALOGUES}
    assert {"en", "de", "es"} <= shipped
    assert any(strings.babel_locale(language).character_order == "right-to-left" for language in shipped)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_every_catalogue_has_every_string_of_the_english_one_and_no_other(path: Path) -> None:
    entries = strings.read_catalogue(path)
    assert sorted(set(ENGLISH) - set(entries)) == [], "missing: English shows for these"
    assert sorted(set(entries) - set(ENGLISH)) == [], "not strings of the guide (a typo in a key?)"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_plural_entries_have_exactly_the_forms_the_language_needs(path: Path) -> None:
    needed = strings.plural_categories(path.stem)
    entries = strings.read_catalogue(path)
    plural_keys = {key for key, entry in ENGLISH.items() if isinstance(entry, dict)}
    assert plural_keys, "the English catalogue has no plural entries: nothing was checked"
    wrong = {
        key: sorted(entries[key])
        for key in plural_keys
        if not isinstance(entries[key], dict) or set(entries[key]) != needed
    }
    assert wrong == {}, f"{path.stem} needs the forms {sorted(needed)}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.stem)
def test_translations_keep_the_blanks_the_guide_fills_in(path: Path) -> None:
    entries = strings.read_catalogue(path)
    wrong = {}
    for key, english in ENGLISH.items():
        blanks = {name for form in _forms(english) for name in strings.BLANK.findall(form)} - {"n"}
        for category, form in _forms_by_category(entries[key]).items():
            # A form may leave out {n} ("one item"), never another blank.
            if set(strings.BLANK.findall(form)) - {"n"} != blanks:
                wrong[f"{key}.{category}"] = form
    assert wrong == {}


def test_a_language_without_a_catalogue_is_english_and_a_regional_one_falls_back_to_its_base() -> None:
    assert strings.load("fi").t("article.draft") == "Draft"
    assert strings.catalogue_path("de-AT") == strings.LOCALES / "de.yml"
    assert strings.load("de-AT").t("article.draft") == "Entwurf"


def test_a_string_missing_from_a_catalogue_is_taken_from_english(tmp_path: Path) -> None:
    (tmp_path / "en.yml").write_text(
        (strings.LOCALES / "en.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "xx.yml").write_text("article:\n  draft: Xdraft\n", encoding="utf-8")
    words = strings.load("xx", folder=tmp_path)
    assert words.t("article.draft") == "Xdraft"
    assert words.t("article.print_link") == "Print the checklist"


def test_a_fork_overrides_single_strings_and_a_wrong_key_is_named() -> None:
    words = strings.load(
        "de", {"article.draft": "Rohfassung", "email.words": {"one": "ein Wort", "other": "{n} Wörter"}}
    )
    assert words.t("article.draft") == "Rohfassung"
    assert words.t("email.words", n=1) == "ein Wort"
    with pytest.raises(ValueError, match="artcle.draft"):
        strings.load("de", {"artcle.draft": "x"})
    with pytest.raises(ValueError, match="plural forms"):
        strings.load("de", {"email.words": {"one": "x"}})


def test_dates_numbers_lists_and_plurals_follow_the_language() -> None:
    day = datetime.date(2017, 10, 5)
    assert strings.load("en").date(day) == "5 Oct 2017"
    assert strings.load("de").date(day) == "5. Okt. 2017"
    assert strings.load("es").date(day) == "5 oct 2017"
    assert "أكتوبر" in strings.load("ar").date(day)
    assert strings.load("en").t("list.checklist_items", n=1) == "1 checklist item"
    assert strings.load("en").t("list.checklist_items", n=11) == "11 checklist items"
    assert strings.load("de").t("list.checklist_items", n=1234) == "1.234 Punkte zum Abhaken"
    arabic = strings.load("ar")
    assert arabic.t("list.checklist_items", n=2) == "بندان للتأشير"
    assert arabic.t("list.checklist_items", n=3) == "3 بنود للتأشير"
    assert arabic.t("list.checklist_items", n=11) == "11 بندًا للتأشير"
    assert strings.load("de").join(["A", "B", "C"]) == "A, B und C"


def test_blanks_the_build_does_not_know_are_left_for_the_browser_and_text_is_escaped() -> None:
    words = strings.load("en")
    assert words.t("progress.count", total=11) == "{done} of 11 done"
    assert words.forms("email.words_limited", limit=150) == {
        "one": "{n} word (keep it under 150)",
        "other": "{n} words (keep it under 150)",
    }
    assert words.t("checklist.legend", heading="<b>&") == "Checklist: &lt;b&gt;&amp;"
    assert words.t("article.published", date=Markup("<time>x</time>")) == "Published <time>x</time>"
    with pytest.raises(KeyError, match="no.such"):
        words.t("no.such")


def _forms(entry: strings.Entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def _forms_by_category(entry: strings.Entry) -> dict[str, str]:
    return entry if isinstance(entry, dict) else {"text": entry}
