"""Build at scale: the guide with 0, 200 and 400 articles against a plain Material site with
the same prose as 0, 200 and 400 Markdown pages in its nav; and a one-article rebuild under
`mkdocs serve`.

Each build is a fresh `python -m mkdocs build` process, timed by the CPU time it used (user +
system, from the kernel's accounting of the child): a build is single-threaded, so on an idle
machine that equals the wall-clock time, and on a shared 2-core machine it is far less
disturbed by whatever else runs than the wall clock is. Best of N, sizes interleaved. The
wall-clock times are kept too. The 0-article build of each site is its fixed cost (Python,
MkDocs, the theme, the home page), so

    cost per article at N = (best(N) - best(0)) / N

and the comparison is the ratio of the two sites' costs per article, measured in the same run.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import sites

SIZES = (0, 200, 400)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Scaling:
    guide: dict[int, float]  # articles -> best build CPU time, seconds
    plain: dict[int, float]
    runs: int
    wall: dict[str, dict[int, float]]  # "guide"/"plain" -> articles -> best wall-clock time

    def per_article(self, times: dict[int, float], n: int) -> float:
        return (times[n] - times[0]) / n

    def ratio(self, n: int) -> float:
        return self.per_article(self.guide, n) / self.per_article(self.plain, n)

    def growth(self, times: dict[int, float]) -> float:
        return times[400] / times[200]


@dataclass(frozen=True)
class Rebuild:
    label: str
    to_reload: list[float]  # seconds from saving the file to "Reloading browsers"
    build: list[float]  # the rebuild itself: "Building documentation..." to "Reloading browsers"


# Time `mkdocs build` of both sites at each size, best of `runs`, sizes interleaved so that a
# burst of load from elsewhere hurts both sites alike.
def measure_builds(work: Path, runs: int = 3, log=print) -> Scaling:
    projects = {}
    for n in SIZES:
        projects["guide", n] = sites.guide_project(work / f"guide-{n}", n)
        projects["plain", n] = sites.plain_project(work / f"plain-{n}", n)
    best: dict[tuple[str, int], float] = {}
    wall: dict[str, dict[int, float]] = {"guide": {}, "plain": {}}
    for run in range(runs):
        for (kind, n), project in projects.items():
            cpu, seconds = _timed_build(project, work / f"{kind}-{n}-site")
            best[kind, n] = min(best.get((kind, n), cpu), cpu)
            wall[kind][n] = min(wall[kind].get(n, seconds), seconds)
        log(
            f"  after run {run + 1}/{runs}, best CPU so far: "
            + ", ".join(f"{k} {n}: {best[k, n]:.2f} s" for k, n in projects)
        )
    return Scaling({n: best["guide", n] for n in SIZES}, {n: best["plain", n] for n in SIZES}, runs, wall)


# One build: (CPU seconds of the build process, wall-clock seconds).
def _timed_build(project: Path, site: Path) -> tuple[float, float]:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--quiet",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(site),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{errors.decode()[-3000:]}")
    return usage.ru_utime + usage.ru_stime, seconds


# Under `mkdocs serve` (what `make serve` runs), change one article's summary `edits` times and
# time each save until MkDocs says "Reloading browsers"; check the served page has the change.
def measure_rebuild(project: Path, article: Path, url_path: str, label: str, edits: int = 5) -> Rebuild:
    port = _free_port()
    # --dirty, as `make serve` runs it: the guide then rebuilds only the pages an edit changes.
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dirty",
        "-f",
        str(project / "mkdocs.yml"),
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(
        command, cwd=project, env=ENV, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=_read_lines, args=(server.stderr, lines), daemon=True).start()
    original = article.read_text(encoding="utf-8")
    to_reload, build = [], []
    try:
        _wait_for(lines, "Serving on", timeout=300)
        for edit in range(edits):
            time.sleep(0.5)  # let the watcher settle after the last build
            _drain(lines)
            marker = f"Rebuild marker {edit} {time.time_ns()}"
            # Saved in one step, as editors that write a new file and rename it do: an in-place
            # write is two events (truncate, write) and can cost MkDocs a second build.
            draft = project.parent / f".{article.name}.{edit}"
            draft.write_text(_with_marker(original, marker, article.suffix), encoding="utf-8")
            saved = time.perf_counter()
            os.replace(draft, article)
            building, _ = _wait_for(lines, "Building documentation", timeout=120)
            reloaded, _ = _wait_for(lines, "Reloading browsers", timeout=120)
            to_reload.append(reloaded - saved)
            # MkDocs' own "Documentation built in" line is dropped when it repeats the last one
            # (its DuplicateFilter), so the build is timed from the lines around it.
            build.append(reloaded - building)
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/{url_path}", timeout=30).read().decode()
            if marker not in page:
                raise SystemExit(f"mkdocs serve reloaded but {url_path} does not show the edit")
    finally:
        article.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return Rebuild(label, to_reload, build)


# The file with a visible change: an article's summary (YAML), or a plain page's first line.
def _with_marker(text: str, marker: str, suffix: str) -> str:
    if suffix == ".yml":
        # The summary line and its indented continuation lines (`summary: >-`), if any.
        changed = re.sub(
            r"^summary:.*\n(?:[ \t]+\S.*\n)*", f"summary: {marker}\n", text, count=1, flags=re.MULTILINE
        )
    else:
        changed = re.sub(r"^# .*$", f"# {marker}", text, count=1, flags=re.MULTILINE)
    if changed == text:
        raise SystemExit("could not find a line to change for the rebuild benchmark")
    return changed


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put((time.perf_counter(), line))


def _drain(lines: queue.Queue) -> None:
    while True:
        try:
            lines.get_nowait()
        except queue.Empty:
            return


def _wait_for(lines: queue.Queue, text: str, timeout: float) -> tuple[float, str]:
    deadline = time.perf_counter() + timeout
    while True:
        try:
            stamp, line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
        except queue.Empty:
            raise SystemExit(f"mkdocs serve did not say {text!r} within {timeout:.0f} s") from None
        if "ERROR" in line or "Traceback" in line:
            raise SystemExit(f"mkdocs serve failed: {line}")
        if text in line:
            return stamp, line


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
