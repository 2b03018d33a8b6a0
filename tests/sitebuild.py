"""Build the site once per test process (per SITE_URL), and serve a built site over HTTP for browser tests."""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def build(site_url: str | None = None) -> Path:
    """Build both editions with ``mkdocs build --strict``; fail on any warning. Returns the site directory."""
    out = Path(tempfile.mkdtemp(prefix="site-test-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url:
        env["SITE_URL"] = site_url
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass


class Server:
    """A loopback server for one directory, on a free port or a given one (so that an origin, and the service
    worker registered for it, survive a restart of the server)."""

    def __init__(self, directory: Path, port: int = 0):
        self.directory = directory
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(directory)))
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@functools.cache
def serve(directory: Path) -> str:
    """Serve ``directory`` on 127.0.0.1 (a free port) for the rest of the process; returns the base URL."""
    server = Server(directory)
    atexit.register(server.stop)
    return server.origin + "/"
