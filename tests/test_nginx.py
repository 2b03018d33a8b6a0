"""The site as Debian's nginx serves it with the project's configuration (deploy/nginx): types, precompressed
files, caching, the security headers, and the calculator running to an estimate with no CSP violation.

nginx runs on 127.0.0.1 as an ordinary process (scripts/nginx_server.py); .ci/run installs nginx-light.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from scripts import nginx_server
from scripts.sitegen import compress, csp, serving
from tests.browser_support import READY_MS, RESULT_MS, Watched

pytestmark = pytest.mark.browser

SCENARIO = "#v=1&as_of=2026-06-01&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx(built_site):
    if not nginx_server.available():
        pytest.fail(nginx_server.MISSING)
    with nginx_server.NginxServer(built_site) as server:
        yield server
        assert "[emerg]" not in server.errors() and "[crit]" not in server.errors(), server.errors()


def get(server, path: str, encoding: str | None = "gzip"):
    request = urllib.request.Request(server.url + path, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def manifest(built_site):
    import json

    return json.loads((built_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))


def test_the_runtime_is_sent_with_its_types_precompressed_and_cached_by_its_names(nginx, built_site, manifest):
    hashed = [f"pyodide/{manifest['stdlib']['file']}", f"pyodide/{manifest['stdlib_trimmed']['file']}",
              f"pyodide/{manifest['snapshot']['file']}", f"pyodide/{manifest['wheel']['file']}"]
    expected = {
        "pyodide/pyodide.asm.wasm": ("application/wasm", "gzip", "no-cache"),
        "pyodide/pyodide.asm.mjs": ("text/javascript", "gzip", "no-cache"),
        "assets/calculator/worker.mjs": ("text/javascript", "gzip", "no-cache"),
        "pyodide/runtime.json": ("application/json", "gzip", "no-cache"),
        "sw.js": ("application/javascript", "gzip", "no-cache"),
        "calculator/": ("text/html", "gzip", "no-cache"),
        **{path: (None, None, YEAR) for path in hashed},
    }
    for path, (kind, encoding, cache) in expected.items():
        status, headers, body = get(nginx, path)
        assert status == 200, path
        if kind:
            assert headers["Content-Type"].split(";")[0] == kind, (path, headers["Content-Type"])
        assert headers.get("Content-Encoding") == encoding, (path, headers.get("Content-Encoding"))
        assert headers["Cache-Control"] == cache, (path, headers["Cache-Control"])
        original = (built_site / (path + "index.html" if path.endswith("/") else path)).read_bytes()
        if encoding == "gzip":
            assert gzip.decompress(body) == original, path
            assert "Accept-Encoding" in headers.get("Vary", ""), path
        else:
            assert body == original, path
    # The wasm goes out as the build's gzip -9 copy, never compressed again per request.
    status, headers, body = get(nginx, "pyodide/pyodide.asm.wasm")
    assert body == (built_site / "pyodide" / "pyodide.asm.wasm.gz").read_bytes()
    assert len(body) < 0.4 * (built_site / "pyodide" / "pyodide.asm.wasm").stat().st_size
    # Without Accept-Encoding, the file itself.
    status, headers, body = get(nginx, "pyodide/pyodide.asm.wasm", encoding=None)
    assert "Content-Encoding" not in headers and body == (built_site / "pyodide" / "pyodide.asm.wasm").read_bytes()


def test_every_response_carries_the_security_headers_and_the_server_files_are_not_served(nginx, built_site):
    want = serving.security_headers(built_site)
    for path in ("", "en/measures/m2/", "pyodide/pyodide.asm.wasm", "assets/calculator/worker.mjs", "no/such/page/"):
        status, headers, _ = get(nginx, path)
        assert status == (404 if path.startswith("no/") else 200), path
        for name, value in want.items():
            assert headers[name] == value, (path, name)
    for path in ("_headers", "_nginx/locations.conf"):
        assert get(nginx, path)[0] == 404, path


def test_the_csp_header_allows_nothing_a_page_meta_tag_does_not_and_covers_every_page(built_site):
    header = serving.security_headers(built_site)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in header.split(";"))
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
        meta_directives = dict(part.strip().split(" ", 1) for part in meta.split(";"))
        for name, value in meta_directives.items():
            if name == "script-src":  # the header lists every page's inline-script hashes; the meta tag its own
                assert set(value.split()) <= set(directives[name].split()), page
            else:
                assert directives[name] == value, (page, name)
    assert directives["frame-ancestors"] == "'self'"
    assert csp.inline_script_hashes("<script>x()</script>")[0] in csp.header_policy(["<script>x()</script>"])


def test_the_headers_file_for_static_hosts_says_the_same_as_nginx(built_site):
    text = (built_site / serving.HEADERS_FILE).read_text(encoding="utf-8")
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("/"):
            current = rules.setdefault(line, {})
        elif line.startswith("  ") and current is not None:
            name, value = line.strip().split(": ", 1)
            current[name] = value
    assert rules["/*"] == serving.security_headers(built_site)
    immutable = {path for path, headers in rules.items() if headers.get("Cache-Control") == YEAR}
    on_disk = {"/" + p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
               if p.is_file() and not compress.is_copy(p) and serving.is_hashed("/" + p.relative_to(built_site).as_posix())}
    assert immutable == on_disk and len(on_disk) >= 4
    assert rules["/pyodide/runtime.json"] == {"Cache-Control": "no-cache"} and rules["/sw.js"] == {"Cache-Control": "no-cache"}


def test_every_precompressed_copy_is_its_file(built_site):
    copies = [p for p in built_site.rglob("*") if p.is_file() and compress.is_copy(p)]
    assert len([p for p in copies if p.suffix == ".gz"]) >= 100 and [p for p in copies if p.suffix == ".br"]
    for copy in copies:
        if copy.suffix == ".gz":
            assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy
    # brotli: checked by node, which has it built in
    wasm = built_site / "pyodide" / "pyodide.asm.wasm"
    check = subprocess.run(["node", "-e", "const z=require('zlib'),fs=require('fs');"
                            "process.stdout.write(String(z.brotliDecompressSync(fs.readFileSync(process.argv[1])).equals(fs.readFileSync(process.argv[2]))))",
                            f"{wasm}.br", str(wasm)], capture_output=True, text=True, timeout=60)
    assert check.stdout == "true", check.stderr
    assert (wasm.with_name(wasm.name + ".br")).stat().st_size < (wasm.with_name(wasm.name + ".gz")).stat().st_size


CSP_WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def test_the_calculator_runs_to_an_estimate_through_nginx_with_no_csp_violation(browser, nginx):
    origin = nginx.url.rstrip("/")
    context = browser.new_context(service_workers="block")
    context.add_init_script(CSP_WATCH)
    watch = Watched(context, origin)
    encodings = {}
    watch.page.on("response", lambda r: r.url.endswith(".wasm") and encodings.update(wasm=r.headers.get("content-encoding")))
    try:
        page = watch.page
        page.goto(f"{origin}/calculator/{SCENARIO}")
        expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        expect(page.locator("#calc-announce")).to_contain_text("2,000,000.00", timeout=RESULT_MS)
        assert page.evaluate("window.__violations") == []
        # the worker obeys the header's CSP: any violation in it is logged as a console error
        assert [e for e in watch.errors if "Content Security Policy" in e or "Refused" in e] == []
        assert watch.errors == [] and watch.foreign == []
        assert encodings == {"wasm": "gzip"}
    finally:
        context.close()


def test_a_returning_visit_whose_wasm_comes_from_the_cache_does_not_fetch_the_snapshot(browser, nginx, built_site):
    """A wasm revalidated from the HTTP cache (nginx: no-cache, ETag, 304) says nothing about the link: a
    slow-link reader must not be sent the 5 MB snapshot on a second visit that no service worker prepared."""
    context = browser.new_context(service_workers="block")
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto(f"{nginx.url}calculator/{SCENARIO}")
        expect(page.locator("html")).to_have_attribute("data-calc-start", "snapshot", timeout=READY_MS)
        requested.clear()
        page.reload()
        expect(page.locator("html")).to_have_attribute("data-calc-state", "ready", timeout=READY_MS)
        expect(page.locator("html")).to_have_attribute("data-calc-start", "plain")
        assert not [url for url in requested if "calc-snapshot" in url]
    finally:
        context.close()
