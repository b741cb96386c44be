"""MkDocs hook: the article editor at /admin/ (Decap CMS, issue 27).

Writes into the built site, once every page is written:

- ``admin/config.yml``, made by guide_core/editor_config.py from the article schema;
- ``admin/index.html``, the page that starts the editor, marked ``noindex``;
- ``admin/decap/``, Decap's bundle and its chunks, copied from ``node_modules/decap-cms/dist``
  (never loaded from a CDN: the page loads nothing from outside the site but the Git host's API).

The page is no page of MkDocs: it is in no navigation, sitemap or feed, and Pagefind indexes only
the article pages (hooks/search.py). Registered before safe_build.py, so that admin/ is swapped
in with the rest of a build that succeeded. Without the bundle in node_modules, the build goes on
without the editor and the log says what to install (an info line: `--strict` stays green).
The local backend (``local_backend: true``) is on under ``mkdocs serve``, or with
GUIDE_EDITOR_LOCAL=true; the published editor signs in to GitHub (the repository from repo_url).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from guide_core import editor_config

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.editor")

FOLDER = "admin"
BUNDLE = "decap"  # admin/decap/: decap-cms.js and the chunks it loads from beside itself
INSTALL = f"npm install --no-save --no-package-lock decap-cms@{editor_config.DECAP_VERSION}"

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(*, config: MkDocsConfig) -> None:
    dist = Path(config.config_file_path).parent / "node_modules" / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").is_file():
        log.info(f"No article editor at /{FOLDER}/: Decap CMS is not installed. To have it, run: {INSTALL}")
        return
    installed = _version(dist.parent)
    if installed != editor_config.DECAP_VERSION:
        log.info(f"The article editor uses Decap CMS {installed}; the guide is tested with {editor_config.DECAP_VERSION} ({INSTALL})")
    folder = Path(config.site_dir) / FOLDER
    bundle = folder / BUNDLE
    if bundle.exists():
        shutil.rmtree(bundle)
    bundle.mkdir(parents=True)
    for file in sorted(dist.iterdir()):
        # decap-cms.js and its chunks (N.decap-cms.js, *.wasm); not the source maps (25 MB),
        # nor cms.js, the same bundle under its old name.
        if file.is_file() and (file.name.endswith(("decap-cms.js", ".wasm")) or file.name == "decap-cms.js.LICENSE.txt"):
            shutil.copy2(file, bundle / file.name)
    local = _serving or os.environ.get("GUIDE_EDITOR_LOCAL", "").lower() in ("1", "true", "yes")
    (folder / "config.yml").write_text(
        editor_config.config_yaml(repo=_github_repo(config.repo_url), local_backend=local), encoding="utf-8"
    )
    (folder / "index.html").write_text(_page(config.site_name, config.theme.get("language") or "en"), encoding="utf-8")
    log.info(f"The article editor is at /{FOLDER}/ (Decap CMS {installed}{', local backend' if local else ''})")


def _version(package: Path) -> str:
    try:
        return str(json.loads((package / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "of an unknown version"


# "https://github.com/owner/name(.git)(/)" -> "owner/name"; any other host: none.
def _github_repo(url: str | None) -> str | None:
    match = re.fullmatch(r"https?://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?", url or "")
    return f"{match[1]}/{match[2]}" if match else None


def _page(site_name: str, language: str) -> str:
    title = html.escape(f"Article editor · {site_name}")
    return f"""<!doctype html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
<script src="{BUNDLE}/decap-cms.js"></script>
</body>
</html>
"""
