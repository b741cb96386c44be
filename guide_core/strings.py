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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from markupsafe import Markup, escape

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
        return Markup(_fill(str(escape(self._chosen(key, values))), {name: self._html(value) for name, value in values.items()}))

    # The same, as plain text (page titles, the feed's attributes).
    def text(self, key: str, /, **values: Any) -> str:
        return _fill(self._chosen(key, values), {name: self._plain(value) for name, value in values.items()})

    # A plural entry's forms by category, for the browser to choose from (Intl.PluralRules),
    # with the blanks in `values` filled in and {n} left for it.
    def forms(self, key: str, /, **values: Any) -> dict[str, str]:
        entry = self._entry(key)
        forms = entry if isinstance(entry, dict) else {"other": entry}
        return {category: _fill(form, {name: self._plain(value) for name, value in values.items()}) for category, form in forms.items()}

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
            raise KeyError(f"no string {key!r} in the guide's catalogue ({LOCALES / (FALLBACK + '.yml')})") from None

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
def load(language: str | None, overrides: Mapping[str, Any] | None = None, *, folder: Path = LOCALES) -> Strings:
    language = language or FALLBACK
    entries = dict(read_catalogue(folder / f"{FALLBACK}.yml"))
    path = catalogue_path(language, folder)
    own = read_catalogue(path) if path is not None and path.stem != FALLBACK else {}
    if path is None or (path.stem != FALLBACK and "date_format" not in own):
        # No pattern of its own: the language's usual date (CLDR's medium form, "2017/10/05" in
        # Japanese), not English's order with the language's month names ("5 10月 2017").
        entries["date_format"] = "medium"
    entries.update(own)
    for key, value in (overrides or {}).items():
        if key not in entries:
            raise ValueError(f"extra.guide_strings: {key!r} is not a string of the guide (see {folder / (FALLBACK + '.yml')})")
        entries[key] = _checked_entry(value, f"extra.guide_strings: {key}")
    return Strings(language=language, locale=babel_locale(language), entries=entries, catalogue=path)


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


# A catalogue file as flat dotted keys (cached: every page asks).
@lru_cache(maxsize=32)
def read_catalogue(path: Path) -> dict[str, Entry]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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


def _is_plural(value: Mapping[str, Any]) -> bool:
    return "other" in value and set(value) <= set(PLURAL_CATEGORIES)


def _checked_entry(value: Any, where: str) -> Entry:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and _is_plural(value) and all(isinstance(form, str) for form in value.values()):
        return dict(value)
    raise ValueError(f"{where}: expected text, or plural forms ({', '.join(PLURAL_CATEGORIES)}; 'other' required)")


# `text` with each {name} in `values` replaced; other blanks stay for the browser.
def _fill(text: str, values: Mapping[str, str]) -> str:
    return BLANK.sub(lambda match: values.get(match[1], match[0]), text)
