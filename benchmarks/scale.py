"""The guide at 1, 1,000 and 2,000 distinct articles (benchmarks/generate.py), against itself
at 1 article and against plain Material with the same prose, in one run:

- what a reader's first visit to each kind of page transfers (gzipped, as GitHub Pages
  serves it), and what one search query downloads,
- the home page's size,
- the build: CPU time, wall-clock time and peak memory of one `mkdocs build` process,
- the preview: from saving an article under `make serve` to the browser being told to reload.

    .venv/bin/python benchmarks/scale.py [--sizes 1,1000,2000]

Figures are ratios to the 1-article guide (and to plain Material for the build), so they hold
on another machine; the absolute times move with the machine and whatever else it runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import generate
import scaling
import sites
from playwright.sync_api import sync_playwright
from serve_gzip import serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser_support import CHROMIUM_FLAGS, find_chromium  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
KIB = 1024
ARTICLE = "articles/article-0000/"
PAGES = {"home": "", "article": ARTICLE, "printable": f"{ARTICLE}checklist/"}
# Budgets from issue 16.
FIRST_VISIT_EXTRA_MAX = 15 * KIB
QUERY_MAX = 300 * KIB
HOME_MAX = 30 * KIB
GROWTH_MAX = 2.05
MEMORY_MAX = 1024  # MiB
RELOAD_MAX = 1.0  # s


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
    reload: float | None  # s, best of the edits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,1000,2000")
    parser.add_argument("--work", type=Path, default=ROOT / "bench-out" / "scale")
    args = parser.parse_args()
    results = measure([int(n) for n in args.sizes.split(",")], args.work)
    print(table(results))


def measure(sizes: list[int], work: Path, log=print) -> list[Size]:
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in sizes:
        log(f"== {n} articles: generating, building the guide and plain Material")
        project = generate.guide_project(work / f"guide-{n}", n)
        site = work / f"guide-{n}-site"
        built = timed_build(project, site)
        plain = timed_build(plain_project(work / f"plain-{n}", project), work / f"plain-{n}-site") if n > 1 else None
        log(f"   build {built.wall:.1f} s (CPU {built.cpu:.1f} s, {built.peak_mib:.0f} MiB)" + (f"; plain {plain.wall:.1f} s" if plain else ""))
        visit, query = first_visits(site)
        home = len(gzip.compress((site / "index.html").read_bytes(), 9))
        reload = None
        if n > 1:
            log("   preview: editing one article under make serve")
            rebuild = scaling.measure_rebuild(project, project / "docs/articles/article-0001.yml", "articles/article-0001/", f"{n}", edits=3)
            reload = min(rebuild.to_reload)
        results.append(Size(n, built, plain, visit, query, home, reload))
    return results


# One `mkdocs build` process: its CPU time, wall-clock time and peak memory (from the kernel).
def timed_build(project: Path, site: Path) -> Build:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
        (project / "docs" / "articles" / f"{article.slug}.md").write_text(sites.plain_markdown(article), encoding="utf-8")
        nav.append(f"  - articles/{article.slug}.md")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"(?ms)^nav:.*", "\n".join(nav) + "\n", config), encoding="utf-8")
    return project


# Bytes a first visit to each kind of page transfers (fresh browser profile, gzip served,
# everything until the network is idle), and what one search query then downloads.
def first_visits(site: Path) -> tuple[dict[str, int], int]:
    url, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(playwright), args=CHROMIUM_FLAGS)
            visits = {kind: _transferred(browser, url + path) for kind, path in PAGES.items()}
            query = _transferred(browser, url + ARTICLE, search="interview")
            browser.close()
    finally:
        server.shutdown()
    return visits, query


# Bytes on the wire (CDP's encodedDataLength) for a first visit, or, with `search`, for what
# typing a query into the search box downloads after the page has loaded.
def _transferred(browser, url: str, search: str | None = None) -> int:
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    total = [0]
    cdp.on("Network.loadingFinished", lambda event: total.__setitem__(0, total[0] + event["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    if search is not None:
        total[0] = 0
        page.locator("input[data-md-component=search-query], .md-search__input").first.click()
        page.keyboard.type(search, delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    context.close()
    return total[0]


# The results as a Markdown table, with each budget's verdict.
def table(results: list[Size]) -> str:
    base = results[0]
    lines = [
        "| articles | home | article | printable | one query | home page (gzip) | build (wall / CPU) | guide / plain per article | peak memory | save -> reload |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in results:
        extra = {kind: size.first_visit[kind] - base.first_visit[kind] for kind in PAGES}
        ratio = f"x{size.build.cpu / size.plain_build.cpu:.2f}" if size.plain_build else ""
        lines.append(
            f"| {size.articles:,} | {_kib(size.first_visit['home'])} ({_plus(extra['home'])}) | "
            f"{_kib(size.first_visit['article'])} ({_plus(extra['article'])}) | {_kib(size.first_visit['printable'])} ({_plus(extra['printable'])}) | "
            f"{_kib(size.query)} | {_kib(size.home_gzip)} | {size.build.wall:.1f} s / {size.build.cpu:.1f} s | {ratio} | "
            f"{size.build.peak_mib:.0f} MiB | {'' if size.reload is None else f'{size.reload:.2f} s'} |"
        )
    verdicts = []
    worst_extra = max(size.first_visit[kind] - base.first_visit[kind] for size in results for kind in PAGES)
    verdicts.append(f"- First visit, most added by any size over 1 article: {_plus(worst_extra)} (budget +15 KiB): {_ok(worst_extra <= FIRST_VISIT_EXTRA_MAX)}.")
    verdicts.append(f"- One query: at most {_kib(max(s.query for s in results))} (budget 300 KiB): {_ok(max(s.query for s in results) <= QUERY_MAX)}.")
    verdicts.append(f"- Home page: at most {_kib(max(s.home_gzip for s in results))} gzipped (budget 30 KiB): {_ok(max(s.home_gzip for s in results) <= HOME_MAX)}.")
    by_count = {s.articles: s for s in results}
    if 1000 in by_count and 2000 in by_count:
        growth = by_count[2000].build.cpu / by_count[1000].build.cpu
        verdicts.append(f"- Build 2,000 / 1,000 articles: x{growth:.2f} CPU (budget x{GROWTH_MAX}): {_ok(growth <= GROWTH_MAX)}.")
    plain = [s for s in results if s.plain_build]
    if plain:
        worst = max(s.build.cpu / s.plain_build.cpu for s in plain)
        verdicts.append(
            f"- Build per article, guide / plain Material per page of the same prose: up to x{worst:.2f} "
            f"(budget x1.00; the guide builds two pages per article, the reading page and the printable one): {_ok(worst <= 1.0)}."
        )
    peak = max(s.build.peak_mib for s in results)
    verdicts.append(f"- Peak memory of a build: {peak:.0f} MiB (budget 1 GiB): {_ok(peak <= MEMORY_MAX)}.")
    reloads = [s.reload for s in results if s.reload is not None]
    if reloads:
        verdicts.append(f"- Save -> reload under make serve: up to {max(reloads):.2f} s (budget 1 s): {_ok(max(reloads) <= RELOAD_MAX)}.")
    return "\n".join(lines) + "\n\n" + "\n".join(verdicts)


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
