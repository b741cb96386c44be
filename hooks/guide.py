"""MkDocs hooks: adapt MkDocs events to the content core (``articles.py``), nothing else.

Each article file ``docs/articles/<slug>.yml`` becomes a page ``articles/<slug>/``: the core
loads and checks it, ``pages.py`` writes its Markdown, and the templates in ``overrides/``
render its HTML. Articles are loaded before the site folder is cleaned, so a broken file
stops the build and the previous site stays whole.

MkDocs puts this file's folder on ``sys.path`` only while it first runs, so siblings are
imported here at the top. ``mkdocs serve`` does not reload changed hook code: restart it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

import articles
import page_source

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

ARTICLES_DIR = "articles"


@dataclass
class _Build:
    """What one build knows about the articles (reset by every on_pre_build)."""

    articles: list[articles.Article] = field(default_factory=list)
    by_src_uri: dict[str, articles.Article] = field(default_factory=dict)
    files_by_slug: dict[str, File] = field(default_factory=dict)
    env: Environment | None = None


_build = _Build()
_serving = False


# ---------------------------------------------------------------------------------------------
# Hooks


# Remember whether this is `mkdocs serve`: drafts are listed there and nowhere else.
def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# Edit buttons need a repository to point at: without repo_url, show none.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.repo_url:
        config.edit_uri = None
    return config


# Load and check every article before MkDocs cleans the site folder.
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _build
    _build = _Build(articles=_load(config))
    for warning in (w for a in _build.articles for w in articles.warnings_for(a)):
        log.warning(warning)


# Drop the YAML sources from the site and add one generated page per article.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    for file in list(files):
        if file.src_uri.startswith(f"{ARTICLES_DIR}/") and file.src_uri.endswith(".yml"):
            files.remove(file)
    for article in _build.articles:
        src_uri = f"{ARTICLES_DIR}/{article.slug}.md"
        inclusion = InclusionLevel.DRAFT if article.draft else InclusionLevel.UNDEFINED
        file = File.generated(config, src_uri, content=page_source.article_markdown(article), inclusion=inclusion)
        file.edit_uri = f"{ARTICLES_DIR}/{article.slug}.yml"
        files.append(file)
        _build.by_src_uri[src_uri] = article
        _build.files_by_slug[article.slug] = file
    _build.env = config.theme.get_env()
    return files


# Give article pages their title, description and template.
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    article = _build.by_src_uri.get(page.file.src_uri)
    if article is None:
        return None
    # Material prints page.meta values into HTML unescaped: hand it escaped text.
    page.meta.update(
        title=Markup(escape(article.title)),
        description=Markup(escape(article.summary)),
        template="article.html",
    )
    return None


# Put each section's checklist (and notes) after the section's advice.
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    article = _build.by_src_uri.get(page.file.src_uri)
    if article is None:
        return None
    sections = {section.id: section for section in article.sections}
    template = _build.env.get_template("partials/guide-section-end.html")
    return page_source.SECTION_END_PATTERN.sub(
        lambda match: template.render(article=article, section=sections[match["id"]], config=config),
        html,
    )


# Templates see the article of an article page, and every article on the home page.
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    article = _build.by_src_uri.get(page.file.src_uri)
    if article is not None:
        context["article"] = article
    if page.is_homepage:
        context["guide_articles"] = _listing(page)
    return context


# ---------------------------------------------------------------------------------------------
# Helpers


# The core's errors become one PluginError: MkDocs prints it without a traceback and exits 1.
def _load(config: MkDocsConfig) -> list[articles.Article]:
    folder = Path(config.docs_dir) / ARTICLES_DIR
    root = Path(config.config_file_path).parent if config.config_file_path else None
    try:
        return articles.load_articles(folder, display_root=root)
    except articles.ArticleErrors as errors:
        raise PluginError(str(errors)) from None


# Articles for the home page, newest first, with the URL of each one's page.
def _listing(page: Page) -> list[dict[str, Any]]:
    entries = [
        {"article": article, "url": _build.files_by_slug[article.slug].url}
        for article in _build.articles
        if _serving or not article.draft
    ]
    return sorted(entries, key=lambda e: (e["article"].published, e["article"].title), reverse=True)
