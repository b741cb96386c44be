"""MkDocs hooks: adapt MkDocs events to the content core (``guide_core``), nothing else.

Each article file ``docs/articles/<slug>.yml`` becomes two pages: the article and its printable
checklist. The core loads and checks the files (``loader``), plans the site (``site``: every
page, its meta and the context its template receives) and writes the article's Markdown
(``page_source``); the templates in ``overrides/`` render the HTML. Articles are loaded before
the site folder is cleaned, so a broken file stops the build and the previous site stays whole.
Under ``make serve``, ``preview.py`` rebuilds only the pages an edit changes.

State: ``_session`` lives for the process (``on_startup``); ``_build`` for one build
(``on_config``), filled in by the events that follow. MkDocs puts this file's folder on
``sys.path`` only while it first runs, so everything is imported here at the top;
``mkdocs serve`` does not reload changed hook code: restart it.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

import preview as incremental  # hooks/preview.py, beside this file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the core, beside hooks/
from guide_core import markup, page_ids, page_source, site, site_files, strings  # noqa: E402
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

FEED = "feed.xml"
MANIFEST = "manifest.webmanifest"  # the guide as a web app a phone reader adds to the home screen
LOCAL_ADDRESS = "http://127.0.0.1:8000/"  # the site's address while it is unknown: `make serve`'s
ADDRESS_HELP = (
    "Set SITE_URL (or site_url in mkdocs.yml) to the address readers use: for GitHub Pages "
    "https://<user>.github.io/<repository>/, or your own domain (ADDING-AN-ARTICLE.md, section 6)."
)


@dataclass
class _Session:
    """What lives from one build to the next (MkDocs loads a hook module once per process)."""

    command: str = "build"
    preview: incremental.Preview | None = None  # `make serve` (mkdocs serve --dirty)
    last_config: MkDocsConfig | None = None  # under serve: the settings a rebuild falls back on
    config_problems: list[Problem] = field(default_factory=list)  # under serve: why mkdocs.yml cannot be read
    last_good: list[Article] = field(default_factory=list)  # under serve: shown while a file is broken
    file_cache: dict[Path, tuple] = field(default_factory=dict)  # what each article file gave (loader)
    memo: site.Memo = field(default_factory=site.Memo)

    @property
    def serving(self) -> bool:
        return self.command == "serve"


@dataclass
class _Build:
    """One build: the guide's words, what was found wrong, the site's plan and its files."""

    strings: strings.Strings
    drafts_shown: bool  # under serve, and in a pull request's preview (make preview)
    site_problems: list[Problem]  # in mkdocs.yml, docs/ and the guide's words
    problems: str | None = None  # the banner every page shows under serve
    plan: site.SitePlan | None = None
    env: Environment | None = None


_session = _Session()
_build = _Build(strings.load(None), drafts_shown=False, site_problems=[])


def on_startup(*, command: str, dirty: bool) -> None:
    global _session
    _session = _Session(command=command, preview=incremental.Preview() if command == "serve" and dirty else None)


# The site's address, the pull request's preview, and every problem in what a fork edits
# besides its articles (reported with the articles', on_pre_build).
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    if not config.repo_url:
        config.edit_uri = None  # no edit buttons without a repository
    _settle_address(config)
    # `make preview` (extra.guide_preview): drafts shown, marked, and pages that open from a
    # downloaded folder (file://): <name>.html, every link relative, no published address.
    preview = bool(config.extra.get("guide_preview")) and not _session.serving
    if preview:
        config.use_directory_urls, config.site_url = False, None
    else:  # the feed needs the site's address, and a web app an address to live at
        config.theme.static_templates.update((FEED, MANIFEST))
    if _session.serving:
        _session.last_config = config
        strings.read_catalogue.cache_clear()  # a catalogue may have been edited since
    found = site_files.site_problems(
        Path(config.config_file_path), docs=Path(config.docs_dir), theme_dirs=[Path(d) for d in config.theme.dirs], shown=names_from(_root(config))
    ) if config.config_file_path else []
    if any(problem.field == "theme.language" for problem in found):
        config.theme["language"] = "en"  # under serve the preview goes on in English
    try:
        words = strings.load(config.theme.get("language"), config.extra.get("guide_strings"))
    except (ValueError, yaml.YAMLError):  # said, at its line, in `found`
        words = strings.load(None)
    if words.catalogue is None:
        log.warning(
            f"theme.language is {words.language!r}, and the guide has no catalogue for it (guide_core/locales/{words.language}.yml): "
            "its own words (buttons, messages, the printable sheet) are shown in English. TRANSLATING.md says how to add the catalogue."
        )
    _build = _Build(words, drafts_shown=_session.serving or preview, site_problems=found)
    return config


# Load and check every article before MkDocs cleans the site folder, and plan the site. Under
# serve a broken file never stops the preview: the articles that load are shown (a broken one
# as it last loaded), and the terminal and every page say what to fix.
def on_pre_build(*, config: MkDocsConfig) -> None:
    loaded, problems = read_articles(Path(config.docs_dir) / site.ARTICLES_DIR, display_root=_root(config), cache=_session.file_cache if _session.serving else None)
    problems = list(dict.fromkeys([*_build.site_problems, *_session.config_problems, *problems]))  # each said once
    if problems and not _session.serving:
        raise PluginError(str(ArticleErrors(problems)))
    if problems:
        _build.problems = str(ArticleErrors(problems))
        log.error(f"{_build.problems}\nThe preview shows the articles that load (a broken one as it last loaded): fix the file and save it.")
        slugs = {article.slug for article in loaded}
        loaded = loaded + [article for article in _session.last_good if article.slug not in slugs]
    else:
        _session.last_good = loaded
        _check_warnings(config, loaded)
    _build.plan = site.plan(
        loaded, strings=_build.strings, drafts_shown=_build.drafts_shown, topic_labels=config.extra.get("topics") or {},
        site_url=config.site_url, site_name=config.site_name, language=config.theme.get("language") or "en",
        directory_urls=config.use_directory_urls, memo=_session.memo,
    )


# Drop the YAML sources from the site and add the plan's pages; under serve, only those whose key changed.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    unwritten = {FEED, MANIFEST} - config.theme.static_templates  # a build without an address has no feed
    files = Files([file for file in files if not _is_article_source(file) and file.src_uri not in unwritten])
    preview, plan = _session.preview, _build.plan
    if preview:
        preview.start(config, files, _build.problems, watched=sorted(strings.LOCALES.glob("*.yml")))
    for page in plan.pages.values():
        hidden = page.article is not None and page.article.draft and not _build.drafts_shown
        markdown = (lambda article=page.article: page_source.article_markdown(article)) if page.kind == "article" else str
        inclusion = InclusionLevel.DRAFT if hidden else InclusionLevel.UNDEFINED
        file = incremental.generated(preview, files, config, page.src_uri, markdown, (page.meta, page.context), inclusion)
        if page.article is not None:
            file.edit_uri = f"{site.ARTICLES_DIR}/{page.article.slug}.yml"
    if preview:
        preview.rebuild_changed_pages_of_docs(files, {site.HOME_PAGE: plan.home_context(), site.TOPICS_PAGE: plan.topics_context()})
    _build.env = _with_strings(incremental.with_compiled_templates(config.theme.get_env()))
    _build.env.globals["guide_material_language"] = _material_language(_build.env, config.theme.get("language") or "en")
    return files


# Under serve, a save of mkdocs.yml that MkDocs cannot read would stop every rebuild, the preview
# stuck with nothing said. Instead it is rebuilt with the settings last read, every page says
# what is wrong and where, and the next save that reads recovers it.
def on_serve(server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    def rebuild() -> None:
        _session.config_problems = []
        try:
            builder()
        except Exception as error:  # noqa: BLE001 - what MkDocs would print, said on the pages instead
            if _session.last_config is None:
                raise
            _session.config_problems = _unreadable_settings(_session.last_config, error)
            log.error("mkdocs.yml cannot be used as it is; the preview keeps its last settings until it is mended.")
            builder(_session.last_config)

    server.builder = rebuild
    server.watch(str(strings.LOCALES))  # a translator's edit of a catalogue shows as an article's does
    return server


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["guide_material_language"] = _material_language(env, config.theme.get("language") or "en")
    return _with_strings(incremental.with_compiled_templates(env))


def on_post_build(*, config: MkDocsConfig) -> None:
    if _session.preview:
        _session.preview.finish()
        _session.preview.settle()


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    planned = _build.plan.pages.get(page.file.src_uri)
    if planned is not None:
        # Material prints page.meta values into HTML unescaped: it gets escaped text.
        page.meta.update({name: Markup(escape(value)) if isinstance(value, str) else value for name, value in planned.meta.items()})
        if planned.article is not None:  # the sitemap's <lastmod>: when the article last changed
            page.update_date = planned.article.last_changed.isoformat()
    return None


# Each section's checklist (and notes) after the section's advice. The author's HTML goes through
# the allowlist first: the checks refused what it would remove, so this is defence in depth.
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    planned = _build.plan.pages.get(page.file.src_uri)
    if planned is None or planned.kind != "article":
        return None
    html = markup.sanitize_between(html, page_source.SECTION_END_PATTERN)
    sections = {section.id: section for section in planned.article.sections}
    template = _build.env.get_template("partials/guide-section-end.html")
    render = lambda match: template.render(**planned.context, section=sections[match["id"]], config=config)  # noqa: E731
    return page_source.SECTION_END_PATTERN.sub(render, html)


def on_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    planned = _build.plan.pages.get(page.file.src_uri)
    if planned is not None:
        context.update(planned.context)
        if planned.kind == "article":  # articles are not in the navigation: linked in date order
            page.previous_page, page.next_page = (_Link.of(n) for n in planned.neighbours)
            context["guide_json_ld"] = Markup(planned.context["guide_json_ld"])
    if page.is_homepage:
        context.update(_build.plan.home_context())
    if page.file.src_uri == site.TOPICS_PAGE:
        context.update(_build.plan.topics_context())
    context["guide_problems"] = _build.problems
    return context


def on_template_context(context: dict[str, Any], /, *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    if template_name == FEED:
        context.update(_build.plan.feed_context())
    if template_name == "404.html":
        context.update(_build.plan.not_found_context())
    return context


# ---------------------------------------------------------------------------------------------
# Helpers


def _root(config: MkDocsConfig) -> Path | None:
    return Path(config.config_file_path).parent if config.config_file_path else None


# Soft problems (a long summary, the template's examples left in...): --strict refuses them
# before a page is written. A draft's notices are for `make check` and the preview. Nothing is
# left out silently: the drafts a build does not publish are named, and a local address said.
def _check_warnings(config: MkDocsConfig, loaded: list[Article]) -> None:
    warnings = [warning for article in loaded for warning in article.warnings if warning.severity == WARNING]
    if warnings and config.strict and not _session.serving:
        raise PluginError("\n".join([f"{len(warnings)} warning(s) in article files, refused by --strict:", *(f"  {w}" for w in warnings)]))
    for warning in warnings:
        log.warning(str(warning))
    if _session.serving:
        return
    drafts = [article.source for article in loaded if article.draft]
    plural = "s" if len(drafts) != 1 else ""
    if drafts and not _build.drafts_shown:
        log.info(f"Left out {len(drafts)} draft{plural} (not published): {', '.join(drafts)}. To publish one, delete its 'draft: true' line.")
    if drafts and _build.drafts_shown:
        log.info(f"This preview shows {len(drafts)} draft{plural}, marked as drafts: {', '.join(drafts)}.")
    if config.site_url and _is_local(config.site_url):
        log.info(
            f"site_url is {config.site_url}: the canonical links, the feed and the printed sheets "
            f"will point at this local address (the GitHub workflow sets the published one). {ADDRESS_HELP}"
        )


# The site's address. An empty SITE_URL (a pull request's build) is as if unset: the local
# preview's address. Published by hand (`mkdocs gh-deploy`) with it, every canonical link, the
# feed, the sitemap and the 404 page's assets would point there: refused.
def _settle_address(config: MkDocsConfig) -> None:
    if not config.site_url:
        config.site_url = LOCAL_ADDRESS
    if _session.command == "gh-deploy" and _is_local(config.site_url):
        raise PluginError(
            f"site_url is {config.site_url}, the local preview's address: a site published with it links every "
            f"page, the feed and the sitemap there, and its 404 page loads nothing. {ADDRESS_HELP}"
        )


def _is_local(site_url: str | None) -> bool:
    return urlsplit(site_url or "").hostname in (None, "", "localhost", "127.0.0.1", "::1")


# Why mkdocs.yml could not be read, at its line where the guide's checks can say it.
def _unreadable_settings(config: MkDocsConfig, error: Exception) -> list[Problem]:
    shown = names_from(_root(config))
    found = site_files.site_problems(
        Path(config.config_file_path), docs=Path(config.docs_dir), theme_dirs=[Path(d) for d in config.theme.dirs], shown=shown
    )
    config_problems = [problem for problem in found if problem.file.endswith(Path(config.config_file_path).name)]
    return config_problems or [Problem(shown(config.config_file_path), 1, 1, "", f"MkDocs cannot use it: {error}")]


# Never copied into the site as they are: article files (and ones misnamed .yaml or .YML, which
# the loader reports), and anything that is not a regular file (a pipe would hang the copy).
def _is_article_source(file: File) -> bool:
    if file.src_uri.startswith(f"{site.ARTICLES_DIR}/") and file.src_uri.lower().endswith((".yml", ".yaml")):
        return True
    try:
        return bool(file.abs_src_path) and not stat.S_ISREG(os.stat(file.abs_src_path).st_mode)
    except OSError:
        return True  # a link that leads nowhere


# Material's file of words for `language`: exact ("pt-BR"), else its base ("pt"), else English.
def _material_language(env: Environment, language: str) -> str:
    for name in (language, re.split(r"[-_]", language)[0]):
        try:
            env.get_template(f"partials/languages/{name}.html")
            return name
        except jinja2.TemplateNotFound:
            continue
    return "en"


# The templates' words come from the catalogue of theme.language (guide_core/strings.py):
# guide_t("key", name=value) for HTML, guide_text for plain text (JSON), guide_forms("key") for
# the plural forms a script chooses from, filters for dates, numbers and lists; and
# guide_id("item", item.id), the only way a template spells an id (guide_core/page_ids.py).
def _with_strings(env: Environment) -> Environment:
    words = _build.strings
    env.globals.update(guide_t=words.t, guide_text=words.text, guide_forms=words.forms, guide_id=page_ids.page_id)
    env.filters.update(guide_date=words.date, guide_number=words.number, guide_list=words.join)
    return env


@dataclass(frozen=True)
class _Link:
    """A neighbour as Material's footer reads page.previous_page / next_page (it prints the title raw)."""

    title: Markup
    url: str

    @classmethod
    def of(cls, neighbour: site.Neighbour | None) -> _Link | None:
        return cls(Markup(escape(neighbour.title)), neighbour.url) if neighbour else None
