"""MkDocs hooks: adapt MkDocs events to the content core (``articles.py``), nothing else.

Each article file ``docs/articles/<slug>.yml`` becomes a page ``articles/<slug>/``: the core
loads and checks it, ``page_source.py`` writes its Markdown, and the templates in ``overrides/``
render its HTML. Articles are loaded before the site folder is cleaned, so a broken file
stops the build and the previous site stays whole.

MkDocs puts this file's folder on ``sys.path`` only while it first runs, so siblings are
imported here at the top. ``mkdocs serve`` does not reload changed hook code: restart it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

import articles
import assets
import email_template
import page_source

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

ARTICLES_DIR = "articles"
PRINT_PAGE = "checklist"
FEED = "feed.xml"


@dataclass
class _Build:
    """What one build knows about the articles (reset by every on_pre_build)."""

    articles: list[articles.Article] = field(default_factory=list)
    by_src_uri: dict[str, articles.Article] = field(default_factory=dict)
    files_by_slug: dict[str, File] = field(default_factory=dict)
    print_by_src_uri: dict[str, articles.Article] = field(default_factory=dict)
    print_files_by_slug: dict[str, File] = field(default_factory=dict)
    env: Environment | None = None
    problems: str | None = None
    shown: list[articles.Article] = field(default_factory=list)
    neighbours: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


_build = _Build()
_serving = False
# Survives rebuilds: MkDocs loads a hook module once per process (an lru_cache in
# mkdocs.config.config_options.Hooks), so `mkdocs serve` keeps this between builds.
_last_good: list[articles.Article] | None = None


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
    config.theme.static_templates.add(FEED)
    return config


# Load and check every article before MkDocs cleans the site folder. Under `mkdocs serve`, a
# broken edit keeps the last good articles on screen (MkDocs' own server would otherwise hang
# until the file is fixed) and says what is wrong in the terminal and on every page.
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _build, _last_good
    try:
        loaded = _load(config)
    except PluginError as error:
        if not (_serving and _last_good is not None):
            raise
        log.error(f"{error}\nStill serving the last good version of the articles: fix the file and save it.")
        _build = _Build(articles=_last_good, problems=str(error))
        return
    _build = _Build(articles=loaded)
    _last_good = loaded
    for warning in (w for a in _build.articles for w in a.warnings):
        log.warning(str(warning))


# Drop the YAML sources from the site and add one generated page per article. The guide's
# own scripts and stylesheets ship minified; `mkdocs serve` keeps them as written.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    for file in list(files):
        if file.src_uri.startswith(f"{ARTICLES_DIR}/") and file.src_uri.endswith(".yml"):
            files.remove(file)
        elif not _serving and _is_own_asset(file, config):
            file.content_string = assets.minified(file.src_uri, file.content_string)
    for article in _build.articles:
        src_uri = f"{ARTICLES_DIR}/{article.slug}.md"
        inclusion = InclusionLevel.DRAFT if article.draft else InclusionLevel.UNDEFINED
        file = File.generated(config, src_uri, content=page_source.article_markdown(article), inclusion=inclusion)
        file.edit_uri = f"{ARTICLES_DIR}/{article.slug}.yml"
        files.append(file)
        _build.by_src_uri[src_uri] = article
        _build.files_by_slug[article.slug] = file
        files.append(_print_file(article, config, inclusion))
    _build.shown = _shown()
    _build.neighbours = _neighbour_slugs(_build.shown)
    _build.env = config.theme.get_env()
    # The email partial shows the template parsed by the core (readable without JavaScript).
    _build.env.globals["email_view"] = email_template.view
    return files


# Give article pages (and their printable checklists) their title, description and template.
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    printed = _build.print_by_src_uri.get(page.file.src_uri)
    if printed is not None:
        page.meta.update(_print_meta(printed))
        return None
    article = _build.by_src_uri.get(page.file.src_uri)
    if article is None:
        return None
    # Material prints page.meta values into HTML unescaped: hand it escaped text.
    page.meta.update(
        title=Markup(escape(article.title)),
        description=Markup(escape(article.summary)),
        template="article.html",
        tags=list(article.tags),  # read by Material's tags plugin, which runs after this hook
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


# Templates see the article of an article page (and of its printable checklist, with the
# URLs that link the two), and every article on the home page.
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    article = _build.by_src_uri.get(page.file.src_uri)
    if article is not None:
        context["article"] = article
        context["guide_print_url"] = _build.print_files_by_slug[article.slug].url
        # Articles are not in the navigation (hundreds would not fit): link them in date order.
        page.previous_page, page.next_page = _neighbours(article)
    printed = _build.print_by_src_uri.get(page.file.src_uri)
    if printed is not None:
        context["article"] = printed
        article_file = _build.files_by_slug[printed.slug]
        context["guide_article_url"] = article_file.url
        context["guide_article_canonical_url"] = article_file.page.canonical_url if article_file.page else None
    if page.is_homepage:
        context["guide_articles"] = _listing()
    context["guide_problems"] = _build.problems
    return context


# The Atom feed (a theme template, like the sitemap) lists the published articles.
def on_template_context(context: dict[str, Any], /, *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == FEED:
        context["guide_articles"] = [
            {**entry, "url": urljoin(config.site_url or "", entry["url"])}
            for entry in _listing()
        ]
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


# A script or stylesheet of the guide's own (overrides/assets/), not one of Material's.
def _is_own_asset(file: File, config: MkDocsConfig) -> bool:
    if not file.abs_src_path or not file.src_uri.endswith(assets.SUFFIXES):
        return False
    custom_dir = config.theme.custom_dir
    return bool(custom_dir) and Path(file.abs_src_path).is_relative_to(Path(custom_dir) / "assets")


# The printable checklist's page, articles/<slug>/checklist/: the template draws the sheet
# from the article, so its Markdown is empty; it is a draft when the article is one.
def _print_file(article: articles.Article, config: MkDocsConfig, inclusion: InclusionLevel) -> File:
    src_uri = f"{ARTICLES_DIR}/{article.slug}/{PRINT_PAGE}.md"
    file = File.generated(config, src_uri, content="", inclusion=inclusion)
    file.edit_uri = f"{ARTICLES_DIR}/{article.slug}.yml"
    _build.print_by_src_uri[src_uri] = article
    _build.print_files_by_slug[article.slug] = file
    return file


# The printable page's title and template; search leaves it out (it repeats the article).
def _print_meta(article: articles.Article) -> dict[str, Any]:
    return {
        "title": Markup(escape(f"Checklist: {article.title}")),
        "description": Markup(escape(f"A one-page printable checklist for {article.title}")),
        "template": "checklist-print.html",
        "search": {"exclude": True},
    }


# The articles this build shows (drafts only under `mkdocs serve`), oldest first.
def _shown() -> list[articles.Article]:
    shown = [article for article in _build.articles if _serving or not article.draft]
    return sorted(shown, key=lambda article: (article.published, article.title))


# Articles for the home page and the feed, newest first, with the URL of each one's page.
def _listing() -> list[dict[str, Any]]:
    return [
        {"article": article, "url": _build.files_by_slug[article.slug].url}
        for article in reversed(_build.shown)
    ]


# The pages of the articles published just before and just after this one.
def _neighbours(article: articles.Article) -> tuple[Page | None, Page | None]:
    before, after = _build.neighbours.get(article.slug, (None, None))
    return tuple(_build.files_by_slug[slug].page if slug else None for slug in (before, after))


# Each shown article's neighbours in date order, by slug (worked out once per build).
def _neighbour_slugs(shown: list[articles.Article]) -> dict[str, tuple[str | None, str | None]]:
    slugs = [None, *(article.slug for article in shown), None]
    return {slugs[i]: (slugs[i - 1], slugs[i + 1]) for i in range(1, len(slugs) - 1)}
