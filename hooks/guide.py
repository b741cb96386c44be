"""MkDocs hooks: adapt MkDocs events to the content core (``guide_core``), nothing else.

Each article file ``docs/articles/<slug>.yml`` becomes two pages: the article and its printable
checklist. The core loads and checks the files (``loader``), plans the site (``site``: each page,
its meta and the context its template receives) and writes the article's Markdown
(``page_source``); the templates in ``overrides/`` render the HTML. Articles are loaded before
the site folder is cleaned, so a broken file stops the build and the previous site stays whole.
Beside this file: ``preview.py`` (``make serve`` rebuilds only the pages an edit changes),
``project.py`` and ``theme.py`` (what speaks MkDocs), ``state.py``, ``command.py``. MkDocs puts
this folder on ``sys.path`` only while the file first runs, so all is imported at the top.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the core, beside hooks/
import command  # noqa: E402 - hooks/command.py, and the ones below beside it
import preview as incremental  # noqa: E402
import project  # noqa: E402
import state  # noqa: E402
import theme  # noqa: E402
import watcher  # noqa: E402
from command import on_startup  # noqa: E402, F401 - MkDocs calls it: the command, for command.current
from guide_core import markup, page_source, publishing, site, strings  # noqa: E402
from guide_core.problems import ArticleErrors  # noqa: E402

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_session = state.Session()
_build = state.Build(strings.load(None), drafts_shown=False, site_problems=[])


# The site's address, the pull request's preview, and every problem in what a fork edits
# besides its articles (reported with the articles', on_pre_build).
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    serving = command.current.serving
    _session.start(command.current)
    if not config.repo_url:
        config.edit_uri = None  # no edit buttons without a repository
    config.site_url = config.site_url or publishing.LOCAL_ADDRESS  # an empty SITE_URL is as if unset
    refusal = publishing.address_refusal(config.site_url, command.current.name)
    if refusal:
        raise PluginError(refusal)
    # `make preview` (extra.guide_preview): drafts shown, marked, and pages that open from a
    # downloaded folder (file://): <name>.html, every link relative, no published address.
    preview = bool(config.extra.get("guide_preview")) and not serving
    if preview:
        config.use_directory_urls, config.site_url = False, None
    else:  # the feed needs the site's address, and a web app an address to live at
        config.theme.static_templates.update((theme.FEED, theme.MANIFEST))
    if serving:
        _session.last_config = config
        strings.read_catalogue.cache_clear()  # a catalogue may have been edited since
    found = project.site_problems(config)
    project.go_on_with(config, found)  # (a build stops at them, on_pre_build)
    words = strings.load_or_english(config.theme.get("language"), config.extra.get("guide_strings"))
    if words.catalogue is None:
        log.warning(strings.missing_catalogue_notice(words.language))
    _build = state.Build(words, drafts_shown=serving or preview, site_problems=found)
    return config


# Load and check every article before MkDocs cleans the site folder, and plan the site. Under
# serve a broken file never stops the preview: the articles that load are shown (a broken one
# as it last loaded), and the terminal and every page say what to fix. Soft problems go to the
# log, where --strict refuses them before a page is written.
def on_pre_build(*, config: MkDocsConfig) -> None:
    serving = command.current.serving
    loaded, problems = project.read_articles(config, cache=_session.file_cache if serving else None)
    problems = list(dict.fromkeys([*_build.site_problems, *_session.config_problems, *problems]))  # once each
    if problems and not serving:
        raise PluginError(str(ArticleErrors(problems)))
    if problems:
        _build.problems = str(ArticleErrors(problems))
        log.error(f"{_build.problems}\n{publishing.PREVIEW_GOES_ON}")
    loaded = _session.shown(loaded, broken=bool(problems))
    warnings = [] if problems else publishing.warnings_of(loaded)
    if warnings and config.strict and not serving:
        raise PluginError(publishing.strict_refusal(warnings))
    for warning in warnings:
        log.warning(str(warning))
    notices = publishing.build_notices(loaded, drafts_shown=_build.drafts_shown, site_url=config.site_url)
    for notice in [] if serving else notices:
        log.info(notice)
    settings = project.plan_settings(config)
    _build.plan = site.plan(
        loaded, strings=_build.strings, drafts_shown=_build.drafts_shown, memo=_session.memo, **settings
    )


# Drop the YAML sources from the site and add the plan's pages; under serve, only those whose key changed.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    unwritten = {theme.FEED, theme.MANIFEST} - config.theme.static_templates  # none without an address
    preview, plan = _session.preview, _build.plan
    kept = [file for file in files if not (project.is_article_source(file) or file.src_uri in unwritten)]
    files = incremental.FilesOfPreview(kept, preview) if preview else Files(kept)
    if preview:
        preview.start(config, files, _build.problems, watched=sorted(strings.LOCALES.glob("*.yml")))
    for page in plan.pages.values():
        markdown, inclusion = project.page_markdown(page, drafts_shown=_build.drafts_shown)
        file = incremental.generated(preview, files, config, page, markdown, inclusion)
        if page.article is not None:
            file.edit_uri = f"{site.ARTICLES_DIR}/{page.article.slug}.yml"
    if preview:
        contexts = {site.HOME_PAGE: plan.home_context(), site.TOPICS_PAGE: plan.topics_context()}
        preview.rebuild_changed_pages_of_docs(files, contexts)
    _build.env = on_env(config.theme.get_env(), config=config, files=files)  # on_page_content renders with it
    return files


# Under serve, a save of mkdocs.yml that MkDocs cannot read does not stop the preview (state.py).
def on_serve(
    server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
) -> LiveReloadServer:
    server.builder = _session.tolerant(builder, unreadable=project.unreadable_settings, say=log.error)
    watcher.watch_natively(server)  # a save is seen at once, not at the next poll
    server.watch(str(strings.LOCALES))  # a translator's edit of a catalogue shows as an article's does
    return server


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    language = project.plan_settings(config)["language"]
    return theme.with_strings(incremental.with_compiled_templates(env), _build.strings, language)


def on_post_build(*, config: MkDocsConfig) -> None:
    if _session.preview:
        _session.preview.finish()


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    planned = _build.plan.pages.get(page.file.src_uri)
    if planned is not None:
        page.meta.update(theme.escaped_meta(planned.meta))
        if planned.article is not None:  # the sitemap's <lastmod>: when the article last changed
            page.update_date = planned.article.last_changed.isoformat()
    if _session.preview and planned is not None and planned.kind == "article":
        _session.preview.render_once(page)
    return None


# Each section's checklist (and notes) after the section's advice. The author's HTML goes through
# the allowlist first: the checks refused what it would remove, so this is defence in depth.
# Under the preview, done again only if the page's HTML or what the section ends read changed.
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    planned = _build.plan.pages.get(page.file.src_uri)
    if planned is None or planned.kind != "article":
        return None
    sections, ends = {each.id: each for each in planned.article.sections}, page_source.SECTION_END_PATTERN
    template, context = _build.env.get_template("partials/guide-section-end.html"), planned.section_context
    end = lambda match: template.render(**context, section=sections[match["id"]], config=config)  # noqa: E731
    ended = lambda: ends.sub(end, markup.sanitize_between(html, ends))  # noqa: E731
    return incremental.once(_session.preview, page.file.src_uri, (html, context), ended)


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    planned = _build.plan.pages.get(page.file.src_uri)
    if planned is not None:
        context.update(planned.context)
        if planned.kind == "article":  # articles are not in the navigation: linked in date order
            page.previous_page, page.next_page = (theme.Link.of(n) for n in planned.neighbours)
            context["guide_json_ld"] = Markup(planned.context["guide_json_ld"])
    if page.is_homepage:
        context.update(_build.plan.home_context())
    if page.file.src_uri == site.TOPICS_PAGE:
        context.update(_build.plan.topics_context())
    context["guide_problems"] = _build.problems
    return context


def on_template_context(
    context: dict[str, Any], /, *, template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    if template_name == theme.FEED:
        context.update(_build.plan.feed_context())
    if template_name == "404.html":
        context.update(_build.plan.not_found_context())
    return context
