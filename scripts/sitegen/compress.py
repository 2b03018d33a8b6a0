"""Precompressed copies of the site's files: ``<file>.gz`` and ``<file>.br`` beside each one worth it.

A server then sends the compressed copy as it is (nginx ``gzip_static``, Debian's optional
``brotli_static`` module, most static hosts and CDNs) instead of compressing on every request, and at the
best level: brotli quality 11 takes the 9.6 MB ``pyodide.asm.wasm`` to 2.8 MB (gzip -9: 3.6 MB), which is
far too slow to do per request. Gzip is written by Python (``mtime`` 0, so the same file always gives the
same bytes); brotli by node (``scripts/brotli.mjs``; Python's standard library has no brotli). Both are
cached under ``build/cache/compressed/`` by the SHA-256 of the original, so a rebuild costs seconds.

A copy is kept only if it is at least 5 % smaller than the original: already-compressed files (the
snapshot ``.bin.gz``, the wheel, the zips of deflated ``.pyc``, images) get none.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

from . import buildcache

#: Suffixes of files worth compressing (text, wasm, data).
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".md", ".wasm",
                ".ico", ".map", ".zip", "SHA256SUMS")
#: A compressed copy must be at most this fraction of the original, or it is not written.
WORTH = 0.95
MIN_BYTES = 256
CACHE = buildcache.CACHE_DIR / "compressed"
#: Cached compressed files kept (the newest by last use); small pages come and go with every change.
KEEP_FILES = 4000
ENCODINGS = (".gz", ".br")


def is_copy(path: Path) -> bool:
    """Whether ``path`` is a precompressed copy written here (``x.gz`` beside ``x``; not the snapshot ``.bin.gz``)."""
    return path.suffix in ENCODINGS and path.with_suffix("").is_file()


def candidates(site_dir: Path) -> list[Path]:
    return [path for path in sorted(site_dir.rglob("*"))
            if path.is_file() and path.name.endswith(COMPRESSIBLE) and path.stat().st_size >= MIN_BYTES]


def _gzip(source: Path, target: Path) -> None:
    with open(source, "rb") as raw, open(target, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as packed:
            shutil.copyfileobj(raw, packed)


def _brotli(jobs: list[tuple[Path, Path]]) -> None:
    if not jobs:
        return
    result = subprocess.run(["node", str(buildcache.ROOT / "scripts" / "brotli.mjs")], capture_output=True, text=True,
                            input=json.dumps([[str(s), str(t)] for s, t in jobs]), timeout=900)
    if result.returncode != 0:
        raise RuntimeError(f"brotli compression (node scripts/brotli.mjs) failed: {result.stderr[-2000:]}")


def _prune() -> None:
    entries = sorted(CACHE.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP_FILES:]:
        old.unlink(missing_ok=True)


def precompress(site_dir: str | Path) -> dict[str, dict[str, int]]:
    """Write ``.gz`` and ``.br`` beside every file worth it; return {site path: {"bytes", "gzip", "br"}}."""
    root = Path(site_dir)
    CACHE.mkdir(parents=True, exist_ok=True)
    files = candidates(root)
    cached = {path: CACHE / buildcache.sha256_file(path) for path in files}
    missing_br = [(path, Path(f"{cached[path]}.br")) for path in files if not Path(f"{cached[path]}.br").is_file()]
    _brotli(missing_br)
    sizes = {}
    for path in files:
        original = path.stat().st_size
        entry = {"bytes": original}
        for suffix in ENCODINGS:
            stored = Path(f"{cached[path]}{suffix}")
            if suffix == ".gz" and not stored.is_file():
                _gzip(path, stored.with_name(stored.name + ".tmp"))
                os.replace(stored.with_name(stored.name + ".tmp"), stored)
            os.utime(stored)
            size = stored.stat().st_size
            if size <= original * WORTH:
                shutil.copyfile(stored, Path(f"{path}{suffix}"))
                entry["gzip" if suffix == ".gz" else "br"] = size
        sizes[path.relative_to(root).as_posix()] = entry
    _prune()
    return sizes
