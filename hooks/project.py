"""What hooks/guide.py reads of the project through MkDocs: its folder, the problems in what a
fork edits besides its articles, and the files that are sources rather than pages.

Imported by guide.py after it has put the core (``guide_core``, beside ``hooks/``) on ``sys.path``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.structure.files import InclusionLevel

from guide_core import loader, page_source, site, site_files, site_settings
from guide_core.loader import names_from
from guide_core.model import Article
from guide_core.problems import Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File


# The project's folder (that of mkdocs.yml), which messages name files from; None for a config
# made in code.
def root(config: MkDocsConfig) -> Path | None:
    return Path(config.config_file_path).parent if config.config_file_path else None


# The settings of mkdocs.yml the site's plan reads (guide_core/site.py's plan).
def plan_settings(config: MkDocsConfig) -> dict[str, Any]:
    return {
        "topic_labels": config.extra.get("topics") or {},
        "site_url": config.site_url,
        "site_name": config.site_name,
        "language": config.theme.get("language") or "en",
        "directory_urls": config.use_directory_urls,
    }


# Every article that loads, and every problem in the others (loader.read_articles); `cache`:
# what each file gave last time, kept by `make serve`.
def read_articles(
    config: MkDocsConfig, *, cache: dict[Path, tuple] | None
) -> tuple[list[Article], list[Problem]]:
    return loader.read_articles(
        Path(config.docs_dir) / site.ARTICLES_DIR, display_root=root(config), cache=cache
    )


# A planned page as MkDocs is given it: its Markdown, written only if the page is built, and
# whether it is a draft the build leaves out.
def page_markdown(page: site.Page, *, drafts_shown: bool) -> tuple[Callable[[], str], InclusionLevel]:
    hidden = page.article is not None and page.article.draft and not drafts_shown
    inclusion = InclusionLevel.DRAFT if hidden else InclusionLevel.UNDEFINED
    if page.kind != "article":
        return str, inclusion
    return (lambda article=page.article: page_source.article_markdown(article)), inclusion


# How messages name a file: relative to the project's folder.
def shown(config: MkDocsConfig) -> Callable[[str], str]:
    return names_from(root(config))


# Every problem in mkdocs.yml, docs/ and the guide's words, at its line (site_files.py).
def site_problems(config: MkDocsConfig) -> list[Problem]:
    if not config.config_file_path:
        return []
    return site_files.site_problems(
        Path(config.config_file_path),
        docs=Path(config.docs_dir),
        theme_dirs=[Path(d) for d in config.theme.dirs],
        shown=shown(config),
    )


# Under serve the preview goes on with settings the guide refuses, each said on every page: a
# language without a catalogue in English, a name holding markup (which Material prints into
# pages as HTML) as the text it is.
def go_on_with(config: MkDocsConfig, refused: list[Problem]) -> None:
    fields = {problem.field for problem in refused}
    if "theme.language" in fields:
        config.theme["language"] = "en"
    for (name,) in site_settings.NAMES:
        if name in fields and isinstance(config.get(name), str):
            config[name] = str(escape(config[name]))


# Why mkdocs.yml could not be read (`error`, MkDocs' own words), at its line where the guide's
# checks can say it; `config`: the settings last read, which name the file and the folders.
def unreadable_settings(config: MkDocsConfig, error: Exception) -> list[Problem]:
    name = Path(config.config_file_path).name
    found = [problem for problem in site_problems(config) if problem.file.endswith(name)]
    return found or [
        Problem(shown(config)(config.config_file_path), 1, 1, "", f"MkDocs cannot use it: {error}")
    ]


# Never copied into the site as they are: article files (and ones misnamed .yaml or .YML, which
# the loader reports), and anything that is not a regular file (a pipe would hang the copy).
def is_article_source(file: File) -> bool:
    if file.src_uri.startswith(f"{site.ARTICLES_DIR}/") and file.src_uri.lower().endswith((".yml", ".yaml")):
        return True
    try:
        return bool(file.abs_src_path) and not stat.S_ISREG(os.stat(file.abs_src_path).st_mode)
    except OSError:
        return True  # a link that leads nowhere
