"""MkDocs hook: the article editor at /admin/ (Decap CMS, issue 27).

Writes into the built site, once every page is written:

- ``admin/config.yml``, made by guide_core/editor_config.py from the article schema;
- ``admin/index.html``, the page that starts the editor (overrides/admin/editor.html), marked
  ``noindex``;
- ``admin/decap/``, Decap's bundle and the chunks it loads from beside itself, copied from
  ``node_modules/decap-cms/dist`` (never loaded from a CDN: the page loads nothing from outside
  the site but the Git host's API). Not the source maps (25 MB) nor ``cms.js*``, the same bundle
  under its old name: 6.5 MB in all, of which the page loads 5.2 MB (1.5 MB gzipped).

The page is no page of MkDocs: it is in no navigation, sitemap or feed, and Pagefind indexes only
the article pages (hooks/search.py). Registered before safe_build.py, so that admin/ is swapped
in with the rest of a build that succeeded. Without the bundle in node_modules (``make build``
and ``make serve`` install it, with npm), the build goes on without the editor and the log says
what to install (an info line: ``--strict`` stays green).

The local backend: under ``mkdocs serve`` the page uses ``local_backend`` and the hook starts
decap-server (the CMS's local server, which reads and writes this folder's files; on 127.0.0.1
only, port 8081 or the one GUIDE_EDITOR_LOCAL names) and stops it when serve ends; saving an
article in the form writes its file, and serve shows it. A build with GUIDE_EDITOR_LOCAL=true uses
the local backend too (on port 8081; GUIDE_EDITOR_LOCAL=<port> for another), without starting a
server: the tests start their
own. Otherwise the published editor signs in to GitHub (the repository from repo_url).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import editor_preview
from guide_core import editor_config

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.editor")

FOLDER = "admin"
BUNDLE = "decap"  # admin/decap/: decap-cms.js and the chunks it loads from beside itself
TEMPLATE = "admin/editor.html"
# The editor's own modules (overrides/admin/), copied beside the page, which loads each one.
ADMIN_MODULES = ["guide-format.js", "guide-slug.js", "guide-preview.js"]
LOCAL_PORT = 8081  # decap-server's own default, and the one `local_backend: true` looks for
INSTALL = (
    "make serve (or make build) installs it with npm; by hand: npm install --no-save --no-package-lock "
    + (
        f"decap-cms@{editor_config.DECAP_VERSION} decap-server@{editor_config.DECAP_SERVER_VERSION} "
        f"any-ascii@{editor_config.ANY_ASCII_VERSION}"
        f" yaml@{editor_config.YAML_VERSION}"
    )
)


@dataclass
class _Session:
    """What lasts from on_startup to on_shutdown: whether this is `mkdocs serve`, and the local
    backend's server that serve started."""

    serving: bool = False
    server: subprocess.Popen[bytes] | None = None


_session = _Session()


# Remember whether this is `mkdocs serve` (its editor uses the local backend).
def on_startup(*, command: str, dirty: bool) -> None:
    _session.serving = command == "serve"


# The editor's modules are the editor's, copied with it (on_post_build), not theme files for every site.
def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    for name in ADMIN_MODULES:
        module = files.get_file_from_path(f"{FOLDER}/{name}")
        if module is not None:
            files.remove(module)
    return files


# Under serve, start the local backend once (on_config runs again at each rebuild).
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _session.serving and _session.server is None:
        setting = os.environ.get("GUIDE_EDITOR_LOCAL", "").strip()
        port = int(setting) if setting.isdigit() else LOCAL_PORT
        _session.server = start_local_backend(Path(config.config_file_path).parent, port)
    return config


# Write the editor into the site, when Decap is installed. A pull request's preview (make preview)
# has none: it is opened from a downloaded folder, where the editor cannot sign in or save, and
# the editor would be 7 MB of every preview's download.
def on_post_build(*, config: MkDocsConfig) -> None:
    if config.extra.get("guide_preview"):
        log.info(f"No article editor at /{FOLDER}/ in a preview: it edits the published site or make serve's")
        return
    project = Path(config.config_file_path).parent
    dist = project / "node_modules" / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").is_file():
        log.info(f"No article editor at /{FOLDER}/: Decap CMS is not installed. {INSTALL}")
        return
    installed = _version(dist.parent)
    if installed != editor_config.DECAP_VERSION:
        log.info(
            f"The article editor uses Decap CMS {installed}; "
            f"the guide is tested with {editor_config.DECAP_VERSION}. {INSTALL}"
        )
    folder = Path(config.site_dir) / FOLDER
    copy_bundle(dist, folder / BUNDLE)
    copy_slug_table(project, folder)
    copy_yaml(project, folder)
    copy_modules(project, folder)
    local = local_backend(_session.serving, os.environ.get("GUIDE_EDITOR_LOCAL", ""))
    (folder / "config.yml").write_text(
        editor_config.config_yaml(repo=_github_repo(config.repo_url), local_backend=local), encoding="utf-8"
    )
    page = (
        config.theme.get_env()
        .get_template(TEMPLATE)
        .render(
            site_name=config.site_name,
            language=config.theme.get("language") or "en",
            bundle=BUNDLE,
            modules=ADMIN_MODULES,
            preview=editor_preview.preview_data(_home_page(Path(config.site_dir))),
        )
    )
    (folder / "index.html").write_text(page, encoding="utf-8")
    log.info(
        f"The article editor is at /{FOLDER}/ (Decap CMS {installed}{', local backend' if local else ''})"
    )


# When serve ends, so does the local backend it started.
def on_shutdown() -> None:
    stop_local_backend(_session.server)
    _session.server = None


# --- Helpers ---------------------------------------------------------------------------------


# The files of Decap's dist/ the editor loads: decap-cms.js, its chunks (N.decap-cms.js, and the
# WebAssembly image encoders its media library loads), its licence notice. Unchanged files are
# not copied again (serve rebuilds into the same folder).
def bundle_files(dist: Path) -> list[Path]:
    return [
        file
        for file in sorted(dist.iterdir())
        if file.is_file()
        and (
            re.fullmatch(r"(?:[0-9]+\.)?decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt", file.name)
        )
    ]


def copy_bundle(dist: Path, bundle: Path) -> None:
    wanted = bundle_files(dist)
    names = {file.name for file in wanted}
    if bundle.is_dir():
        for old in bundle.iterdir():
            if old.name not in names:
                old.unlink()
    bundle.mkdir(parents=True, exist_ok=True)
    for file in wanted:
        target = bundle / file.name
        source = file.stat()
        if (
            target.is_file()
            and target.stat().st_size == source.st_size
            and target.stat().st_mtime_ns == source.st_mtime_ns
        ):
            continue
        shutil.copy2(file, target)


# The transliteration table the slug module (overrides/admin/guide-slug.js) imports from beside
# itself (npm any-ascii, Python's anyascii).
def copy_slug_table(project: Path, folder: Path) -> None:
    table = project / "node_modules" / "any-ascii"
    if not (table / "any-ascii.js").is_file():
        log.info(
            f"The article editor will not make a slug from the title: any-ascii is not installed. {INSTALL}"
        )
        return
    (folder / "any-ascii").mkdir(exist_ok=True)
    for name in ("any-ascii.js", "block.js", "LICENSE"):
        shutil.copy2(table / name, folder / "any-ascii" / name)


# The YAML library the file format (overrides/admin/guide-format.js) imports from beside itself:
# npm yaml's browser build (ES modules) and its licence.
def copy_yaml(project: Path, folder: Path) -> None:
    library = project / "node_modules" / "yaml"
    if not (library / "browser" / "dist" / "index.js").is_file():
        log.info(f"The article editor cannot read or save articles: yaml is not installed. {INSTALL}")
        return
    shutil.copytree(library / "browser" / "dist", folder / "yaml", dirs_exist_ok=True)
    shutil.copy2(library / "LICENSE", folder / "yaml" / "LICENSE")


# The editor's modules (ADMIN_MODULES), beside the page.
def copy_modules(project: Path, folder: Path) -> None:
    for name in ADMIN_MODULES:
        shutil.copy2(project / "overrides" / FOLDER / name, folder / name)


# The built home page, whose stylesheets (Material's hashed names included) the preview loads.
def _home_page(site: Path) -> str:
    home = site / "index.html"
    return home.read_text(encoding="utf-8") if home.is_file() else ""


# The config's local_backend: decap-server's address (on 127.0.0.1, where it listens: Decap's
# own default, localhost, may be ::1 first), or False for the published editor.
# GUIDE_EDITOR_LOCAL: "true", "1", "yes", or the port a test started decap-server on.
def local_backend(serving: bool, setting: str) -> str | bool:
    setting = setting.strip().lower()
    if setting.isdigit():
        return f"http://127.0.0.1:{int(setting)}/api/v1"
    if serving or setting in ("1", "true", "yes"):
        return f"http://127.0.0.1:{LOCAL_PORT}/api/v1"
    return False


# decap-server on 127.0.0.1:`port` for the files of `project` (MODE fs: it writes the working
# files, which serve then shows); None, with a line saying why, if it cannot start.
def start_local_backend(project: Path, port: int) -> subprocess.Popen[bytes] | None:
    server = project / "node_modules" / "decap-server" / "dist" / "index.js"
    node = shutil.which("node")
    if node is None or not server.is_file():
        log.info(
            "The article editor cannot save here: its local server (decap-server) is not installed. "
            f"{INSTALL}"
        )
        return None
    env = {
        **os.environ,
        "GIT_REPO_DIRECTORY": str(project),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "LOG_LEVEL": "warn",
    }
    # The server also ends when serve's process is gone without saying so (killed, or ended by
    # SIGTERM, which skips on_shutdown): it checks once a second that its parent is alive.
    process = subprocess.Popen(
        [node, "-e", _WATCH_PARENT, str(server), str(os.getpid())],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    log.info(
        f"The article editor's local server (decap-server) is on http://127.0.0.1:{port}/: "
        f"edit articles at /{FOLDER}/"
    )
    return process


_WATCH_PARENT = """
const [server, parent] = process.argv.slice(1);
setInterval(() => { try { process.kill(Number(parent), 0); } catch { process.exit(0); } }, 1000).unref();
require(server);
"""


def stop_local_backend(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _version(package: Path) -> str:
    try:
        return str(json.loads((package / "package.json").read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "of an unknown version"


# "https://github.com/owner/name(.git)(/)" -> "owner/name"; any other host: none.
def _github_repo(url: str | None) -> str | None:
    match = re.fullmatch(r"https?://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?", url or "")
    return f"{match[1]}/{match[2]}" if match else None
