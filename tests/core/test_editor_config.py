"""The editor's configuration (guide_core/editor_config.py) held to the article format.

Every check walks the schema, never a list of fields written here: a property of the schema
with no field in the form fails, and so does a field of the form the schema does not have, a
bound or pattern the form does not carry, or one it carries differently.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from editor import LOCAL_PORT, bundle_files, copy_bundle, local_backend
from guide_core import editor_config
from guide_core.schema import schema as article_schema
from support import ROOT, SEED_FILE

Path = tuple[str, ...]


def schema_copy() -> dict[str, Any]:
    return copy.deepcopy(article_schema())


def fields_of(config: dict[str, Any]) -> list[dict[str, Any]]:
    (collection,) = config["collections"]
    return collection["fields"]


# Every property of the schema: (path of names, the property as written, its parent's object
# schema resolved, is it required there, is any object above it optional).
def properties(root: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any], dict[str, Any], bool, bool]]:
    def walk(node: dict[str, Any], path: Path, optional_above: bool) -> Iterator[Any]:
        node = editor_config.resolved(root, node)
        for name, prop in node.get("properties", {}).items():
            required = name in node.get("required", ())
            yield path + (name,), prop, node, required, optional_above
            merged = editor_config.resolved(root, prop)
            if merged.get("type") == "object":
                yield from walk(prop, path + (name,), optional_above or not required)
            elif (
                merged.get("type") == "array"
                and editor_config.resolved(root, merged.get("items", {})).get("type") == "object"
            ):
                # An item exists only once added: what it requires, Decap asks of it.
                yield from walk(merged["items"], path + (name,), False)

    yield from walk(root, (), False)


# The form's field at a path of names, and its scalar list's inner field for (path + ("[]",)).
def field_at(config: dict[str, Any], path: Path) -> dict[str, Any]:
    fields = fields_of(config)
    field: dict[str, Any] = {}
    for step in path:
        matches = [candidate for candidate in fields if candidate["name"] == step]
        assert len(matches) == 1, f"the form has {len(matches)} fields {step!r} at {'.'.join(path)}"
        field = matches[0]
        fields = field.get("fields", [])
    return field


def form_paths(fields: list[dict[str, Any]], path: Path = ()) -> Iterator[Path]:
    for field in fields:
        yield path + (field["name"],)
        yield from form_paths(field.get("fields", []), path + (field["name"],))


# Values to try each pattern on: the edges of every length limit of the schema, lines and
# non-lines, invisible characters, astral characters (one character to the schema, two UTF-16
# units to the browser), and every pattern's own kind of value.
def samples(root: dict[str, Any]) -> list[str]:
    values = [
        "", " ", "a", " a", "a\nb", "a\tb", "\u200bx", "x\u2028y", "how-to-x", "how--to", "-x", "X",
        "field_name", "9x", "2017-10-05", "2017-10-05\n", "17-10-05", "https://example.org/a",
        "https://a b", "http://x", "ftp://x", "Hello, world", "**bold**\n\nmore", "\n\n", "😀",
    ]  # fmt: skip
    limits = set()
    for _, prop, _, _, _ in properties(root):
        merged = editor_config.resolved(root, prop)
        for key in ("maxLength", "minLength"):
            if key in merged:
                limits.add(merged[key])
    for limit in sorted(limits):
        for n in (limit - 1, limit, limit + 1):
            if n > 0:
                values += ["a" * n, "😀" * n, "a" * (n - 1) + "😀", "https://x.org/" + "a" * max(n - 14, 0)]
    return values


def schema_accepts(root: dict[str, Any], prop: dict[str, Any], value: str) -> bool:
    definition = {**prop, "$defs": root["$defs"]}
    return jsonschema.Draft202012Validator(definition).is_valid(value)


def string_fields(
    root: dict[str, Any], config: dict[str, Any]
) -> Iterator[tuple[Path, dict[str, Any], dict[str, Any]]]:
    """(path, property, form field) of every string the form holds, tags' items included."""
    for path, prop, _, _, _ in properties(root):
        merged = editor_config.resolved(root, prop)
        field = field_at(config, path)
        if merged.get("type") == "string" and "enum" not in merged:
            yield path, prop, field
        items = editor_config.resolved(root, merged.get("items", {})) if merged.get("type") == "array" else {}
        if items.get("type") == "string":
            yield path + ("[]",), merged["items"], field["field"]


def test_the_configuration_is_decap_s_with_one_article_collection() -> None:
    config = editor_config.config(repo="someone/career-guide")
    assert config["backend"] == {"name": "github", "branch": "main", "repo": "someone/career-guide"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"] is True
    assert "local_backend" not in editor_config.config(local_backend=False)
    (collection,) = config["collections"]
    assert collection["name"] == "articles"
    assert (collection["folder"], collection["extension"]) == ("docs/articles", "yml")
    # Files are read and written by the guide's own format, the one the editor's module registers.
    assert collection["format"] == editor_config.FILE_FORMAT
    module = (ROOT / "overrides" / "admin" / "guide-format.js").read_text(encoding="utf-8")
    assert (
        re.search(r"^export const FORMAT = '([^']+)';", module, re.MULTILINE)[1] == editor_config.FILE_FORMAT
    )
    assert (
        "registerCustomFormat(FORMAT, EXTENSION" in module
        and f"export const EXTENSION = '{collection['extension']}';" in module
    )
    # The file name is the slug field itself, which the format wants equal to it.
    assert collection["slug"] == "{{fields.slug}}" and collection["identifier_field"] == "title"


def test_the_yaml_is_the_dict() -> None:
    text = editor_config.config_yaml(repo="someone/career-guide")
    assert yaml.safe_load(text) == editor_config.config(repo="someone/career-guide")
    assert text.startswith("# Made by guide_core/editor_config.py")


def test_every_property_of_the_schema_is_a_field_and_nothing_else_is() -> None:
    root = article_schema()
    config = editor_config.config()
    schema_paths = {path for path, *_ in properties(root)}
    assert set(form_paths(fields_of(config))) == schema_paths
    for path, prop, _, required, optional_above in properties(root):
        field = field_at(config, path)
        merged = editor_config.resolved(root, prop)
        assert field["label"], path
        assert field["hint"].startswith(merged["description"]), (
            f"{'.'.join(path)}: the hint is not the schema's description"
        )
        if optional_above:
            # Decap refuses to save an empty optional object with a required field inside
            # (decaporg/decap-cms#7748): the field is optional to it, and its hint says when it is needed.
            assert field["required"] is False, path
            assert ("Needed when" in field["hint"]) == required, path
        elif path in editor_config.MADE_WHEN_EMPTY:
            # Left empty, the editor makes it when saving (overrides/admin/guide-slug.js).
            assert required and field["required"] is False and "made from the title" in field["hint"], path
        else:
            assert field["required"] is required, (
                f"{'.'.join(path)}: required is {field['required']}, the schema says {required}"
            )


def test_every_keyword_of_the_schema_is_carried_or_said_to_be_left_to_the_check() -> None:
    root = article_schema()
    known = editor_config.CARRIED | editor_config.LEFT_TO_THE_CHECK | editor_config.ANNOTATIONS
    for path, prop, _, _, _ in properties(root):
        unknown = editor_config.keywords(root, prop) - known
        assert not unknown, (
            f"{'.'.join(path)}: the form does not carry {sorted(unknown)} "
            "(teach editor_config.py, or leave it to the check)"
        )


def test_kinds_bounds_and_choices_are_the_schema_s() -> None:
    root = article_schema()
    config = editor_config.config()
    for path, prop, _, _, _ in properties(root):
        field = field_at(config, path)
        merged = editor_config.resolved(root, prop)
        where = ".".join(path)
        kind = merged.get("type")
        if "enum" in merged:
            assert field["widget"] == "select" and field["options"] == merged["enum"], where
        elif kind == "boolean":
            assert field["widget"] == "boolean", where
        elif kind == "integer":
            assert field["widget"] == "number" and field["value_type"] == "int", where
            assert (field.get("min"), field.get("max")) == (merged.get("minimum"), merged.get("maximum")), (
                where
            )
        elif kind == "object":
            assert field["widget"] == "object", where
        elif kind == "array":
            assert field["widget"] == "list", where
            assert (field.get("min"), field.get("max")) == (merged.get("minItems"), merged.get("maxItems")), (
                where
            )
            items = editor_config.resolved(root, merged["items"])
            assert ("fields" in field) == (items.get("type") == "object"), where
            assert ("field" in field) == (items.get("type") != "object"), where
        elif merged.get("format") == "date":
            assert (
                field["widget"] == "datetime"
                and field["format"] == "YYYY-MM-DD"
                and field["time_format"] is False
            ), where
        else:
            assert kind == "string", where
            assert field["widget"] in ("string", "text"), where


def test_every_pattern_and_length_is_carried_in_the_format_s_words() -> None:
    root = article_schema()
    config = editor_config.config()
    for path, prop, field in string_fields(root, config):
        merged = editor_config.resolved(root, prop)
        where = ".".join(path)
        limited = any(key in merged for key in ("pattern", "minLength", "maxLength"))
        assert ("pattern" in field) == limited, (
            f"{where}: the schema limits it, the form does not (or the other way round)"
        )
        if limited:
            regex, words = field["pattern"]
            assert words == f"expected {merged['x-expected']}", where
            if "maxLength" not in merged and "minLength" not in merged:
                assert regex == merged["pattern"], where


def test_each_pattern_accepts_exactly_what_the_schema_accepts_in_python() -> None:
    import re

    root = article_schema()
    config = editor_config.config()
    values = samples(root)
    for path, prop, field in string_fields(root, config):
        if "pattern" not in field:
            continue
        regex = re.compile(field["pattern"][0])
        for value in values:
            assert bool(regex.search(value)) == schema_accepts(root, prop, value), (
                f"{'.'.join(path)}: {value!r}"
            )


def test_each_pattern_accepts_exactly_what_the_schema_accepts_in_the_browser_s_regexp() -> None:
    """Decap tests a value with `RegExp(pattern).test(value)`: no `u` flag, lengths in UTF-16
    units. Run every pattern in JavaScript on the same values."""
    assert shutil.which("node"), (
        "this test runs the patterns in Node.js: install Node 20 (e.g. apt-get install nodejs)"
    )
    root = article_schema()
    config = editor_config.config()
    values = samples(root)
    cases = [
        (".".join(path), field["pattern"][0], prop)
        for path, prop, field in string_fields(root, config)
        if "pattern" in field
    ]
    script = (
        "const [patterns, values] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(patterns.map(p => values.map(v => RegExp(p).test(v)))));"
    )
    payload = json.dumps([[pattern for _, pattern, _ in cases], values])
    result = subprocess.run(
        ["node", "-e", script], input=payload, capture_output=True, text=True, check=True, timeout=60
    )
    verdicts = json.loads(result.stdout)
    for (where, _, prop), row in zip(cases, verdicts, strict=True):
        for value, accepted in zip(values, row, strict=True):
            assert accepted == schema_accepts(root, prop, value), (
                f"{where}: {value!r} is {'accepted' if accepted else 'refused'} by the form"
            )


def test_fields_come_in_the_order_the_format_documents() -> None:
    root = article_schema()
    config = editor_config.config()
    documented = editor_config.documented_order(editor_config.SKELETON)
    assert documented[()][:4] == ["slug", "title", "summary", "published"]

    def check(fields: list[dict[str, Any]], path: Path, data: Any) -> None:
        names = [field["name"] for field in fields]
        shown = [name for name in documented.get(path, []) if name in names]
        assert [name for name in names if name in shown] == shown, (
            f"{'.'.join(path) or 'article'}: {names} against {shown}"
        )
        # The seed article is laid out in the same order.
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                written = list(item)
                assert [name for name in names if name in written] == written, (
                    f"{'.'.join(path) or 'article'} of the seed: {written}"
                )
        for field in fields:
            if "fields" in field:
                inner = [
                    item.get(field["name"])
                    for item in items
                    if isinstance(item, dict) and field["name"] in item
                ]
                flat = [entry for value in inner for entry in (value if isinstance(value, list) else [value])]
                check(field["fields"], path + (field["name"],), flat)

    check(fields_of(config), (), yaml.safe_load(SEED_FILE.read_text(encoding="utf-8")))
    assert len(root["properties"]) == len(fields_of(config))


def test_an_undocumented_field_follows_the_field_it_follows_in_the_schema() -> None:
    assert editor_config.ordered(["a", "b", "c", "d"], ["d", "a"]) == ["d", "a", "b", "c"]
    assert editor_config.ordered(["a", "b", "c"], ["c", "x"]) == ["a", "b", "c"]
    assert editor_config.ordered(["name", "label", "hint", "kind"], ["name", "label", "kind"]) == [
        "name",
        "label",
        "hint",
        "kind",
    ]


# The schema owns the form: change it, and the form changes with it.


def test_a_changed_limit_changes_the_form() -> None:
    changed = schema_copy()
    changed["properties"]["title"]["maxLength"] = 60
    changed["properties"]["title"]["x-expected"] = "a one-line title of at most 60 characters"
    changed["$defs"]["item"]["properties"]["text"]["maxLength"] = 90
    changed["properties"]["sections"]["maxItems"] = 12
    changed["$defs"]["email"]["properties"]["word_limit"]["maximum"] = 500
    before, after = editor_config.config(), editor_config.config(changed)
    assert before != after
    import re

    title = field_at(after, ("title",))
    assert re.search(title["pattern"][0], "a" * 60) and not re.search(title["pattern"][0], "a" * 61)
    assert title["pattern"][1] == "expected a one-line title of at most 60 characters"
    text = field_at(after, ("sections", "checklist", "text"))
    assert re.search(text["pattern"][0], "a" * 90) and not re.search(text["pattern"][0], "a" * 91)
    assert field_at(after, ("sections",))["max"] == 12 and "max" not in field_at(before, ("sections",))
    assert field_at(after, ("email", "word_limit"))["max"] == 500


def test_a_new_field_or_requirement_in_the_schema_reaches_the_form() -> None:
    changed = schema_copy()
    changed["properties"]["reviewed_by"] = {
        "description": "Who checked the advice.",
        "$ref": "#/$defs/line",
        "maxLength": 50,
        "x-expected": "a name",
    }
    changed["$defs"]["section"]["required"].append("checklist")
    changed["$defs"]["prompt"]["properties"]["hint"]["description"] = "A new hint."
    config = editor_config.config(changed)
    field = field_at(config, ("reviewed_by",))
    assert (
        field["label"] == "Reviewed by"
        and field["hint"] == "Who checked the advice."
        and field["required"] is False
    )
    assert field_at(config, ("sections", "checklist"))["required"] is True
    assert field_at(config, ("sections", "prompts", "hint"))["hint"] == "A new hint."


def test_a_field_missing_from_the_form_fails_the_walk() -> None:
    """What the walks above would say of a form that lost a field, or a bound."""
    config = editor_config.config()
    sections = field_at(config, ("sections",))
    sections["fields"] = [field for field in sections["fields"] if field["name"] != "prompts"]
    with pytest.raises(AssertionError, match="0 fields 'prompts'"):
        field_at(config, ("sections", "prompts"))
    assert set(form_paths(fields_of(config))) != {path for path, *_ in properties(article_schema())}


def test_the_makefile_installs_the_versions_the_editor_is_made_for() -> None:
    """`make build` and `make serve` install Decap and decap-server with npm (the $(NODE_TOOLS)
    rule); the configuration is written for the versions named in editor_config."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pins = dict(
        re.findall(
            r"^(DECAP_VERSION|DECAP_SERVER_VERSION|ANY_ASCII_VERSION|YAML_VERSION)\s*:=\s*(\S+)",
            makefile,
            re.MULTILINE,
        )
    )
    assert pins == {
        "DECAP_VERSION": editor_config.DECAP_VERSION,
        "DECAP_SERVER_VERSION": editor_config.DECAP_SERVER_VERSION,
        "ANY_ASCII_VERSION": editor_config.ANY_ASCII_VERSION,
        "YAML_VERSION": editor_config.YAML_VERSION,
    }
    # The slug's table in the browser is the one `make article` uses in Python.
    assert (
        f"anyascii=={editor_config.ANY_ASCII_VERSION}"
        in (ROOT / "requirements.txt").read_text(encoding="utf-8").split()
    )
    assert re.search(r"^build: .*\$\(NODE_TOOLS\)", makefile, re.MULTILINE) and re.search(
        r"^serve: .*\$\(NODE_TOOLS\)", makefile, re.MULTILINE
    )
    install = next(line for line in makefile.splitlines() if "npm install" in line and "vnu-jar" in line)
    rule = makefile[makefile.index(install) :].split("\n\n")[0]
    assert "decap-cms@$(DECAP_VERSION)" in rule and "decap-server@$(DECAP_SERVER_VERSION)" in rule
    assert "any-ascii@$(ANY_ASCII_VERSION)" in rule and "yaml@$(YAML_VERSION)" in rule


def test_the_site_gets_the_files_the_editor_loads_and_no_source_map(tmp_path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    names = [
        "decap-cms.js", "decap-cms.js.map", "103.decap-cms.js", "103.decap-cms.js.map",
        "cms.js", "103.cms.js", "cms.js.map", "cms.css", "dd5d52671a5763720504.wasm",
        "decap-cms.js.LICENSE.txt", "cms.js.LICENSE.txt",
    ]  # fmt: skip
    for name in names:
        (dist / name).write_text(name)
    assert [file.name for file in bundle_files(dist)] == [
        "103.decap-cms.js",
        "dd5d52671a5763720504.wasm",
        "decap-cms.js",
        "decap-cms.js.LICENSE.txt",
    ]
    bundle = tmp_path / "site" / "admin" / "decap"
    bundle.mkdir(parents=True)
    (bundle / "old.decap-cms.js").write_text("from an older Decap")
    copy_bundle(dist, bundle)
    assert sorted(file.name for file in bundle.iterdir()) == sorted(file.name for file in bundle_files(dist))
    assert (bundle / "decap-cms.js").read_text() == "decap-cms.js"


def test_the_local_backend_is_on_under_serve_or_when_asked_and_off_when_published() -> None:
    assert local_backend(False, "") is False and local_backend(False, "no") is False
    assert local_backend(True, "") == local_backend(False, "true") == f"http://127.0.0.1:{LOCAL_PORT}/api/v1"
    assert local_backend(False, "45001") == "http://127.0.0.1:45001/api/v1"
    assert editor_config.config(local_backend="http://127.0.0.1:45001/api/v1")["local_backend"] == {
        "url": "http://127.0.0.1:45001/api/v1"
    }
    assert "local_backend" not in editor_config.config(local_backend=False)
