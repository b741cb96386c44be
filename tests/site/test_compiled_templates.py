"""Builds reuse compiled templates (hooks/preview.py keeps them on disk between builds), and a
template a fork edits is its own on the very next build, in any copy of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import build_ok, copy_project

pytestmark = pytest.mark.slow  # builds in a subprocess

PARTIAL = Path("overrides/partials/copyright.html")


def footer_of(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return html[html.index('<div class="md-copyright">') :]


def with_line(project: Path, words: str) -> None:
    partial = project / PARTIAL
    text = partial.read_text(encoding="utf-8")
    partial.write_text(text.replace('<div class="md-copyright">', f'<div class="md-copyright"><p>{words}</p>', 1))


def test_an_edited_template_shows_in_its_copy_and_not_in_another(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "first")
    second = copy_project(tmp_path / "second")
    build_ok(first, tmp_path / "site-1")  # compiles the templates, or finds them compiled
    with_line(second, "Edited in the second copy")
    assert "Edited in the second copy" in footer_of(build_ok(second, tmp_path / "site-2"))
    assert "Edited" not in footer_of(build_ok(first, tmp_path / "site-3"))

    with_line(first, "Edited in the first copy, then again")
    assert "Edited in the first copy, then again" in footer_of(build_ok(first, tmp_path / "site-4"))
    with_line(first, "A second edit")
    footer = footer_of(build_ok(first, tmp_path / "site-5"))
    assert "A second edit" in footer and "Edited in the first copy, then again" in footer
    assert "Edited in the second copy" in footer_of(build_ok(second, tmp_path / "site-6"))
