"""Benchmark: load and check 1,000 article files (goal: well under a second).

    .venv/bin/python benchmarks/validate.py [count]

Writes `count` copies of the seed article (each with its own slug) to a temporary folder and
times `articles.load_articles` over them: reading, YAML parsing with positions, the JSON
Schema and the cross-field rules. Prints the best of five runs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

from guide_core import loader as articles  # noqa: E402
from guide_core import source

SEED = ROOT / "docs/articles/how-you-should-react-to-a-bad-job-interview.yml"


def main(count: int = 1000) -> None:
    text = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for n in range(count):
            slug = f"article-{n:04d}"
            Path(folder, f"{slug}.yml").write_text(
                text.replace("slug: how-you-should-react-to-a-bad-job-interview", f"slug: {slug}"), encoding="utf-8"
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
    print(f"load and validate {count} articles: best {best:.3f} s of 5 runs ({best / count * 1000:.2f} ms per article)")
    print(f"  of which the checks alone (schema and rules, on parsed YAML): {min(checks):.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
