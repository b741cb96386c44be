"""The ids the guide writes into a page (page_ids.page_id, the templates' guide_id) against every
other id a page can hold: random author ids the format accepts, every kind of generated id the
templates use, the ids Markdown's toc gives headings, and Material's own (__config, __drawer...).
No two (kind, author id) give the same id, and none is an author's, a heading's or Material's."""

from __future__ import annotations

import re
from pathlib import Path

import material
from hypothesis import example, given
from hypothesis import strategies as st
from markdown.extensions.toc import slugify

from guide_core import page_ids, schema
from support import ROOT

TEMPLATES = sorted((ROOT / "overrides").rglob("*.html"))
_CALL = re.compile(r"""guide_id\(\s*(['"])([^'"]*)\1\s*([,)])""")


def _calls() -> list[tuple[str, bool]]:
    """Every guide_id(...) in the templates: (kind, made from an author's id or name?)."""
    return [
        (match[2], match[3] == ",")
        for path in TEMPLATES
        for match in _CALL.finditer(path.read_text(encoding="utf-8"))
    ]


CALLS = _calls()
KINDS_OF_AUTHOR_IDS = sorted({kind for kind, made_from in CALLS if made_from})
OWN_KINDS = sorted({kind for kind, made_from in CALLS if not made_from})
# Email fields are named by the format's field_name (contact_email), the other kinds by its id.
NAMED_BY_FIELD = {"email", "email-hint", "email-fed"}

# Material's ids: those its templates write (__palette_0 stands for __palette_{{ loop.index0 }}),
# and the ones its bundle reads or makes.
_MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
MATERIAL_IDS = {
    re.sub(r"\{\{.*?\}\}", "0", match[1])
    for path in _MATERIAL_TEMPLATES.rglob("*.html")
    for match in re.finditer(r"""\b(?:id|for)="(__[^"]*)\"""", path.read_text(encoding="utf-8"))
} | {
    "__config",
    "__drawer",
    "__search",
    "__toc",
    "__consent",
    "__settings",
    "__analytics",
    "__palette_0",
    "__palette_1",
    "__tabs",
    "__code_0",
    "__nav_1",
}

author_ids = st.from_regex(schema.pattern("id"), fullmatch=True)
field_names = st.from_regex(schema.pattern("field_name"), fullmatch=True)


@st.composite
def generated(draw: st.DrawFn) -> tuple[str, str | None]:
    """A (kind, author id) the templates can ask for; None: the page's own id of that kind."""
    kind = draw(st.sampled_from([*KINDS_OF_AUTHOR_IDS, *OWN_KINDS]))
    if kind in OWN_KINDS and (kind not in KINDS_OF_AUTHOR_IDS or draw(st.booleans())):
        return kind, None
    return kind, draw(field_names if kind in NAMED_BY_FIELD else author_ids)


def test_the_templates_ask_for_ids_only_through_guide_id_with_a_written_kind() -> None:
    written = sum(path.read_text(encoding="utf-8").count("guide_id(") for path in TEMPLATES)
    assert written == len(CALLS), "a guide_id( call whose kind is not written out: add it here"
    assert {"item", "note", "note-hint", "sheet", "sheet-item"} <= set(KINDS_OF_AUTHOR_IDS)
    assert {"email-title", "sheet-title"} <= set(OWN_KINDS)
    assert NAMED_BY_FIELD <= set(KINDS_OF_AUTHOR_IDS)
    assert {"__config", "__drawer", "__search", "__toc"} <= MATERIAL_IDS


def test_page_ids_reads_the_format_s_own_id_pattern() -> None:
    assert page_ids.AUTHOR_ID is schema.pattern("id")


@given(generated(), generated())
@example(("note", "x-hint"), ("note-hint", "x"))  # a prompt x with a hint, and a prompt x-hint
@example(("item", "x"), ("sheet-item", "x"))
@example(("sheet", "item--x"), ("sheet-item", "x"))
@example(("email", "a_b"), ("email-hint", "b"))
def test_no_two_kinds_and_ids_give_the_same_page_id(
    first: tuple[str, str | None], second: tuple[str, str | None]
) -> None:
    assert (page_ids.page_id(*first) == page_ids.page_id(*second)) == (first == second)


@given(generated())
def test_a_generated_id_is_never_an_author_s_a_heading_s_or_material_s(asked: tuple[str, str | None]) -> None:
    made = page_ids.page_id(*asked)
    assert page_ids.SEPARATOR in made and made.startswith("guide")
    assert not page_ids.AUTHOR_ID.fullmatch(made), "an author could write this id"
    assert not schema.pattern("id").fullmatch(made)
    assert made not in MATERIAL_IDS and not made.startswith("_")


@given(st.text(max_size=80))
@example("Guide -- item -- x")
@example("guide-item--x")
def test_a_heading_s_id_never_holds_the_separator(heading: str) -> None:
    assert page_ids.SEPARATOR not in slugify(heading, "-")


@given(author_ids)
def test_an_id_the_format_accepts_is_one_a_page_may_hold(found: str) -> None:
    assert page_ids.id_problem(page_ids.AuthorId(found, 0, True)) is None
    assert found not in MATERIAL_IDS
