"""The guide at 1, 1,000 and 2,000 distinct articles (benchmarks/generate.py), against itself
at 1 article and against plain Material with the same prose, in one run:

- what a reader's first visit to each kind of page transfers (gzipped, as GitHub Pages
  serves it), and what one search query downloads, in bytes and requests,
- the home page's size,
- the build: CPU time, wall-clock time and peak memory of one `mkdocs build` process,
- the preview: from saving an article under `make serve` to the browser being told to reload,
- Lighthouse (benchmarks/lighthouse.py) on the home page, an article and its printable page of
  the largest guide and of the 1-article guide, in rounds: does it stay 100/100/100/100?

    .venv/bin/python benchmarks/large_guide.py [--sizes 1,1000,2000] [--lighthouse-runs 1] [--no-lighthouse]

Figures are ratios to the 1-article guide (and to plain Material for the build), so they hold
on another machine; the absolute times move with the machine and whatever else it runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import build_cost
import generate
import lighthouse
import sites
from playwright.sync_api import sync_playwright
from serve_gzip import Served, Traffic, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import CHROMIUM_FLAGS, find_chromium  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
KIB = 1024
ARTICLE = "articles/article-0000/"
PAGES = {"home": "", "article": ARTICLE, "printable": f"{ARTICLE}checklist/"}
QUERY = "interview"
QUIET = 1.0  # s without a request in progress, started or ended: the network is idle
# Budgets from issue 16.
FIRST_VISIT_EXTRA_MAX = 15 * KIB
QUERY_MAX = 300 * KIB
HOME_MAX = 30 * KIB
GROWTH_MAX = 2.05
MEMORY_MAX = 1024  # MiB
RELOAD_MAX = 1.0  # s
LIGHTHOUSE_GOAL = 100  # every category, on every page, at the largest size


@dataclass
class Build:
    cpu: float  # s
    wall: float  # s
    peak_mib: float


@dataclass
class Size:
    articles: int
    build: Build
    plain_build: Build | None
    first_visit: dict[str, int]  # page kind -> bytes transferred
    query: int  # bytes downloaded by one search query
    home_gzip: int
    reload: list[float] | None  # s, each edit's save -> reload
    first_visit_requests: dict[str, int] = field(default_factory=dict)  # page kind -> requests
    query_requests: int | None = None
    query_served: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes) of each request
    # On the largest size only: Lighthouse on its pages and on the 1-article guide's, by article
    # count, then page kind, then round (lighthouse.Report's fields).
    lighthouse: dict[int, dict[str, list[dict]]] | None = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,1000,2000")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "large-guide")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=1,
        help="Lighthouse rounds at the largest size; the median run counts (default 1)",
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    args = parser.parse_args()
    runs = 0 if args.no_lighthouse else args.lighthouse_runs
    results = measure([int(n) for n in args.sizes.split(",")], args.work, lighthouse_runs=runs)
    print(table(results))


# Each size in turn; then, unless `lighthouse_runs` is 0, Lighthouse on the largest guide and
# on the 1-article guide (built here if 1 is not among the sizes).
def measure(sizes: list[int], work: Path, log=print, lighthouse_runs: int = 1) -> list[Size]:
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in sizes:
        log(f"== {n} articles: generating, building the guide and plain Material")
        project = generate.guide_project(work / f"guide-{n}", n)
        site = work / f"guide-{n}-site"
        built = timed_build(project, site)
        plain = (
            timed_build(plain_project(work / f"plain-{n}", project), work / f"plain-{n}-site")
            if n > 1
            else None
        )
        log(
            f"   build {built.wall:.1f} s (CPU {built.cpu:.1f} s, {built.peak_mib:.0f} MiB)"
            + (f"; plain {plain.wall:.1f} s" if plain else "")
        )
        visits, query = first_visits(site)
        log(f"   one query: {_kib(query.sent)} in {query.requests} requests")
        home = len(gzip.compress((site / "index.html").read_bytes(), 9))
        reload = None
        if n > 1:
            log("   preview: editing one article under make serve")
            rebuild = build_cost.measure_rebuild(
                project, project / "docs/articles/article-0001.yml", "articles/article-0001/", f"{n}", edits=7
            )
            reload = sorted(rebuild.to_reload)
        results.append(
            Size(
                n,
                built,
                plain,
                {kind: v.sent for kind, v in visits.items()},
                query.sent,
                home,
                reload,
                first_visit_requests={kind: v.requests for kind, v in visits.items()},
                query_requests=query.requests,
                query_served=[(s.path, s.sent) for s in query.served],
            )
        )
    if lighthouse_runs > 0 and results:
        largest = max(results, key=lambda size: size.articles)
        one = work / "guide-1-site"
        if not any(size.articles == 1 for size in results):
            log("== 1 article: generating and building the guide, for Lighthouse")
            timed_build(generate.guide_project(work / "guide-1", 1), one)
        largest.lighthouse = lighthouse_rounds(
            {largest.articles: work / f"guide-{largest.articles}-site", 1: one}, lighthouse_runs, log
        )
    return results


# One `mkdocs build` process: its CPU time, wall-clock time and peak memory (from the kernel).
def timed_build(project: Path, site: Path) -> Build:
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
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {project} failed:\n{errors.decode()[-3000:]}")
    return Build(usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss / 1024)


# Plain Material with the same prose: each generated article as one Markdown page in the nav.
def plain_project(dest: Path, guide: Path) -> Path:
    from guide_core.loader import load_articles

    project = sites.plain_project(dest, 0)
    nav = ["nav:", "  - Home: index.md"]
    for article in load_articles(guide / "docs" / "articles"):
        (project / "docs" / "articles" / f"{article.slug}.md").write_text(
            sites.plain_markdown(article), encoding="utf-8"
        )
        nav.append(f"  - articles/{article.slug}.md")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        re.sub(r"(?ms)^nav:.*", "\n".join(nav) + "\n", config), encoding="utf-8"
    )
    return project


@dataclass
class Transfer:
    served: list[Served]  # every request the server answered, in the order it finished

    @property
    def sent(self) -> int:
        return sum(s.sent for s in self.served)

    @property
    def requests(self) -> int:
        return len(self.served)


# What a first visit to each kind of page transfers (a fresh browser profile, served gzipped,
# everything until the network is idle), and what one search query then downloads.
#
# Counted by the server (serve_gzip.py's Traffic): the bytes it writes to the socket for each
# request, status line and headers included, the body as served (text gzipped at level 9 as
# GitHub Pages does; Pagefind's index, fragments and WebAssembly as they are on disk, already
# compressed), and the number of requests. Counting where the bytes leave cannot miss a
# requester: the page, Pagefind's Web Worker (its WebAssembly, index chunks and fragments) or
# anything else. The browser's own count does: CDP's Network events of the page target miss the
# worker's requests (this script reported 12.8 KiB a query that way, Pagefind's script alone),
# and even with every target auto-attached (Target.setAutoAttach, flatten, Network.enable on
# each session), Chromium reports the worker's own script as its headers only (-11.6 KiB).
# Checked on guides of 1 and 40 articles against the server's log of paths with each file's
# size on disk (gzipped at level 9 where it is text) and the response headers Chromium reports:
# the same requests (7 and 16 a query), equal to the byte; and against that auto-attached CDP
# count: equal but for the worker script's body.
def first_visits(site: Path) -> tuple[dict[str, Transfer], Transfer]:
    url, server = serve(site)
    traffic: Traffic = server.traffic
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=find_chromium(playwright), args=CHROMIUM_FLAGS
            )
            visits = {kind: _transferred(browser, traffic, url + path) for kind, path in PAGES.items()}
            query = _transferred(browser, traffic, url + ARTICLE, search=QUERY)
            browser.close()
    finally:
        server.shutdown()
    return visits, query


# A first visit to `url` in a fresh context: from the navigation until the network is idle
# (the page's load, then no request at the server for QUIET seconds). With `search`, only
# what follows: from clicking the search box, typing the query and the results being shown
# until the network is idle again.
def _transferred(browser, traffic: Traffic, url: str, search: str | None = None) -> Transfer:
    traffic.wait_idle(QUIET)
    traffic.reset()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    traffic.wait_idle(QUIET)
    if search is not None:
        traffic.reset()
        page.locator("input[data-md-component=search-query], .md-search__input").first.click()
        page.keyboard.type(search, delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        traffic.wait_idle(QUIET)
    served = traffic.served()
    context.close()
    return Transfer(served)


# Lighthouse on the home page, an article and its printable page of each site (article count
# -> built site), each served gzipped, in rounds: every page once a round, so what the machine
# is doing in a given minute weighs on the large guide and the small one alike.
def lighthouse_rounds(built: dict[int, Path], runs: int, log=print) -> dict[int, dict[str, list[dict]]]:
    servers = {n: serve(site) for n, site in built.items()}
    reports: dict[int, dict[str, list[dict]]] = {n: {kind: [] for kind in PAGES} for n in built}
    try:
        for round_ in range(runs):
            log(
                f"== Lighthouse: round {round_ + 1} of {runs}, {len(PAGES) * len(built)} pages "
                f"({' and '.join(map(str, built))} articles)"
            )
            for n, (url, _) in servers.items():
                for kind, path in PAGES.items():
                    report = lighthouse.run(url + path, f"large-guide-{n}-{kind}-{round_ + 1}")
                    reports[n][kind].append(asdict(report))
                    log(f"   {_articles(n)}, {kind}: {_scores(report.scores)}")
    finally:
        for _, server in servers.values():
            server.shutdown()
    return reports


# The results as a Markdown table, with each budget's verdict.
def table(results: list[Size]) -> str:
    base = results[0]
    lines = [
        "| articles | home | article | printable | one query | home page (gzip) | build (wall / CPU) | "
        "guide / plain per article | peak memory | save -> reload |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in results:
        extra = {kind: size.first_visit[kind] - base.first_visit[kind] for kind in PAGES}
        ratio = f"x{size.build.cpu / size.plain_build.cpu:.2f}" if size.plain_build else ""
        visits = " | ".join(
            f"{_kib(size.first_visit[kind])}, {_requests(size.first_visit_requests.get(kind))} "
            f"({_plus(extra[kind])})"
            for kind in PAGES
        )
        reload = (
            ""
            if size.reload is None
            else f"{statistics.median(size.reload):.2f} s (worst {max(size.reload):.2f})"
        )
        lines.append(
            f"| {size.articles:,} | {visits} | "
            f"{_kib(size.query)}, {_requests(size.query_requests)} | {_kib(size.home_gzip)} | "
            f"{size.build.wall:.1f} s / {size.build.cpu:.1f} s | {ratio} | "
            f"{size.build.peak_mib:.0f} MiB | {reload} |"
        )
    verdicts = []
    worst_extra = max(size.first_visit[kind] - base.first_visit[kind] for size in results for kind in PAGES)
    verdicts.append(
        f"- First visit, most added by any size over 1 article: {_plus(worst_extra)} (budget +15 KiB): "
        f"{_ok(worst_extra <= FIRST_VISIT_EXTRA_MAX)}."
    )
    heaviest = max(results, key=lambda s: s.query)
    verdicts.append(
        f'- One query ("{QUERY}" typed into an article\'s search box: everything requested until the '
        "results are shown and "
        f"the network is idle, Pagefind's worker included): at most {_kib(heaviest.query)} in "
        f"{_requests(heaviest.query_requests)} "
        f"(budget 300 KiB): {_ok(heaviest.query <= QUERY_MAX)}."
    )
    verdicts.append(
        f"- Home page: at most {_kib(max(s.home_gzip for s in results))} gzipped (budget 30 KiB): "
        f"{_ok(max(s.home_gzip for s in results) <= HOME_MAX)}."
    )
    by_count = {s.articles: s for s in results}
    if 1000 in by_count and 2000 in by_count:
        growth = by_count[2000].build.cpu / by_count[1000].build.cpu
        verdicts.append(
            f"- Build 2,000 / 1,000 articles: x{growth:.2f} CPU (budget x{GROWTH_MAX}): "
            f"{_ok(growth <= GROWTH_MAX)}."
        )
    plain = [s for s in results if s.plain_build]
    if plain:
        worst = max(s.build.cpu / s.plain_build.cpu for s in plain)
        verdicts.append(
            f"- Build per article, guide / plain Material per page of the same prose: up to x{worst:.2f} "
            "(budget x1.00; the guide builds two pages per article, the reading page and the printable "
            f"one): {_ok(worst <= 1.0)}."
        )
    peak = max(s.build.peak_mib for s in results)
    verdicts.append(f"- Peak memory of a build: {peak:.0f} MiB (budget 1 GiB): {_ok(peak <= MEMORY_MAX)}.")
    reloads = [s.reload for s in results if s.reload is not None]
    if reloads:
        typical, worst = max(statistics.median(r) for r in reloads), max(max(r) for r in reloads)
        verdicts.append(
            f"- Save -> reload under make serve: median {typical:.2f} s, worst {worst:.2f} s of "
            f"{len(reloads[-1])} edits (budget 1 s): "
            f"{_ok(worst <= RELOAD_MAX)}. MkDocs polls for changes every 0.5 s, so up to 0.6 s of it is "
            "waiting to notice the save."
        )
    note = (
        "Transfers are counted by the server: bytes written for each request (headers, and the body gzipped "
        "as "
        "GitHub Pages serves it), every request from a fresh browser profile until the network is idle, the "
        "page's and its workers' alike; in brackets, the difference from 1 article."
    )
    text = "\n".join(lines) + "\n\n" + note
    with_lighthouse = [s for s in results if s.lighthouse]
    if with_lighthouse:
        lighthouse_text, verdict = lighthouse_table(with_lighthouse[-1])
        text += "\n\n" + lighthouse_text
        verdicts.append(verdict)
    return text + "\n\n" + "\n".join(verdicts)


# Lighthouse at the largest size against the 1-article guide: the four scores of each page's
# median run (by performance, as Lighthouse's docs advise), each run's performance score, and
# whether the large guide stays at 100 in every category (issue #16's goal); returns the table
# and the summary's line.
def lighthouse_table(size: Size) -> tuple[str, str]:
    runs = size.lighthouse or {}
    big, one = size.articles, 1
    sizes = sorted({n for n in (one, big) if n in runs})
    count = max(len(reports) for by_kind in runs.values() for reports in by_kind.values())
    header = " | ".join(f"{_articles(n)}: perf / a11y / best pr. / SEO" for n in sizes)
    lines = [
        f"| page | {header} | stays 100/100/100/100 at {big:,} |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | --- |",
    ]
    below: list[str] = []
    shortfalls: list[str] = []
    for kind in PAGES:
        cells = []
        for n in sizes:
            reports = runs[n][kind]
            median = _median_run(reports)
            each = (
                f" (perf, each run: {', '.join(str(r['scores']['performance']) for r in reports)})"
                if len(reports) > 1
                else ""
            )
            cells.append(_scores(median["scores"]) + each)
            shortfalls += [f"- {_articles(n)}, {kind}: {item}" for item in median["shortfalls"]]
        median = _median_run(runs[big][kind])
        missing = [
            f"{key} {median['scores'][key]}"
            for key in lighthouse.CATEGORIES
            if median["scores"][key] < LIGHTHOUSE_GOAL
        ]
        if missing and one in runs and one != big:
            # The same page of the 1-article guide: below there too, the size is not the cause.
            at_one = _median_run(runs[one][kind])["scores"]
            missing = [f"{item} (at 1 article: {at_one[item.split()[0]]})" for item in missing]
        below += [f"{kind} {', '.join(missing)}"] if missing else []
        lines.append(
            f"| {kind} | {' | '.join(cells)} | {'ok' if not missing else 'BELOW: ' + ', '.join(missing)} |"
        )
    text = (
        f"Lighthouse {lighthouse.VERSION} (mobile, all four categories, served gzipped), {count} "
        f"round{'s' if count != 1 else ''}, "
        f"each page once a round; a page's scores are its median run's by performance."
        + (
            " One round: a performance score moves by a few points from run to run on a busy machine "
            "(`--lighthouse-runs 3` for medians)."
            if count == 1
            else ""
        )
        + "\n\n"
        + "\n".join(lines)
    )
    if shortfalls:
        text += (
            "\n\nWhere points were lost (weighted audits under 1, median runs; full reports in "
            "bench-out/lighthouse/large-guide-*.json):\n\n" + "\n".join(shortfalls)
        )
    verdict = (
        f"- Lighthouse at {_articles(big)}, home, article and printable (goal: stays 100/100/100/100): "
        + ("ok." if not below else "BELOW: " + "; ".join(below) + ".")
    )
    return text, verdict


# The run with the median performance score.
def _median_run(reports: list[dict]) -> dict:
    return sorted(reports, key=lambda report: report["scores"]["performance"])[len(reports) // 2]


def _scores(scores: dict[str, int]) -> str:
    return " / ".join(str(scores[key]) for key in lighthouse.CATEGORIES)


def _articles(count: int) -> str:
    return f"{count:,} article{'s' if count != 1 else ''}"


def _requests(count: int | None) -> str:
    return "? requests" if count is None else f"{count} request{'s' if count != 1 else ''}"


def as_json(results: list[Size]) -> list[dict]:
    return [asdict(size) for size in results]


def _kib(size: int) -> str:
    return f"{size / KIB:.1f} KiB"


def _plus(size: int) -> str:
    return f"{'+' if size >= 0 else '-'}{abs(size) / KIB:.1f} KiB"


def _ok(passed: bool) -> str:
    return "ok" if passed else "OVER"


if __name__ == "__main__":
    main()
