"""How a web server should send the site: headers and caching, written once here for every kind of server.

The build writes, from the rules below, into the site's root (both are refused to readers by the nginx
configuration, and static hosts that read ``_headers`` never publish it):

* ``_headers``: the format Netlify, Cloudflare Pages and several other static hosts read;
* ``_nginx/locations.conf``: the ``location`` blocks that ``deploy/nginx/suzhou-ai-plus.conf`` includes.

Rules (see README, "Serving the site"):

* every response carries the security headers: the Content-Security-Policy (``csp.header_policy``: equal in
  effect to each page's meta tag, and the only policy the calculator's Web Worker obeys), ``nosniff``, a
  referrer policy and no framing by other sites;
* files whose names carry a hash of their content are cached for a year, ``immutable``;
* everything else (pages, ``sw.js``, ``pyodide/runtime.json``, the unhashed Pyodide files) is revalidated on
  every use (``no-cache``: a 304 when unchanged).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import compress, csp

HEADERS_FILE = "_headers"
NGINX_DIR = "_nginx"
NGINX_FILE = f"{NGINX_DIR}/locations.conf"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
#: URL paths (from the site root, leading "/") whose content never changes under the same name.
HASHED = (
    r"^/pyodide/[^/]+-[0-9a-f]{16}\.(zip|bin\.gz)$",  # stdlib and snapshot: hash of content in the name
    r"^/pyodide/wheels/[0-9a-f]{16}/",  # the calc wheel, under the hash of its content
)
#: Never sent to readers: the server configuration written here.
PRIVATE = r"^/(_headers|_nginx/)"


def security_headers(site_dir: Path) -> dict[str, str]:
    pages = [path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.html"))]
    return {
        "Content-Security-Policy": csp.header_policy(pages),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }


def site_paths(site_dir: Path) -> list[str]:
    """Every published file as a URL path, without the precompressed copies and this module's own files."""
    paths = []
    for path in sorted(site_dir.rglob("*")):
        url = "/" + path.relative_to(site_dir).as_posix()
        if path.is_file() and not compress.is_copy(path) and not re.match(PRIVATE, url):
            paths.append(url)
    return paths


def is_hashed(url: str) -> bool:
    return any(re.search(pattern, url) for pattern in HASHED)


def headers_file(site_dir: Path) -> str:
    """``_headers``: security headers for every path; the cache rule for each file that has a hashed name.

    Hosts combine the headers of every rule a path matches, so Cache-Control is set once per path: for the
    hashed files by their exact path; everything else keeps the hosts' default, which is to revalidate
    (Netlify and Cloudflare Pages), stated explicitly for the pages' service worker and the runtime manifest.
    """
    lines = ["# Written by the build (scripts/sitegen/serving.py); do not edit.", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(site_dir).items()]
    for url in ["/sw.js", "/pyodide/runtime.json"]:
        lines += [url, f"  Cache-Control: {REVALIDATE}"]
    for url in site_paths(site_dir):
        if is_hashed(url):
            lines += [url, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def _nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_locations(site_dir: Path) -> str:
    """The ``location`` blocks: nginx drops inherited add_header lines in a block that adds one, so each
    block repeats the security headers with its own Cache-Control."""
    security = [f"    add_header {name} {_nginx_quote(value)} always;" for name, value in security_headers(site_dir).items()]

    def block(match: str, cache: str, body: str = "") -> list[str]:
        return [f"location {match} {{", *security, f"    add_header Cache-Control {_nginx_quote(cache)} always;",
                *([body] if body else []), "}"]

    lines = ["# Written by the build (scripts/sitegen/serving.py) for deploy/nginx/suzhou-ai-plus.conf; do not edit."]
    lines += [f'location ~ "{PRIVATE}" {{', "    return 404;", "}"]
    for pattern in HASHED:
        lines += block(f'~ "{pattern}"', IMMUTABLE)
    lines += block("/", REVALIDATE, "    try_files $uri $uri/ =404;")
    return "\n".join(lines) + "\n"


def write_server_files(site_dir: str | Path) -> dict[str, dict[str, int]]:
    """Precompress the site, then write ``_headers`` and the nginx locations; call once both editions are built."""
    root = Path(site_dir)
    sizes = compress.precompress(root)
    (root / HEADERS_FILE).write_text(headers_file(root), encoding="utf-8")
    (root / NGINX_DIR).mkdir(exist_ok=True)
    (root / NGINX_FILE).write_text(nginx_locations(root), encoding="utf-8")
    return sizes
