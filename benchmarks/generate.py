"""A guide of N distinct articles, for measuring scale: seed-shaped, each with its own words.

Identical copies of one article compress to almost nothing and hide what a real guide costs
(a search index, a home page); here every article keeps the seed's structure (sections,
checklist, prompts, email) but each word of its prose is replaced, deterministically, by a word
from a made-up vocabulary, so each article's text is its own. Dates spread over ten years, and
each article has two of forty topics.

    python benchmarks/generate.py 2000 /tmp/guide-2000    # a project folder to build
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from support import SEED_FILE, copy_project  # noqa: E402 - the tests' seed and project copy

TOPICS = [f"topic-{n:02d}" for n in range(40)]
WORD = re.compile(r"(?<![{\w])[A-Za-z]{4,}(?![\w}])")  # a word of prose, never a {placeholder}
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tu",
    "sa",
    "vel",
    "dor",
    "ni",
    "pa",
    "quo",
    "ter",
    "zan",
    "bri",
    "ful",
    "gem",
]


# `count` articles in `folder`, article-0000.yml ... (the folder is emptied first).
def write_articles(folder: Path, count: int, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yml"):
        old.unlink()
    base = yaml.safe_load(SEED_FILE.read_text(encoding="utf-8"))
    vocabulary = _vocabulary(random.Random(seed), 6000)
    start = dt.date(2016, 1, 1)
    paths = []
    for n in range(count):
        rng = random.Random(seed * 1_000_003 + n)
        data = _reworded(base, rng, vocabulary)
        slug = f"article-{n:04d}"
        data["slug"] = slug
        data["title"] = f"{data['title'][:90]} ({n})"
        data["published"] = (start + dt.timedelta(days=(n * 7919) % 3650)).isoformat()
        data.pop("updated", None)
        data["tags"] = sorted({TOPICS[n % len(TOPICS)], TOPICS[(n * 7 + 3) % len(TOPICS)]})
        path = folder / f"{slug}.yml"
        path.write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
        paths.append(path)
    return paths


# A project (the repo's site, copied as the tests copy it) holding `count` generated articles.
def guide_project(dest: Path, count: int, seed: int = 1) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    copy_project(dest)
    write_articles(dest / "docs" / "articles", count, seed)
    return dest


# The seed's data with every word of prose replaced; ids, field names and placeholders kept.
def _reworded(value, rng: random.Random, vocabulary: list[str], key: str = ""):
    if isinstance(value, dict):
        return {k: _reworded(v, rng, vocabulary, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_reworded(v, rng, vocabulary, key) for v in value]
    if isinstance(value, str) and key in (
        "title",
        "summary",
        "intro",
        "heading",
        "body",
        "text",
        "question",
        "hint",
        "subject",
        "label",
        "example",
    ):
        return WORD.sub(lambda match: _like(match.group(0), rng.choice(vocabulary)), value)
    return value


# The new word, shaped like the old one (capitalised, or not), no longer than it (the printed
# sheet's line budget depends on the length of items).
def _like(old: str, new: str) -> str:
    new = new[: len(old)]
    return new.capitalize() if old[0].isupper() else new


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    guide_project(args.dest, args.count)
    print(f"{args.count} articles in {args.dest / 'docs' / 'articles'}")


if __name__ == "__main__":
    main()
