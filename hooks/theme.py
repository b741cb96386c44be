"""What hooks/guide.py gives the theme's templates besides each page's context: the guide's words
and ids in the Jinja environment, Material's file of words, and values Material prints raw.

Imported by guide.py after it has put the core (``guide_core``, beside ``hooks/``) on ``sys.path``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup, escape

from guide_core import page_ids, site, strings

if TYPE_CHECKING:
    from jinja2 import Environment

# Templates MkDocs renders as pages of their own (theme.static_templates), when the site has an address.
FEED = "feed.xml"
MANIFEST = "manifest.webmanifest"  # the guide as a web app a phone reader adds to the home screen


# The templates' words come from the catalogue of theme.language (guide_core/strings.py):
# guide_t("key", name=value) for HTML, guide_text for plain text (JSON), guide_forms("key") for
# the plural forms a script chooses from, filters for dates, numbers and lists; and
# guide_id("item", item.id), the only way a template spells an id (guide_core/page_ids.py).
def with_strings(env: Environment, words: strings.Strings, language: str) -> Environment:
    env.globals.update(
        guide_t=words.t, guide_text=words.text, guide_forms=words.forms, guide_id=page_ids.page_id
    )
    env.globals["guide_material_language"] = material_language(env, language)
    env.filters.update(guide_date=words.date, guide_number=words.number, guide_list=words.join)
    return env


# Material's file of words for `language`: exact ("pt-BR"), else its base ("pt"), else English.
def material_language(env: Environment, language: str) -> str:
    for name in (language, re.split(r"[-_]", language)[0]):
        try:
            env.get_template(f"partials/languages/{name}.html")
            return name
        except jinja2.TemplateNotFound:
            continue
    return "en"


# A page's meta as Material reads it: it prints page.meta values into HTML unescaped, so each
# text is given escaped.
def escaped_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    return {name: Markup(escape(value)) if isinstance(value, str) else value for name, value in meta.items()}


@dataclass(frozen=True)
class Link:
    """A neighbour as Material's footer reads page.previous_page / next_page (it prints the title raw)."""

    title: Markup
    url: str

    @classmethod
    def of(cls, neighbour: site.Neighbour | None) -> Link | None:
        return cls(Markup(escape(neighbour.title)), neighbour.url) if neighbour else None
