"""The article files the editor writes (overrides/admin/guide-format.js, Decap's custom format,
as the site carries it with the YAML library beside it), run in Node on articles and values:
what it writes reads back, through the guide's own loader, as what the form held; passes
yamllint --strict with the project's rules; is laid out as the skeleton `make article` writes
(the Python reference: guide_core/article-skeleton.yml); an article saved unchanged is its file
exactly, and one changed value changes its line only.

The browser tests (test_editor_format.py) do the same through the real form."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from yamllint import config as yamllint_config
from yamllint import linter

from guide_core import editor_config, source, template
from guide_core.editor_config import SKELETON, documented_order, ordered
from guide_core.scaffold import skeleton
from guide_core.schema import schema
from support import ARTICLES, FIXTURES, ROOT, build_ok, copy_project

HOW_TO_GET_IT = "The editor's YAML library is not installed: run `make build` (it installs it with npm)."


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The admin/ folder of a built site: guide-format.js and the library it imports."""
    if shutil.which("node") is None:
        pytest.fail(
            "Node.js is not installed: on Debian/Ubuntu `sudo apt-get install nodejs`.", pytrace=False
        )
    if not (ROOT / "node_modules" / "yaml" / "browser" / "dist" / "index.js").is_file():
        pytest.fail(HOW_TO_GET_IT, pytrace=False)
    base = tmp_path_factory.mktemp("editor-format")
    project = copy_project(base / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    site = build_ok(project, base / "site")
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert (site / "admin" / "guide-format.js").is_file() and 'src="guide-format.js"' in page
    return site / "admin"


def run(admin: Path, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each case through the module: {"text"} is read (fromFile) and written back unchanged and
    anew; {"data", "before"?} is written, as a change to `before` or as a new article."""
    script = f"""
const format = await import({json.dumps((admin / "guide-format.js").as_uri())});
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
format.useFields(input.settings);
const results = input.cases.map((each) => {{
  try {{
    if (each.data === undefined) {{
      const data = format.fromFile(each.text);
      return {{ data, same: format.articleFile(data, each.text), anew: format.articleFile(data) }};
    }}
    return {{ file: format.articleFile(each.data, each.before) }};
  }} catch (error) {{ return {{ error: String(error && error.stack || error) }}; }}
}});
process.stdout.write(JSON.stringify(results));
"""
    command = ["node", "--input-type=commonjs", "-e", f"(async () => {{ {script} }})()"]
    payload = json.dumps({"settings": editor_config.config(), "cases": cases}, default=str)
    done = subprocess.run(command, input=payload, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    errors = [result["error"] for result in results if "error" in result]
    assert not errors, errors[0]
    return results


# --- What the guide reads, and what yamllint says ----------------------------------------------


def read(text: str) -> Any:
    """The article as the guide reads it (guide_core/source.py: dates and 0200 stay text)."""
    return source.parse(text).data


def lint(text: str) -> list[str]:
    rules = yamllint_config.YamlLintConfig(file=str(ROOT / ".yamllint"))
    return [f"{problem.line}:{problem.column}: {problem.desc}" for problem in linter.run(text, rules)]


MARKDOWN = {
    ("intro",),
    ("sections", "body"),
    ("email", "body"),
}  # the form's text boxes, below held to the config


def with_final_line_break(data: Any, path: tuple[str, ...] = ()) -> Any:
    """`data` as the format writes Markdown: ending with a line break (nothing to Markdown)."""
    if isinstance(data, dict):
        return {key: with_final_line_break(value, path + (key,)) for key, value in data.items()}
    if isinstance(data, list):
        return [with_final_line_break(item, path) for item in data]
    if isinstance(data, str) and path in MARKDOWN and data and not data.endswith("\n"):
        return data + "\n"
    return data


def test_the_markdown_fields_are_the_form_s_text_boxes() -> None:
    found = set()

    def walk(fields: list[dict[str, Any]], path: tuple[str, ...]) -> None:
        for field in fields:
            own = path + (field["name"],)
            if field.get("widget") == "text":
                found.add(own)
            walk(field.get("fields", []), own)

    walk(editor_config.config()["collections"][0]["fields"], ())
    assert found == MARKDOWN


# --- The skeleton's layout, the Python reference ---------------------------------------------


def skeleton_text() -> str:
    return skeleton("A title", "a-title", dt.date(2026, 1, 2))


def styles(text: str) -> dict[tuple[str, ...], set[str]]:
    """How each value is written, by path of keys (list items have no step): "|", ">",
    "plain", "quoted", "flow" (a one-line list), "block" (a list or object over lines)."""
    found: dict[tuple[str, ...], set[str]] = {}

    def walk(node: yaml.Node, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            found.setdefault(path, set()).add("block")
            for key, value in node.value:
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            found.setdefault(path, set()).add("flow" if node.flow_style else "block")
            for item in node.value:
                walk(item, path)
        else:
            style = {None: "plain", "'": "quoted", '"': "quoted"}.get(node.style, node.style)
            found.setdefault(path, set()).add(style)

    walk(yaml.compose(text), ())
    return found


def layout_problems(text: str) -> list[str]:
    """Where `text` is not laid out as the skeleton lays out the same fields."""
    problems = []
    reference = styles(skeleton_text())
    first_line = skeleton_text().splitlines()[0]
    if text.splitlines()[0] != first_line:
        problems.append(f"the first line is not the skeleton's {first_line!r}")
    for path, written in styles(text).items():
        expected = reference.get(path)
        if expected is None or not path:
            continue
        if "|" in expected and written != {"|"}:
            problems.append(f"{'.'.join(path)}: Markdown written {written}, not as a literal | block")
        if expected <= {"plain", "quoted"} and not written <= {"plain", "quoted", ">"}:
            problems.append(f"{'.'.join(path)}: a one-line value written {written}")
        if expected & {"flow", "block"} and written != expected:
            problems.append(
                f"{'.'.join(path)}: a list or object written {written}, the skeleton writes {expected}"
            )
    lines = text.splitlines()
    for number, line in enumerate(lines):
        top_key = line[:1].isalpha() and ":" in line
        spans = top_key and (line.rstrip().endswith(":") or line.rstrip().endswith("|"))
        if spans and number > 0 and lines[number - 1].strip() != "" and not lines[number - 1].startswith("#"):
            problems.append(f"line {number + 1}: no blank line before {line!r}, which spans lines")
        if line.startswith("  - ") and _under(lines, number) == "sections":
            before = number - 1
            while lines[before].lstrip().startswith("#"):  # the notes above a section are the section's
                before -= 1
            if lines[before].strip() != "" and not lines[before].startswith("sections:"):
                problems.append(f"line {number + 1}: the sections are not set apart by a blank line")
    return problems + order_problems(yaml.safe_load(text))


def _under(lines: list[str], number: int) -> str:
    for line in reversed(lines[:number]):
        if line[:1].isalpha():
            return line.split(":")[0]
    return ""


def order_problems(data: Any, path: tuple[str, ...] = ()) -> list[str]:
    """Keys out of the order the format documents (the skeleton's, the schema's after it)."""
    problems = []
    if isinstance(data, dict):
        documented = documented_order(SKELETON).get(path, [])
        keys = list(data)
        if keys != [key for key in ordered(keys, documented) if key in keys]:
            problems.append(f"{'.'.join(path) or 'the article'}: keys in the order {keys}")
        for key, value in data.items():
            problems += order_problems(value, path + (key,))
    elif isinstance(data, list):
        for item in data:
            problems += order_problems(item, path)
    return problems


def test_the_layout_rules_hold_the_skeleton_itself() -> None:
    """The check below is no stricter than the skeleton it is read from."""
    assert layout_problems(skeleton_text()) == []


# --- Articles as files hold them -----------------------------------------------------------


def sources() -> list[Path]:
    return sorted(
        [*ARTICLES.glob("*.yml"), *(FIXTURES / "valid").glob("*.yml"), ROOT / template.TEMPLATE_NAME]
    )


def test_an_article_saved_unchanged_is_its_file_and_written_anew_means_the_same(admin: Path) -> None:
    files = sources()
    results = run(admin, [{"text": path.read_text(encoding="utf-8")} for path in files])
    for path, result in zip(files, results, strict=True):
        text = path.read_text(encoding="utf-8")
        assert result["data"] == read(text), f"{path.name}: the editor reads it otherwise than the guide"
        assert result["same"] == text, f"{path.name}: saved unchanged, the file changed"
        anew = result["anew"]
        assert read(anew) == with_final_line_break(read(text)), (
            f"{path.name}: written anew, it means something else:\n{anew}"
        )
        assert lint(anew) == [], f"{path.name} written anew:\n{anew}"
        assert layout_problems(anew) == [], f"{path.name} written anew:\n{anew}"


def test_a_changed_value_changes_its_line_only_and_keeps_the_file_s_comments(admin: Path) -> None:
    files = sources()
    cases, expected = [], []
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = read(text)
        item = data["sections"][0]["checklist"][0]
        changed = json.loads(json.dumps(data))
        changed["sections"][0]["checklist"][0]["text"] = item["text"] + " today"
        cases.append({"data": changed, "before": text})
        expected.append((text, item["text"]))
    for (text, old), result in zip(expected, run(admin, cases), strict=True):
        diff = [
            line
            for line in difflib.unified_diff(text.splitlines(), result["file"].splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")
        ]
        assert diff == [f"-        text: {old}", f"+        text: {old} today"], "\n".join(diff)


# --- Values YAML reads otherwise unless they are written with care ---------------------------

AWKWARD = [
    "yes", "No", "on", "OFF", "true", "null", "~", "0200", "1:20", "1_000", "0x1F", "1e3", ".5", "2017-10-05",
    "{role}", "{a: b}", "[a, b]", "- a list?", "# not a comment", "a # b", "key: value", "ends with a colon:",
    "'quoted'", '"quoted"', "it's", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick", "| bar",
    "> gt", "?", "-", "---", "...", " leading space", "trailing space ", "tab\there", "é ü 中文 🎉",
    "\u00a0non-breaking",
    "A long line " + "that goes on and on, " * 8 + "and ends.", "A long line: with a colon, " + "word " * 25,
]  # fmt: skip

AWKWARD_MARKDOWN = [
    "One line, no line break",
    "Two paragraphs.\n\nThe second.",
    "Ends with two line breaks.\n\n",
    "  Starts indented (a code block).\n",
    "A hard line break  \nthen more.",
    "- a list\n- of two",
    "# A heading\n\nText: with a colon, and {braces}.",
    "```\ncode: yes\n```\n",
    "---\nlooks like a document start\n...\n",
    "Tab\tinside, and a last line with spaces   ",
]


def article(**values: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": "awkward",
        "title": "Awkward",
        "summary": "A summary.",
        "published": "2026-01-02",
        "tags": ["one", "two"],
        "intro": "The intro.\n",
        "sections": [
            {
                "id": "first",
                "heading": "First",
                "body": "Text.\n",
                "checklist": [{"id": "do-it", "text": "Do it"}],
            }
        ],
    }
    data.update(values)
    return data


def test_awkward_text_reads_back_as_typed_and_passes_yamllint(admin: Path) -> None:
    cases = []
    for value in AWKWARD:
        cases.append(article(title=value, summary=value, tags=[value, "b"], sections=[
            {"id": "first", "heading": value, "body": value, "checklist": [{"id": "do-it", "text": value}],
             "prompts": [{"id": "ask", "question": value, "hint": value}]},
        ]))  # fmt: skip
    for value in AWKWARD_MARKDOWN:
        cases.append(
            article(
                intro=value,
                email={"subject": "Hi", "body": value, "fields": [{"name": "role", "label": "Role"}]},
            )
        )
    results = run(admin, [{"data": case} for case in cases])
    for case, result in zip(cases, results, strict=True):
        file = result["file"]
        assert read(file) == with_final_line_break(case), (
            f"{case['title']!r} / {case['intro']!r} read back otherwise:\n{file}"
        )
        assert lint(file) == [], file


def test_a_new_article_has_the_header_and_the_skeleton_s_layout(admin: Path) -> None:
    data = article(
        summary="A summary long enough to go past the line width, so that it is folded "
        "as the seed's summary is folded.",
        draft=True,
        email={
            "to": "{email}",
            "subject": "About the {role} role",
            "word_limit": 150,
            "body": "Dear {name},\n\nThanks.",
            "fields": [{"name": "role", "label": "Role", "required": False}],
        },
    )
    (result,) = run(admin, [{"data": data}])
    file = result["file"]
    assert layout_problems(file) == [], file
    assert "tags: [one, two]\n" in file and "summary: >-\n" in file and "body: |\n" in file
    assert read(file) == with_final_line_break(data)
    assert list(read(file)) == [
        key for key in ordered(schema()["properties"], documented_order(SKELETON)[()]) if key in data
    ]
