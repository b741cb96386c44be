"""`make serve` (mkdocs serve --dirty): an edit rebuilds only the pages whose content it changes,
so a guide of thousands of articles previews an edit in about a second. Used by hooks/guide.py.

MkDocs' --dirty keeps the previous build's output and rebuilds the pages it is given. Each
page the guide generates has a key: the page meta and the very context its template receives
(guide_core/site.py's Page), with what every page shares (the templates, mkdocs.yml, the
guide's catalogues, the pages of docs/, the problems banner). A page whose key is unchanged is
left out of the build and its output stays; MkDocs still finds it when an edited page links it
(FilesOfPreview). Pages of docs/ that list articles (home, Topics) are rebuilt when the context
they receive changes. An article page that is rebuilt (a related list changed) renders its
Markdown again only if the Markdown changed (render_once).

What is left out is also missing from this build's sitemap, so instant navigation in the
preview loads such a page in full: the page itself is right.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, TypeVar

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File, Files, InclusionLevel

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from guide_core import site


T = TypeVar("T")


class Preview:
    """The keys of the pages last built, and what every page shares."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[object, File]] = {}  # src_uri -> (key, the File last built)
        self.seen: set[str] = set()
        self.shared: object = None
        self.settled = False
        self.rendered: dict[str, tuple[object, _Rendered]] = {}  # src_uri -> (key, its Markdown as HTML)
        self.results: dict[str, tuple[object, object]] = {}  # once(): name -> (key, what was made)
        # MkDocs warns on every --dirty build that links may be stale: here they are not.
        logging.getLogger("mkdocs.commands.build").addFilter(_NotTheDirtyWarning())

    # Start a build: what every page shares (the files of `watched`, the pages of docs/, the banner).
    def start(
        self, config: MkDocsConfig, files: Files, problems: str | None, watched: Iterable[Path]
    ) -> None:
        self.seen = set()
        paths = ([Path(config.config_file_path)] if config.config_file_path else []) + list(watched)
        if config.theme.custom_dir:
            paths += [path for path in Path(config.theme.custom_dir).rglob("*") if path.is_file()]
        docs = tuple(file.src_uri for file in files.documentation_pages())  # the navigation
        self.shared = (tuple((str(path), path.stat().st_mtime_ns) for path in paths), docs, problems)

    # The File last built for `src_uri` if its key is unchanged, else None.
    def unchanged(self, src_uri: str, key: object) -> File | None:
        self.seen.add(src_uri)
        last = self.pages.get(src_uri)
        return last[1] if last is not None and last[0] == key else None

    def built(self, src_uri: str, key: object, file: File) -> None:
        self.pages[src_uri] = (key, file)

    # Pages of docs/ are rebuilt by MkDocs only when their file changes: also when the context
    # they receive changed (`contexts`), or what every page shares.
    def rebuild_changed_pages_of_docs(self, files: Files, contexts: Mapping[str, object]) -> None:
        for file in files.documentation_pages():
            if file.generated_by is not None:
                continue
            key = (contexts.get(file.src_uri), self.shared)
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

    # After a build: the output of pages that are gone (a deleted article) goes too, and what
    # the first build made is set aside (settle).
    def finish(self) -> None:
        for src_uri in set(self.pages) - self.seen:
            _, file = self.pages.pop(src_uri)
            Path(file.abs_dest_path).unlink(missing_ok=True)
            self.rendered.pop(src_uri, None)
            self.results.pop(src_uri, None)
        self.settle()

    # An article's page is rebuilt when anything it shows changes: a related list, a neighbour's
    # title. Its Markdown (most of the page's cost: 55 such pages for one title edit at 2,000
    # articles) is rendered again only when it changed, or what its rendering reads: the page's
    # address, and mkdocs.yml, the theme and the problems banner (`shared`: a link's target that
    # appears or goes mends or makes a broken link, a problem). Else the last rendering is used.
    def render_once(self, page: Page) -> None:
        key = (page.markdown, page.url, self.shared)
        kept = self.rendered.get(page.file.src_uri)
        render = page.render

        def rendered_once(config: MkDocsConfig, files: Files) -> None:
            if kept is not None and kept[0] == key:
                kept[1].restore(page)
                return
            render(config, files)
            self.rendered[page.file.src_uri] = (key, _Rendered.of(page))

        page.render = rendered_once  # what MkDocs calls next for this page (after on_page_markdown)


# What MkDocs' Page.render sets on a page (mkdocs/structure/pages.py). The links to anchors of
# other pages are not kept: they point at the Files of the build that rendered them (MkDocs
# checks them only to log; the guide checks every link before the build, links.py).
@dataclass(frozen=True)
class _Rendered:
    content: str
    toc: object
    title: str | None
    anchors: frozenset[str]

    @classmethod
    def of(cls, page: Page) -> _Rendered:
        return cls(page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()))

    def restore(self, page: Page) -> None:
        page.content, page.toc, page._title_from_render = self.content, self.toc, self.title
        page.present_anchor_ids, page.links_to_anchors = set(self.anchors), None


def generated(
    preview: Preview | None,
    files: Files,
    config: MkDocsConfig,
    page: site.Page,
    markdown: Callable[[], str],
    inclusion: InclusionLevel,
) -> File:
    """A planned page of the build; under the preview, the File last built if its key (the page's
    meta and the context its template receives) is unchanged: not built again, its output stays as it was."""
    key = (page.meta, page.context)
    if preview:
        key = (key, preview.shared)
        kept = preview.unchanged(page.src_uri, key)
        if kept is not None:
            return kept
    file = File.generated(config, page.src_uri, content=markdown(), inclusion=inclusion)
    files.append(file)
    if preview:
        preview.built(page.src_uri, key, file)
    return file


def once(preview: Preview | None, name: str, key: object, make: Callable[[], T]) -> T:
    """`make()`; under the preview, its last result for `name` while `key` (and what every page
    shares) is unchanged. A page's reused rendering (render_once) is the very same str, so a
    key holding it compares at once."""
    if not preview:
        return make()
    key = (key, preview.shared)
    kept = preview.results.get(name)
    if kept is None or kept[0] != key:
        kept = preview.results[name] = (key, make())
    return kept[1]


class FilesOfPreview(Files):
    """The files of a preview's build, through which MkDocs also finds the pages the preview
    leaves out (unchanged): an edited article's link to an unchanged one (`other.md`) is
    written as that page's address, as in a full build, not left as written."""

    def __init__(self, files: Iterable[File], preview: Preview) -> None:
        super().__init__(list(files))
        self.preview = preview

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        src_uri = PurePath(path).as_posix()
        if found is None and src_uri in self.preview.seen:  # planned in this build, left out
            return self.preview.pages[src_uri][1]
        return found


class _NotTheDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


# MkDocs makes a new Jinja environment for every build, and the hook one of its own, each
# compiling Material's templates again: 0.8 s of a 2 s build, 0.7 s of a preview rebuild.
# Compiled templates are kept in memory for a `make serve` session, and on disk between builds
# (Jinja's own folder for it, one per user in the system's temporary folder). Each is found by
# its name and source, not its file, so a second copy of the project (a fork's clone, a test's
# folder) finds them too; each holds Jinja's and Python's versions: an edited template, or a new
# Jinja, is compiled afresh. (A template's errors still name its own file: Jinja takes that
# from the loader, not from the compiled code.)
class _CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}
        try:
            self.disk: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache()
        except (OSError, RuntimeError):  # no private folder for it: compiled once per build
            self.disk = None

    def get_bucket(
        self, environment: Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, checksum), checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])
        elif self.disk is not None:
            try:
                self.disk.load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                bucket.reset()  # a damaged file: compiled afresh, and written again
            if bucket.code is not None:
                self.kept[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            with contextlib.suppress(OSError):  # a full disk costs a compile next time, nothing else
                self.disk.dump_bytecode(bucket)


_COMPILED = _CompiledTemplates()


def with_compiled_templates(env: Environment) -> Environment:
    env.bytecode_cache = _COMPILED
    return env
