"""Offline reading: a service worker generated at build time with the list of every published file.

``sw.js`` at the site root carries a version computed from the content of every file it may cache, so any
change to the site (a page, the policy JSON, the calculator's runtime) gives a new service worker, which
deletes the previous version's cache when it takes over: nothing stale survives an update.

* On install it stores every page of both editions and the assets they need (not the calculator's
  Pyodide runtime, so a reading page never downloads it).
* Pages: network first (always fresh when online), the stored copy when offline.
* Other files of the site, the runtime included: the stored copy first, fetched and stored on first use
  (the calculator's runtime is stored the first time the calculator is opened).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SERVICE_WORKER = "sw.js"
CACHE_PREFIX = "suzhou-ai-plus-"
#: Never stored ahead of use: the calculator's runtime (tens of MB) and files only developers download.
LAZY_PREFIXES = ("pyodide/", "data/cases/")
SKIPPED_SUFFIXES = (".map", ".gz")
SKIPPED_NAMES = (SERVICE_WORKER,)


def site_files(site_dir: Path) -> dict[str, str]:
    """Every file the worker may serve, as URL path relative to the site root -> SHA-256 of its content."""
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.name in SKIPPED_NAMES or path.name.endswith(SKIPPED_SUFFIXES):
            continue
        files[path.relative_to(site_dir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def page_url(path: str) -> str:
    """'measures/m1/index.html' -> 'measures/m1/' (the URL people and links use)."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def precached(files: dict[str, str]) -> list[str]:
    """Pages of both editions and the assets they load; nothing under LAZY_PREFIXES."""
    urls = []
    for path in files:
        if path.startswith(LAZY_PREFIXES) or path.endswith((".whl", ".bin", ".wasm")):
            continue
        if path.endswith(".html") or "/assets/" in f"/{path}" or path.startswith(("search/", "data/")) or \
                path.startswith("en/search/"):
            urls.append(page_url(path))
    return urls


def service_worker(files: dict[str, str]) -> str:
    version = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]
    template = (Path(__file__).parent / "sw.template.js").read_text(encoding="utf-8")
    return (template
            .replace("__VERSION__", json.dumps(version))
            .replace("__CACHE_PREFIX__", json.dumps(CACHE_PREFIX))
            .replace("__PRECACHE__", json.dumps(precached(files), ensure_ascii=False))
            .replace("__KNOWN__", json.dumps(sorted({*files, *(page_url(p) for p in files)}), ensure_ascii=False)))


def write_service_worker(site_dir: str) -> Path:
    """Write <site>/sw.js from the files now in the site; call after both editions are built."""
    root = Path(site_dir)
    target = root / SERVICE_WORKER
    target.write_text(service_worker(site_files(root)), encoding="utf-8")
    return target
