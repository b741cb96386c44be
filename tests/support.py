"""Helpers shared by the tests: a real project copied into a temporary folder, built with the real CLI."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests' own articles: a copy of the seed (the first article, whose advice must all stay
# on the site) and whatever fixtures a test adds. The repo's docs/articles/ is the guide's
# content, checked by `make check` and the strict build, never read by a test: a fork may
# hold any number of articles, or none of these.
ARTICLES = FIXTURES / "articles"
SEED_SLUG = "how-you-should-react-to-a-bad-job-interview"
SEED_FILE = ARTICLES / f"{SEED_SLUG}.yml"
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks", "guide_core")
CONTENT = "docs/articles"


def copy_project(dest: Path, *, root: Path = ROOT) -> Path:
    """Copy the parts of the repo a build reads into `dest` (a fork, as far as MkDocs can
    tell), with the tests' own articles in place of the repo's."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=_not_copied(root))
        else:
            shutil.copy2(source, dest / part)
    shutil.copytree(ARTICLES, dest / CONTENT)
    return dest


# What copy_project leaves behind: caches, and the repo's own articles.
def _not_copied(root: Path):
    caches = shutil.ignore_patterns("__pycache__")

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(caches(folder, names))
        if Path(folder).resolve() == (root / CONTENT).resolve().parent:
            skipped.add(Path(CONTENT).name)
        return skipped

    return ignore


def run_build(
    project: Path, site: Path, *, tool: str = "mkdocs", env: dict[str, str] | None = None, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` (or `properdocs build`) of `project` into `site`, as a user would run it."""
    command = [sys.executable, "-m", tool, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    for name in ("SITE_URL", "REPO_URL", "EDIT_URI"):
        if env is None or name not in env:
            full_env.pop(name, None)
    return subprocess.run(command, cwd=project, env=full_env, capture_output=True, text=True, timeout=300)


def build_ok(project: Path, site: Path, **kwargs) -> Path:
    result = run_build(project, site, **kwargs)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, what: str, timeout: float = 30.0):
    """Poll `predicate` until it returns something true; fail saying `what` never came."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def serving(project: Path, *, tmpdir: Path | None = None):
    """`mkdocs serve` of `project` on a free localhost port, as `make serve` runs it: yields
    (base URL, the file its terminal output goes to). MkDocs builds into a new folder under
    `tmpdir` (the system's temporary folder if None)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    log = project / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "--dev-addr",
                f"127.0.0.1:{port}",
                "--livereload",
            ],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(timeout=10)
