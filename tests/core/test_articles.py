"""The content core, without MkDocs: load, check and model an article."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from guide_core import loader, page_source
from support import ROOT, SEED_FILE, SEED_SLUG

SEED = SEED_FILE


def test_core_does_not_import_mkdocs() -> None:
    modules = sorted(path.stem for path in (ROOT / "guide_core").glob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module('guide_core.' + name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_seed_article_loads_into_the_model() -> None:
    article = loader.load_article(SEED)
    assert article.slug == SEED_SLUG
    assert article.title == "How You Should React to a Bad Job Interview"
    assert article.published == dt.date(2017, 10, 5)
    assert [s.heading for s in article.sections] == [
        "Take Some Time to Destress",
        "Take Stock of the Interview",
        "Think About the Positives",
        "Send an Email to the Employer",
    ]
    ids = [item.id for item in article.checklist]
    assert len(ids) == len(set(ids)) == 11
    assert article.email is not None and {f.name for f in article.email.fields} >= {
        "interviewer_name",
        "clarification",
    }
    assert [p.feeds for p in article.prompts if p.feeds] == ["clarification"]


def test_load_articles_reads_every_file_in_a_folder(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / f"{SEED_SLUG}.yml").write_text(text, encoding="utf-8")
    (tmp_path / "second.yml").write_text(
        text.replace(f"slug: {SEED_SLUG}", "slug: second").replace(
            "published: 2017-10-05", "published: 2018-01-02"
        ),
        encoding="utf-8",
    )
    loaded = loader.load_articles(tmp_path)
    assert [a.slug for a in loaded] == [SEED_SLUG, "second"]


def test_markdown_source_has_intro_anchored_sections_and_markers() -> None:
    article = loader.load_article(SEED)
    markdown = page_source.article_markdown(article)
    assert markdown.startswith("Let's face it")
    assert "## Take Stock of the Interview {#take-stock}" in markdown
    markers = page_source.SECTION_END_PATTERN.findall(markdown)
    assert markers == [s.id for s in article.sections]


def test_field_path_reads_like_the_yaml() -> None:
    assert loader.field_path(("sections", 2, "checklist", 0, "id")) == "sections[2].checklist[0].id"
    assert loader.field_path(("title",)) == "title"


def test_a_broken_file_names_itself_line_and_field() -> None:
    bad = SEED.read_text(encoding="utf-8").replace("id: no-decisions-yet", "id: 42")
    with pytest.raises(loader.ArticleErrors) as caught:
        loader.parse_article(bad, source="docs/articles/x.yml", stem=SEED_SLUG)
    (problem,) = caught.value.problems
    line = next(n for n, row in enumerate(bad.splitlines(), 1) if "id: 42" in row)
    assert (problem.file, problem.line, problem.field) == (
        "docs/articles/x.yml",
        line,
        "sections[0].checklist[2].id",
    )
    assert "expected a non-empty string of lower-case letters, digits and dashes, got 42" in problem.message
