"""yamllint with the project's .yamllint passes every YAML file a fork edits, and what `make
article` and the template give an author: an editor that runs yamllint underlines only real
mistakes. (The repo's own articles are linted by `make test` itself: tests never read them.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from yamllint import config, linter

from guide_core import template
from guide_core.scaffold import create
from support import ARTICLES, FIXTURES, ROOT

FILES = sorted(
    [
        ROOT / "mkdocs.yml",
        ROOT / template.TEMPLATE_NAME,
        ROOT / ".yamllint",
        *(ROOT / ".github/workflows").glob("*.yml"),
        *(ROOT / "guide_core/locales").glob("*.yml"),
        *ARTICLES.glob("*.yml"),
        *(FIXTURES / "valid").glob("*.yml"),
    ]
)


def problems(path: Path) -> list[str]:
    rules = config.YamlLintConfig(file=str(ROOT / ".yamllint"))
    return [
        f"{path}:{p.line}:{p.column}: {p.desc} ({p.rule})"
        for p in linter.run(path.read_text(encoding="utf-8"), rules, str(path))
    ]


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_project_yaml_passes_yamllint(path: Path) -> None:
    assert problems(path) == []


def test_a_new_article_passes_yamllint(tmp_path: Path) -> None:
    assert problems(create("How to Ask for a Raise", tmp_path)) == []


def test_yamllint_still_finds_what_it_is_for(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("title: A\ntitle: B\nsummary:   x   \n", encoding="utf-8")
    found = problems(broken)
    assert any("key-duplicates" in p for p in found) and any("trailing-spaces" in p for p in found)
