"""The template's examples follow the format: a text field added to the schema and written in the
skeleton is an example a copied template is checked for, with no list of fields to keep beside it."""

from __future__ import annotations

import copy

import pytest

from guide_core import schema, source, template


@pytest.mark.parametrize("kind", template.OWN_WORDS)
def test_a_text_field_added_to_the_format_is_an_example_to_replace(kind: str) -> None:
    article_schema = copy.deepcopy(schema.schema())
    article_schema["$defs"]["section"]["properties"]["takeaway"] = {"$ref": f"#/$defs/{kind}"}
    data = source.parse(template.template_text()).data
    data["sections"][0]["takeaway"] = "Write the one thing a reader should remember here."
    assert "Write the one thing a reader should remember here." in template.examples_in(data, article_schema)


def test_every_text_in_the_authors_own_words_of_the_skeleton_is_an_example() -> None:
    data = source.parse(template.template_text()).data
    examples = set(template.example_texts())
    for section in data["sections"]:
        assert section["heading"] in examples and section["body"].strip() in examples
        assert all(item["text"] in examples for item in section.get("checklist", []))
    assert data["summary"] in examples and data["intro"].strip() in examples
    assert data["title"] not in examples  # said by its own message
    assert not examples & {data["slug"], *data["tags"], *(s["id"] for s in data["sections"])}  # not words
