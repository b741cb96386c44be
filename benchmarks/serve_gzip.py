"""A static file server that gzips text, as GitHub Pages does, on loopback only.

    .venv/bin/python benchmarks/serve_gzip.py SITE_DIR [PORT]

Lighthouse measures transfer sizes, so the built site has to be served compressed, like the
real host serves it: `python -m http.server` sends everything uncompressed and would make
every page look three times heavier than it is. Files are gzipped once (level 9) and kept in
memory; pages get GitHub Pages' `Cache-Control: max-age=600`. It binds 127.0.0.1 and nothing
else, so it is never reachable from another machine.

The server keeps an account of what it sends (`server.traffic`, a Traffic): each request's path,
status and the bytes written to its socket (status line, headers and body, compressed as
served). Counted where the bytes leave, it sees every request whoever makes it: the page, a
Web Worker it starts (Pagefind's), anything else. benchmarks/large_guide.py measures with it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

LOOPBACK = "127.0.0.1"
# What GitHub Pages compresses (it leaves images and fonts alone, which are compressed already).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


@dataclass(frozen=True)
class Served:
    path: str  # as requested, with any query string
    status: int
    sent: int  # bytes written to the socket: status line, headers and body (as served)


class Traffic:
    """What a server has answered since `reset`, and whether it is answering anything now."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._served: list[Served] = []
        self._busy = 0  # requests read and not yet answered in full
        self._last = time.monotonic()  # when a request last started or ended

    def reset(self) -> None:
        with self._lock:
            self._served = []

    def served(self) -> list[Served]:
        with self._lock:
            return list(self._served)

    def wait_idle(self, quiet: float = 1.0, timeout: float = 60.0) -> None:
        """Return once no request has been in progress, started or ended for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                calm = self._busy == 0 and time.monotonic() - self._last >= quiet
            if calm:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server was still busy after {timeout:.0f} s")
            time.sleep(0.05)

    def _started(self) -> None:
        with self._lock:
            self._busy += 1
            self._last = time.monotonic()

    def _ended(self, served: Served) -> None:
        with self._lock:
            self._busy -= 1
            self._last = time.monotonic()
            self._served.append(served)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that answers `Accept-Encoding: gzip` with gzipped text, and
    accounts for each request in its server's `traffic` (if it has one)."""

    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript"}

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    # A request starts when its request line has been read (an idle connection a browser
    # opens ahead of time is not one) and ends when its answer has been written.
    def handle_one_request(self) -> None:
        self._accounted = False
        try:
            super().handle_one_request()
        finally:
            traffic = getattr(self.server, "traffic", None)
            if self._accounted and traffic is not None:
                traffic._ended(
                    Served(
                        getattr(self, "path", None) or "", self._status, self.wfile.count - self._sent_before
                    )
                )

    def parse_request(self) -> bool:
        traffic = getattr(self.server, "traffic", None)
        if traffic is not None and not self._accounted:
            self._accounted, self._status, self._sent_before = True, 0, self.wfile.count
            traffic._started()
        return super().parse_request()

    def log_request(self, code="-", size="-") -> None:  # type: ignore[override] - records, logs nothing
        self._status = int(code) if isinstance(code, int) else 0

    def send_head(self):  # type: ignore[override] - the base class's contract, untyped there
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # http.server redirects to the folder's slash
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()  # 404s, images, no gzip wanted: exactly as http.server does
        body = self._gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def _gzipped(self, path: Path) -> bytes:
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = gzip.compress(path.read_bytes(), compresslevel=9, mtime=0)
            return self._cache[key]

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


class _CountingWriter:
    """The handler's socket writer, counting the bytes written through it."""

    def __init__(self, raw) -> None:
        self._raw = raw
        self.count = 0

    def write(self, data) -> int:
        written = self._raw.write(data)
        self.count += len(data) if written is None else written
        return written

    def __getattr__(self, name: str):
        return getattr(self._raw, name)


class _Body:
    """The file-like object `send_head` returns: SimpleHTTPRequestHandler copies it out."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._read = False

    def read(self, size: int = -1) -> bytes:
        if self._read:
            return b""
        self._read = True
        return self._data

    def close(self) -> None:
        pass


def serve(folder: Path, port: int = 0) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `folder` gzipped on 127.0.0.1 (a free port unless given); returns (base URL, server),
    whose `traffic` (a Traffic) accounts for what it sends."""
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler)
    server.traffic = Traffic()  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{LOOPBACK}:{server.server_address[1]}/", server


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    url, server = serve(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8080)
    print(f"Serving {sys.argv[1]} gzipped at {url} (Ctrl+C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
