"""A static file server that gzips text, as GitHub Pages does, on loopback only.

    .venv/bin/python benchmarks/serve_gzip.py SITE_DIR [PORT]

Lighthouse measures transfer sizes, so the built site has to be served compressed, like the
real host serves it: `python -m http.server` sends everything uncompressed and would make
every page look three times heavier than it is. Files are gzipped once (level 9) and kept in
memory; pages get GitHub Pages' `Cache-Control: max-age=600`. It binds 127.0.0.1 and nothing
else, so it is never reachable from another machine.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from pathlib import Path

LOOPBACK = "127.0.0.1"
# What GitHub Pages compresses (it leaves images and fonts alone, which are compressed already).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler that answers `Accept-Encoding: gzip` with gzipped text."""

    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript"}

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
    """Serve `folder` gzipped on 127.0.0.1 (a free port unless given); returns (base URL, server)."""
    handler = functools.partial(GzipHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler)
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
