"""`make serve` (mkdocs serve --dirty): an edit rebuilds only the pages whose content it changes,
so a guide of thousands of articles previews an edit in about a second. Used by hooks/guide.py.

MkDocs' --dirty keeps the previous build's output and rebuilds the pages it is given. Each
page the guide generates has a key: the page meta and the very context its template receives
(guide_core/site.py's Page), with what every page shares (the templates, mkdocs.yml, the
guide's catalogues, the pages of docs/, the problems banner). A page whose key is unchanged is
left out of the build and its output stays. Pages of docs/ that list articles (home, Topics)
are rebuilt when the context they receive changes.

What is left out is also missing from this build's sitemap, so instant navigation in the
preview loads such a page in full: the page itself is right.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import pickle
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.bccache
from mkdocs.structure.files import File, Files, InclusionLevel

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

    from guide_core import site


class Preview:
    """The keys of the pages last built, and what every page shares."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[object, File]] = {}  # src_uri -> (key, the File last built)
        self.seen: set[str] = set()
        self.shared: object = None
        self.settled = False
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
        self.settle()


def generated(
    preview: Preview | None,
    files: Files,
    config: MkDocsConfig,
    page: site.Page,
    markdown: Callable[[], str],
    inclusion: InclusionLevel,
) -> File:
    """A planned page of the build; under the preview, the File last built if its key (the page's
    meta and the context its template receives) is unchanged: left out, its output stays as it was."""
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
