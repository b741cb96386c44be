"""Benchmark: load and check 1,000 article files (goal: well under a second).

    .venv/bin/python benchmarks/validate.py [count]

Writes `count` copies of the seed article (each with its own slug) to a temporary folder and
times `articles.load_articles` over them: reading, YAML parsing with positions, the JSON
Schema and the cross-field rules. Prints the best of five runs.

Then the worst single files, each against its budget (the tests hold only that their cost
grows linearly, tests/complexity.py; what they cost in seconds is measured here): a 400 KB
article made of what makes checks slow, a 400 KB title ending in a line break, 500,000
nested brackets, and the alias bomb (tests/fixtures/broken/alias-bomb.yml).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks"), str(ROOT / "tests"), str(ROOT / "tests/core")]

from guide_core import loader as articles  # noqa: E402
from guide_core import source  # noqa: E402
from test_source import seed_with, worst_case_article  # noqa: E402

# Each worst file's budget, in seconds of wall-clock time on the machine of BENCHMARKS.md.
BUDGETS = {
    "a 400 KB worst-case article": 2.0,
    "a 400 KB title ending in a line break": 2.0,
    "500,000 nested brackets": 1.0,
    "the alias bomb": 1.0,
}

SEED = ROOT / "docs/articles/how-you-should-react-to-a-bad-job-interview.yml"


def main(count: int = 1000) -> None:
    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for n in range(count):
            slug = f"article-{n:04d}"
            Path(folder, f"{slug}.yml").write_text(
                text.replace("slug: how-you-should-react-to-a-bad-job-interview", f"slug: {slug}"),
                encoding="utf-8",
            )
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            loaded = articles.load_articles(Path(folder))
            timings.append(time.perf_counter() - started)
        assert len(loaded) == count
        documents = [source.parse(path.read_bytes()) for path in sorted(Path(folder).glob("*.yml"))]
        checks = []
        for _ in range(5):
            started = time.perf_counter()
            for document in documents:
                assert not list(articles.check_document(document, source="x"))
            checks.append(time.perf_counter() - started)
    best = min(timings)
    print(
        f"load and validate {count} articles: best {best:.3f} s of 5 runs "
        f"({best / count * 1000:.2f} ms per article)"
    )
    print(f"  of which the checks alone (schema and rules, on parsed YAML): {min(checks):.3f} s")
    worst_files()


def worst_files() -> None:
    title = "a " * 200_000 + "\n"
    texts = {
        "a 400 KB worst-case article": worst_case_article(),
        "a 400 KB title ending in a line break": seed_with(
            "title: How You Should React to a Bad Job Interview", f"title: {title!r}".replace("'", '"')
        ),
        "500,000 nested brackets": "a: " + "[" * 500_000 + "]" * 500_000,
        "the alias bomb": (ROOT / "tests/fixtures/broken/alias-bomb.yml").read_text(encoding="utf-8"),
    }
    try:  # Markdown's and the sanitizer's set-up, once per build
        articles.parse_article(worst_case_article(20_000), source="warm-up.yml")
    except articles.ArticleErrors:
        pass  # (its checklist is too long to print: refused, after every check ran)
    for what, text in texts.items():
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            try:
                articles.parse_article(
                    text, source="x.yml", stem="how-you-should-react-to-a-bad-job-interview"
                )
            except articles.ArticleErrors:
                pass
            timings.append(time.perf_counter() - started)
        best, budget = min(timings), BUDGETS[what]
        print(
            f"{what}: best {best:.2f} s of 3 (budget {budget:.1f} s)"
            + ("" if best <= budget else "  OVER BUDGET")
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
