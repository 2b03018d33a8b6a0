"""A Content-Security-Policy for every page, as a <meta http-equiv> tag (the site is static).

Scripts may come only from the site itself, plus the theme's few inline scripts, each allowed by the
SHA-256 of its exact text (computed per page, so a change in the theme can never be silently allowed or
silently broken). WebAssembly compilation is allowed ('wasm-unsafe-eval') for the calculator's Pyodide.
Data blocks (<script type="application/json"> or JSON-LD) are not executed and need no hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' for every inline script that the browser would execute, in page order, without repeats."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]+)", attrs, re.I)
        if kind and kind.group(1).lower() in _DATA_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode("ascii")
        token = f"'sha256-{digest}'"
        if token not in hashes:
            hashes.append(token)
    return hashes


def policy_for(html: str) -> str:
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    directives["script-src"] += inline_script_hashes(html)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_csp(html: str) -> str:
    """Insert the CSP meta tag at the top of <head> (after the charset), before any script can run."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    anchor = re.search(r"<meta charset=[^>]*>", html, re.I) or re.search(r"<head[^>]*>", html, re.I)
    if not anchor:
        raise ValueError("page has no <head>: cannot add the Content-Security-Policy")
    return html[: anchor.end()] + tag + html[anchor.end():]


def header_policy(pages_html: list[str]) -> str:
    """The CSP as an HTTP header for the whole site: the meta tag's directives with every page's hashes.

    Browsers enforce the header and the page's meta tag together (a request must pass both), so on a page the
    header allows nothing its meta tag does not: equal in effect. The header also reaches what a meta tag
    cannot: the Web Worker's own script (worker-src, connect-src, wasm) and framing (frame-ancestors, which
    a meta tag may not set).
    """
    directives = {name: list(values) for name, values in BASE_POLICY.items()}
    for html in pages_html:
        directives["script-src"] += [token for token in inline_script_hashes(html) if token not in directives["script-src"]]
    directives["frame-ancestors"] = ["'self'"]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
