"""`make check`: every article checked without a build, and on GitHub, problems on their lines."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guide_core import template
from support import FIXTURES, ROOT, SEED_SLUG

# Every test here builds or serves a site in a subprocess: `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

BROKEN = FIXTURES / "broken"
ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),col=(\d+),title=([^:]*)::(.+)$")


def check(
    project: Path, *, github: bool = False, summary: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    if github:
        env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    shutil.copy2(ROOT / "ADDING-AN-ARTICLE.md", project / "ADDING-AN-ARTICLE.md")  # what to do, per message
    return subprocess.run(
        [sys.executable, "-m", "guide_core.check"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def add_broken(project: Path, *names: str) -> None:
    for name in names:
        shutil.copy2(BROKEN / f"{name}.yml", project / "docs/articles" / f"{name}.yml")


def test_valid_articles_pass(project: Path) -> None:
    result = check(project)
    assert result.returncode == 0, result.stdout
    assert "no problems" in result.stdout and "::" not in result.stdout


def test_make_check_is_the_makefile_target(project: Path) -> None:
    for part in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / part, project / part)
    add_broken(project, "item-id-number")
    venv = Path(os.environ.get("VIRTUAL_ENV") or ROOT / ".venv")
    result = subprocess.run(
        ["make", "--no-print-directory", "check", f"VENV={venv}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "docs/articles/item-id-number.yml:13:13: sections[0].checklist[0].id" in result.stdout


def test_problems_print_as_the_build_prints_them(project: Path) -> None:
    add_broken(project, "item-id-number", "unknown-key-typo")
    result = check(project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("docs/articles/item-id-number.yml:13:13: sections[0].checklist[0].id")
        for line in lines
    )
    assert any(
        line.startswith("docs/articles/unknown-key-typo.yml:") and "unknown field" in line for line in lines
    )
    assert "3 errors and 0 warnings in 2 files" in lines[-1]  # unknown-key-typo has two


def test_under_github_actions_each_problem_is_an_annotation_on_its_line(
    project: Path, tmp_path: Path
) -> None:
    names = sorted(path.stem for path in BROKEN.glob("*.yml"))
    add_broken(project, *names)
    # And a warning: a summary longer than search engines show.
    seed = project / "docs/articles" / f"{SEED_SLUG}.yml"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("summary: ", "summary: " + "Long words here. " * 8, 1),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    result = check(project, github=True, summary=summary)
    assert result.returncode == 1

    plain = [line for line in result.stdout.splitlines() if re.match(r"^docs/articles/[^:]+:\d+:\d+: ", line)]
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    annotations = [ANNOTATION.match(line) for line in commands if not line.startswith("::notice")]
    assert all(annotations), commands
    errors = [a for a in annotations if a[1] == "error"]
    warnings = [a for a in annotations if a[1] == "warning"]
    # Errors first; GitHub shows 10 of each kind per step: no more are printed.
    assert len(errors) == 10 and len(warnings) == 1
    assert commands.index(next(c for c in commands if c.startswith("::warning"))) > commands.index(
        next(c for c in commands if c.startswith("::error"))
    )
    # Each annotation is on the same file, line and column as the plain line.
    for annotation in annotations:
        file, line, column = annotation[2], annotation[3], annotation[4]
        assert any(p.startswith(f"{file}:{line}:{column}: ") for p in plain), annotation[0]
        assert (project / file).is_file()
    # One notice says how many more errors there are and where to read them.
    error_count = sum(": warning: " not in line for line in plain)
    (notice,) = [c for c in commands if c.startswith("::notice")]
    assert f"{error_count - 10} more errors" in notice and "summary" in notice
    # The step summary holds every problem, with what to do.
    table = [
        row
        for row in summary.read_text(encoding="utf-8").splitlines()
        if row.startswith("| ") and "`docs/articles/" in row
    ]
    assert len(table) == len(plain)
    assert all(row.count(" | ") >= 5 and not row.rstrip(" |").endswith("|") for row in table)
    assert not any("See ADDING-AN-ARTICLE.md" in row for row in table), (
        "a message the author guide's table does not explain"
    )


def test_annotation_text_cannot_break_out_of_its_command(project: Path, tmp_path: Path) -> None:
    seed = project / "docs/articles" / f"{SEED_SLUG}.yml"
    seed.write_text(
        seed.read_text(encoding="utf-8")
        .replace("summary: ", "summary: 50%, then:\n  ::error::fake\n  and more. ", 1)
        .replace("title: How", "title_typo: How"),
        encoding="utf-8",
    )
    result = check(project, github=True, summary=tmp_path / "summary.md")
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands and not any(line.startswith("::error::fake") for line in commands)


def test_every_broken_fixture_message_is_explained_in_the_author_guide() -> None:
    from guide_core.check import GUIDE, advice_for, advice_table
    from guide_core.problems import Problem

    advice = advice_table(ROOT / GUIDE)
    assert len(advice) > 20
    unexplained = []
    for expected in sorted(BROKEN.glob("*.expected")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            problem = Problem("f", 1, 1, "", line.split(": ", 1)[1])
            if line and advice_for(problem, advice).startswith("See "):
                unexplained.append(f"{expected.name}: {line}")
    assert not unexplained, "add a row to ADDING-AN-ARTICLE.md section 4 for:\n" + "\n".join(unexplained)


def test_the_copyable_template_is_the_skeleton_and_explains_itself_when_copied_unchanged(
    project: Path,
) -> None:
    assert (ROOT / template.TEMPLATE_NAME).read_text(encoding="utf-8") == template.template_text(), (
        "ARTICLE-TEMPLATE.yml differs from the skeleton: regenerate it with "
        "`.venv/bin/python -c 'from guide_core import template; "
        "print(template.template_text(), end=\"\")' > ARTICLE-TEMPLATE.yml`"
    )
    copied = project / "docs/articles/how-to-ask-for-a-raise.yml"
    copied.write_text(template.template_text(), encoding="utf-8")
    result = check(project)
    # Copied as it is, it is a draft whose slug is not its file name: the check says so.
    assert result.returncode == 1
    assert "how-to-ask-for-a-raise.yml:" in result.stdout and "'how-to-ask-for-a-raise'" in result.stdout
    # Slug fixed and draft line deleted, every example still in it is pointed at, line by line.
    copied.write_text(
        template.template_text()
        .replace(f"slug: {template.TEMPLATE_SLUG}", "slug: how-to-ask-for-a-raise")
        .replace("draft: true\n", ""),
        encoding="utf-8",
    )
    result = check(project)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "how-to-ask-for-a-raise.yml:" in line]
    assert len(lines) == len(template.example_texts()) + 2  # + the title and the date
    assert all(": warning: " in line for line in lines)


@pytest.mark.parametrize(
    "title, slug",
    [
        ('Ask for $100 more, "politely"', "ask-for-100-more-politely"),
        ("Haven't heard back?", "havent-heard-back"),
    ],
)
def test_make_article_keeps_the_title_exactly(project: Path, title: str, slug: str) -> None:
    for part in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / part, project / part)
    venv = Path(os.environ.get("VIRTUAL_ENV") or ROOT / ".venv")
    result = subprocess.run(
        ["make", "--no-print-directory", "article", f"TITLE={title}", f"VENV={venv}"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    from guide_core.loader import load_article

    assert load_article(project / "docs/articles" / f"{slug}.yml").title == title


def test_the_summary_advises_from_the_message_tables_only(tmp_path: Path) -> None:
    """A problem's "What to do" comes from the author guide's tables of messages, never from its
    tables of fields or settings (whose rows also start with a `name`)."""
    from guide_core.check import GUIDE, advice_for, advice_table
    from guide_core.problems import Problem

    guide = (ROOT / GUIDE).read_text(encoding="utf-8")
    messages_section = guide.split("## 4.", 1)[1].split("\n## ", 1)[0]
    advice = advice_table(ROOT / GUIDE)
    assert advice and all(f"| `{contains}`" in messages_section for contains, _ in advice)
    long_title = Problem(
        "f", 1, 1, "title", 'expected a one-line title of at most 120 characters, got "How to..."'
    )
    assert "The value is of the wrong kind" in advice_for(long_title, advice)
    unknown = Problem(
        "f",
        1,
        1,
        "email.body",
        "the placeholder {compny} names no field: declare it under email.fields, or fix the spelling",
    )
    assert "is not declared under `email.fields`" in advice_for(unknown, advice)
