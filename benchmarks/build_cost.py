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

import datetime as dt
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
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


# ---------------------------------------------------------------------------------------------
# Each kind of edit a coach makes, under `mkdocs serve --dirty` (what `make serve` runs)

EDIT_KINDS = ("body", "summary", "title", "topics", "new", "deleted")


@dataclass(frozen=True)
class EditTimes:
    kind: str
    to_reload: list[float]  # save -> MkDocs' "Reloading browsers"
    to_shown: list[float]  # save -> every page that shows the edit served with it (or gone)
    pages: list[str]  # what was checked
    cpu: list[float]  # CPU seconds the server used for the save (a loaded machine stretches the rest)

    @property
    def median(self) -> float:
        return sorted(self.to_shown)[len(self.to_shown) // 2]

    @property
    def worst(self) -> float:
        return max(self.to_shown)


# The served pages that must show one save, and what each must (or must not) hold.
@dataclass(frozen=True)
class Expect:
    path: str
    holds: str | None = None  # text the page must hold
    lacks: str | None = None  # text it must no longer hold
    gone: bool = False  # the page must answer 404


def measure_edits(project: Path, kinds=EDIT_KINDS, edits: int = 5, log=print) -> list[EditTimes]:
    """Each kind of edit, `edits` saves each, under `mkdocs serve --dirty`: from the save until
    every page that shows the edit is served with it (a title: the article, its neighbour's
    footer, the home page and the list of all articles; topics: the topic page; a new article:
    its page and the home page; a deleted one: its page gone and the lists without it)."""
    import yaml  # the articles are YAML; the benchmark edits them as data

    folder = project / "docs" / "articles"
    data = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in folder.glob("*.yml")}
    order = sorted(data, key=lambda path: (str(data[path]["published"]), data[path]["title"]))
    order = [path for path in order if not data[path].get("draft")]
    newest, neighbour = order[-1], order[-2]
    slug, neighbour_slug = data[newest]["slug"], data[neighbour]["slug"]
    topics = sorted(
        {tag for value in data.values() for tag in value.get("tags", [])} - set(data[newest]["tags"])
    )
    latest = max(str(value["published"]) for value in data.values())
    article = f"articles/{slug}/"

    def save(path: Path, value: dict) -> None:
        draft = path.parent.parent / f".{path.name}.saving"  # saved in one step, as editors do
        draft.write_text(
            yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
        os.replace(draft, path)

    def edited(kind: str, edit: int, marker: str) -> tuple[callable, list[Expect]]:
        value = dict(data[newest])
        if kind == "body":
            value["sections"] = [dict(value["sections"][0]), *value["sections"][1:]]
            value["sections"][0]["body"] = f"{marker}\n\n{value['sections'][0]['body']}"
            return (lambda: save(newest, value)), [Expect(article, marker)]
        if kind == "summary":
            value["summary"] = marker
            return (lambda: save(newest, value)), [Expect(article, marker), Expect("", marker)]
        if kind == "title":
            value["title"] = marker
            pages = ["", f"articles/{neighbour_slug}/", article, "all/"]
            return (lambda: save(newest, value)), [Expect(page, marker) for page in pages]
        if kind == "topics":
            topic = topics[edit % len(topics)]
            value["tags"] = sorted([*value["tags"], topic])
            return (lambda: save(newest, value)), [Expect(f"topics/{topic}/", f"articles/{slug}/")]
        new_slug = f"benchmark-new-{edit}"
        path = folder / f"{new_slug}.yml"
        if kind == "new":
            value.update(
                slug=new_slug, title=marker, published=dt.date.fromisoformat(latest) + dt.timedelta(1)
            )
            return (lambda: save(path, value)), [Expect(f"articles/{new_slug}/", marker), Expect("", marker)]
        title = yaml.safe_load(path.read_text(encoding="utf-8"))["title"]  # the one "new" made
        return path.unlink, [
            Expect(f"articles/{new_slug}/", gone=True),
            Expect("", lacks=title),
            Expect("all/", lacks=title),
        ]

    results = []
    with _Served(project) as served:
        for kind in kinds:
            to_reload, to_shown, checked, cpu = [], [], [], []
            for edit in range(edits if kind not in ("new", "deleted") else edits):
                time.sleep(0.5)  # let the watcher settle after the last build
                marker = f"Benchmark {kind} edit {edit} {time.time_ns()}"
                change, expected = edited(kind, edit, marker)
                served.drain()
                used = served.cpu()
                saved = time.perf_counter()
                change()
                reloaded = served.reloaded()
                served.shows(expected)
                to_shown.append(time.perf_counter() - saved)
                to_reload.append(reloaded - saved)
                cpu.append(served.cpu() - used)
                checked = [each.path or "(home)" for each in expected]
            if kind not in ("new",):  # the next kind starts from the article as it was
                save(newest, data[newest])
                served.reloaded()
            results.append(EditTimes(kind, to_reload, to_shown, checked, cpu))
            log(
                f"   {kind}: save -> shown median {results[-1].median:.2f} s, "
                f"worst {results[-1].worst:.2f} s "
                f"(to reload: {', '.join(f'{t:.2f}' for t in to_reload)}; "
                f"server CPU: {', '.join(f'{t:.2f}' for t in cpu)})"
            )
    return results


# `mkdocs serve --dirty` on a free port, its log read line by line.
class _Served:
    def __init__(self, project: Path) -> None:
        self.project, self.port = project, _free_port()
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def __enter__(self) -> _Served:
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(self.project / "mkdocs.yml")]
        command += ["--dev-addr", f"127.0.0.1:{self.port}"]
        self.server = subprocess.Popen(
            command, cwd=self.project, env=ENV, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        threading.Thread(target=_read_lines, args=(self.server.stderr, self.lines), daemon=True).start()
        _wait_for(self.lines, "Serving on", timeout=600)
        return self

    def __exit__(self, *exc) -> None:
        self.server.terminate()
        self.server.wait(timeout=30)

    # CPU seconds the server has used (user + system, from the kernel).
    def cpu(self) -> float:
        fields = Path(f"/proc/{self.server.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def drain(self) -> None:
        _drain(self.lines)

    def reloaded(self) -> float:
        _wait_for(self.lines, "Building documentation", timeout=120)
        return _wait_for(self.lines, "Reloading browsers", timeout=120)[0]

    # Every expected page as it must be; MkDocs has said it reloaded, so a page still stale a few
    # seconds on is a page the preview did not rebuild.
    def shows(self, expected: list[Expect], patience: float = 10.0) -> None:
        deadline = time.perf_counter() + patience
        for each in expected:
            while True:
                status, page = self.get(each.path)
                ok = (status == 404) if each.gone else status == 200
                ok = (
                    ok
                    and (each.holds is None or each.holds in page)
                    and (each.lacks is None or each.lacks not in page)
                )
                if ok:
                    break
                if time.perf_counter() > deadline:
                    raise SystemExit(
                        f"mkdocs serve reloaded but /{each.path} does not show the edit ({each})"
                    )
                time.sleep(0.01)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=30) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""


def main() -> None:
    import argparse

    import generate

    parser = argparse.ArgumentParser(description="Each kind of edit under make serve, at one size.")
    parser.add_argument("--articles", type=int, default=2000, help="distinct articles (default 2000)")
    parser.add_argument("--saves", type=int, default=5, help="saves of each kind (default 5)")
    parser.add_argument(
        "--kinds", default=",".join(EDIT_KINDS), help="comma-separated: " + ", ".join(EDIT_KINDS)
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/guide-edits"), help="where the guide is made")
    args = parser.parse_args()
    project = args.work / f"guide-{args.articles}"
    folder, kept = project / "docs" / "articles", args.work / f"articles-{args.articles}"
    if len(list(folder.glob("*.yml"))) == args.articles:  # the articles made last time, the code afresh
        shutil.rmtree(kept, ignore_errors=True)
        folder.rename(kept)
        sites.guide_project(project, 0)
        shutil.rmtree(folder)
        kept.rename(folder)
    else:
        generate.guide_project(project, args.articles)
    print(f"{args.articles} articles in {project}; serving (the first build takes a while)")
    for each in measure_edits(project, args.kinds.split(","), args.saves):
        cpu = sorted(each.cpu)[len(each.cpu) // 2]
        print(
            f"| {each.kind} | {each.median:.2f} s | {each.worst:.2f} s | {cpu:.2f} s "
            f"| {', '.join(each.pages)} |"
        )


if __name__ == "__main__":
    main()
