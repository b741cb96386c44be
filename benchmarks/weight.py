"""The weight budget: the project's own JS and CSS, gzipped, under 8 KiB together.

    .venv/bin/python benchmarks/weight.py

Counts every `overrides/assets/*.js` and `*.css` as a reader's browser receives it: minified as
the build ships it (hooks/minify.py), then each file gzipped on its own (level 9, as
serve_gzip.py and GitHub Pages send it). Material's own assets
are not counted: they are the baseline every Material site pays. Exits 1 when over budget.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]
import minify  # noqa: E402

ASSETS = ROOT / "overrides" / "assets"
BUDGET = 8 * 1024


@dataclass(frozen=True)
class Weight:
    name: str
    raw: int
    minified: int
    gzipped: int


# Each of the project's own scripts and stylesheets, raw and gzipped, largest first.
def weigh(folder: Path = ASSETS) -> list[Weight]:
    files = sorted(p for p in folder.iterdir() if p.suffix in (".js", ".css") and p.is_file())
    weights = []
    for path in files:
        shipped = minify.minified(path.name, path.read_text(encoding="utf-8")).encode()
        weights.append(
            Weight(path.name, path.stat().st_size, len(shipped), len(gzip.compress(shipped, 9, mtime=0)))
        )
    return sorted(weights, key=lambda w: w.gzipped, reverse=True)


# A Markdown table of the weights, with the total against the budget.
def table(weights: list[Weight]) -> str:
    total = sum(w.gzipped for w in weights)
    lines = ["| file | source | minified | gzipped |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| `{w.name}` | {w.raw:,} B | {w.minified:,} B | {w.gzipped:,} B |" for w in weights]
    verdict = "within" if total <= BUDGET else "OVER"
    lines.append(
        f"| **total** ({len(weights)} files) | {sum(w.raw for w in weights):,} B "
        f"| {sum(w.minified for w in weights):,} B | "
        f"**{total:,} B = {total / 1024:.2f} KiB** ({verdict} the {BUDGET // 1024} KiB budget) |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    measured = weigh()
    print(table(measured))
    sys.exit(0 if sum(w.gzipped for w in measured) <= BUDGET else 1)
