"""Write a new article's skeleton: `make article TITLE="How to Negotiate a Salary Offer"`.

    python -m guide_core.scaffold "How to Negotiate a Salary Offer" [--slug SLUG] [--folder docs/articles]

The skeleton (guide_core/article-skeleton.yml) is a valid draft article with every field present
and explained, so the site builds at once and the author replaces examples with their words.
The file name (the slug, the article's address) is made from the title in any script:
transliterated to Latin letters with anyascii ("Как договориться" -> "kak-dogovoritsya",
"如何谈薪水" -> "ru-he-tan-xin-shui"), so that addresses, printed sheets and feeds read the same
everywhere. Refuses to overwrite a file, a title longer than the format allows (before writing
anything), and a title that makes no slug (then pass --slug).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

from anyascii import anyascii

from .rules import ID
from .schema import schema

SKELETON = Path(__file__).with_name("article-skeleton.yml")
ARTICLES_FOLDER = Path("docs/articles")  # where new articles go, from the project's folder


class ScaffoldError(Exception):
    """The article cannot be written; the message says why and what to do."""


# A slug past this is cut at a word: an address, not a second title (a title of Chinese
# characters transliterates to four times its length).
SLUG_MAX = 80


# "How to Negotiate a Salary Offer!" -> "how-to-negotiate-a-salary-offer"
def slugify(title: str) -> str:
    # An apostrophe joins its word ("haven't" -> "havent", not "haven-t").
    joined = re.sub(r"(?<=\w)['\u2019\u02bc](?=\w)", "", unicodedata.normalize("NFC", title))
    # Each Chinese character is a word of its own; other scripts keep their words.
    spaced = "".join(
        f" {char} " if unicodedata.name(char, "").startswith("CJK UNIFIED") else char for char in joined
    )
    ascii_title = re.sub(r"['`]", "", anyascii(spaced))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[: SLUG_MAX + 1].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
    return slug


# The longest title the format allows (article.schema.json), checked before anything is written.
def title_limit() -> int:
    return schema()["properties"]["title"]["maxLength"]


# The skeleton's text for a title and slug, dated `today`.
def skeleton(title: str, slug: str, today: dt.date) -> str:
    text = SKELETON.read_text(encoding="utf-8")
    return (
        text.replace("__SLUG__", slug)
        .replace("__TITLE__", json.dumps(title, ensure_ascii=False))  # a valid YAML string
        .replace("__TODAY__", today.isoformat())
    )


# Write docs/articles/<slug>.yml; returns its path.
def create(title: str, folder: Path, *, slug: str | None = None, today: dt.date | None = None) -> Path:
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('give the article a title: make article TITLE="How to Negotiate a Salary Offer"')
    if len(title) > title_limit():
        raise ScaffoldError(
            f"the title is {len(title)} characters; an article's title has at most {title_limit()}: "
            "shorten it (the summary is the place for more words)"
        )
    slug = slug or slugify(title)
    if not slug:
        raise ScaffoldError(
            f"the title {title!r} has no letters or digits to make a file name from: "
            'add SLUG="a-name-in-latin-letters"'
        )
    if not ID.fullmatch(slug):
        raise ScaffoldError(f"the slug {slug!r} must be lower-case letters, digits and dashes")
    path = folder / f"{slug}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists: choose another title or SLUG, or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(skeleton(title, slug, today or dt.date.today()))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a new article's skeleton.")
    parser.add_argument(
        "title",
        nargs="?",
        default=None,
        help="the title (default: GUIDE_TITLE from the environment, as `make article` passes it)",
    )
    parser.add_argument("--slug", default=None)
    parser.add_argument("--folder", type=Path, default=ARTICLES_FOLDER)
    args = parser.parse_args(argv)
    try:
        title = args.title if args.title is not None else os.environ.get("GUIDE_TITLE", "")
        path = create(title, args.folder, slug=args.slug or os.environ.get("GUIDE_SLUG") or None)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be written, a disk that is full
        print(
            f"error: the article file cannot be written ({error.strerror}): nothing was written",
            file=sys.stderr,
        )
        return 1
    print(
        f"Wrote {path}: a draft. Fill it in, preview it with `make serve`, and delete `draft: "
        "true` to publish."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
