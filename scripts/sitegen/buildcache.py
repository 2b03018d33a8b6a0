"""A content-addressed cache for build products under ``build/cache/`` (gitignored).

Rule: a product is stored under the SHA-256 of everything it is made from, so a cached file is never stale;
it is written to a temporary name first and renamed into place, so builds running at the same time never
see half a file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / "build" / "cache"
#: Entries kept per kind; older ones (by last write) are removed when a new one is made.
KEEP = 6


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def key_of(parts: Iterable[bytes | str | Path]) -> str:
    """One hash over labelled parts: bytes, text, or a file's path and content."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path):
            label = part.relative_to(ROOT) if part.is_relative_to(ROOT) else Path(part.name)
            digest.update(b"file:" + label.as_posix().encode() + b"\0" + sha256_file(part).encode())
        elif isinstance(part, str):
            digest.update(b"text:" + part.encode())
        else:
            digest.update(b"bytes:" + part)
        digest.update(b"\0")
    return digest.hexdigest()


def cached(kind: str, key: str, names: tuple[str, ...], make: Callable[[Path], None]) -> Path:
    """The cache directory ``<kind>/<key>/`` holding ``names``; on a miss ``make(tmp_dir)`` writes them there."""
    target = CACHE_DIR / kind / key
    if all((target / name).is_file() for name in names):
        os.utime(target)  # recently used: kept by _prune
        return target
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target) as tmp:
        make(Path(tmp))
        for name in names:
            if not (Path(tmp) / name).is_file():
                raise RuntimeError(f"the {kind} step did not produce {name}")
        for name in names:
            os.replace(Path(tmp) / name, target / name)
    _prune(target.parent)
    return target


def _prune(kind_dir: Path) -> None:
    entries = sorted((p for p in kind_dir.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)


def copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target
