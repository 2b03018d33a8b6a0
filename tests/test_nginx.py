"""The site as Debian's nginx serves it with the project's configuration (deploy/nginx), with gzip only (nginx
without modules) and with brotli (libnginx-mod-http-brotli-static and deploy/nginx/brotli.conf): types,
precompressed files, caching, the security headers on every response, what the server refuses, and the
calculator running to an estimate with no CSP violation.

nginx runs on 127.0.0.1 as an ordinary process (scripts/nginx_server.py); `make test` installs it.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import socket
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
#: What browsers send; the server answers with the best copy it has and may send.
ACCEPT = "br, gzip"
#: Placed in the served folder by the test: a server must never send them.
DOTFILES = {".env": "SECRET_KEY=do-not-serve\n", ".git/config": "[core]\n\trepositoryformatversion = 0\n"}


@pytest.fixture(scope="module")
def site(built_site, tmp_path_factory):
    """A copy of the built site with the dotfiles a careless deploy leaves behind."""
    copy = tmp_path_factory.mktemp("nginx") / "site"
    shutil.copytree(built_site, copy)
    for name, text in DOTFILES.items():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_text(text, encoding="utf-8")
    return copy


@pytest.fixture(scope="module", params=["gzip", "brotli"])
def nginx(request, site):
    """nginx with the deploy configuration: gzip only, then with the brotli module and brotli.conf."""
    brotli = request.param == "brotli"
    if not nginx_server.available():
        pytest.fail(nginx_server.MISSING)
    if brotli and not nginx_server.brotli_available():
        pytest.fail(nginx_server.MISSING_BROTLI)
    with nginx_server.NginxServer(site, brotli=brotli) as server:
        yield server
        assert "[emerg]" not in server.errors() and "[crit]" not in server.errors(), server.errors()


def best_encoding(server) -> str:
    return "br" if server.brotli else "gzip"


def get(server, path: str, encoding: str | None = ACCEPT, method: str = "GET", headers: dict | None = None):
    sent = {**({"Accept-Encoding": encoding} if encoding else {}), **(headers or {})}
    request = urllib.request.Request(server.url + path, headers=sent, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw(server, request_line: str) -> tuple[int, list[tuple[str, str]]]:
    """Send one request as written (methods urllib will not send as they are) and return the status and
    every header line, repeats included."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(f"{request_line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := connection.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    return int(head[0].split()[1]), [tuple(part.strip() for part in line.split(":", 1)) for line in head[1:]]


def assert_security_headers(headers, want: dict[str, str], what: str) -> None:
    for name, value in want.items():
        assert headers.get(name) == value, (what, name)


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))


def test_the_runtime_is_sent_with_its_types_precompressed_and_cached_by_its_names(nginx, site, manifest):
    best = best_encoding(nginx)
    suffix = {"gzip": ".gz", "br": ".br"}
    hashed = [f"pyodide/{manifest['stdlib']['file']}", f"pyodide/{manifest['stdlib_trimmed']['file']}",
              f"pyodide/{manifest['snapshot']['file']}", f"pyodide/{manifest['wheel']['file']}"]
    expected = {
        "pyodide/pyodide.asm.wasm": ("application/wasm", best, "no-cache"),
        "pyodide/pyodide.asm.mjs": ("text/javascript", best, "no-cache"),
        "assets/calculator/worker.mjs": ("text/javascript", best, "no-cache"),
        "pyodide/runtime.json": ("application/json", best, "no-cache"),
        "sw.js": ("application/javascript", best, "no-cache"),
        "calculator/": ("text/html", best, "no-cache"),
        # sent compressed when the build made a copy (the stored trimmed stdlib), as they are when not (the deflated
        # full stdlib, the gzipped snapshot, the wheel)
        **{path: (None, best if (site / (path + suffix[best])).is_file() else None, YEAR) for path in hashed},
    }
    assert expected[f"pyodide/{manifest['stdlib_trimmed']['file']}"][1] == best
    assert expected[f"pyodide/{manifest['snapshot']['file']}"][1] is None
    for path, (kind, encoding, cache) in expected.items():
        status, headers, body = get(nginx, path)
        assert status == 200, path
        if kind:
            assert headers["Content-Type"].split(";")[0] == kind, (path, headers["Content-Type"])
        assert headers.get("Content-Encoding") == encoding, (path, headers.get("Content-Encoding"))
        assert headers["Cache-Control"] == cache, (path, headers["Cache-Control"])
        original = site / (path + "index.html" if path.endswith("/") else path)
        if encoding:  # the build's copy as it is, never compressed again per request
            assert body == original.with_name(original.name + suffix[encoding]).read_bytes(), path
            assert "Accept-Encoding" in headers.get("Vary", ""), path
        else:
            assert body == original.read_bytes(), path
    wasm = site / "pyodide" / "pyodide.asm.wasm"
    # A browser that accepts only gzip gets the gzip copy from either server; one that accepts none, the file.
    status, headers, body = get(nginx, "pyodide/pyodide.asm.wasm", encoding="gzip")
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == wasm.read_bytes()
    assert len(body) < 0.4 * wasm.stat().st_size
    status, headers, body = get(nginx, "pyodide/pyodide.asm.wasm", encoding=None)
    assert "Content-Encoding" not in headers and body == wasm.read_bytes()
    if nginx.brotli:
        assert len(get(nginx, "pyodide/pyodide.asm.wasm")[2]) < 0.85 * len(wasm.with_name(wasm.name + ".gz").read_bytes())


def test_every_response_carries_the_security_headers_errors_included(nginx, site):
    want = serving.security_headers(site)
    for path in ("", "en/measures/m2/", "pyodide/pyodide.asm.wasm", "assets/calculator/worker.mjs", "no/such/page/"):
        status, headers, _ = get(nginx, path)
        assert status == (404 if path.startswith("no/") else 200), path
        assert_security_headers(headers, want, path)
    # Methods a static site does not answer: 405 and what it does answer; TRACE and CONNECT are refused
    # before any location, and still carry the headers.
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH"):
        status, headers, _ = get(nginx, "calculator/", method=method)
        assert status == 405 and headers["Allow"] == "GET, HEAD", method
        assert_security_headers(headers, want, method)
    for request_line, code in (("TRACE / HTTP/1.1", 405), ("CONNECT 127.0.0.1:443 HTTP/1.1", 400)):
        status, lines = raw(nginx, request_line)
        headers = dict(lines)
        assert status == code, request_line
        assert_security_headers(headers, want, request_line)
        if code == 405:
            assert headers["Allow"] == "GET, HEAD"


def test_a_range_past_the_end_is_refused_with_each_header_once_and_only_one_range_is_served(nginx):
    status, lines = raw(nginx, "GET /index.html HTTP/1.1\r\nRange: bytes=99999999-")
    assert status == 416
    names = [name.lower() for name, _ in lines]
    assert sorted({name for name in names if names.count(name) > 1}) == [], lines
    assert "cache-control" in names and "content-security-policy" in names
    status, headers, body = get(nginx, "index.html", encoding=None, headers={"Range": "bytes=0-9"})
    assert status == 206 and len(body) == 10
    # Several ranges (max_ranges 1) get the whole file, never a multipart answer.
    status, headers, body = get(nginx, "index.html", encoding=None, headers={"Range": "bytes=0-1,5-6,10-11"})
    assert status == 200 and not headers["Content-Type"].startswith("multipart/")


def test_the_server_refuses_dotfiles_and_its_own_files_as_if_they_were_absent(nginx, site):
    for path in [*DOTFILES, ".git/", "en/.env", "_headers", "_nginx", "_nginx/", "_nginx/locations.conf"]:
        status, headers, body = get(nginx, path, encoding=None)
        assert status == 404, path  # never 200, never a 301 that tells the folder exists
        assert "Location" not in headers, path
        assert b"SECRET_KEY" not in body and b"add_header" not in body, path
    assert (site / ".env").is_file() and (site / "_nginx" / "locations.conf").is_file()


def test_a_missing_english_page_gets_the_english_404_page(nginx):
    for path, lang, title in (("en/no/such/page/", "en", "404 - Not found"), ("no/such/page/", "zh", "404 - 页面不存在")):
        status, headers, body = get(nginx, path, encoding=None)
        text = body.decode("utf-8")
        assert status == 404 and headers["Content-Type"].startswith("text/html"), path
        assert re.search(rf'<html[^>]*\blang="{lang}', text) and title in text, path


def test_the_checksums_are_plain_text(nginx, site):
    status, headers, body = get(nginx, "data/SHA256SUMS", encoding=None)
    assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body == (site / "data" / "SHA256SUMS").read_bytes()
    assert_security_headers(headers, serving.security_headers(site), "SHA256SUMS")


def test_the_server_files_give_nothing_away_if_a_static_host_publishes_them(nginx, site):
    """A static host that does not read _headers, or publishes _nginx/, sends these files: they must hold only
    what every response already tells (header values, which paths get which), no path on disk, no host."""
    served = dict(get(nginx, "")[1])
    for path in (site / serving.HEADERS_FILE, site / serving.NGINX_FILE):
        text = path.read_text(encoding="utf-8")
        assert str(site) not in text and not re.search(r"\b(root|alias|proxy_pass|server_name|listen)\b", text), path
        for value in re.findall(r'add_header Content-Security-Policy "([^"]+)"', text):
            assert value == served["Content-Security-Policy"], path


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
    assert rules["/data/SHA256SUMS"] == {"Content-Type": "text/plain; charset=utf-8"}


def test_every_precompressed_copy_is_its_file(built_site):
    copies = [p for p in built_site.rglob("*") if p.is_file() and compress.is_copy(p)]
    assert len([p for p in copies if p.suffix == ".gz"]) >= 100 and [p for p in copies if p.suffix == ".br"]
    for copy in copies:
        if copy.suffix == ".gz":
            assert gzip.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy
    # brotli: checked by node, which has it built in
    check = subprocess.run(["node", "-e", "const z=require('zlib'),fs=require('fs');let bad=[];"
                            "for(const p of JSON.parse(process.argv[1]))"
                            "if(!z.brotliDecompressSync(fs.readFileSync(p)).equals(fs.readFileSync(p.slice(0,-3))))bad.push(p);"
                            "process.stdout.write(JSON.stringify(bad))",
                            json.dumps([str(p) for p in copies if p.suffix == ".br"])], capture_output=True, text=True, timeout=120)
    assert check.stdout == "[]", check.stderr
    wasm = built_site / "pyodide" / "pyodide.asm.wasm"
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
        assert encodings == {"wasm": best_encoding(nginx)}
    finally:
        context.close()


def test_a_returning_visit_whose_wasm_comes_from_the_cache_does_not_fetch_the_snapshot(browser, site):
    """A wasm revalidated from the HTTP cache (nginx: no-cache, ETag, 304) says nothing about the link: a
    slow-link reader must not be sent the 5 MB snapshot on a second visit that no service worker prepared."""
    with nginx_server.NginxServer(site) as nginx:
        returning_visit(browser, nginx)


def returning_visit(browser, nginx):
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
