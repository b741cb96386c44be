"""Lighthouse 12.2.3 (mobile, all four categories) with the system Chromium.

Installed on first use into bench-out/node (git ignores bench-out/) with npm, pinned:
`npm i -E lighthouse@12.2.3 --prefix bench-out/node`. Each run writes its full JSON report
into bench-out/lighthouse/, where the reasons behind any score under 100 can be read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
VERSION = "12.2.3"
PREFIX = OUT / "node"
BINARY = PREFIX / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROMIUM_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


@dataclass(frozen=True)
class Report:
    url: str
    scores: dict[str, int]  # category -> 0..100
    transfer: int  # bytes over the wire (total-byte-weight)
    requests: int
    shortfalls: list[str]  # the weighted audits that cost points, with their values
    tbt: float = 0.0  # total blocking time, ms (Lighthouse's simulated mobile CPU)
    lcp: float = 0.0  # largest contentful paint, ms
    # The main thread's long tasks (over 50 ms), each as (script URL or "the page", ms): what the
    # blocking time is made of, so a regression points at the script that caused it.
    long_tasks: tuple[tuple[str, float], ...] = ()


# The Chromium Lighthouse drives: CHROME_PATH if set, else the system one.
def chromium() -> str:
    found = os.environ.get("CHROME_PATH") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    if not found:
        raise SystemExit("No Chromium for Lighthouse: `sudo apt-get install chromium`, or set CHROME_PATH.")
    return found


# Install the pinned Lighthouse unless it is there already.
def ensure_installed() -> Path:
    package = PREFIX / "node_modules" / "lighthouse" / "package.json"
    if BINARY.exists() and package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return BINARY
    if not shutil.which("npm"):
        raise SystemExit("Lighthouse needs Node.js and npm: `sudo apt-get install nodejs npm`.")
    print(f"Installing lighthouse@{VERSION} into {PREFIX.relative_to(ROOT)}/ ...", flush=True)
    PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--exact",
            f"lighthouse@{VERSION}",
            "--prefix",
            str(PREFIX),
            "--no-audit",
            "--no-fund",
        ],
        check=True,
    )
    return BINARY


# One Lighthouse run of `url` (mobile is Lighthouse's default form factor and throttling).
def run(url: str, name: str) -> Report:
    binary = ensure_installed()
    report_path = OUT / "lighthouse" / f"{name}.json"
    report_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(binary),
        url,
        "--form-factor=mobile",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report_path}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
        "--quiet",
    ]
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chromium()}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return parse(json.loads(report_path.read_text()), url)


def parse(lhr: dict, url: str) -> Report:
    scores = {key: round(category["score"] * 100) for key, category in lhr["categories"].items()}
    shortfalls = []
    for key, category in lhr["categories"].items():
        for ref in category["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                shortfalls.append(f"{key}: {ref['id']} {audit['score']:.2f}{value}")
    audits = lhr["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return Report(
        url,
        scores,
        int(audits["total-byte-weight"]["numericValue"]),
        len(requests),
        shortfalls,
        tbt=float(audits["total-blocking-time"].get("numericValue") or 0),
        lcp=float(audits["largest-contentful-paint"].get("numericValue") or 0),
        long_tasks=long_tasks(audits.get("long-tasks", {}), url),
    )


# Lighthouse's long-tasks audit as (what ran, ms), longest first. Its `url` is the script the
# task's time is attributed to, or the page itself for parsing, style and layout; a URL is
# shortened to its file name (Material's bundle is `bundle.<hash>.min.js`).
def long_tasks(audit: dict, page_url: str) -> tuple[tuple[str, float], ...]:
    items = (audit.get("details") or {}).get("items") or []
    tasks = []
    for item in items:
        source = item.get("url") or ""
        if source in ("", page_url, "Unattributable"):
            name = "the page" if source != "Unattributable" else "unattributable"
        else:
            name = source.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        tasks.append((name, round(float(item.get("duration") or 0))))
    return tuple(sorted(tasks, key=lambda task: -task[1]))
