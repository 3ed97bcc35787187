"""A static file server on 127.0.0.1 for the LMS tests: URL prefixes mapped to folders."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit


class _Handler(SimpleHTTPRequestHandler):
    mounts: ClassVar[dict[str, Path]] = {}

    def translate_path(self, path: str) -> str:
        route = unquote(urlsplit(path).path)
        for prefix, folder in sorted(self.mounts.items(), key=lambda m: -len(m[0])):
            if route.startswith(prefix):
                rest = route[len(prefix):].lstrip("/")
                target = (folder / rest).resolve()
                if target == folder.resolve() or folder.resolve() in target.parents:
                    return str(target)
        return "/nonexistent"

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(mounts: dict[str, Path]) -> Iterator[str]:
    """Serve ``{"/prefix/": folder}``; yields the base URL (ends with /)."""
    handler = type("Handler", (_Handler,), {"mounts": dict(mounts)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="lms-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
