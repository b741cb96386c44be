"""The JSON Schema: a valid schema, described for non-programmers, and wired into every article."""

from __future__ import annotations

import jsonschema

from guide_core import scaffold
from guide_core import schema as article_schema
from support import ROOT


def walk_properties(node, path=""):
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}".lstrip("."), sub
        for key, value in node.items():
            if key != "properties":
                yield from walk_properties(value, path)
    elif isinstance(node, list):
        for item in node:
            yield from walk_properties(item, path)


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(article_schema.schema())


def test_every_field_has_a_description_and_an_expectation() -> None:
    schema = article_schema.schema()
    for name, sub in walk_properties(schema):
        assert sub.get("description"), f"field {name} has no description for authors"
    # Every field path an author can write resolves to wording for its error messages.
    for path in [
        ("slug",),
        ("sections", 0, "checklist", 0, "id"),
        ("email", "fields", 0, "kind"),
        ("tags", 0),
    ]:
        assert article_schema._schema_at(path).get("x-expected"), path


def test_a_new_article_points_editors_at_the_schema() -> None:
    # `make article` writes the skeleton into docs/articles/: from there, its first line
    # must lead an editor's YAML extension to the schema the checks use.
    first = (ROOT / "guide_core/article-skeleton.yml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (
        ROOT / scaffold.ARTICLES_FOLDER / first.removeprefix(prefix)
    ).resolve() == article_schema.SCHEMA_PATH.resolve()
