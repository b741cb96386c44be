"""One way to drive a tab in either engine, for the tests of the reader's core paths that run in
Chromium (Playwright) and in Firefox (Debian's firefox-esr over WebDriver BiDi, through
tests/firefox_bridge.mjs and puppeteer-core from npm): the same test, the same names.

A tab is small on purpose: go, reload, click, type, run a function in the page, wait for one
to be true, attach a file, print to PDF. Dialogs (confirm) are answered OK in both."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from support import ROOT

BRIDGE = ROOT / "tests" / "firefox_bridge.mjs"
PUPPETEER = ROOT / "node_modules" / "puppeteer-core"
HOW_TO_GET_FIREFOX = (
    "No Firefox for the browser tests: they drive Debian's firefox-esr with puppeteer-core. "
    "Install it with `sudo apt-get install firefox-esr` (or point FIREFOX_PATH at a Firefox), and "
    "puppeteer-core with `make test` (it runs npm install on first use)."
)

# Downloads made by the page (a link with `download`, clicked by the guide's own download()),
# kept in the page as {name, text} so a test reads them in any engine.
CATCH_DOWNLOADS = """() => {
  window.guideDownloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (!this.download) return click.call(this);
    fetch(this.href)
      .then((answer) => answer.text())
      .then((text) => guideDownloads.push({ name: this.download, text }));
  };
}"""


class Tab(Protocol):
    engine: str

    def goto(self, url: str) -> None: ...
    def reload(self) -> None: ...
    def evaluate(self, source: str, arg: Any = None) -> Any: ...
    def click(self, selector: str) -> None: ...
    def type(self, selector: str, text: str) -> None: ...
    def upload(self, selector: str, path: Path) -> None: ...
    def pdf(self, path: Path, paper: str, margin: str | None = None) -> None: ...
    def close(self) -> None: ...


def wait(tab: Tab, source: str, arg: Any = None, timeout: float = 15) -> Any:
    """Waits until the function `source` returns something true in the page; returns it. (Return
    a value, not an element: Firefox's bridge answers an element as null.)"""
    deadline = time.monotonic() + timeout
    while True:
        result = tab.evaluate(source, arg)
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{tab.engine}: still false after {timeout} s: {source}")
        time.sleep(0.05)


def downloads(tab: Tab, count: int = 1) -> list[dict[str, str]]:
    return wait(tab, "(n) => window.guideDownloads?.length >= n && guideDownloads", count)


class ChromiumTab:
    engine = "chromium"

    def __init__(self, browser) -> None:
        self.context = browser.new_context()  # its own storage, as each Firefox tab has
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: dialog.accept())

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def reload(self) -> None:
        self.page.reload()

    def evaluate(self, source: str, arg: Any = None) -> Any:
        return self.page.evaluate(source, arg)

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def type(self, selector: str, text: str) -> None:
        self.page.click(selector)
        self.page.keyboard.type(text)

    def upload(self, selector: str, path: Path) -> None:
        self.page.set_input_files(selector, str(path))

    def pdf(self, path: Path, paper: str, margin: str | None = None) -> None:
        self.page.emulate_media(media="print")
        margins = {side: margin for side in ("top", "right", "bottom", "left")} if margin else None
        self.page.pdf(path=str(path), format=paper, margin=margins)
        self.page.emulate_media(media="screen")

    def close(self) -> None:
        self.context.close()


class Firefox:
    """One Firefox for a test session, driven through the bridge."""

    def __init__(self) -> None:
        firefox = os.environ.get("FIREFOX_PATH") or shutil.which("firefox-esr") or shutil.which("firefox")
        node = shutil.which("node")
        if not firefox or not node or not PUPPETEER.is_dir():
            raise RuntimeError(HOW_TO_GET_FIREFOX)
        # Firefox's own messages go to a file: a pipe nobody reads would fill and stop it.
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [node, str(BRIDGE)],
            cwd=ROOT,
            env={**os.environ, "FIREFOX_PATH": firefox},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            encoding="utf-8",
        )
        self.lock = threading.Lock()
        self.next_id = 0
        self.version = self.call("version")

    def call(self, method: str, **params: Any) -> Any:
        with self.lock:
            self.next_id += 1
            self.process.stdin.write(
                json.dumps({"id": self.next_id, "method": method, "params": params}) + "\n"
            )
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            self.log.seek(0)
            raise RuntimeError(f"Firefox's bridge stopped: {self.log.read()[-2000:]}\n{HOW_TO_GET_FIREFOX}")
        answer = json.loads(line)
        if "error" in answer:
            raise AssertionError(f"firefox: {method}: {answer['error']}")
        return answer["result"]

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class FirefoxTab:
    engine = "firefox"

    def __init__(self, firefox: Firefox, width: int = 1280, height: int = 800) -> None:
        self.firefox = firefox
        self.tab = firefox.call("open", width=width, height=height)

    def _call(self, method: str, **params: Any) -> Any:
        return self.firefox.call(method, tab=self.tab, **params)

    def goto(self, url: str) -> None:
        self._call("goto", url=url)

    def reload(self) -> None:
        self._call("reload")

    def evaluate(self, source: str, arg: Any = None) -> Any:
        return self._call("evaluate", source=source, arg=arg)

    def click(self, selector: str) -> None:
        self._call("click", selector=selector)

    def type(self, selector: str, text: str) -> None:
        self._call("type", selector=selector, text=text)

    def upload(self, selector: str, path: Path) -> None:
        self._call("upload", selector=selector, path=str(path))

    def pdf(self, path: Path, paper: str, margin: str | None = None) -> None:
        # WebDriver BiDi's print takes centimetres; puppeteer-core converts CSS lengths.
        margins = {side: margin for side in ("top", "right", "bottom", "left")} if margin else None
        self._call("pdf", path=str(path), format=paper.lower(), margin=margins)

    def close(self) -> None:
        self._call("close")
