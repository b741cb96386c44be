"""`make serve` notices a save as it happens. Used by hooks/guide.py (on_serve).

MkDocs 1.6 watches the project by polling: every 0.5 s it takes a snapshot of docs/ (2,000
articles: 2,000 files stat'ed, in Python) and compares it with the last, then waits 0.1 s more
before it builds. At 2,000 articles that was half of the time from a save to the browser
showing it (BENCHMARKS.md, issue #26), and a steady cost while nothing changes. The same
watches are given to watchdog's native observer instead (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows), which the system tells of a change at once.

Where the system is not told of changes (files on a network drive, a Windows folder seen from
WSL, some container mounts), `GUIDE_WATCH=poll make serve` keeps MkDocs' polling.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

import watchdog.events
import watchdog.observers

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
POLL = "poll"  # GUIDE_WATCH's value that keeps MkDocs' own polling
POLLING = "make serve looks for changes every 0.5 s, as MkDocs does"


def watch_natively(server: LiveReloadServer) -> None:
    """Move the server's watches (docs/, mkdocs.yml, and any added later) to the native observer.
    MkDocs has scheduled them (mkdocs/commands/serve.py) but starts its observer only once it
    serves, so nothing is missed in between."""
    if os.environ.get("GUIDE_WATCH", "").strip().lower() == POLL:
        log.info(POLLING)
        return
    polling, native, refs = server.observer, _NativeObserver(), {}
    try:
        known = server._watch_refs  # MkDocs' own, by the path it was given: what unwatch() unschedules
        for path, watch in list(known.items()):  # (a watched file's watch names its folder)
            for handler in polling._handlers.get(watch, ()):
                refs[path] = native.schedule(handler, path, recursive=watch.is_recursive)
    except (OSError, AttributeError) as error:  # no native watch here, or another MkDocs
        log.info(f"{POLLING} ({error})")
        return
    polling.unschedule_all()
    server.observer = native
    known.update(refs)


# The system's observer, telling MkDocs only of changes (_Changes), for the watches moved to
# it and for those added after on_serve (the guide's catalogues, `watch:` in mkdocs.yml).
class _NativeObserver(watchdog.observers.Observer):
    def schedule(self, event_handler, path, recursive=False, **options):  # watchdog's signature
        return super().schedule(_Changes(event_handler, path), path, recursive=recursive, **options)


# What a native observer tells of that changes a watched file. It also tells of files opened
# or closed unwritten (a reader, an editor's search: the next build would start at once), and,
# where the system watches a single file (mkdocs.yml) through its folder, of every file beside
# it, such as a log written next to mkdocs.yml: MkDocs' polling saw neither.
class _Changes(watchdog.events.FileSystemEventHandler):
    CHANGES = frozenset(
        {
            watchdog.events.EVENT_TYPE_CREATED,
            watchdog.events.EVENT_TYPE_MODIFIED,
            watchdog.events.EVENT_TYPE_MOVED,
            watchdog.events.EVENT_TYPE_DELETED,
        }
    )

    def __init__(self, handler: watchdog.events.FileSystemEventHandler, path: str) -> None:
        self.handler = handler
        self.only = os.path.abspath(path) if os.path.isfile(path) else None

    def dispatch(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type not in self.CHANGES:
            return
        paths = {os.fsdecode(event.src_path), os.fsdecode(event.dest_path or "")}
        if self.only is None or self.only in paths:
            self.handler.dispatch(event)
