"""The guide's own words in the site's language: one catalogue per language, English underneath.

A catalogue is one YAML file, ``guide_core/locales/<language>.yml``, chosen by
``theme.language`` in ``mkdocs.yml`` (``pt-BR`` looks for ``pt-BR.yml``, then ``pt.yml``). A
string missing from it is taken from ``en.yml``; a fork can replace single strings with
``extra.guide_strings`` in ``mkdocs.yml`` (dotted keys, as below) without copying a template.

Entries are nested by the part of the guide that shows them and flattened to dotted keys
(``progress.reset``). ``{name}`` marks a blank: the build fills the ones it knows and leaves the
others (``{done}``, ``{n}``, ...) for the browser. An entry that depends on a number is a
mapping of CLDR plural categories (``one``, ``other``, and ``zero``/``two``/``few``/``many``
where the language has them) and is chosen by Babel's plural rules (the browser's
``Intl.PluralRules`` agree: both are CLDR's). Dates use the catalogue's ``date_format`` (a
CLDR pattern, month names from Babel), numbers the language's digits and separators.

Author messages (build errors, ``make check``) are not here: they stay in English.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from . import source
from .problems import Problem
from .schema import describe

LOCALES = Path(__file__).with_name("locales")
FALLBACK = "en"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
BLANK = re.compile(r"{(\w+)}")

Entry = str | dict[str, str]


@dataclass(frozen=True)
class Strings:
    """The words of one language, with English under them, ready for the templates."""

    language: str  # as theme.language gives it: "de", "pt-BR"
    locale: Locale
    entries: Mapping[str, Entry]
    catalogue: Path | None = None  # the language's own file; None: English words, with a warning

    # The text of `key` with the blanks in `values` filled in (numbers in the language's
    # digits); a plural entry is chosen by `n`. Escaped, as Markup: a value that is Markup
    # (a <time>, a link) goes in as it is.
    def t(self, key: str, /, **values: Any) -> Markup:
        return Markup(
            _fill(
                str(escape(self._chosen(key, values))),
                {name: self._html(value) for name, value in values.items()},
            )
        )

    # The same, as plain text (page titles, the feed's attributes).
    def text(self, key: str, /, **values: Any) -> str:
        return _fill(self._chosen(key, values), {name: self._plain(value) for name, value in values.items()})

    # A plural entry's forms by category, for the browser to choose from (Intl.PluralRules),
    # with the blanks in `values` filled in and {n} left for it.
    def forms(self, key: str, /, **values: Any) -> dict[str, str]:
        entry = self._entry(key)
        forms = entry if isinstance(entry, dict) else {"other": entry}
        return {
            category: _fill(form, {name: self._plain(value) for name, value in values.items()})
            for category, form in forms.items()
        }

    def date(self, day: datetime.date) -> str:
        return format_date(day, format=str(self._entry("date_format")), locale=self.locale)

    def number(self, n: int | float) -> str:
        return format_decimal(n, locale=self.locale)

    # "a, b and c" in the language's own way.
    def join(self, items: Iterable[str]) -> str:
        items = [str(item) for item in items]
        return format_list(items, locale=self.locale) if items else ""

    # The plural category of `n` in this language: "one", "few", "other", ...
    def category(self, n: int | float) -> str:
        return self.locale.plural_form(n)

    def _entry(self, key: str) -> Entry:
        try:
            return self.entries[key]
        except KeyError:
            raise KeyError(
                f"no string {key!r} in the guide's catalogue ({LOCALES / (FALLBACK + '.yml')})"
            ) from None

    def _chosen(self, key: str, values: Mapping[str, Any]) -> str:
        entry = self._entry(key)
        if isinstance(entry, str):
            return entry
        if "n" not in values:
            raise KeyError(f"the string {key!r} has plural forms: give it n")
        return entry.get(self.category(values["n"]), entry["other"])

    def _plain(self, value: Any) -> str:
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, (int, float)):
            return self.number(value)
        if isinstance(value, datetime.date):
            return self.date(value)
        return str(value)

    def _html(self, value: Any) -> str:
        return str(value) if isinstance(value, Markup) else str(escape(self._plain(value)))


# The strings of `language` (theme.language), English for what its catalogue lacks, and a
# fork's own `overrides` (extra.guide_strings: dotted key -> text or plural forms) over both.
def load(
    language: str | None, overrides: Mapping[str, Any] | None = None, *, folder: Path = LOCALES
) -> Strings:
    language = language or FALLBACK
    entries = dict(read_catalogue(folder / f"{FALLBACK}.yml"))
    path = catalogue_path(language, folder)
    own = read_catalogue(path) if path is not None and path.stem != FALLBACK else {}
    if path is None or (path.stem != FALLBACK and "date_format" not in own):
        # No pattern of its own: the language's usual date (CLDR's medium form, "2017/10/05" in
        # Japanese), not English's order with the language's month names ("5 10月 2017").
        entries["date_format"] = "medium"
    # `problems` refuses a catalogue entry of another kind than English's (plural forms for a
    # plain string: a KeyError in the template); `mkdocs serve` shows that and goes on, with
    # English's entry in its place.
    entries.update((key, value) for key, value in own.items() if _same_kind(value, entries.get(key)))
    for key, value in (overrides or {}).items():
        if key not in entries:
            raise ValueError(
                f"extra.guide_strings: {key!r} is not a string of the guide (see "
                f"{folder / (FALLBACK + '.yml')})"
            )
        checked = _checked_entry(value, f"extra.guide_strings: {key}")
        if not _same_kind(checked, entries[key]):
            raise ValueError(
                f"extra.guide_strings: {key}: expected "
                f"{'plural forms' if isinstance(entries[key], dict) else 'text'}, as English has"
            )
        entries[key] = checked
    return Strings(language=language, locale=babel_locale(language), entries=entries, catalogue=path)


# The strings `load` gives, or English's where the catalogue or the overrides cannot be read
# (site_files.site_problems says why, at the line).
def load_or_english(language: str | None, overrides: Mapping[str, Any] | None = None) -> Strings:
    try:
        return load(language, overrides)
    except (ValueError, yaml.YAMLError):
        return load(None)


# What a build says when the guide has no catalogue for theme.language: shown in English.
def missing_catalogue_notice(language: str) -> str:
    return (
        f"theme.language is {language!r}, and the guide has no catalogue for it "
        f"(guide_core/locales/{language}.yml): "
        "its own words (buttons, messages, the printable sheet) are shown in English. "
        "TRANSLATING.md says how to add the catalogue."
    )


# The catalogue file for `language`: exact ("pt-BR"), then its base language ("pt"), else None.
def catalogue_path(language: str, folder: Path = LOCALES) -> Path | None:
    for name in (language, re.split(r"[-_]", language)[0]):
        path = folder / f"{name}.yml"
        if path.is_file():
            return path
    return None


# Babel's locale for a theme.language code; English when Babel does not know it.
def babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK)


# The plural categories a language's entries need: CLDR's for it, and always "other".
def plural_categories(language: str) -> set[str]:
    return set(babel_locale(language).plural_form.tags) | {"other"}


# A catalogue file as flat dotted keys (cached: every page asks). Read after `problems` has
# found none; a plural entry is a mapping of plural categories that holds "other".
@lru_cache(maxsize=32)
def read_catalogue(path: Path) -> dict[str, Entry]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=source.SAFE_LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of strings")
    return dict(_flatten(data, "", path))


def _flatten(data: Mapping[str, Any], prefix: str, path: Path) -> Iterable[tuple[str, Entry]]:
    for name, value in data.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict) and not _is_plural(value):
            yield from _flatten(value, f"{key}.", path)
        else:
            yield key, _checked_entry(value, f"{path}: {key}")


# Both text, or both plural forms (a key English does not have: never).
def _same_kind(value: Entry, english: Entry | None) -> bool:
    return english is not None and isinstance(value, dict) == isinstance(english, dict)


def _is_plural(value: Mapping[str, Any]) -> bool:
    return "other" in value and set(value) <= set(PLURAL_CATEGORIES)


def _checked_entry(value: Any, where: str) -> Entry:
    if isinstance(value, str):
        return value
    if (
        isinstance(value, dict)
        and _is_plural(value)
        and all(isinstance(form, str) for form in value.values())
    ):
        return dict(value)
    raise ValueError(
        f"{where}: expected text, or plural forms ({', '.join(PLURAL_CATEGORIES)}; 'other' required)"
    )


# ---------------------------------------------------------------------------------------------
# The checks: a fork's catalogue and its extra.guide_strings, held to English's entries


def problems(
    language: str | None,
    overrides: Mapping[str, Any] | None,
    *,
    override_at: Callable[[str], tuple[str, int, int]],
    shown: Callable[[Path], str] = str,
    folder: Path = LOCALES,
) -> list[Problem]:
    """Every problem in the catalogue of `language` and in `overrides`, each at its line:
    YAML that does not read, a key the guide does not have, text where English has plural
    forms (or the reverse), forms without "other", a {blank} English does not have, a date
    pattern CLDR cannot read. `override_at(key)` says where mkdocs.yml sets an override."""
    reference = read_catalogue(folder / f"{FALLBACK}.yml")
    english = shown(folder / f"{FALLBACK}.yml")
    language = language or FALLBACK
    found: list[Problem] = []
    path = catalogue_path(language, folder)
    if path is not None and path.stem != FALLBACK:
        try:
            document = source.parse(
                path.read_bytes(),
                empty=f"the catalogue is empty: translate the strings of {english} into it "
                "(TRANSLATING.md), or delete it to build with English words",
            )
        except source.SourceError as error:
            return [Problem(shown(path), error.position.line, error.position.column, "", error.message)]
        if not isinstance(document.data, dict):
            return [
                Problem(
                    shown(path),
                    1,
                    1,
                    "",
                    f"expected the guide's strings as fields nested as in {english} (progress:, "
                    f"then reset: indented under it), got {describe(document.data)}",
                )
            ]
        for key, value, where in _entries(document, reference):
            line, column = document.position(where, key=key not in reference)
            found += [
                Problem(shown(path), line, column, key, message)
                for message in entry_problems(key, value, reference, language, keys_in=english)
            ]
    if overrides is not None and not isinstance(overrides, Mapping):
        file, line, column = override_at("")
        return [
            *found,
            Problem(
                file,
                line,
                column,
                "extra.guide_strings",
                "expected strings by key, like 'progress.reset: Start again'",
            ),
        ]
    for key, value in (overrides or {}).items():
        file, line, column = override_at(str(key))
        found += [
            Problem(file, line, column, f"extra.guide_strings.{key}", message)
            for message in entry_problems(str(key), value, reference, language, keys_in=english)
        ]
    return found


# A catalogue's entries as (dotted key, value, path in the file), nested as English nests them.
def _entries(
    document: source.Document, reference: Mapping[str, Entry]
) -> Iterator[tuple[str, Any, source.Path]]:
    def walk(value: Any, path: source.Path) -> Iterator[tuple[str, Any, source.Path]]:
        key = ".".join(map(str, path))
        if (
            isinstance(value, dict)
            and path
            and (key in reference or not any(other.startswith(key + ".") for other in reference))
        ):
            yield key, value, path  # an entry (a plural one, or one English does not have)
        elif isinstance(value, dict):
            for name, item in value.items():
                yield from walk(item, (*path, name))
        else:
            yield key, value, path

    if not isinstance(document.data, dict):
        yield "", document.data, ()
        return
    yield from walk(document.data, ())


def entry_problems(
    key: str,
    value: Any,
    reference: Mapping[str, Entry],
    language: str,
    *,
    keys_in: str = f"guide_core/locales/{FALLBACK}.yml",
) -> list[str]:
    """What is wrong with `value` as the guide's string `key` (nothing: an empty list).
    `keys_in` names English's catalogue, where the keys are."""
    if key not in reference:
        groups = {
            other.rsplit(".", depth)[0] for other in reference for depth in range(1, other.count(".") + 1)
        }
        close = get_close_matches(key, sorted({*reference, *groups}), n=1)
        return [
            f"{key!r} is not a string of the guide"
            + (
                f": did you mean {close[0]!r}? (the keys are in {keys_in})"
                if close
                else f": the keys are in {keys_in}"
            )
        ]
    english = reference[key]
    if isinstance(english, str):
        if isinstance(value, dict) and value and set(value) <= set(PLURAL_CATEGORIES):
            return [f"this string has no plural forms: write one text, as English has ({english!r})"]
        if not isinstance(value, str):
            return [f"expected text, as English has ({english!r}), got {describe(value)}"]
        forms = {"": value}
    else:
        if not isinstance(value, dict):
            return [f"expected plural forms ({', '.join(english)}: one text for each), got {describe(value)}"]
        odd = [name for name in value if name not in PLURAL_CATEGORIES]
        if odd:
            return [
                f"{odd[0]!r} is not a plural form: the forms are {', '.join(PLURAL_CATEGORIES)} "
                f"({', '.join(sorted(plural_categories(language)))} in this language)"
            ]
        if "other" not in value:
            return ["plural forms need 'other' (the form used for any number the others do not cover)"]
        wrong = next((name for name, form in value.items() if not isinstance(form, str)), None)
        if wrong is not None:
            return [f"the form {wrong!r} should be text, got {describe(value[wrong])}"]
        forms = value
    known = set(BLANK.findall(" ".join(english.values()) if isinstance(english, dict) else english))
    found = []
    for form in forms.values():
        for blank in BLANK.findall(form):
            if blank not in known:
                has = ", ".join(f"{{{name}}}" for name in sorted(known)) or "none"
                found.append(
                    f"{{{blank}}} is not a blank of this string (it has {has}): the page would "
                    "show it as it is"
                )
    if key == "date_format" and not found:
        try:
            format_date(datetime.date(2017, 10, 5), format=value, locale=babel_locale(language))
        except (ValueError, KeyError, TypeError) as error:
            found.append(
                f"{value!r} is not a date pattern CLDR can read ({error}): see "
                "https://cldr.unicode.org (like 'd MMM y'), or write medium"
            )
    return found


# `text` with each {name} in `values` replaced; other blanks stay for the browser.
def _fill(text: str, values: Mapping[str, str]) -> str:
    return BLANK.sub(lambda match: values.get(match[1], match[0]), text)
