"""A loopback server and test-only pages for the calculator runtime's browser tests and benchmark.

Rules: the pages added here exist only in a temporary copy of a built site, never in the published one;
the server binds 127.0.0.1 only, serves ``.wasm`` as ``application/wasm`` unless told to misbehave, can add
headers (a CSP, for instance) and counts the body bytes it sends for each path.

Pages (under ``__harness__/`` of the copy):

* ``client.html``: starts the calculator through ``assets/calculator/client.mjs`` exactly as the calculator
  page does, and exposes ``window.__calc`` and ``window.__ready`` (``{ok, value | code, messages, ms}``);
  ``?stall=<ms>`` sets how long a start may go without progress, ``?start=plain|snapshot`` forces a start.
* ``prestart.html``: ``prestart.mjs`` starts the runtime at once; the page's script asks for it 300 ms later.
* ``wasm.html``: downloads ``pyodide.asm.wasm`` and nothing else; ``window.__ready`` as below.
* ``bare.html``: a bare ``loadPyodide()`` from an untouched copy of the npm package (``__harness__/pyodide/``),
  the baseline the fast start is measured against; exposes ``window.__ready`` (``{ok, ms}``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections import defaultdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
HARNESS = "__harness__"
BARE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>{title}</title><link rel="icon" href="../favicon.ico">
<body><p id="state">loading</p><script type="module" src="{script}"></script></body></html>
"""

# Scripts are files, not inline, so the pages also run under a strict Content-Security-Policy.
CLIENT_SCRIPT = """import { createCalculator } from "../assets/calculator/client.mjs";
const query = new URLSearchParams(location.search);
window.__progress = [];
const calc = createCalculator({
  siteRoot: "../",
  stallMs: query.get("stall") ? Number(query.get("stall")) : undefined,
  prefer: query.get("start") || undefined,
  onProgress: (p) => window.__progress.push(p),
});
window.__calc = calc;
window.__ready = calc.ready.then(
  (value) => ({ ok: true, value, ms: performance.now() }),
  (error) => ({ ok: false, code: error.code, messages: error.messages, operator: error.operator, detail: error.detail, ms: performance.now() }),
);
window.__ready.then((r) => { document.getElementById("state").textContent = r.ok ? "ready" : "failed"; });
"""

# The page's own script asks for the calculator late (as a big page would), after prestart.mjs started it.
LATE_SCRIPT = """await new Promise((resolve) => setTimeout(resolve, Number(new URLSearchParams(location.search).get("delay") || 300)));
const { createCalculator } = await import("../assets/calculator/client.mjs");
window.__progress = [];
const calc = createCalculator({ siteRoot: "../", onProgress: (p) => window.__progress.push(p) });
window.__calc = calc;
window.__ready = calc.ready.then(
  (value) => ({ ok: true, value, ms: performance.now() }),
  (error) => ({ ok: false, code: error.code, messages: error.messages, operator: error.operator, detail: error.detail, ms: performance.now() }),
);
"""

PRESTART_PAGE = """<!doctype html>
<html lang="en"><meta charset="utf-8"><title>prestarted calculator</title><link rel="icon" href="../favicon.ico">
<script type="module" async src="../assets/calculator/prestart.mjs"></script>
<body><p id="state">loading</p><script type="module" src="late.mjs"></script></body></html>
"""

BARE_SCRIPT = """import { loadPyodide } from "./pyodide/pyodide.mjs";
window.__ready = loadPyodide().then(
  (py) => ({ ok: true, ms: performance.now(), version: py.version }),
  (error) => ({ ok: false, detail: String(error), ms: performance.now() }),
);
window.__ready.then((r) => { document.getElementById("state").textContent = r.ok ? "ready" : "failed"; });
"""


# The floor of any Pyodide start: the compressed wasm, downloaded (not compiled), from the site's own copy.
WASM_SCRIPT = """window.__ready = fetch("../pyodide/pyodide.asm.wasm", { cache: "no-store" })
  .then((response) => response.arrayBuffer())
  .then((buffer) => ({ ok: true, ms: performance.now(), bytes: buffer.byteLength }),
        (error) => ({ ok: false, detail: String(error), ms: performance.now() }));
window.__ready.then((r) => { document.getElementById("state").textContent = r.ok ? "ready" : "failed"; });
"""


def copy_site(site_dir: Path, dest: Path) -> Path:
    """A copy of a built site, to add harness pages to or to break on purpose."""
    shutil.copytree(site_dir, dest)
    return dest


def add_harness(site_dir: Path) -> Path:
    """Write the harness pages (and the bare Pyodide copy) into a site copy; return the harness folder."""
    folder = site_dir / HARNESS
    (folder / "pyodide").mkdir(parents=True, exist_ok=True)
    for name in BARE_FILES:
        shutil.copyfile(NODE_PYODIDE / name, folder / "pyodide" / name)
    for name, title, script in (("client", "calculator runtime harness", CLIENT_SCRIPT),
                                ("bare", "bare loadPyodide()", BARE_SCRIPT),
                                ("wasm", "the wasm alone", WASM_SCRIPT)):
        (folder / f"{name}.html").write_text(PAGE.format(title=title, script=f"{name}.mjs"), encoding="utf-8")
        (folder / f"{name}.mjs").write_text(script, encoding="utf-8")
    (folder / "prestart.html").write_text(PRESTART_PAGE, encoding="utf-8")
    (folder / "late.mjs").write_text(LATE_SCRIPT, encoding="utf-8")
    (site_dir / "favicon.ico").touch()
    return folder


def add_variant(site_dir: Path, name: str, change: dict[str, bytes | None]) -> str:
    """A second copy of the runtime under ``<site>/<name>/`` with some files replaced (bytes) or removed (None).

    Only the runtime's own folders are mirrored (as symbolic links, so it costs nothing); returns the path of
    the variant's harness page relative to the site root, e.g. ``"broken/__harness__/client.html"``.
    """
    base = site_dir / name
    # imported by the calculator's runtime-messages.mjs and worker.mjs
    shared = [site_dir / "assets" / "site-words.mjs", site_dir / "assets" / "names.mjs"]
    for folder in ("assets/calculator", "pyodide", "data", HARNESS):
        for source in [*(site_dir / folder).rglob("*"), *shared]:
            if source.is_file() and not (base / source.relative_to(site_dir)).exists():
                target = base / source.relative_to(site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(source)
    for relative, content in change.items():
        target = base / relative
        target.unlink(missing_ok=True)
        if content is not None:
            target.write_bytes(content)
    return f"{name}/{HARNESS}/client.html"


class _Handler(SimpleHTTPRequestHandler):
    wasm_type = "application/wasm"
    extra_headers: dict[str, str] = {}
    #: path suffix -> (bytes per second, bytes after which the response stops sending and hangs, or None)
    pace: dict[str, tuple[int, int | None]] = {}
    counter: dict[str, int] = {}
    lock = threading.Lock()

    def guess_type(self, path):
        if str(path).endswith(".wasm"):
            return self.wasm_type
        return super().guess_type(path)

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def copyfile(self, source, outputfile):
        sent = 0
        rate, stop = next((v for k, v in self.pace.items() if self.path.split("?")[0].endswith(k)), (0, None))
        size = 1 << 14 if rate else 1 << 16
        while chunk := source.read(size):
            if stop is not None and sent + len(chunk) > stop:
                time.sleep(600)  # a connection that stays open and sends nothing more
                return
            outputfile.write(chunk)
            outputfile.flush()
            sent += len(chunk)
            if rate:
                time.sleep(len(chunk) / rate)
        with self.lock:
            self.counter[self.path.split("?")[0]] += sent

    def log_message(self, format, *args):  # quiet
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # a closed tab is not an error
            super().handle_error(request, client_address)


class Server:
    """``with Server(site_dir) as server: server.url`` — a threaded static server on 127.0.0.1."""

    def __init__(self, site_dir: Path, port: int = 0, wasm_type: str = "application/wasm",
                 headers: dict[str, str] | None = None, pace: dict[str, tuple[int, int | None]] | None = None):
        self.bytes_by_path: dict[str, int] = defaultdict(int)
        handler = type("Handler", (_Handler,), {"wasm_type": wasm_type, "extra_headers": dict(headers or {}),
                                                 "counter": self.bytes_by_path, "lock": threading.Lock(),
                                                 "pace": dict(pace or {})})
        self.handler = handler
        self.httpd = _QuietServer(("127.0.0.1", port), partial(handler, directory=str(site_dir)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def set_pace(self, suffix: str, rate: int, stop: int | None = None) -> None:
        """From now on, send files whose path ends with ``suffix`` at ``rate`` bytes per second (see ``pace``)."""
        self.handler.pace[suffix] = (rate, stop)

    def reset_counts(self) -> None:
        self.bytes_by_path.clear()

    def counts(self) -> dict[str, int]:
        return dict(self.bytes_by_path)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def browser_path() -> str:
    """The Chromium to use: ``CHROMIUM``, else what ``scripts/find-browser`` finds (it says how to get one)."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    found = subprocess.run([str(ROOT / "scripts" / "find-browser"), "--no-install"], capture_output=True, text=True)
    if found.returncode != 0:
        raise SystemExit(found.stderr.strip())
    return found.stdout.strip()


def launch_chromium(playwright):
    """Headless Chromium with the flags that work on the team's machines."""
    return playwright.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS, headless=True)
