"""The path of an author with only GitHub's web pages, as ADDING-AN-ARTICLE.md tells it: copy
ARTICLE-TEMPLATE.yml into docs/articles/ under a new name, fill it in, and at each step read
what the check on the pull request says, until `make build` publishes the article."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from guide_core import template
from support import ROOT, build_ok
from test_check import check
from test_fork import OWN_WORDS

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

NAME = "how-to-ask-for-a-raise"


def checked(project: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], list[str], str]:
    """`make check` as the pull request runs it: its lines about the new file, and the summary."""
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    result = check(project, github=True, summary=summary)
    lines = [line for line in result.stdout.splitlines() if line.startswith(f"docs/articles/{NAME}.yml:")]
    return result, lines, summary.read_text(encoding="utf-8")


def test_from_the_copied_template_to_the_published_article(project: Path, tmp_path: Path) -> None:
    guide = (ROOT / "ADDING-AN-ARTICLE.md").read_text(encoding="utf-8")
    assert (
        "Without a terminal" in guide
        and "draft: true" in guide.split("Without a terminal", 1)[1].split("## 3.", 1)[0]
    )
    path = project / "docs/articles" / f"{NAME}.yml"

    # 1. The template pasted under the new name: the slug is not the file name (an error).
    path.write_text((ROOT / template.TEMPLATE_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    result, lines, _ = checked(project, tmp_path)
    assert result.returncode == 1 and any(f"'{NAME}'" in line and "slug" in line for line in lines)

    # 2. Slug set: no error, but nothing will be published, and the check says everything that
    # stands in the way: the draft line and each example, on its line, as notices.
    text = path.read_text(encoding="utf-8").replace(f"slug: {template.TEMPLATE_SLUG}", f"slug: {NAME}")
    path.write_text(text, encoding="utf-8")
    result, lines, summary = checked(project, tmp_path)
    assert result.returncode == 0
    assert all(": notice: " in line for line in lines)
    draft_line = next(number for number, line in enumerate(text.splitlines(), 1) if line == "draft: true")
    assert any(
        line.startswith(f"docs/articles/{NAME}.yml:{draft_line}:1: notice: ")
        and "will not be published" in line
        for line in lines
    )
    assert (
        sum("still the template's" in line for line in lines) == len(template.example_texts()) + 2
    )  # + title, date
    assert (
        f"will not be published until the notices above are done: docs/articles/{NAME}.yml" in result.stdout
    )
    assert re.search(rf"::notice file=docs/articles/{NAME}.yml,line={draft_line},", result.stdout)
    assert "📝 draft" in summary and "Delete that line when the article is ready" in summary

    # 3. Examples replaced with the author's words: only the draft line stands in the way.
    for number, example in enumerate(template.example_texts(), start=1):
        text = text.replace(example, OWN_WORDS.get(example, f"The coach's own words, part {number}."))
    text = text.replace(f'title: "{template.TEMPLATE_TITLE}"', 'title: "How to Ask for a Raise"')
    text = re.sub(r"published: \d{4}-\d{2}-\d{2}", "published: 2024-05-02", text)
    path.write_text(text, encoding="utf-8")
    result, lines, _ = checked(project, tmp_path)
    assert result.returncode == 0 and len(lines) == 1 and "will not be published" in lines[0]
    site = build_ok(project, tmp_path / "site")
    assert not (site / "articles" / NAME).exists()  # merged like this, nothing would be published

    # 4. The draft line deleted, as the web-editor steps end: no problem, and the build publishes it.
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    result, lines, _ = checked(project, tmp_path)
    assert result.returncode == 0 and lines == [] and "no problems" in result.stdout
    site = build_ok(project, tmp_path / "site")
    assert "How to Ask for a Raise" in (site / "articles" / NAME / "index.html").read_text(encoding="utf-8")
    assert f"articles/{NAME}/" in (site / "index.html").read_text(encoding="utf-8")


def test_mkdocs_gh_deploy_refuses_the_local_address_and_says_what_to_set(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "-f", str(project / "mkdocs.yml"), "--no-history"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(project)},
    )
    assert result.returncode != 0
    assert "127.0.0.1:8000" in result.stderr + result.stdout and "SITE_URL" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_an_empty_site_url_is_as_if_unset(project: Path, tmp_path: Path) -> None:
    site = build_ok(project, tmp_path / "site", env={"SITE_URL": ""})
    for page in ("index.html", "feed.xml", "sitemap.xml"):
        text = (site / page).read_text(encoding="utf-8")
        assert "None" not in text and "http://127.0.0.1:8000/" in text, page
