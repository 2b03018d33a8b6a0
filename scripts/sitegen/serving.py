"""How a web server should send the site: headers and caching, written once here for every kind of server.

The build writes, from the rules below, into the site's root (both are refused to readers by the nginx
configuration, and static hosts that read ``_headers`` never publish it):

* ``_headers``: the format Netlify, Cloudflare Pages and several other static hosts read;
* ``_nginx/locations.conf``: what ``deploy/nginx/suzhou-ai-plus.conf`` includes in its server block.

Neither holds anything a reader does not already get: header values every response carries and which paths
get which, no file-system path, host or secret. A static host that publishes ``_nginx/`` therefore gives
nothing away.

Rules (see README, "Serving the site"):

* every response carries the security headers, errors included: the Content-Security-Policy
  (``csp.header_policy``: equal in effect to each page's meta tag, and the only policy the calculator's Web
  Worker obeys), ``nosniff``, a referrer policy and no framing by other sites;
* files whose names carry a hash of their content are cached for a year, ``immutable``;
* everything else (pages, ``sw.js``, ``pyodide/runtime.json``, the unhashed Pyodide files) is revalidated on
  every use (``no-cache``: a 304 when unchanged);
* only GET and HEAD: any other method is answered 405 with ``Allow: GET, HEAD``;
* dotfiles (``.env``, ``.git/``; ``.well-known/`` aside) and the server files are never sent: 404, as if absent;
* a page missing under an edition's folder (``en/``) gets that edition's 404 page;
* files without a suffix that nginx cannot type (``data/SHA256SUMS``) are sent as ``text/plain``.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import compress, csp
from .catalog import LANGUAGES
from .downloads import CHECKSUMS
from .publish import DATA_DIR

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
#: Refused by nginx as if absent (404): the server files (with or without the final slash, so that nginx never
#: redirects to them and tells they exist) and dotfiles anywhere, ``.well-known/`` aside.
REFUSED = r"^/(_headers|_nginx)(/|$)|/\.(?!well-known/)"
#: The methods a static site answers; any other gets 405 and this list.
ALLOWED_METHODS = "GET, HEAD"
#: Published files whose name says nothing of their type, sent as plain text.
PLAIN_TEXT = (f"/{DATA_DIR}/{CHECKSUMS}",)
PLAIN_TEXT_TYPE = "text/plain; charset=utf-8"


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
    for url in PLAIN_TEXT:
        lines += [url, f"  Content-Type: {PLAIN_TEXT_TYPE}"]
    for url in site_paths(site_dir):
        if is_hashed(url):
            lines += [url, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def _nginx_quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def editions(site_dir: Path) -> list[str]:
    """The folders of the editions other than the one at the root (``en``), each with its own 404 page."""
    return [lang for lang in LANGUAGES if (site_dir / lang / "404.html").is_file()]


def nginx_locations(site_dir: Path) -> str:
    """What the server block includes: the error pages, and ``location`` blocks with their headers.

    nginx drops inherited ``add_header`` lines in a block that adds one, so every block repeats the security
    headers with its own Cache-Control; the server-level copy serves the responses no location handles (a
    TRACE request, a malformed one). Error pages are set per block for the same reason (a block that sets
    one inherits none).
    """
    security = [f"add_header {name} {_nginx_quote(value)} always;" for name, value in security_headers(site_dir).items()]

    def errors(not_found: str) -> list[str]:
        return [f"error_page 404 {not_found};", "error_page 405 @not_allowed;", "error_page 416 @unsatisfiable;"]

    def block(match: str, body: list[str]) -> list[str]:
        return [f"location {match} {{", *(f"    {line}" for line in body), "}"]

    def cached(cache: str) -> list[str]:
        return [*security, f"add_header Cache-Control {_nginx_quote(cache)} always;"]

    lines = ["# Written by the build (scripts/sitegen/serving.py) for deploy/nginx/suzhou-ai-plus.conf; do not edit.",
             "# Responses no location below handles (TRACE, a malformed request) carry the security headers too.",
             *security, *errors("/404.html")]
    lines += block("@not_allowed", [*cached(REVALIDATE), f"add_header Allow {_nginx_quote(ALLOWED_METHODS)} always;",
                                    "return 405;"])
    # nginx checks a range after the headers are added and then sends its 416 through them again: this block
    # adds none (an add_header without "always" is not applied to a 416, and stops the server's from being
    # inherited), so each header is sent once.
    lines += block("@unsatisfiable", [f"add_header Accept-Ranges {_nginx_quote('bytes')};", "return 416;"])
    lines += block(f'~ "{REFUSED}"', ["return 404;"])
    for pattern in HASHED:
        lines += block(f'~ "{pattern}"', cached(IMMUTABLE))
    for url in PLAIN_TEXT:
        lines += block(f"= {url}", [*cached(REVALIDATE), "types { }", f"default_type {_nginx_quote(PLAIN_TEXT_TYPE.split(';')[0])};"])
    for lang in editions(site_dir):
        lines += block(f"/{lang}/", [*cached(REVALIDATE), *errors(f"/{lang}/404.html"), "try_files $uri $uri/ =404;"])
    lines += block("/", [*cached(REVALIDATE), "try_files $uri $uri/ =404;"])
    return "\n".join(lines) + "\n"


def write_server_files(site_dir: str | Path) -> dict[str, dict[str, int]]:
    """Precompress the site, then write ``_headers`` and the nginx locations; call once both editions are built."""
    root = Path(site_dir)
    sizes = compress.precompress(root)
    (root / HEADERS_FILE).write_text(headers_file(root), encoding="utf-8")
    (root / NGINX_DIR).mkdir(exist_ok=True)
    (root / NGINX_FILE).write_text(nginx_locations(root), encoding="utf-8")
    return sizes
