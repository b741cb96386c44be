"""The guide's own scripts and stylesheets as the published site ships them: minified.

The sources in ``overrides/assets/`` stay readable, with the comments that say why; a build
strips comments and spacing with rjsmin and rcssmin (no renaming, so the shipped code still
reads like its source in a browser's developer tools). No build step: MkDocs does it.
"""

from __future__ import annotations

import rcssmin
import rjsmin

SUFFIXES = (".js", ".css")


# `name`'s text minified, by its suffix (.js or .css).
def minified(name: str, text: str) -> str:
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"{name}: only .js and .css files are minified")
