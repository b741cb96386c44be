"""MkDocs hook: the guide's own scripts and stylesheets ship minified.

The sources in ``overrides/assets/`` stay readable, with the comments that say why; a build
strips comments and spacing with rjsmin and rcssmin (no renaming, so the shipped code still
reads like its source in a browser's developer tools). ``mkdocs serve`` serves them as
written. No build step: MkDocs does it.

A pull request's preview (``make preview``, ``extra.guide_preview``) opens from a folder,
where browsers refuse module scripts: there each module ships as a classic script that
registers itself with the loader in ``classic-modules.js`` (`classic_script`).

The few scripts that must run in <head> before the first paint (``overrides/assets/head/``) are
readable files too: a template inlines one, minified, with ``{{ "head/x.js" | guide_inline_script }}``,
and the build does not ship them as files of their own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import rcssmin
import rjsmin
from markupsafe import Markup

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

SUFFIXES = (".js", ".css")
INLINED = "head"  # overrides/assets/head/: inlined into the pages, not shipped as files
CLASSIC_LOADER = Path(__file__).with_name("classic-modules.js")
_serving = False


# Remember whether this is `mkdocs serve`, which keeps the sources as written.
def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


# In a preview, the page loads the guide's scripts as classic ones (see classic_script).
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _classic(config):
        for script in config.extra_javascript:
            if getattr(script, "type", "") == "module":
                script.type = ""
    return config


# Minify the guide's own assets (overrides/assets/), not Material's; the inlined ones go.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    if not config.theme.custom_dir:
        return files
    own = Path(config.theme.custom_dir) / "assets"
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(own / INLINED):
            files.remove(file)
    if _serving:
        return files
    classic = _classic(config)
    for file in files:
        if (
            file.abs_src_path
            and file.src_uri.endswith(SUFFIXES)
            and Path(file.abs_src_path).is_relative_to(own)
        ):
            text = file.content_string
            if classic and file.src_uri.endswith(".js"):
                text = classic_script(text)
            file.content_string = minified(file.src_uri, text)
    return files


# Templates inline the head scripts through the `guide_inline_script` filter.
def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    folder = Path(config.theme.custom_dir or "overrides") / "assets"
    env.filters["guide_inline_script"] = lambda name: inline_script(folder / name)
    return env


def _classic(config: MkDocsConfig) -> bool:
    return not _serving and bool(config.extra.get("guide_preview"))


# A module of overrides/assets/ as a classic script for the loader in classic-modules.js: its
# `import {...} from "./x.js"` lines wait for that module, `import(x)` is the loader's `load`,
# `export { a, b };` exports names it has (imported ones too),
# `import.meta.url` the script's own address, and what it exports is returned. The guide's
# modules use only these forms; any other import or export is refused, not guessed at.
def classic_script(text: str) -> str:
    waits = "".join(
        f"const {{{names}}} = await guideModule.load(guideModuleUrl, {path!r});\n"
        for names, path in _STATIC_IMPORT.findall(text)
    )
    body = _STATIC_IMPORT.sub("", text)
    exported = [name for _, name in _EXPORT.findall(body)]
    exported += [
        name.strip() for names in _EXPORT_LIST.findall(body) for name in names.split(",") if name.strip()
    ]
    body = _EXPORT_LIST.sub("", _EXPORT.sub(r"\1 \2", body))
    body = _DYNAMIC_IMPORT.sub("guideModule.load(guideModuleUrl, ", body).replace(
        "import.meta.url", "guideModuleUrl"
    )
    left = _ANY_IMPORT_OR_EXPORT.search(body)
    if left:
        raise ValueError(
            f"a module form the preview cannot load as a classic script: {left.group().strip()!r}"
        )
    return (
        CLASSIC_LOADER.read_text(encoding="utf-8")
        + "\n(() => {\nconst guideModuleUrl = document.currentScript.src;\n"
        + 'guideModule.define(guideModuleUrl, async () => {\n"use strict";\n'
        + waits
        + body
        + f"\nreturn {{ {', '.join(exported)} }};\n}});\n}})();\n"
    )


_STATIC_IMPORT = re.compile(r'^import \{([^}]*)\} from "(\./[\w-]+\.js)";[ ]*\n', re.MULTILINE)
_EXPORT = re.compile(r"^export ((?:async )?function\*?|const|let|class) ([A-Za-z_$][\w$]*)", re.MULTILINE)
# names of the module's own, passed on
_EXPORT_LIST = re.compile(r"^export \{([\w$, ]*)\};[ ]*\n", re.MULTILINE)
_DYNAMIC_IMPORT = re.compile(r"(?<![\w$.])import\(")
_ANY_IMPORT_OR_EXPORT = re.compile(
    r"^[ ]*(?:import[ {*\"']|export\b).*$|(?<![\w$.])import\.meta", re.MULTILINE
)


# The script at `path`, minified, to put between <script> and </script> as it is.
def inline_script(path: Path) -> Markup:
    text = minified(path.name, path.read_text(encoding="utf-8"))
    if re.search(r"</script|<!--", text, re.IGNORECASE):
        raise ValueError(
            f"{path}: an inline script must not hold '</script' or '<!--' (the page would break there)"
        )
    return Markup(text)


# `name`'s text minified, by its suffix (.js or .css).
def minified(name: str, text: str) -> str:
    if name.endswith(".js"):
        return rjsmin.jsmin(text)
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    raise ValueError(f"{name}: only .js and .css files are minified")
