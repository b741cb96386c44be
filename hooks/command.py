"""Which command this process runs (``mkdocs build``, ``serve``, ``gh-deploy``), for every hook file.

MkDocs tells a hook the command only through ``on_startup``, once per process, and calls it on
each hook file that defines one. Each hook file that needs the command takes this module's
`on_startup` as its own (``from command import on_startup``): the command is recorded here,
once, whichever hook files a fork keeps and in whatever order mkdocs.yml lists them. Hook files
share this module because MkDocs imports them once per process, with this folder on
``sys.path`` while each first runs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """The command MkDocs (or ProperDocs) runs; ``dirty``: serve's --dirty (``make serve``)."""

    name: str = "build"  # a build not started from the command line (MkDocs' own API) is a build
    dirty: bool = False

    @property
    def serving(self) -> bool:
        return self.name == "serve"


current = Command()


# MkDocs calls this on every hook file that takes it: the same command each time.
def on_startup(*, command: str, dirty: bool) -> None:
    global current
    current = Command(command, dirty)


# Whether this is `mkdocs serve`: a preview that rebuilds on every save, never published.
def serving() -> bool:
    return current.serving
