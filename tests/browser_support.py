"""Helpers for browser tests: find a Chromium, serve a built site on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

from playwright.sync_api import Playwright

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOW_TO_GET_ONE = (
    "No Chromium found for the browser tests. Install one: on Debian or Ubuntu "
    "`sudo apt-get install chromium`; elsewhere `.venv/bin/python -m playwright install chromium`. "
    "Or point CHROMIUM_PATH at a Chromium or Chrome binary."
)


def find_chromium(playwright: Playwright) -> str | None:
    """CHROMIUM_PATH, else the system Chromium, else the one `playwright install` downloaded."""
    candidates = [os.environ.get("CHROMIUM_PATH")]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    try:
        candidates.append(playwright.chromium.executable_path)
    except Exception:  # Playwright raises when its own browser was never downloaded
        pass
    return next((c for c in candidates if c and Path(c).is_file()), None)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `folder` on a free localhost port, as a static host would; returns its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


# Every widget's root names its module (data-guide-module): guide.js loads by that name and
# the tests wait on it, so no list of widgets is kept here.
WIDGETS = "[data-guide-module]"


def wait_for_widgets(page, timeout_ms: int = 30_000) -> None:
    """Wait until every widget on the page has started. guide.js imports their modules after
    the page has loaded, so `page.goto` returns before they run; the composer's and the notes'
    (data-guide-load="near") only once the reader scrolls near them: this scrolls to each of
    those not yet started, as a reader would, waits for it, and goes back to the top. Nothing
    is polled: each widget's data-guide-ready is waited for as it is set."""
    page.evaluate(_START_EVERY_WIDGET, [WIDGETS, timeout_ms])


# In the page. A widget that loads near the screen must meet guide.js's observer before the
# next is scrolled to, so they are taken one at a time; a page whose widgets have all started
# is not scrolled at all.
_START_EVERY_WIDGET = """async ([selector, timeoutMs]) => {
  const ready = (root) => root.hasAttribute("data-guide-ready");
  const started = (root) => new Promise((done, fail) => {
    if (ready(root)) return done();
    const watch = new MutationObserver(() => ready(root) && (watch.disconnect(), done()));
    watch.observe(root, { attributes: true, attributeFilter: ["data-guide-ready"] });
    setTimeout(() => fail(new Error(
      `the widget "${root.dataset.guideModule}" had not started after ${timeoutMs} ms`)), timeoutMs);
  });
  const roots = [...document.querySelectorAll(selector)];
  const near = roots.filter((root) => root.dataset.guideLoad == "near" && !ready(root));
  for (const root of near) {
    root.scrollIntoView({ block: "center" });
    await started(root);
  }
  await Promise.all(roots.map(started));
  if (near.length) scrollTo(0, 0);
}"""


def wait_for_material(page) -> None:
    """Wait until Material's bundle has started. It is deferred, so `page.goto` can return
    before it runs: a link clicked then is followed by a full page load, not by instant
    navigation."""
    page.wait_for_function("typeof window.document$ !== 'undefined'")


def settle(page) -> None:
    """Wait until the page's animations and transitions have ended (Material fades colours on
    hover, focus and a change of scheme; search results fade in), then for two frames, so
    what they changed has been drawn. What a test reads then is the page at rest, whatever
    the machine's load: no fixed time is waited."""
    page.evaluate(
        """() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))
          .then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))"""
    )


# The papers the sheet is printed on, as CSS pixels (96 to the inch): A4 and US Letter.
PAPER_CSS_PX = {"A4": (794, 1123), "Letter": (816, 1056)}
