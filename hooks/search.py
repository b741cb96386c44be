"""MkDocs hook: search with Pagefind, an index a reader downloads in small pieces, and only
once they search.

Material's search plugin writes one index of every page (``search/search_index.json``) and its
bundle fetches it when any page loads: 14.5 MB at 2,000 articles, before anyone searches.
Pagefind (https://pagefind.app) splits the index by word and keeps each page's text in a file
of its own, so a query downloads the few pieces it needs, however many articles there are.
After the build this hook runs Pagefind over the article pages it wrote, into ``pagefind/``
in the site; ``overrides/assets/guide-search.js`` loads Pagefind when the reader opens the
search box and shows the results in Material's search dialog.

Only articles are indexed (pages drawn by ``article.html``): the home page, the lists and the
printable checklists repeat what the articles say. Within an article, Pagefind reads the page's
content (Material's ``<article>``), less what is not advice: the widgets' controls and notices
(``data-search-exclude``, which the templates already mark for search, and ``.guide-js-only``),
the heading anchors (the pilcrow) and the print link, which is the same on every article.

``mkdocs serve`` indexes too, in the background once the rebuilds pause (see
_index_in_background): search in the preview finds what the build would, a moment after the
page reloads.
"""

from __future__ import annotations

import atexit
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pagefind_bin_extended
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from command import on_startup, serving  # noqa: F401 - hooks/command.py; MkDocs calls on_startup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

# The folder of the index in the site; guide-search.js imports pagefind.js from it.
OUTPUT = "pagefind"
# The template that draws an article page (set by hooks/guide.py): the pages indexed.
ARTICLE_TEMPLATE = "article.html"
# The part of an article page Pagefind reads (its title is the first <h1> in it), and what it
# leaves out of that part: see the module's docstring.
ROOT = "article.md-content__inner"
# Search runs in the browser, so a searcher has JavaScript: the index holds what such a reader
# sees. Left out: what only readers without JavaScript see (.guide-no-js: the email template as
# text, the notes' no-script line), the widgets' controls (data-search-exclude, the progress
# line, the reader's data), and the page's own furniture.
EXCLUDED = (
    "[data-search-exclude]",
    ".guide-no-js",
    ".guide-progress",
    ".guide-data",
    ".headerlink",
    ".md-content__button",
    ".guide-print-link",
)

log = get_plugin_logger(__name__)
_articles: set[str] = set()  # the site-relative paths of the article pages written
_requests: queue.Queue[tuple[Path, list[str]]] = queue.Queue()  # under serve: what to index next
_indexer: threading.Thread | None = None


# Material's header draws its search box and dialog (partials/search.html) only while a plugin
# named "material/search" is enabled (material/templates/partials/header.html). That plugin is
# not used: it writes the one big index. A stand-in under its name, with no events, lets the
# header draw the box as before. (A preview rebuilt with its last settings, because an edit of
# mkdocs.yml cannot be read, comes here again with the stand-in in place.)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "material/search" in config.plugins and not isinstance(
        config.plugins["material/search"], HeaderSearchBox
    ):
        raise PluginError(
            "search: mkdocs.yml lists Material's `search` plugin, whose index every page would download. "
            "The guide searches with Pagefind (hooks/search.py): remove `- search` from `plugins:`."
        )
    config.plugins["material/search"] = HeaderSearchBox()
    return config


# A fresh list for each build. Under `mkdocs serve` a rebuild may write only the pages an edit
# changed: the articles written before are kept (on_post_build drops the ones gone).
def on_pre_build(*, config: MkDocsConfig) -> None:
    if not serving():
        _articles.clear()
    else:
        _indexing.stop()  # the rebuild has the processor; the index is written again after it


# Note each article page as it is written.
def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    if page.meta.get("template") == ARTICLE_TEMPLATE:
        _articles.add(page.file.dest_uri)
    return None


# Everything is written: index the articles into the site, before safe_build.py swaps it in
# (a failure here keeps the previous site, as any failed build does). Under `mkdocs serve` the
# index is written in the background, so an edit reaches the browser without waiting for it
# (Pagefind takes about 10 s for 2,000 articles); the preview's search has it a moment later.
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    if serving():
        _articles.intersection_update(
            {path for path in _articles if os.path.isfile(os.path.join(site, path))}
        )
        _index_in_background(site, sorted(_articles))
    else:
        write_index(site, sorted(_articles))


# Index the article pages at `paths` (relative to `site`) into `site`/pagefind/.
def write_index(site: Path, paths: list[str]) -> None:
    if not paths:  # Pagefind refuses to write an empty index (the search box says it could not load)
        log.info("No articles to index for search")
        return
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="guide-search-") as folder:
        copy_for_pagefind(site, paths, Path(folder))
        run_pagefind(Path(folder), site / OUTPUT)
    log.info(f"Pagefind indexed {len(paths)} article(s) in {time.perf_counter() - start:.1f} s")


# Run Pagefind over the pages in `pages`, into `output`.
def run_pagefind(pages: Path, output: Path) -> None:
    result = subprocess.run(pagefind_command(pages, output), capture_output=True, text=True)
    if result.returncode != 0:
        raise _failed(result.returncode, result.stderr or result.stdout)


def _failed(code: int, said: str) -> PluginError:
    return PluginError(f"search: Pagefind could not index the articles (exit status {code}):\n{said}")


# Under `mkdocs serve` the index is written by a thread of its own, after the builds, so that
# an edit reaches the browser without waiting for it, and without slowing the next edit's
# rebuild either (at 2,000 articles Pagefind takes about 10 s of both cores):
#   - it waits for the builds to pause (QUIET seconds without one), and indexes the newest;
#   - a rebuild that starts meanwhile stops it (on_pre_build), and it starts again after;
#   - it writes beside the site's index and swaps it in when done, so a stopped run leaves
#     the last index whole, and the preview's search works throughout;
#   - Pagefind runs at the lowest priority;
#   - the pages Pagefind reads are kept between rebuilds (_Mirror), and only the pages a
#     rebuild wrote again are copied: a few, where a fresh copy was 2,000 files read and
#     written in the server's own process, in the rebuild's way.
QUIET = 1.0  # s


def _index_in_background(site: Path, paths: list[str]) -> None:
    global _indexer
    _requests.put((site, paths))
    if _indexer is None:
        _indexer = threading.Thread(target=_index_forever, name="guide-search-index", daemon=True)
        _indexer.start()


def _index_forever() -> None:
    mirror = _Mirror()
    while True:
        site, paths = _requests.get()
        while True:  # builds that finish meanwhile: wait for a pause, then only the newest counts
            try:
                site, paths = _requests.get(timeout=QUIET)
            except queue.Empty:
                break
        if not paths:
            continue
        try:
            start = time.perf_counter()
            mirror.update(site, paths)
            if _indexing.run(pagefind_command(mirror.folder, site / OUTPUT)):
                log.info(f"Pagefind indexed {len(paths)} article(s) in {time.perf_counter() - start:.1f} s")
        except (PluginError, OSError) as error:
            log.warning(f"search: the preview's search index was not updated: {error}")


class _Indexing:
    """The preview's Pagefind run: one at a time, at the lowest priority, into a folder beside
    the index it replaces when it is done; stop() ends it (a rebuild is starting)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._stopped = False

    # True if the index was written; False if stop() ended the run.
    def run(self, command: list[str]) -> bool:
        output = Path(command[command.index("--output-path") + 1])
        draft = output.with_name(f".{output.name}-next")
        shutil.rmtree(draft, ignore_errors=True)
        command[command.index("--output-path") + 1] = str(draft)
        options: dict = {}
        if sys.platform == "win32":
            options["creationflags"] = subprocess.IDLE_PRIORITY_CLASS
        elif shutil.which("nice"):
            command = ["nice", "-n", "19", *command]
        with self._lock:
            self._stopped = False
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **options
            )
        said, _ = self._process.communicate()
        with self._lock:
            code, self._process = self._process.returncode, None
        if code != 0:
            shutil.rmtree(draft, ignore_errors=True)
            if self._stopped:
                return False
            raise _failed(code, said)
        old = output.with_name(f".{output.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if output.exists():
            output.rename(old)
        draft.rename(output)
        shutil.rmtree(old, ignore_errors=True)
        return True

    def stop(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                self._stopped = True
                self._process.terminate()


_indexing = _Indexing()


class _Mirror:
    """Under `mkdocs serve`: the article pages as Pagefind reads them (copy_for_pagefind), in a
    folder kept for the server's life; update() copies only what changed since the last one."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="guide-search-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)
        self.copied: dict[str, tuple[int, int]] = {}  # path -> (mtime_ns, size) of the page copied

    def update(self, site: Path, paths: list[str]) -> None:
        for path in paths:
            stat = (site / path).stat()
            if self.copied.get(path) != (stat.st_mtime_ns, stat.st_size):
                copy_for_pagefind(site, [path], self.folder)
                self.copied[path] = (stat.st_mtime_ns, stat.st_size)
        for path in set(self.copied) - set(paths):
            (self.folder / path).unlink(missing_ok=True)
            del self.copied[path]


# The pages at `paths` in `site`, as Pagefind should read them, at the same paths in `folder`
# (Pagefind makes each page's address from its path: articles/x/index.html -> /articles/x/).
def copy_for_pagefind(site: Path, paths: list[str], folder: Path) -> None:
    for path in paths:
        copy = folder / path
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(indexable((site / path).read_text(encoding="utf-8")), encoding="utf-8")


# Pagefind's command line (its binary comes in the pagefind_bin_extended wheel): index the
# pages in `pages` into `output`. Its own Python API takes each page in turn over a pipe: 200 s
# for 2,000 articles where the command takes 8 s.
def pagefind_command(pages: Path, output: Path) -> list[str]:
    return [
        str(pagefind_bin_extended.get_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(output),
        "--root-selector",
        ROOT,
        "--exclude-selectors",
        ", ".join(EXCLUDED),
        "--quiet",
    ]


# What Material's header reads of its search plugin (`.config.enabled`), and nothing else.
class HeaderSearchBox:
    config = {"enabled": True}


# The page as Pagefind should read it. Pagefind skips the text of every <label> (a form
# control's name, usually), but a checklist's items and the notes' questions are labels, and
# they are advice a reader searches for: they are handed to Pagefind as <span>s. Only the copy
# Pagefind reads changes, never the page.
def indexable(html: str) -> str:
    return _LABEL.sub(r"<\1span", html)


_LABEL = re.compile(r"<(/?)label\b", re.IGNORECASE)
