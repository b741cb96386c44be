"""The sites the benchmarks build: the guide with N copies of the seed article, and a plain
Material site with the same prose as N ordinary Markdown pages in its navigation.

Both are generated fresh in every run, so the comparison is made on the same machine, at the
same moment, with the same versions of everything.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]
sys.path.insert(0, str(ROOT / "tests"))

from guide_core import loader as articles  # noqa: E402
from support import copy_project  # noqa: E402 - the tests' copy of a project, the same parts

SEED_SLUG = "how-you-should-react-to-a-bad-job-interview"
SEED = ROOT / "docs" / "articles" / f"{SEED_SLUG}.yml"

# The plain Material baseline: Material's defaults, with what a plain site would use for a
# checklist (pymdownx.tasklist, as Material's docs set it up) and the guide's own Markdown
# extensions. No web fonts: this machine cannot fetch them, and the guide has none either.
PLAIN_CONFIG = """\
site_name: Plain Material
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: en
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - toc:
      permalink: true
  - pymdownx.tasklist:
      custom_checkbox: true
"""


# The guide with `count` copies of the seed article, each with its own slug (0: no articles).
def guide_project(dest: Path, count: int) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    copy_project(dest)
    folder = dest / "docs" / "articles"
    for old in folder.glob("*.yml"):
        old.unlink()
    text = SEED.read_text(encoding="utf-8")
    for n in range(count):
        slug = article_slug(n)
        (folder / f"{slug}.yml").write_text(
            text.replace(f"slug: {SEED_SLUG}", f"slug: {slug}"), encoding="utf-8"
        )
    return dest


# A plain Material site: a home page and `count` pages of the seed's prose, all in the nav.
def plain_project(dest: Path, count: int) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "docs" / "articles").mkdir(parents=True)
    page = plain_markdown(articles.load_article(SEED))
    nav = ["nav:", "  - Home: index.md"]
    for n in range(count):
        slug = article_slug(n)
        (dest / "docs" / "articles" / f"{slug}.md").write_text(page, encoding="utf-8")
        nav.append(f"  - articles/{slug}.md")
    (dest / "docs" / "index.md").write_text(
        "# Plain Material\n\nThe same prose, as plain pages.\n", encoding="utf-8"
    )
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG + "\n".join(nav) + "\n", encoding="utf-8")
    return dest


# The seed article as one ordinary Markdown page: its prose, each checklist as a task list and
# each section's debrief questions as a list (what an author without the guide would write).
def plain_markdown(article: articles.Article) -> str:
    parts = [f"# {article.title}", article.intro.strip()]
    for section in article.sections:
        parts += [f"## {section.heading}", section.body.strip()]
        if section.checklist:
            parts.append("\n".join(f"- [ ] {item.text}" for item in section.checklist))
        if section.prompts:
            parts.append("**Think it through**\n\n" + "\n".join(f"- {p.question}" for p in section.prompts))
    return "\n\n".join(parts) + "\n"


def article_slug(n: int) -> str:
    return SEED_SLUG if n == 0 else f"article-{n:04d}"
