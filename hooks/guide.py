"""MkDocs hooks: adapt MkDocs events to the content core (``guide_core``), nothing else.

Each article file ``docs/articles/<slug>.yml`` becomes two pages: the article
(``articles/<slug>/``) and its printable checklist (``articles/<slug>/checklist/``). The core
loads and checks the files, ``page_source`` writes the article's Markdown, and the templates
in ``overrides/`` render the HTML. Articles are loaded before the site folder is cleaned, so a
broken file stops the build and the previous site stays whole.

MkDocs puts this file's folder on ``sys.path`` only while it first runs, so the core is
imported here at the top. ``mkdocs serve`` does not reload changed hook code: restart it.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import jinja2
import jinja2.bccache
import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the core, beside hooks/
from guide_core import email_template, listing, markup, page_ids, page_source, site_files, strings, structured_data  # noqa: E402
from guide_core.loader import names_from, read_articles  # noqa: E402
from guide_core.model import Article  # noqa: E402
from guide_core.problems import WARNING, ArticleErrors, Problem  # noqa: E402

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

ARTICLES_DIR = "articles"
ALL_DIR = "all"  # all articles, newest first, in pages: all/, all/2/, ...
TOPICS_PAGE = "topics.md"  # the Topics page; each topic's pages are topics/<tag>/, topics/<tag>/2/, ...
TOPICS_DIR = "topics"
FEED = "feed.xml"
MANIFEST = "manifest.webmanifest"  # the guide as a web app a phone reader adds to the home screen
# The site's address while it is unknown: `make serve`'s. A published site needs its own.
LOCAL_ADDRESS = "http://127.0.0.1:8000/"
ADDRESS_HELP = (
    "Set SITE_URL (or site_url in mkdocs.yml) to the address readers use: for GitHub Pages "
    "https://<user>.github.io/<repository>/, or your own domain (ADDING-AN-ARTICLE.md, section 6)."
)


# ---------------------------------------------------------------------------------------------
# Hooks


# Remember whether this is `mkdocs serve` (drafts are listed there, and with --dirty, as `make
# serve` runs it, an edit rebuilds only the pages it changes) or `mkdocs gh-deploy`.
def on_startup(*, command: str, dirty: bool) -> None:
    global _serving, _preview, _command
    _command = command
    _serving = command == "serve"
    _preview = _Preview() if _serving and dirty else None


# The site's address, the pull request's preview, and edit buttons (none without a repository).
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _drafts_shown
    if not config.repo_url:
        config.edit_uri = None
    _settle_address(config)
    # `make preview` (a pull request's preview, extra.guide_preview): drafts are shown, marked,
    # and the pages open from a downloaded folder by double-click (file://): a page is
    # <name>.html, every link relative, no address of the published site in it.
    _drafts_shown = _serving or bool(config.extra.get("guide_preview"))
    if config.extra.get("guide_preview") and not _serving:
        config.use_directory_urls = False
        config.site_url = None
    else:  # the feed needs the site's address, and a web app an address to live at: a preview has neither
        config.theme.static_templates.update((FEED, MANIFEST))
    # Everything a fork edits besides its articles, checked before anything is built; the
    # problems are reported with the articles' (on_pre_build). Under `mkdocs serve` the
    # preview goes on with what can be shown: English words, Material's English.
    global _strings, _site_problems, _last_config
    if _serving:
        _last_config = config  # the settings a rebuild falls back on (on_serve)
        strings.read_catalogue.cache_clear()  # a catalogue may have been edited since
    _site_problems = site_files.site_problems(
        Path(config.config_file_path), docs=Path(config.docs_dir), theme_dirs=[Path(d) for d in config.theme.dirs], shown=names_from(_root(config))
    ) if config.config_file_path else []
    if any(problem.field == "theme.language" for problem in _site_problems):
        config.theme["language"] = "en"
    try:  # the guide's own words in theme.language, a fork's extra.guide_strings over them
        _strings = strings.load(config.theme.get("language"), config.extra.get("guide_strings"))
    except (ValueError, yaml.YAMLError):  # said, at its line, in _site_problems
        _strings = strings.load(None)
    if _strings.catalogue is None:
        log.warning(
            f"theme.language is {_strings.language!r}, and the guide has no catalogue for it "
            f"(guide_core/locales/{_strings.language}.yml): its own words (buttons, messages, the printable sheet) "
            "are shown in English. TRANSLATING.md says how to add the catalogue."
        )
    return config


# Load and check every article before MkDocs cleans the site folder. Under `mkdocs serve`, a
# broken file never stops the preview (MkDocs' own server would exit, or hang until the file
# is fixed): the articles that load are shown, the last good version of a broken one if there
# is one, and the terminal and every page say what to fix.
def on_pre_build(*, config: MkDocsConfig) -> None:
    global _build, _last_good
    loaded, problems = _read(config)
    # (a mkdocs.yml that cannot be read is found by the site's checks and by on_serve: said once)
    problems = list(dict.fromkeys([*_site_problems, *_config_problems, *problems]))
    if problems and not _serving:
        raise PluginError(str(ArticleErrors(problems)))
    if problems:
        message = str(ArticleErrors(problems))
        log.error(f"{message}\nThe preview shows the articles that load (a broken one as it last loaded): fix the file and save it.")
        slugs = {article.slug for article in loaded}
        kept = [article for article in (_last_good or []) if article.slug not in slugs]
        _build = _Build(articles=loaded + kept, problems=message)
        return
    _build = _Build(articles=loaded)
    _last_good = loaded
    warnings = _warnings(config, loaded)
    if warnings and config.strict and not _serving:
        # --strict refuses warnings: say so now, before a page is written.
        raise PluginError("\n".join([f"{len(warnings)} warning(s) in article files, refused by --strict:", *(f"  {w}" for w in warnings)]))
    for warning in warnings:
        log.warning(str(warning))
    _say_what_is_left_out(config, loaded)


# Drop the YAML sources from the site and add the generated pages: each article's two, and
# the lists (all articles, each topic). Under `make serve` a page is rebuilt only when what it
# shows has changed (see _Preview).
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    # A build without an address (a preview) has no feed: its template is not copied raw either.
    unwritten = {FEED, MANIFEST} - config.theme.static_templates
    files = Files([file for file in files if not _is_article_source(file) and file.src_uri not in unwritten])
    _build.shown = _shown()
    _build.neighbours = _neighbour_slugs(_build.shown)
    _build.topics = listing.topics(_build.newest, _topic_labels(config))
    _rank_related()
    stamp = _preview.start(config, _build.problems) if _preview else None
    for article in _build.articles:
        inclusion = InclusionLevel.DRAFT if article.draft and not _drafts_shown else InclusionLevel.UNDEFINED
        for kind in PAGE_KINDS:
            src_uri = kind.src_uri(article.slug)
            file = _generated(files, config, src_uri, functools.partial(kind.markdown, article), (kind.name, article, _article_context_key(kind, article), stamp), inclusion)
            file.edit_uri = f"{ARTICLES_DIR}/{article.slug}.yml"
            _build.pages[src_uri] = (kind, article)
            _build.files[(kind.name, article.slug)] = file
    for view in _list_views():
        file = _generated(files, config, view.src_uri, str, (view.title, view.page.number, view.page.count, _summaries(view.page.articles), stamp))
        _build.lists[view.src_uri] = view
        _build.list_files[view.src_uri] = file
    if _preview:
        _preview.rebuild_changed_pages_of_docs(files, {"index.md": _home_key(), TOPICS_PAGE: _topics_key()}, stamp)
    _build.env = _with_strings(_with_compiled_templates(config.theme.get_env()))
    _build.env.globals["guide_material_language"] = _material_language(_build.env, config.theme.get("language") or "en")
    return files


# `mkdocs serve`: a save of mkdocs.yml that MkDocs cannot read (a YAML error, a value it
# refuses) would stop every rebuild, the preview stuck on its last pages with nothing said on
# them (MkDocs' livereload). Instead the preview is rebuilt with the settings last read, every
# page says what is wrong in mkdocs.yml and where, and the next save that reads recovers it.
def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    def rebuild() -> None:
        global _config_problems
        _config_problems = []
        try:
            builder()
        except Exception as error:  # noqa: BLE001 - what MkDocs would print, said on the pages instead
            if _last_config is None:
                raise
            _config_problems = _unreadable_settings(_last_config, error)
            log.error("mkdocs.yml cannot be used as it is; the preview keeps its last settings until it is mended.")
            builder(_last_config)

    server.builder = rebuild
    server.watch(str(strings.LOCALES))  # a translator's edit of a catalogue shows as an article's does
    return server


# Why mkdocs.yml could not be read, at its line where the guide's checks can say it.
def _unreadable_settings(config: MkDocsConfig, error: Exception) -> list[Problem]:
    found = site_files.site_problems(
        Path(config.config_file_path), docs=Path(config.docs_dir), theme_dirs=[Path(d) for d in config.theme.dirs], shown=names_from(_root(config))
    )
    config_problems = [problem for problem in found if problem.file.endswith(Path(config.config_file_path).name)]
    return config_problems or [Problem(names_from(_root(config))(config.config_file_path), 1, 1, "", f"MkDocs cannot use it: {error}")]


# MkDocs' own environment for the theme's templates shares the compiled templates too.
def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["guide_material_language"] = _material_language(env, config.theme.get("language") or "en")
    return _with_strings(_with_compiled_templates(env))


# Material's file of words for `language`: exact ("pt-BR"), else its base ("pt"), else English.
def _material_language(env: Environment, language: str) -> str:
    for name in (language, re.split(r"[-_]", language)[0]):
        try:
            env.get_template(f"partials/languages/{name}.html")
            return name
        except jinja2.TemplateNotFound:
            continue
    return "en"


# After a preview build: forget pages of articles that are gone (their old output is removed).
def on_post_build(*, config: MkDocsConfig) -> None:
    if _preview:
        _preview.finish(config)
        _preview.settle()


# Give each generated page its title, description and template.
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    kind, article = _build.pages.get(page.file.src_uri, (None, None))
    if kind is not None:
        page.meta.update(kind.meta(article))
        # The sitemap's <lastmod>: when the article last changed, not when the site was built.
        page.update_date = article.last_changed.isoformat()
    view = _build.lists.get(page.file.src_uri)
    if view is not None:
        # Search finds the articles themselves, not the lists that link to them.
        page.meta.update(title=Markup(escape(view.title)), template="listing.html", search={"exclude": True})
    return None


# Put each section's checklist (and notes) after the section's advice. The author's HTML goes
# through the core's allowlist sanitizer first: the checks refused anything it would remove, so
# this changes nothing unless they missed it (defence in depth); the section markers stay.
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    kind, article = _build.pages.get(page.file.src_uri, (None, None))
    if kind is not ARTICLE_PAGE:
        return None
    html = markup.sanitize_between(html, page_source.SECTION_END_PATTERN)
    sections = {section.id: section for section in article.sections}
    template = _build.env.get_template("partials/guide-section-end.html")
    email_view = _email_view(article)
    return page_source.SECTION_END_PATTERN.sub(
        lambda match: template.render(article=article, section=sections[match["id"]], email_view=email_view, config=config),
        html,
    )


# Templates see the article of a generated page, the URLs that link its two pages, and on the
# home page every article.
def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    kind, article = _build.pages.get(page.file.src_uri, (None, None))
    if article is not None:
        article_file = _build.files[(ARTICLE_PAGE.name, article.slug)]
        context["article"] = article
        context["email_view"] = _email_view(article)
        context["guide_print_url"] = _build.files[(SHEET_PAGE.name, article.slug)].url
        context["guide_article_url"] = article_file.url
        context["guide_article_canonical_url"] = article_file.page.canonical_url if article_file.page else None
    if kind is ARTICLE_PAGE:
        # Articles are not in the navigation (hundreds would not fit): link them in date order.
        page.previous_page, page.next_page = _neighbours(article)
        context["guide_article_topics"] = [_topic_link(tag, config) for tag in article.tags]
        context["guide_related"] = _entries(_related(article))
        context["guide_json_ld"] = Markup(structured_data.script_json(_json_ld(article, page, config)))
    view = _build.lists.get(page.file.src_uri)
    if view is not None:
        context["guide_list"] = view
        context["guide_articles"] = _entries(view.page.articles)
        context["guide_list_pages"] = [_build.list_files[uri].url for uri in view.page_uris]
    if page.is_homepage:
        context["guide_articles"] = _entries(_build.newest[: listing.HOME_ARTICLES])
        context["guide_article_count"] = len(_build.newest)
        context["guide_all_url"] = _build.list_files[f"{ALL_DIR}/index.md"].url
        context["guide_topics"] = [_topic_entry(topic) for topic in _build.topics[: listing.HOME_TOPICS]]
    if page.file.src_uri == TOPICS_PAGE:
        context["guide_topics"] = [_topic_entry(topic) for topic in _build.topics]
    context["guide_problems"] = _build.problems
    return context


# The Atom feed (a theme template, like the sitemap) lists the published articles.
def on_template_context(context: dict[str, Any], /, *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == FEED:
        # Absolute URLs; a build without an address (the preview) gives URLs from the feed's own.
        context["guide_articles"] = [
            {**entry, "url": urljoin(config.site_url or "", entry["url"])}
            for entry in _entries(_build.newest[: listing.FEED_ARTICLES])
        ]
    if template_name == "404.html":
        # A way on from a missing page: the newest articles and the largest topics.
        context["guide_articles"] = _entries(_build.newest[: listing.NOT_FOUND_ARTICLES])
        context["guide_topics"] = [_topic_entry(topic) for topic in _build.topics[: listing.HOME_TOPICS]]
    return context


# ---------------------------------------------------------------------------------------------
# Helpers


# Every article that loads, and every problem in the others.
def _read(config: MkDocsConfig) -> tuple[list[Article], list[Problem]]:
    # `make serve` keeps what each file gave, and reads again only the files that changed.
    return read_articles(_articles_folder(config), display_root=_root(config), cache=_file_cache if _serving else None)


def _articles_folder(config: MkDocsConfig) -> Path:
    return Path(config.docs_dir) / ARTICLES_DIR


def _root(config: MkDocsConfig) -> Path | None:
    return Path(config.config_file_path).parent if config.config_file_path else None


# Soft problems: each article's own (a long summary, the template's examples left in it, ...);
# a draft's notices are for `make check` and the preview, not the build.
def _warnings(config: MkDocsConfig, loaded: list[Article]) -> list[Problem]:
    return [warning for article in loaded for warning in article.warnings if warning.severity == WARNING]


# Nothing is left out silently: name the drafts a build does not publish, and say where the
# published links will point when the site's address is still the local preview's.
def _say_what_is_left_out(config: MkDocsConfig, loaded: list[Article]) -> None:
    if _serving:
        return
    drafts = [article.source for article in loaded if article.draft]
    if drafts and not _drafts_shown:
        log.info(
            f"Left out {len(drafts)} draft{'s' if len(drafts) != 1 else ''} (not published): {', '.join(drafts)}. "
            "To publish one, delete its 'draft: true' line."
        )
    if drafts and _drafts_shown:
        log.info(f"This preview shows {len(drafts)} draft{'s' if len(drafts) != 1 else ''}, marked as drafts: {', '.join(drafts)}.")
    if config.site_url and _is_local(config.site_url):
        log.info(
            f"site_url is {config.site_url}: the canonical links, the feed and the printed sheets "
            f"will point at this local address (the GitHub workflow sets the published one). {ADDRESS_HELP}"
        )


# The site's address. An empty SITE_URL (a pull request's build) is as if unset: the local
# preview's address. Published by hand (`mkdocs gh-deploy`), every canonical link, the feed,
# the sitemap and the 404 page's assets would point at that local address: refused.
def _settle_address(config: MkDocsConfig) -> None:
    if not config.site_url:
        config.site_url = LOCAL_ADDRESS
    if _command == "gh-deploy" and _is_local(config.site_url):
        raise PluginError(
            f"site_url is {config.site_url}, the local preview's address: a site published with it links every "
            f"page, the feed and the sitemap there, and its 404 page loads nothing. {ADDRESS_HELP}"
        )


def _is_local(site_url: str | None) -> bool:
    return urlsplit(site_url or "").hostname in (None, "", "localhost", "127.0.0.1", "::1")


# The article page's title, description, topics and template.
def _article_meta(article: Article) -> dict[str, Any]:
    # Material prints page.meta values into HTML unescaped: hand it escaped text.
    return {
        "title": Markup(escape(article.title)),
        "description": Markup(escape(article.summary)),
        "template": "article.html",
        "tags": list(article.tags),  # read by Material's tags plugin, which runs after this hook
    }


# The printable page's title and template; search leaves it out (it repeats the article).
def _sheet_meta(article: Article) -> dict[str, Any]:
    return {
        "title": Markup(escape(_strings.text("sheet.page_title", title=article.title))),
        "description": Markup(escape(_strings.text("sheet.description", title=article.title))),
        "template": "checklist-print.html",
        "search": {"exclude": True},
    }


# The articles this build shows (drafts only under `mkdocs serve` and in a preview), oldest first.
def _shown() -> list[Article]:
    shown = [article for article in _build.articles if _drafts_shown or not article.draft]
    return sorted(shown, key=lambda article: (article.published, article.title))


# The email view of an article, worked out once per build (the page's content and its
# template both show it).
def _email_view(article: Article) -> email_template.EmailView | None:
    if article.slug not in _build.email_views:
        _build.email_views[article.slug] = email_template.view(article)
    return _build.email_views[article.slug]


# The related articles' ranking, kept while what it reads of every article is unchanged (an
# edit to an article's text under `make serve`): each article's ranking is unchanged too.
def _rank_related() -> None:
    global _related_kept
    reads = tuple((a.slug, a.tags, a.published, a.title, a.draft) for a in _build.articles)
    if _related_kept is None or _related_kept[0] != reads:
        _related_kept = (reads, listing.RelatedArticles(_build.topics), {})


# An article's related articles, worked out once per build (the preview's key and the page).
def _related(article: Article) -> list[Article]:
    if article.slug not in _build.related:
        _, index, ranked = _related_kept
        if article.slug not in ranked:
            ranked[article.slug] = tuple(other.slug for other in index.of(article))
        _build.related[article.slug] = [_build.by_slug[slug] for slug in ranked[article.slug]]
    return _build.related[article.slug]


# The article as search engines read it (schema.org Article), with absolute URLs (none in a
# build without an address: the preview).
def _json_ld(article: Article, page: Page, config: MkDocsConfig) -> dict:
    site_url = config.site_url or None
    return structured_data.article_data(
        article,
        url=page.canonical_url or (urljoin(site_url, page.url) if site_url else None),
        site_name=config.site_name,
        site_url=site_url,
        keywords=[listing.topic_label(tag, _topic_labels(config)) for tag in article.tags],
        language=config.theme.get("language") or "en",
    )


# Articles as lists show them: each with the URL of its page.
def _entries(articles: list[Article] | tuple[Article, ...]) -> list[dict[str, Any]]:
    return [{"article": article, "url": _build.files[(ARTICLE_PAGE.name, article.slug)].url} for article in articles]


# Every list page of the build: all articles, and each topic, in pages of listing.PAGE_SIZE.
def _list_views() -> list[ListView]:
    views = _paged_views(ALL_DIR, _strings.text("list.all_title"), _build.newest, None)
    for topic in _build.topics:
        views += _paged_views(f"{TOPICS_DIR}/{topic.slug}", topic.label, list(topic.articles), topic)
    return views


def _paged_views(folder: str, title: str, articles: list[Article], topic: listing.Topic | None) -> list[ListView]:
    pages = listing.pages(articles)
    uris = tuple(f"{folder}/index.md" if page.number == 1 else f"{folder}/{page.number}.md" for page in pages)
    return [
        ListView(src_uri=uri, title=title if page.number == 1 else _strings.text("list.page_title", title=title, page=page.number, count=page.count), page=page, page_uris=uris, topic=topic)
        for uri, page in zip(uris, pages)
    ]


# A topic as the Topics page and the home page list it: its name, its page, how many articles.
def _topic_entry(topic: listing.Topic) -> dict[str, Any]:
    return {"topic": topic, "url": _build.list_files[f"{TOPICS_DIR}/{topic.slug}/index.md"].url, "count": len(topic.articles)}


# A topic chip of an article: its name and its page (a draft's topic may have no page).
def _topic_link(tag: str, config: MkDocsConfig) -> dict[str, Any]:
    file = _build.list_files.get(f"{TOPICS_DIR}/{tag}/index.md")
    return {"label": listing.topic_label(tag, config.extra.get("topics") or {}), "url": file.url if file else None}


# The articles published just before and just after this one, as the footer links to them
# (a title and a URL: under `make serve` the neighbour's page may not be rebuilt this time).
def _neighbours(article: Article) -> tuple[SimpleNamespace | None, SimpleNamespace | None]:
    return tuple(
        SimpleNamespace(title=Markup(escape(_build.by_slug[slug].title)), url=_build.files[(ARTICLE_PAGE.name, slug)].url) if slug else None
        for slug in _build.neighbours.get(article.slug, (None, None))
    )


# A page of the build. Under the incremental preview, a page whose `key` (what it shows) has
# not changed since it was last built is left out of this build: its output stays as it was.
def _generated(files: Files, config: MkDocsConfig, src_uri: str, markdown: Callable[[], str], key: object, inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> File:
    if _preview:
        kept = _preview.unchanged(src_uri, key)
        if kept is not None:
            return kept
    file = File.generated(config, src_uri, content=markdown(), inclusion=inclusion)
    files.append(file)
    if _preview:
        _preview.built(src_uri, key, file)
    return file


# MkDocs makes a new Jinja environment for every build, and the hook one of its own, each
# compiling Material's templates again (0.7 s of a preview rebuild). Compiled templates are
# kept by name and source checksum, so an edited template is still compiled afresh.
def _with_compiled_templates(env: Environment) -> Environment:
    env.bytecode_cache = _COMPILED
    return env


# The templates' words come from the catalogue of theme.language (guide_core/strings.py):
# guide_t("key", name=value) for HTML, guide_text for plain text (JSON), guide_forms("key") for
# the plural forms a script chooses from, and filters for dates, numbers and lists; and
# guide_id("item", item.id), the only way a template spells an id (guide_core/page_ids.py).
def _with_strings(env: Environment) -> Environment:
    env.globals.update(guide_t=_strings.t, guide_text=_strings.text, guide_forms=_strings.forms, guide_id=page_ids.page_id)
    env.filters.update(guide_date=_strings.date, guide_number=_strings.number, guide_list=_strings.join)
    return env


class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


# Never copied into the site as they are: article files (and ones misnamed .yaml or .YML, which
# the loader reports), and anything that is not a regular file (a pipe would hang the copy).
def _is_article_source(file: File) -> bool:
    if file.src_uri.startswith(f"{ARTICLES_DIR}/") and file.src_uri.lower().endswith((".yml", ".yaml")):
        return True
    try:
        return bool(file.abs_src_path) and not stat.S_ISREG(os.stat(file.abs_src_path).st_mode)
    except OSError:
        return True  # a link that leads nowhere


def _topic_labels(config: MkDocsConfig) -> dict[str, str]:
    return config.extra.get("topics") or {}


# What an article's pages show besides the article: its neighbours and its topics' names.
def _article_context_key(kind: PageKind, article: Article) -> tuple:
    if kind is not ARTICLE_PAGE:
        return ()
    neighbours = tuple((slug, _build.by_slug[slug].title) if slug else None for slug in _build.neighbours.get(article.slug, (None, None)))
    return neighbours, tuple(article.tags), _summaries(_related(article))


# What a list shows of each article.
def _summaries(articles: list[Article] | tuple[Article, ...]) -> tuple:
    return tuple((a.slug, a.title, a.summary, a.published, a.draft, len(a.checklist)) for a in articles)


def _home_key() -> tuple:
    return _summaries(_build.newest[: listing.HOME_ARTICLES]), len(_build.shown), _topics_key()[: listing.HOME_TOPICS]


def _topics_key() -> tuple:
    return tuple((topic.slug, topic.label, len(topic.articles)) for topic in _build.topics)


# Each shown article's neighbours in date order, by slug (worked out once per build).
def _neighbour_slugs(shown: list[Article]) -> dict[str, tuple[str | None, str | None]]:
    slugs = [None, *(article.slug for article in shown), None]
    return {slugs[i]: (slugs[i - 1], slugs[i + 1]) for i in range(1, len(slugs) - 1)}


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class PageKind:
    """A page every article gets: where it goes, its Markdown and its meta."""

    name: str
    src_uri: Callable[[str], str]
    markdown: Callable[[Article], str]
    meta: Callable[[Article], dict[str, Any]]


ARTICLE_PAGE = PageKind("article", lambda slug: f"{ARTICLES_DIR}/{slug}.md", page_source.article_markdown, _article_meta)
# The printable sheet is drawn by its template from the article: its Markdown is empty.
SHEET_PAGE = PageKind("checklist", lambda slug: f"{ARTICLES_DIR}/{slug}/checklist.md", lambda article: "", _sheet_meta)
PAGE_KINDS = (ARTICLE_PAGE, SHEET_PAGE)


@dataclass(frozen=True)
class ListView:
    """One generated page of a list of articles."""

    src_uri: str
    title: str
    page: listing.ListPage
    page_uris: tuple[str, ...]  # every page of the same list, for the links between them
    topic: listing.Topic | None


@dataclass
class _Build:
    """What one build knows about the articles (reset by every on_pre_build)."""

    articles: list[Article] = field(default_factory=list)
    pages: dict[str, tuple[PageKind, Article]] = field(default_factory=dict)  # by src_uri
    files: dict[tuple[str, str], File] = field(default_factory=dict)  # by (kind, slug)
    env: Environment | None = None
    problems: str | None = None

    @property
    def by_slug(self) -> dict[str, Article]:
        """The articles by slug (worked out once per build)."""
        if self._by_slug is None:
            self._by_slug = {article.slug: article for article in self.articles}
        return self._by_slug

    _by_slug: dict[str, Article] | None = None

    @property
    def newest(self) -> list[Article]:
        """The shown articles, newest first."""
        return self.shown[::-1]
    shown: list[Article] = field(default_factory=list)
    topics: list[listing.Topic] = field(default_factory=list)
    lists: dict[str, ListView] = field(default_factory=dict)  # by src_uri
    email_views: dict[str, email_template.EmailView | None] = field(default_factory=dict)  # by slug
    related: dict[str, list[Article]] = field(default_factory=dict)  # by slug
    list_files: dict[str, File] = field(default_factory=dict)  # by src_uri
    neighbours: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)


_build = _Build()
_strings = strings.load(None)  # set by on_config
_serving = False
_command = "build"
_site_problems: list[Problem] = []  # in mkdocs.yml, docs/ and the guide's words (on_config)
_config_problems: list[Problem] = []  # `mkdocs serve`: why the edited mkdocs.yml cannot be read
_last_config: MkDocsConfig | None = None  # `mkdocs serve`: the settings last read
_drafts_shown = False  # under `mkdocs serve`, and in a pull request's preview (make preview)
# Survives rebuilds: MkDocs loads a hook module once per process (an lru_cache in
# mkdocs.config.config_options.Hooks), so `mkdocs serve` keeps this between builds.
_last_good: list[Article] | None = None
_file_cache: dict[Path, tuple] = {}  # what each article file gave, by path (guide_core.loader)
# The related articles' ranking (what it read, the index, the slugs ranked for each article).
_related_kept: tuple[tuple, listing.RelatedArticles, dict[str, tuple[str, ...]]] | None = None


class _Preview:
    """`make serve` (mkdocs serve --dirty): an edit rebuilds only the pages whose content it
    changes, so a guide of thousands of articles previews an edit in about a second.

    MkDocs' --dirty keeps the previous build's output and rebuilds the pages it is given. Each
    generated page has a key of what it shows (the article, its neighbours' titles, its topics;
    a list's articles; the templates, mkdocs.yml and the problems banner, which every page
    shares); a page whose key is unchanged is left out of the build and its output stays.
    Pages of docs/ that list articles (home, Topics) are rebuilt when their lists change.
    What is left out is also missing from this build's sitemap, so instant navigation in the
    preview loads such a page in full: the page itself is right.
    """

    def __init__(self) -> None:
        self.pages: dict[str, tuple[object, File]] = {}  # src_uri -> (key, the File last built)
        self.seen: set[str] = set()
        self.shared: object = None
        self.settled = False
        # MkDocs warns on every --dirty build that links may be stale: here they are not.
        logging.getLogger("mkdocs.commands.build").addFilter(_NotTheDirtyWarning())

    # Start a build: what every page shares (templates, settings, the banner).
    def start(self, config: MkDocsConfig, problems: str | None) -> object:
        self.seen = set()
        watched = [Path(config.config_file_path)] if config.config_file_path else []
        if config.theme.custom_dir:
            watched += [path for path in Path(config.theme.custom_dir).rglob("*") if path.is_file()]
        self.shared = (tuple((str(path), path.stat().st_mtime_ns) for path in watched), problems)
        return self.shared

    # The File last built for `src_uri` if what it shows is unchanged, else None.
    def unchanged(self, src_uri: str, key: object) -> File | None:
        self.seen.add(src_uri)
        last = self.pages.get(src_uri)
        return last[1] if last is not None and last[0] == key else None

    def built(self, src_uri: str, key: object, file: File) -> None:
        self.pages[src_uri] = (key, file)

    # Pages of docs/ are rebuilt by MkDocs only when their file changes: also when what they
    # list changed (`keys`), or the templates and settings every page shares.
    def rebuild_changed_pages_of_docs(self, files: Files, keys: dict[str, object], shared: object) -> None:
        for file in files.documentation_pages():
            if file.generated_by is not None:
                continue
            key = (keys.get(file.src_uri), shared)
            if self.unchanged(file.src_uri, key) is None:
                file.content_string = file.content_string  # held in memory: MkDocs rebuilds it
            self.built(file.src_uri, key, file)

    # After the first build: what it made that lives on (thousands of articles, their pages'
    # keys) is set aside from Python's garbage collector, which otherwise walks all of it in
    # the middle of later rebuilds (0.1-0.16 s each time at 2,000 articles).
    def settle(self) -> None:
        if not self.settled:
            gc.collect()
            gc.freeze()
            self.settled = True

    # After a build: the output of pages that are gone (a deleted article) goes too.
    def finish(self, config: MkDocsConfig) -> None:
        for src_uri in set(self.pages) - self.seen:
            _, file = self.pages.pop(src_uri)
            Path(file.abs_dest_path).unlink(missing_ok=True)


class _NotTheDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


_preview: _Preview | None = None
