"""MkDocs hook: the guide's own scripts and stylesheets ship minified.

The sources in ``overrides/assets/`` stay readable, with the comments that say why; a build
strips comments and spacing with rjsmin and rcssmin (no renaming, so the shipped code still
reads like its source in a browser's developer tools). ``mkdocs serve`` serves them as
written. No build step: MkDocs does it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import rcssmin
import rjsmin

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SUFFIXES = (".js", ".css")
_serving = False


# Remember whether this is `mkdocs serve`, which keeps the sources as written.
def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# Minify the guide's own assets (overrides/assets/), not Material's.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    if _serving or not config.theme.custom_dir:
        return files
    own = Path(config.theme.custom_dir) / "assets"
    for file in files:
        if file.abs_src_path and file.src_uri.endswith(SUFFIXES) and Path(file.abs_src_path).is_relative_to(own):
            file.content_string = minified(file.src_uri, file.content_string)
    return files


# `name`'s text minified, by its suffix (.js or .css).
def minified(name: str, text: str) -> str:
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"{name}: only .js and .css files are minified")
