"""Every template under overrides/ reads in an editor without scrolling sideways: no line over
120 characters, inline scripts included (the scripts that must run in <head> are readable
files in overrides/assets/head/, inlined minified by the build: hooks/minify.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT

LIMIT = 120
TEMPLATES = sorted(
    path
    for path in (ROOT / "overrides").rglob("*")
    if path.is_file() and path.suffix in (".html", ".xml", ".webmanifest") and "assets" not in path.parts
)


def test_there_are_templates_to_read() -> None:
    assert any(path.name == "main.html" for path in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT / "overrides")))
def test_no_template_line_is_over_120_characters(path: Path) -> None:
    long = [
        f"{path.relative_to(ROOT)}:{number}: {len(line)} characters"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > LIMIT
    ]
    assert long == [], f"lines over {LIMIT} characters: break them inside a tag or a {{% %}}:\n" + "\n".join(long)
