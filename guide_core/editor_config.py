"""The editor's configuration (Decap CMS's ``admin/config.yml``), made from the article format.

    python -m guide_core.editor_config [--repo owner/name] [--branch main] [--no-local-backend]

prints it. The schema (``article.schema.json``) is the one owner of the format: every field of
the form, its label, hint (the field's description), required-ness, pattern and length limits
(with the format's own words, its ``x-expected``), and every list with its bounds, are read
from it here, so a change to the schema changes the form (tests/core/test_editor_config.py
holds the two together). Only the order of the fields comes from elsewhere: the order the
format documents, that is the order of the skeleton ``make article`` writes
(``article-skeleton.yml``, its commented-out fields included), so that the editor writes files
laid out like every other article; a field the skeleton does not show follows the field it
follows in the schema.

Why Decap CMS (3.16.3, with decap-server 3.11.3), not Sveltia CMS (0.221.1), both checked on
npm in this version:

- **Local backend usable in tests.** Decap's ``local_backend: true`` talks to ``decap-server``,
  a small Express proxy (54 kB on npm) that reads and writes the working copy; any browser
  drives it, headless included, in Chromium and Firefox alike. Sveltia ignores
  ``local_backend`` (it warns "unsupported ignored option") and works on a local folder through
  the File System Access API instead: Chromium only, and only after a folder picker that a
  headless test cannot answer without replacing the API.
- **Nothing loaded from outside the site.** Sveltia's bundle fetches its fonts from
  cdn.jsdelivr.net and code highlighting from unpkg.com; Decap's bundle (served from the site,
  chunks included) loads nothing from a CDN, only the Git host's API it edits through.
- **Editorial workflow.** Both save each change as a pull request on GitHub
  (``publish_mode: editorial_workflow``); Decap's is the long-standing, documented one, and
  decap-server's ``MODE=git`` has it locally too.
- **What the form needs.** Both have nested lists (sections / checklist items / prompts) with
  ``min``/``max``, objects (the email template), a pattern with a message for each field.
  Neither has length limits of its own: a length is folded into the field's pattern here.
- **Size and upkeep.** Sveltia is smaller (2.1 MB, 0.6 MB gzipped, against Decap's 5.2 MB,
  1.5 MB gzipped; only the editor page loads it, never a reader) and released more often;
  Decap is released regularly too (3.16.3, September 2026) under the decaporg organisation.
  Size matters least here: the editor is one page for authors.

Known limits of Decap the form works around, each said again on the field: a field required
inside an optional object (the author's name, the email's subject) is optional to Decap, which
would otherwise refuse to save an article with no author or no email (decaporg/decap-cms#7748);
``uniqueItems`` (tags listed once) is left to ``make check``, which every pull request runs.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .schema import schema as article_schema

DECAP_VERSION = "3.16.3"  # npm decap-cms: the editor page loads its dist/decap-cms.js
DECAP_SERVER_VERSION = "3.11.3"  # npm decap-server: the local backend (`npx decap-server`)
ANY_ASCII_VERSION = "0.3.3"  # npm any-ascii: the slug from the title, as Python's anyascii (requirements.txt)
YAML_VERSION = "2.9.1"  # npm yaml (eemeli/yaml): the article files read and written (guide-format.js)

# How the editor reads and writes an article file: the format overrides/admin/guide-format.js
# registers with Decap (CMS.registerCustomFormat), in the guide's layout (the header comment
# kept, literal `|` blocks for Markdown, flow tags, the file's own lines kept where the form
# changed nothing), not in Decap's own YAML layout.
FILE_FORMAT = "guide-yaml"

# Signing in to GitHub from the published editor: Decap's GitHub backend has no PKCE flow (its
# login always goes through an OAuth server: Netlify's, or one of your own at `base_url`), so
# a site on GitHub Pages needs a small OAuth server of its own, such as a Cloudflare Worker
# (ADDING-AN-ARTICLE.md 7, "what a maintainer sets up once"). The build reads its address from
# this variable (the repository variable of the same name, which publish.yml passes); Decap
# opens `<address>/auth` to sign in, and GitHub sends the coach back to `<address>/callback`.
AUTH_URL_VARIABLE = "EDITOR_AUTH_URL"
AUTH_ENDPOINT = "auth"
AUTH_CALLBACK = "callback"

SKELETON = Path(__file__).with_name("article-skeleton.yml")
ARTICLES_FOLDER = "docs/articles"  # from the repository's top, as the CMS sees it
MEDIA_FOLDER = "docs/images"  # pictures an author uploads; articles link them as ../images/...

# The schema's keywords the form carries, and those it cannot (left to `make check`, which runs
# on every pull request the editor opens). A keyword in neither list is one this module has
# never been taught: the test fails until it is placed.
CARRIED = frozenset(
    {
        "type", "$ref", "description", "pattern", "minLength", "maxLength", "minItems",
        "maxItems", "minimum", "maximum", "enum", "items", "properties", "required",
        "additionalProperties", "format", "x-expected",
    }
)  # fmt: skip
LEFT_TO_THE_CHECK = frozenset({"uniqueItems"})
ANNOTATIONS = frozenset({"examples"})  # shown nowhere in the form (the hint says enough)

# Fields the form lets an author leave empty though the format needs them, because the editor
# fills them in when saving (overrides/admin/guide-slug.js, Decap's preSave event): the slug,
# made from the title as `make article` makes it.
MADE_WHEN_EMPTY = {("slug",): "Leave it empty in a new article and it is made from the title when you save."}

# What a label says for a field name the words of which are not enough: "id" -> "ID".
_WORDS = {"id": "ID", "url": "URL"}

# One character, as Python (and JSON Schema) count them: a surrogate pair is one. Decap tests a
# pattern with `RegExp(pattern)`, without the `u` flag, where `.` and {n} count UTF-16 units.
# One way only to read each character (a pair is never two), or a failing count backtracks
# through every way of splitting the pairs: 2^n steps.
_CHARACTER = r"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|(?![\uD800-\uDBFF][\uDC00-\uDFFF])[\s\S])"


def config(
    schema: Mapping[str, Any] | None = None,
    *,
    repo: str | None = None,
    branch: str = "main",
    local_backend: bool | str = True,
    skeleton: Path | None = None,
    auth_url: str | None = None,
) -> dict[str, Any]:
    """Decap CMS's configuration for the guide's articles, as a dict (YAML once dumped).

    `repo` is the GitHub repository ("owner/name") the published editor saves to; without it
    the published editor cannot sign in (the local backend needs none). `local_backend` is
    True (decap-server at Decap's default address), the address of its API
    ("http://127.0.0.1:8081/api/v1"), or False. Decap uses it only on a page opened from
    localhost or 127.0.0.1, and only while the server answers there. `auth_url` is the
    address of the OAuth server the published editor signs in through (AUTH_URL_VARIABLE).
    """
    schema = article_schema() if schema is None else schema
    order = documented_order(skeleton or SKELETON)
    backend: dict[str, Any] = {"name": "github", "branch": branch}
    if repo:
        backend["repo"] = repo
    if auth_url:
        backend["base_url"] = auth_url.rstrip("/")
        backend["auth_endpoint"] = AUTH_ENDPOINT
    settings: dict[str, Any] = {"backend": backend}
    if isinstance(local_backend, str):
        settings["local_backend"] = {"url": local_backend}
    elif local_backend:
        settings["local_backend"] = True
    settings.update(
        {
            "publish_mode": "editorial_workflow",
            "media_folder": MEDIA_FOLDER,
            "public_folder": "../images",
            # The file name is the slug field itself (`{{fields.slug}}`, not Decap's `{{slug}}`,
            # which is its own slug of the title): the format wants the two equal.
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [
                {
                    "name": "articles",
                    "label": "Articles",
                    "label_singular": "Article",
                    "description": schema.get("description", ""),
                    "folder": ARTICLES_FOLDER,
                    "extension": "yml",
                    "format": FILE_FORMAT,
                    "create": True,
                    "identifier_field": "title",
                    "slug": "{{fields.slug}}",
                    "summary": "{{title}}",
                    "fields": _fields(schema, schema, (), order, optional_parent=False),
                }
            ],
        }
    )
    return settings


def config_yaml(schema: Mapping[str, Any] | None = None, **options: Any) -> str:
    """The configuration as the text of admin/config.yml (the OAuth server's address from the
    environment, AUTH_URL_VARIABLE, unless given)."""
    if "auth_url" not in options:
        options["auth_url"] = os.environ.get(AUTH_URL_VARIABLE, "").strip() or None
    header = (
        "# Made by guide_core/editor_config.py from guide_core/article.schema.json at each build:\n"
        "# change the schema, not this file.\n"
    )
    body = yaml.safe_dump(config(schema, **options), sort_keys=False, allow_unicode=True, width=100)
    return header + body


# --- The fields ------------------------------------------------------------------------------


def _fields(
    root: Mapping[str, Any],
    node: Mapping[str, Any],
    path: tuple[str, ...],
    order: Mapping[tuple[str, ...], list[str]],
    *,
    optional_parent: bool,
) -> list[dict[str, Any]]:
    properties = node.get("properties", {})
    required = set(node.get("required", ()))
    names = ordered(list(properties), order.get(path, []))
    return [
        _field(
            root,
            name,
            properties[name],
            path + (name,),
            order,
            required=name in required,
            optional_parent=optional_parent,
        )
        for name in names
    ]


def _field(
    root: Mapping[str, Any],
    name: str,
    prop: Mapping[str, Any],
    path: tuple[str, ...],
    order: Mapping[tuple[str, ...], list[str]],
    *,
    required: bool,
    optional_parent: bool,
) -> dict[str, Any]:
    merged = resolved(root, prop)
    field: dict[str, Any] = {"label": label(name), "name": name}
    hint = merged.get("description", "")
    if required and optional_parent:
        hint = (
            f"{hint} Needed when this part is filled in "
            "(the checks on your pull request say so if it is missing)."
        ).strip()
    field.update(_widget(root, name, merged, path, order, required=required, optional_parent=optional_parent))
    field["required"] = required and not optional_parent
    if path in MADE_WHEN_EMPTY:
        field["required"] = False
        hint = f"{hint} {MADE_WHEN_EMPTY[path]}".strip()
    if hint:
        field["hint"] = hint
    pattern = field_pattern(merged)
    if pattern is not None:
        field["pattern"] = [pattern, message(merged)]
    return field


def _widget(
    root: Mapping[str, Any],
    name: str,
    merged: Mapping[str, Any],
    path: tuple[str, ...],
    order: Mapping[tuple[str, ...], list[str]],
    *,
    required: bool,
    optional_parent: bool,
) -> dict[str, Any]:
    kind = merged.get("type")
    if "enum" in merged:
        return {"widget": "select", "options": list(merged["enum"])}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind == "integer" or kind == "number":
        widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        if "minimum" in merged:
            widget["min"] = merged["minimum"]
        if "maximum" in merged:
            widget["max"] = merged["maximum"]
        if kind == "integer":
            widget["step"] = 1
        return widget
    if kind == "string" and merged.get("format") == "date":
        widget = {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "YYYY-MM-DD",
            "time_format": False,
            "picker_utc": True,
        }
        if required:
            widget["default"] = "{{now}}"  # `make article` dates a new article today
        return widget
    if kind == "string":
        # Markdown in a plain text box: saved exactly as typed (Decap's rich-text mode rewrites
        # Markdown, and would drop the HTML an article may hold).
        return {"widget": "text" if is_markdown(root, merged) else "string"}
    if kind == "object":
        return {
            "widget": "object",
            "collapsed": False,
            "fields": _fields(root, merged, path, order, optional_parent=optional_parent or not required),
        }
    if kind == "array":
        items = resolved(root, merged.get("items", {}))
        widget = {"widget": "list", "label_singular": label(_item_name(name, merged)), "collapsed": False}
        if items.get("type") == "object":
            widget["fields"] = _fields(root, items, path, order, optional_parent=False)
            widget["summary"] = "{{fields." + _summary_field(items) + "}}"
        else:
            item = _field(
                root, _item_name(name, merged), items, path, order, required=True, optional_parent=False
            )
            widget["field"] = item
        if "minItems" in merged:
            widget["min"] = merged["minItems"]
        if "maxItems" in merged:
            widget["max"] = merged["maxItems"]
        return widget
    raise ValueError(f"the field {'.'.join(path)} has a type the editor cannot show: {kind!r}")


# A property with its `$ref` followed (keywords beside the `$ref` win, as in draft 2020-12).
def resolved(root: Mapping[str, Any], node: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    chain = [node]
    while "$ref" in chain[-1]:
        chain.append(root["$defs"][chain[-1]["$ref"].removeprefix("#/$defs/")])
    for step in reversed(chain):
        merged.update({key: value for key, value in step.items() if key != "$ref"})
    return merged


# Every keyword that bears on a property: its own and those of the definitions it refers to.
def keywords(root: Mapping[str, Any], node: Mapping[str, Any]) -> set[str]:
    found = set(node)
    while "$ref" in node:
        node = root["$defs"][node["$ref"].removeprefix("#/$defs/")]
        found |= set(node)
    return found


def is_markdown(root: Mapping[str, Any], merged: Mapping[str, Any]) -> bool:
    return (
        merged.get("pattern") == root.get("$defs", {}).get("markdown", {}).get("pattern")
        and "maxLength" not in merged
    )


def label(name: str) -> str:
    words = [_WORDS.get(word, word) for word in name.split("_")]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _item_name(name: str, merged: Mapping[str, Any]) -> str:
    ref = merged.get("items", {}).get("$ref", "")
    item = ref.removeprefix("#/$defs/")
    if item in ("", "id", "line", "markdown", "field_name", "date"):  # a scalar: the list's own word
        return name[:-1] if name.endswith("s") else name
    return {"item": "checklist_item"}.get(item, item)


# What a collapsed entry of a list shows: its first field that is text a reader sees.
def _summary_field(items: Mapping[str, Any]) -> str:
    names = list(items.get("properties", {}))
    for name in names:
        if name not in ("id", "name"):
            return name
    return names[0]


# The field's pattern for Decap: the schema's pattern with its length limits folded in, one
# regular expression (Decap takes one per field). JSON Schema's `pattern` is searched for, not
# anchored, and so is Decap's (`RegExp(p).test(value)`); lengths count characters.
def field_pattern(merged: Mapping[str, Any]) -> str | None:
    pattern = merged.get("pattern")
    low, high = merged.get("minLength"), merged.get("maxLength")
    if merged.get("type") != "string" or (pattern is None and low is None and high is None):
        return None
    limits = ""
    if high is not None:
        limits += f"(?!{_CHARACTER}{{{high + 1}}})"
    if low:
        limits += f"(?={_CHARACTER}{{{low}}})"
    if not limits:
        return pattern
    return f"^{limits}" + (f"[\\s\\S]*?(?:{pattern})" if pattern is not None else "")


# The format's words for what a field holds, as `make check` says them ("expected ...").
def message(merged: Mapping[str, Any]) -> str:
    return f"expected {merged.get('x-expected') or 'a value'}"


# --- The order the format documents ----------------------------------------------------------


def documented_order(skeleton: Path) -> dict[tuple[str, ...], list[str]]:
    """The keys of each part of an article in the skeleton's order, by path of field names
    (list items have no step of their own): {(): ["slug", "title", ...], ("email",): [...]}.
    Commented-out fields (`# author:`) count: they document where the field goes."""
    lines = []
    for line in skeleton.read_text(encoding="utf-8").splitlines():
        if _COMMENTED_KEY.match(line):
            lines.append(line[2:])
        elif not line.lstrip().startswith("#"):
            lines.append(line)
    order: dict[tuple[str, ...], list[str]] = {}
    _collect(yaml.safe_load("\n".join(lines)), (), order)
    return order


_COMMENTED_KEY = re.compile(r"# \s*(?:- )?[a-z_]+:(?:\s|$)")


def _collect(value: Any, path: tuple[str, ...], order: dict[tuple[str, ...], list[str]]) -> None:
    if isinstance(value, dict):
        # A key first shown in a later item (an optional one) follows those shown before it.
        seen = order.setdefault(path, [])
        seen.extend(str(key) for key in value if str(key) not in seen)
        for key, sub in value.items():
            _collect(sub, path + (str(key),), order)
    elif isinstance(value, list):
        for item in value:
            _collect(item, path, order)


def ordered(names: Iterable[str], documented: list[str]) -> list[str]:
    """`names` (in the schema's order) in the `documented` order; a name not documented goes
    right after the name before it in `names` (first if none)."""
    names = list(names)
    result = [name for name in documented if name in names]
    for index, name in enumerate(names):
        if name in result:
            continue
        before = [other for other in names[:index] if other in result]
        result.insert(result.index(before[-1]) + 1 if before else 0, name)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the editor's configuration (admin/config.yml).")
    parser.add_argument("--repo", default=None, help="the GitHub repository the editor saves to, owner/name")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--no-local-backend", action="store_true")
    parser.add_argument(
        "--auth-url", default=None, help=f"the sign-in server's address (default: ${AUTH_URL_VARIABLE})"
    )
    args = parser.parse_args(argv)
    options: dict[str, Any] = {"repo": args.repo, "branch": args.branch}
    options["local_backend"] = not args.no_local_backend
    if args.auth_url:
        options["auth_url"] = args.auth_url
    sys.stdout.write(config_yaml(**options))
    return 0


if __name__ == "__main__":
    sys.exit(main())
