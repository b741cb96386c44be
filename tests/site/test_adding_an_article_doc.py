"""ADDING-AN-ARTICLE.md's section on the article editor (7.), read as a coach and a maintainer
read it, held to what the editor is: the pictures it shows exist (small PNGs, each one shown),
each field and button of the form it names is in the editor's generated settings, and what it
tells a maintainer the build writes is what guide_core/editor_config.py writes, from the
variable the publish workflow passes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from guide_core import editor_config
from support import ROOT

DOC = ROOT / "ADDING-AN-ARTICLE.md"
IMAGES = ROOT / "docs-images"
MAX_IMAGE_BYTES = 200_000  # a screenshot a coach on a phone still gets


def section() -> str:
    text = DOC.read_text(encoding="utf-8")
    assert "\n## 7. The article editor" in text, "ADDING-AN-ARTICLE.md has no section on the editor"
    return text.split("\n## 7. The article editor", 1)[1].split("\n## ", 1)[0]


def tables(text: str) -> list[list[list[str]]]:
    """Each Markdown table of `text` as rows of cells, the header row first."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                rows.append(cells)
        elif rows:
            found.append(rows)
            rows = []
    return found


def table(*header: str) -> list[list[str]]:
    """The rows of the one table whose header starts with these cells."""
    matching = [rows for rows in tables(section()) if rows[0][: len(header)] == list(header)]
    assert len(matching) == 1, f"no one table headed {header} in the editor's section"
    return matching[0][1:]


def settings(**options: Any) -> dict[str, Any]:
    return editor_config.config(
        repo="someone/career-guide", local_backend=False, auth_url="https://sign-in.example.org", **options
    )


def at(config: Any, path: str) -> Any:
    for step in re.findall(r"[a-z_]+|\[\d+\]", path):
        config = config[int(step[1:-1])] if step.startswith("[") else config[step]
    return config


# --- The pictures ----------------------------------------------------------------------------


def pictures() -> list[tuple[str, str]]:
    """(words, path) of each picture of the repository the guide shows (not those of other sites)."""
    found = re.findall(r"!\[([^\]]*)\]\(([^)\s]+)\)", DOC.read_text(encoding="utf-8"))
    return [(alt, path) for alt, path in found if not re.match(r"[a-z]+:", path)]


def test_the_section_shows_pictures_of_the_editor() -> None:
    assert any(path.startswith("docs-images/") for _, path in pictures())
    assert all(f"]({path})" in section() for _, path in pictures() if path.startswith("docs-images/editor-"))


@pytest.mark.parametrize("alt, path", pictures(), ids=[path for _, path in pictures()])
def test_each_picture_is_a_small_png_with_words_for_it(alt: str, path: str) -> None:
    file = ROOT / path
    assert file.is_file(), f"{path}: no such picture (docs-images/take_editor_screenshots.py takes them)"
    data = file.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert len(data) <= MAX_IMAGE_BYTES, f"{path} is {len(data) // 1000} KB: take it smaller"
    assert alt.strip(), f"{path}: say in words what the picture shows (for readers who cannot see it)"


def test_every_picture_taken_is_shown() -> None:
    shown = {Path(path).name for _, path in pictures()}
    taken = {file.name for file in IMAGES.glob("*.png")}
    assert taken <= shown, f"pictures in docs-images/ the guide does not show: {sorted(taken - shown)}"


# --- The form --------------------------------------------------------------------------------


def labels(fields: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Every field's label, and what each list's Add button says ("Add section")."""
    names: set[str] = set()
    adds: set[str] = set()
    for field in fields:
        names.add(field["label"])
        if field.get("widget") == "list":
            adds.add(f"Add {field['label_singular'].lower()}")
        inner = field.get("fields", []) + ([field["field"]] if "field" in field else [])
        more_names, more_adds = labels(inner)
        names |= more_names
        adds |= more_adds
    return names, adds


def test_each_field_and_add_button_it_names_is_in_the_form() -> None:
    names, adds = labels(settings()["collections"][0]["fields"])
    # What a coach does in the form, on their own computer and on the published site.
    rows = table("Step", "What you do", "What you see") + table("Step", "What you do", "What happens")
    text = " ".join(" ".join(row) for row in rows)
    named = re.findall(r"the field \*\*([^*]+)\*\*", text)
    buttons = re.findall(r"\*\*(Add [^*]+)\*\*", text)
    assert named and buttons, "the section names no field or button of the form"
    assert set(named) <= names, f"fields the form does not have: {sorted(set(named) - names)}"
    assert set(buttons) <= adds, f"buttons the form does not have: {sorted(set(buttons) - adds)}"


# --- What a maintainer sets up ----------------------------------------------------------------


def test_the_settings_it_lists_are_the_ones_the_build_writes() -> None:
    rows = table("What it sets")
    assert rows
    config = settings()
    for _what, key, value in rows:
        path = key.strip("`")
        literal = re.fullmatch(r"`([^`]+)`", value)
        if literal:
            assert str(at(config, path)) == literal[1], (
                f"{path}: the doc says {literal[1]!r}, the build writes {at(config, path)!r}"
            )
        elif "EDITOR_AUTH_URL" in value:
            assert editor_config.AUTH_URL_VARIABLE == "EDITOR_AUTH_URL"
            assert at(config, path) == "https://sign-in.example.org"
        elif "REPO_URL" in value:
            assert at(config, path) == "someone/career-guide"
        else:
            pytest.fail(
                f"{path}: the doc's value {value!r} is neither a value nor a variable this test knows"
            )
    assert {key.strip("`") for _, key, _ in rows} >= {
        "backend.base_url",
        "backend.auth_endpoint",
        "publish_mode",
    }


def test_the_sign_in_server_comes_from_the_variable_the_workflow_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = " ".join(" ".join(row) for row in table("Step", "Where"))
    assert f"followed by `/{editor_config.AUTH_CALLBACK}`" in text
    assert f"**Name**: `{editor_config.AUTH_URL_VARIABLE}`" in text
    monkeypatch.setenv(editor_config.AUTH_URL_VARIABLE, "https://sign-in.example.org/")
    written = yaml.safe_load(editor_config.config_yaml(repo="someone/career-guide", local_backend=False))
    assert written["backend"]["base_url"] == "https://sign-in.example.org"
    assert written["backend"]["auth_endpoint"] == editor_config.AUTH_ENDPOINT
    monkeypatch.delenv(editor_config.AUTH_URL_VARIABLE)
    assert "base_url" not in yaml.safe_load(editor_config.config_yaml(repo="someone/career-guide"))["backend"]
    # The published build gets it from the repository variable of that name; the check the
    # maintainer makes required is a job of the same workflow.
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    build = next(step for step in workflow["jobs"]["check"]["steps"] if step.get("run") == "make build")
    variable = editor_config.AUTH_URL_VARIABLE
    assert build["env"][variable] == "${{ vars." + variable + " }}"
    required = re.search(r"choose \*\*([^*]+)\*\*", text)
    assert required and required[1] in workflow["jobs"]
