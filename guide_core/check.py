"""`make check`: read and check every article without building the site.

    python -m guide_core.check [--folder docs/articles] [--root .]

Prints one line per problem, ``file:line:col: field: message`` (the lines the build prints),
errors first, and exits 1 if there is any error or warning (``make build`` is strict, so a
warning fails it too). A draft is no problem, but it is told, as notices, everything that
stands between it and publishing (the line ``draft: true``, the template's examples left).
Under GitHub Actions (``GITHUB_ACTIONS=true``) it also prints workflow commands, so each
problem shows on its line of the pull request's changed file, and writes every problem to the
job summary as a table with what to do about it.

    python -m guide_core.check --preview-summary

prints what a pull request's job summary says about its preview: how to open it, and the
drafts in it that merging will not publish.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .loader import names_from, read_articles
from .problems import ERROR, NOTICE, WARNING, Problem
from .site_files import site_problems as files_problems

# GitHub shows at most 10 annotations of each kind per step; the rest go to the summary.
ANNOTATIONS_SHOWN = 10
GUIDE = "ADDING-AN-ARTICLE.md"


# What the fork edits besides its articles (mkdocs.yml, the guide's words, docs/), checked as
# the build checks it; templates are looked up as the build looks them up: overrides/, then
# Material's.
def site_problems(root: Path) -> list[Problem]:
    config = root / "mkdocs.yml"
    if not config.is_file():
        return []
    material = importlib.util.find_spec("material")
    theme_dirs = [root / "overrides"] + (
        [Path(material.origin).parent / "templates"] if material and material.origin else []
    )
    return files_problems(config, docs=root / "docs", theme_dirs=theme_dirs, shown=names_from(root))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check every article file without building the site.")
    parser.add_argument("--folder", type=Path, default=Path("docs/articles"), help="the articles folder")
    parser.add_argument(
        "--root", type=Path, default=Path("."), help="file names are shown relative to this folder"
    )
    parser.add_argument(
        "--preview-summary",
        action="store_true",
        help="print what a pull request's summary says of its preview",
    )
    args = parser.parse_args(argv)

    articles, problems = read_articles(args.folder, display_root=args.root)
    if not args.preview_summary:
        problems += site_problems(args.root)
    if args.preview_summary:
        print(preview_summary([article.source for article in articles if article.draft]))
        return 0
    problems += [warning for article in articles for warning in article.warnings]
    problems = ordered(problems)

    for problem in problems:
        print(line(problem))
    print(summary_line(problems, len(articles)))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print("\n".join(annotations(problems)))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as out:
                out.write(step_summary(problems, advice_table(args.root / GUIDE)))
    return 1 if any(p.severity != NOTICE for p in problems) else 0


SEVERITIES = (ERROR, WARNING, NOTICE)


# Errors first, then warnings, then notices; each kind by file, line and column.
def ordered(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (SEVERITIES.index(p.severity), p.file, p.line, p.column))


# One problem as the terminal shows it (the build's own wording, marked when not an error).
def line(problem: Problem) -> str:
    if problem.severity != ERROR:
        where, _, rest = str(problem).partition(": ")
        return f"{where}: {problem.severity}: {rest}"
    return str(problem)


def summary_line(problems: Sequence[Problem], article_count: int) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    drafts = sorted({p.file for p in problems if p.severity == NOTICE})
    unpublished = (
        f" {len(drafts)} draft{_s(len(drafts))} will not be published until the notices above are "
        f"done: {', '.join(drafts)}."
        if drafts
        else ""
    )
    if not errors and not warnings:
        return f"All {article_count} article{_s(article_count)} checked: no problems.{unpublished}"
    files = len({p.file for p in problems if p.severity != NOTICE})
    return (
        f"{errors} error{_s(errors)} and {warnings} warning{_s(warnings)} in {files} file{_s(files)}: "
        f"fix each line above ({GUIDE}, section 4, says what each message means).{unpublished}"
    )


# A pull request's job summary on its preview: open it with clicks only, and know which of
# its articles are drafts (shown in the preview, marked; not published by merging).
def preview_summary(drafts: Sequence[str]) -> str:
    lines = [
        "### Preview of this pull request's site",
        "1. Scroll to **Artifacts** at the bottom of this page and download **site-preview**.",
        "2. Open the downloaded file (your computer unzips it into a folder).",
        "3. In that folder, double-click **index.html**: the site opens in your browser, "
        "your articles in it.",
        "",
        "Search needs the published site; everything else works in the preview, ticks and notes included.",
    ]
    if drafts:
        lines += [
            "",
            f"**{len(drafts)} draft{_s(len(drafts))}** (marked *Draft* in the preview) will "
            "**not** be published when this is merged:",
            *(f"- `{draft}`: delete its line `draft: true` to publish it" for draft in drafts),
        ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# GitHub Actions


# Workflow commands: an annotation per problem, at most ANNOTATIONS_SHOWN of each kind, then
# a notice that says how many more there are and where to read them.
def annotations(problems: Sequence[Problem]) -> list[str]:
    commands = []
    for severity in SEVERITIES:
        of_kind = [p for p in problems if p.severity == severity]
        for problem in of_kind[:ANNOTATIONS_SHOWN]:
            properties = {
                "file": problem.file,
                "line": str(problem.line),
                "col": str(problem.column),
                "title": problem_title(problem),
            }
            fields = ",".join(f"{name}={_escape_property(value)}" for name, value in properties.items())
            commands.append(f"::{severity} {fields}::{_escape_data(problem.message)}")
        hidden = len(of_kind) - ANNOTATIONS_SHOWN
        if hidden > 0:
            commands.append(
                f"::notice title=More article {severity}s::{hidden} more {severity}{_s(hidden)} "
                "than GitHub shows "
                f"here: read them all in this job's summary, or in the log of the 'make check' step"
            )
    return commands


def problem_title(problem: Problem) -> str:
    field = f"{problem.field} ({problem.place})" if problem.place else problem.field
    kind = "Draft, not published yet" if problem.severity == NOTICE else f"Article {problem.severity}"
    return f"{kind}: {field}" if field else kind


# The job summary: every problem in a table, with what to do from the author guide's table.
def step_summary(problems: Sequence[Problem], advice: list[tuple[str, str]]) -> str:
    if not problems:
        return "### Articles checked: no problems\n\n"
    rows = [
        f"### Problems in the guide's files ({len(problems)})\n",
        "| | File | Line | Field | What is wrong | What to do |",
        "| --- | --- | ---: | --- | --- | --- |",
    ]
    for problem in problems:
        mark = {ERROR: "❌ error", WARNING: "⚠️ warning", NOTICE: "📝 draft"}[problem.severity]
        field = (
            f"`{problem.field}`" + (f" ({problem.place})" if problem.place else "") if problem.field else ""
        )
        cells = [
            mark,
            f"`{problem.file}`",
            f"{problem.line}:{problem.column}",
            field,
            problem.message,
            advice_for(problem, advice),
        ]
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(rows) + f"\n\nEach message is explained in {GUIDE}, section 4.\n\n"


# The rows of the author guide's tables of messages (its section 4, "When something is wrong";
# the other tables, of fields and settings, say nothing about messages): (what the message
# contains, what to do).
def advice_table(guide: Path) -> list[tuple[str, str]]:
    try:
        text = guide.read_text(encoding="utf-8")
    except OSError:
        return []
    section = re.search(r"^## 4\..*?$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    if section is None:
        return []
    rows = []
    for match in re.finditer(r"^\| `([^`]+)`[^|]*\| (.+?) \|$", section[1], re.MULTILINE):
        rows.append((match[1], match[2]))
    return rows


# What to do about a problem: the first row whose words are in its message ("..." in a row
# stands for any words: `the HTML tag <...> is not allowed`).
def advice_for(problem: Problem, advice: list[tuple[str, str]]) -> str:
    for contains, what_to_do in advice:
        pattern = ".*?".join(re.escape(part) for part in contains.split("..."))
        if re.search(pattern, problem.message):
            return what_to_do
    return f"See {GUIDE}, section 4."


# Workflow command escaping: https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _s(count: int) -> str:
    return "" if count == 1 else "s"


if __name__ == "__main__":
    sys.exit(main())
