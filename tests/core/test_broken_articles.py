"""Every mistake an author can make in an article file, and the message they get for it.

Each file in tests/fixtures/broken/ holds one mistake (many-problems.yml holds several); the
file beside it with the ending .expected holds the exact lines an author sees. After a
deliberate change of wording, regenerate them with

    REGENERATE_EXPECTED=1 .venv/bin/pytest tests/core/test_broken_articles.py

and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
import tracemalloc
from pathlib import Path

import pytest

from guide_core import loader
from support import FIXTURES

BROKEN = FIXTURES / "broken"
CASES = sorted(BROKEN.glob("*.yml"))


def messages_for(path: Path) -> str:
    shown = f"docs/articles/{path.name}"
    try:
        loader.load_article(path, display_name=shown)
    except loader.ArticleErrors as errors:
        return "\n".join(str(problem) for problem in errors.problems) + "\n"
    return "(no problem found)\n"


def test_the_corpus_covers_at_least_forty_mistakes() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_file_gives_the_expected_messages(path: Path) -> None:
    expected_path = path.with_suffix(".expected")
    actual = messages_for(path)
    if os.environ.get("REGENERATE_EXPECTED"):
        expected_path.write_text(actual, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "expected", "actual")
    )
    assert actual == expected, f"messages for {path.name} changed:\n{diff}"
    # Every message points at the file, a real line and column, and says what was expected.
    line_count = max(1, len(path.read_bytes().splitlines()))
    for problem in actual.splitlines():
        location, _, rest = problem.partition(": ")
        file, line, column = location.rsplit(":", 2)
        assert file == f"docs/articles/{path.name}"
        assert 1 <= int(line) <= line_count + 1 and int(column) >= 1
        assert rest


def test_alias_bomb_is_refused_without_eating_memory() -> None:
    tracemalloc.start()
    with pytest.raises(loader.ArticleErrors):
        loader.load_article(BROKEN / "alias-bomb.yml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5_000_000


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        (FIXTURES / "valid/minimal.yml")
        .read_text(encoding="utf-8")
        .replace("title: A minimal article", f'title: !!python/object/apply:os.system ["touch {marker}"]')
    )
    with pytest.raises(loader.ArticleErrors):
        loader.parse_article(text)
    assert not marker.exists()


def test_all_problems_in_all_files_are_reported_together(tmp_path: Path) -> None:
    for name in ("item-id-number", "unknown-key-typo", "date-impossible"):
        (tmp_path / f"{name}.yml").write_bytes((BROKEN / f"{name}.yml").read_bytes())
    with pytest.raises(loader.ArticleErrors) as caught:
        loader.load_articles(tmp_path)
    files = {Path(problem.file).name for problem in caught.value.problems}
    assert files == {"item-id-number.yml", "unknown-key-typo.yml", "date-impossible.yml"}


def test_duplicate_slugs_across_articles_are_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "valid/minimal.yml").read_text(encoding="utf-8")
    (tmp_path / "minimal.yml").write_text(text, encoding="utf-8")
    (tmp_path / "minimal-copy.yml").write_text(
        text.replace("slug: minimal", "slug: minimal-copy"), encoding="utf-8"
    )
    loader.load_articles(tmp_path)  # two different slugs: fine
    # The same slug twice can only happen through the file name check, so bypass it:
    first = loader.parse_article(text, source="a.yml")
    second = loader.parse_article(text, source="b.yml")
    (problem,) = loader.duplicate_slugs([first, second])  # what read_articles reports
    assert problem.file == "b.yml" and "already used by a.yml" in problem.message


def test_valid_fixture_has_no_problem() -> None:
    article = loader.load_article(FIXTURES / "valid/minimal.yml")
    assert article.slug == "minimal"
