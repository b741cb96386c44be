"""MkDocs hook: a build that fails leaves the previous site byte for byte.

MkDocs cleans the site folder before it writes a page, so a failure halfway (a broken page,
a warning under ``--strict``, which MkDocs counts only after writing everything) would leave
a published folder empty or half old, half new. Here every build writes into a folder beside
the site's, ``<site>.building``, and only a build that succeeds is swapped in; a failed one is
thrown away. This holds however ``mkdocs build`` is run (make or not, strict or not, MkDocs or
ProperDocs). ``mkdocs serve`` builds into a folder of its own, so it is left alone.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import CountHandler

from command import on_startup, serving  # noqa: F401 - hooks/command.py; MkDocs calls on_startup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_target: Path | None = None  # the real site folder of the build under way


# Send the build to the folder beside the site's; the site stays as it is until the end.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _target
    if serving():  # `mkdocs serve` writes to a temporary folder of its own: nothing to protect
        return config
    _target = Path(config.site_dir)
    config.site_dir = str(_building(_target))
    return config


# Everything is written: swap it in, unless --strict is about to refuse the build for a
# warning (MkDocs checks its count just after this event).
def on_post_build(*, config: MkDocsConfig) -> None:
    global _target
    if _target is None:
        return
    target, _target = _target, None
    building = Path(config.site_dir)
    config.site_dir = str(target)  # `mkdocs gh-deploy` reads it after the build
    if _strict_will_abort():
        shutil.rmtree(building, ignore_errors=True)
        return
    _swap_in(building, target)


# A failed build is thrown away; the previous site was never touched.
def on_build_error(*, error: Exception) -> None:
    global _target
    if _target is not None:
        shutil.rmtree(_building(_target), ignore_errors=True)
        _target = None


def _building(target: Path) -> Path:
    return target.with_name(target.name + ".building")


# Put the new site where the old one was with two renames (the old one is removed after).
def _swap_in(building: Path, target: Path) -> None:
    old = target.with_name(target.name + ".previous")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    building.rename(target)
    shutil.rmtree(old, ignore_errors=True)


# MkDocs counts warnings under --strict with a CountHandler on its logger, and aborts after
# on_post_build if it counted any (mkdocs/commands/build.py).
def _strict_will_abort() -> bool:
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(handler, CountHandler) and handler.get_counts() for handler in handlers)
