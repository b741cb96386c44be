"""Every mistake a fork can make in the files it edits besides its articles, and the message it gets.

Each folder of tests/fixtures/broken-site/ is one mistake: it holds only the files that differ
from a good project (the repo's files, as tests/support.py copy_project copies them): a
mkdocs.yml, a page of docs/, a catalogue in guide_core/locales/, a file dropped into
docs/articles/. A file named `removed` lists paths of the good project (one a line) the case
deletes. The file `expected` holds the exact lines the fork is shown: the problems the build's
gate finds (site_files.site_problems, called as hooks/guide.py's on_config calls it, then the
articles folder as on_pre_build reads it), each as file:line:col: message. After a deliberate
change of wording, regenerate them with

    REGENERATE_EXPECTED=1 .venv/bin/pytest tests/core/test_broken_site_files.py

and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import material
import mkdocs
import pytest

from guide_core import site_files
from guide_core.loader import names_from, read_articles
from support import FIXTURES, copy_project

BROKEN_SITE = FIXTURES / "broken-site"
CASES = sorted(path for path in BROKEN_SITE.iterdir() if path.is_dir())
NOT_PROJECT_FILES = {"expected", "removed"}


def assemble(case: Path, dest: Path) -> Path:
    """A good project in `dest`, with the case's files in place of (or beside) its own."""
    project = copy_project(dest)
    removed = case / "removed"
    if removed.is_file():
        for line in removed.read_text(encoding="utf-8").splitlines():
            target = project / line.strip()
            if target.is_dir():
                shutil.rmtree(target)
            elif line.strip():
                target.unlink()
    for path in sorted(case.rglob("*")):
        relative = path.relative_to(case)
        if path.is_file() and str(relative) not in NOT_PROJECT_FILES:
            (project / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, project / relative)
    return project


# The folders MkDocs looks templates up in for this project: overrides/ (theme.custom_dir),
# Material's, then MkDocs' own (mkdocs.theme.Theme.dirs).
def theme_dirs(project: Path) -> list[Path]:
    return [
        project / "overrides",
        Path(material.__file__).parent / "templates",
        Path(mkdocs.__file__).parent / "templates",
    ]


def messages_for(project: Path) -> str:
    shown = names_from(project)
    found = site_files.site_problems(
        project / "mkdocs.yml",
        docs=project / "docs",
        theme_dirs=theme_dirs(project),
        shown=shown,
        environ={},
        locales=project / "guide_core" / "locales",
    )
    _, in_articles = read_articles(project / "docs" / "articles", display_root=project)
    problems = list(dict.fromkeys([*found, *in_articles]))  # each said once, as on_pre_build does
    return "".join(f"{problem}\n" for problem in problems) or "(no problem found)\n"


def test_the_corpus_covers_at_least_twenty_mistakes() -> None:
    assert len(CASES) >= 20


def test_the_good_project_has_no_problem(tmp_path: Path) -> None:
    assert messages_for(copy_project(tmp_path / "project")) == "(no problem found)\n"


# Cases the gate rightly lets through, and why.
ACCEPTED = {
    # A well-formed language code the guide and Material have no words for: built with English
    # words and one warning naming the missing catalogue (tests/site/test_unknown_language.py).
    "theme-language-unknown": "built in English, with a warning",
}


@pytest.mark.parametrize("case", CASES, ids=[path.name for path in CASES])
def test_broken_site_gives_the_expected_messages(case: Path, tmp_path: Path) -> None:
    project = assemble(case, tmp_path / "project")
    actual = messages_for(project)
    expected_path = case / "expected"
    if os.environ.get("REGENERATE_EXPECTED"):
        expected_path.write_text(actual, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual")
    )
    assert actual == expected, f"messages for {case.name} changed:\n{diff}"
    if case.name in ACCEPTED:
        assert actual == "(no problem found)\n", ACCEPTED[case.name]
        return
    assert actual != "(no problem found)\n", f"{case.name}: the mistake is not caught"
    # Every message points at a file of the project, a real line and column, and says something.
    for problem in actual.splitlines():
        location, _, rest = problem.partition(": ")
        file, line, column = location.rsplit(":", 2)
        path = project / file
        assert path.exists(), f"{problem!r} names no file of the project"
        line_count = max(1, len(path.read_bytes().splitlines())) if path.is_file() else 1
        assert 1 <= int(line) <= line_count + 1 and int(column) >= 1, problem
        assert rest.strip(), problem
