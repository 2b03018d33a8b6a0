"""Offline reading: a service worker generated at build time with the list of every published file.

``sw.js`` at the site root carries a version computed from the content of every file it may cache, so any
change to the site (a page, the policy JSON, the calculator's runtime) gives a new service worker, which
deletes the previous version's cache when it takes over: nothing stale survives an update.

Online, the stored copy never stands in for the server (issue 17): until the new worker takes over, the old
one still answers the first pages after a deploy, so it must never answer old data then.

* On install it stores every page of both editions and what those pages load (not the calculator's
  Pyodide runtime, so a reading page never downloads it). It is registered only once the page is idle, and
  not at all on a slow connection or for readers who asked their browser to save data (Save-Data): see
  docs/assets/offline.mjs. The server sends these files compressed (the build's .gz/.br copies).
* Files whose names carry a hash of their content (``serving.HASHED``): the stored copy first, fetched and
  stored on first use; such a name never holds other bytes.
* Every other file (pages, the policy data, ``pyodide/runtime.json``, scripts, the unhashed Pyodide files):
  the server first, every time (revalidated: a 304 when unchanged, and the stored copy is then not written
  again); the stored copy only when the server cannot be reached, marked with ``names.STORED_COPY_HEADER``
  so that the calculator can say it uses stored data, and which version.
* The calculator's runtime is stored as the calculator loads it on a visit the worker controls (any visit
  after the first page of the site; its Web Worker's requests go through the page's service worker). Once
  the calculator is ready, the page asks the worker (at idle time, and again not on a slow or Save-Data
  connection) to fetch what that start did not need (the other start's files, the full stdlib), so the
  calculator then works offline in every case. Nothing is downloaded twice: only files not yet stored are
  fetched.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from . import compress, names, serving

SERVICE_WORKER = "sw.js"
CACHE_PREFIX = "suzhou-ai-plus-"
#: Never stored ahead of use: the calculator (its runtime is tens of MB) and the downloads. A reading page
#: thus never fetches any of the calculator's bytes, not even in the background.
LAZY_PREFIXES = ("pyodide/", "assets/calculator/", "en/assets/calculator/", "data/")
SKIPPED_SUFFIXES = (".map",)
SKIPPED_NAMES = (SERVICE_WORKER, "sitemap.xml.gz", "_headers")
#: The server configuration the build writes (scripts/sitegen/serving.py): never served to readers.
SKIPPED_FOLDERS = ("_nginx/",)
#: What the calculator needs offline, including what only its fallback start uses (the wheel).
CALCULATOR_PREFIXES = ("pyodide/", "assets/calculator/", "en/assets/calculator/", "data/suzhou-ai-plus-2026.json")


def site_files(site_dir: Path) -> dict[str, str]:
    """Every file the worker may serve, as URL path relative to the site root -> SHA-256 of its content."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.name in SKIPPED_NAMES or path.name.endswith(SKIPPED_SUFFIXES):
            continue
        if compress.is_copy(path) or path.relative_to(site_dir).as_posix().startswith(SKIPPED_FOLDERS):
            continue  # the .gz/.br copies are the same files, sent compressed by the server
        files[path.relative_to(site_dir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def page_url(path: str) -> str:
    """'measures/m1/index.html' -> 'measures/m1/' (the URL people and links use)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


_REFERENCE = re.compile(r"""<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"#?]+)""", re.I)
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]+)"')


def referenced(page: str, html: str) -> set[str]:
    """Site paths of the scripts, stylesheets and images a page loads, and of its search worker and index."""
    base = posixpath.dirname(page)
    found = set()
    for target in [*_REFERENCE.findall(html), *_SEARCH_WORKER.findall(html)]:
        if re.match(r"^[a-z]+:|^//", target, re.I):
            continue
        found.add(posixpath.normpath(posixpath.join(base, target)))
    if _SEARCH_WORKER.search(html):  # the worker fetches the index of its own edition
        found.add(posixpath.normpath(posixpath.join(base, _SEARCH_WORKER.search(html).group(1), "../../../../search/search_index.json")))
    return found


_IMPORT = re.compile(r"""^import\s[^;]*?from\s+["'](\.{1,2}/[^"']+)["']""", re.M)


def imported(script: str, text: str) -> set[str]:
    """Site paths of the modules a precached module script imports statically (one level: they have none)."""
    base = posixpath.dirname(script)
    return {posixpath.normpath(posixpath.join(base, target)) for target in _IMPORT.findall(text)}


def precached(site_dir: Path, files: dict[str, str]) -> list[str]:
    """Every page of both editions and what those pages load; nothing under LAZY_PREFIXES."""
    pages = [path for path in files if path.endswith(".html")]
    wanted = set(pages)
    for page in pages:
        wanted |= referenced(page, (site_dir / page).read_text(encoding="utf-8"))
    for script in [path for path in wanted if path.endswith(".mjs") and path in files]:
        wanted |= imported(script, (site_dir / script).read_text(encoding="utf-8"))
    return sorted(page_url(path) for path in wanted if path in files and not path.startswith(LAZY_PREFIXES))


def calculator_files(files: dict[str, str]) -> list[str]:
    return sorted(path for path in files if path.startswith(CALCULATOR_PREFIXES))


def version(files: dict[str, str]) -> str:
    """The worker's version: a hash of every file it may serve (``site_files``)."""
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]


def service_worker(site_dir: Path, files: dict[str, str]) -> str:
    template = (Path(__file__).parent / "sw.template.js").read_text(encoding="utf-8")
    return (template
            .replace("__VERSION__", json.dumps(version(files)))
            .replace("__CACHE_PREFIX__", json.dumps(CACHE_PREFIX))
            .replace("__PRECACHE__", json.dumps(precached(site_dir, files), ensure_ascii=False))
            .replace("__CALCULATOR__", json.dumps(calculator_files(files), ensure_ascii=False))
            .replace("__HASHED__", json.dumps(serving.HASHED))
            .replace("__STORED_COPY_HEADER__", json.dumps(names.STORED_COPY_HEADER))
            .replace("__KNOWN__", json.dumps(sorted({*files, *(page_url(p) for p in files)}), ensure_ascii=False)))


def write_service_worker(site_dir: str) -> Path:
    """Write <site>/sw.js from the files now in the site; call after both editions are built."""
    root = Path(site_dir)
    target = root / SERVICE_WORKER
    target.write_text(service_worker(root, site_files(root)), encoding="utf-8")
    return target
