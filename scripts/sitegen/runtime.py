"""The calculator's browser runtime, bundled into ``<site>/pyodide/`` by the Chinese (root) build.

Everything comes from the site's own origin: the Pyodide files from ``node_modules/pyodide`` (pinned by
``package-lock.json``), the ``calc`` wheel built from this checkout, and two fast-start products made in Node
(see ``snapshot.py``). The files, all generated, never committed::

    pyodide/pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm   Pyodide itself, unchanged
    pyodide/python_stdlib-<sha>.zip                           the standard library, precompiled to .pyc
    pyodide/python_stdlib-trimmed-<sha>.zip                   the part of it a plain start of calc imports
    pyodide/python_stdlib-placeholder.zip                     an empty zip: Python's stdlib until the real one is in
    pyodide/wheels/<sha>/suzhou_ai_plus-<version>-py3-none-any.whl  the calculator (import calc)
    pyodide/pyodide-lock.json                                 Pyodide's lock file, listing only calc
    pyodide/calc-snapshot-<sha>.bin.gz                        Python + calc, ready, as a memory snapshot
    pyodide/runtime.json                                      the manifest the Web Worker reads first

Rules: the lock file is made with pyodide-lock's own CLI (``pyodide lockfile add-wheels``), so Pyodide checks
the wheel's SHA-256 when it installs it; file names carry a hash of their content wherever a browser might
otherwise combine a cached old file with new ones (the snapshot only works with the exact stdlib it was
made with); a missing or stale ``node_modules/pyodide`` stops the build and says to run ``npm ci``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import buildcache, compress, snapshot, wheel

ROOT = buildcache.ROOT
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME_DIR = "pyodide"
MANIFEST = "runtime.json"
LOCKFILE = "pyodide-lock.json"
#: Pyodide's own files the browser needs, copied unchanged (python_stdlib.zip is replaced by the precompiled one).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
REQUIRED = (*PYODIDE_FILES, "python_stdlib.zip", LOCKFILE, "package.json")
#: What a snapshot restores with in place of the stdlib, which is then installed after the calculator is ready.
PLACEHOLDER = "python_stdlib-placeholder.zip"
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


class BundleError(Exception):
    """The runtime cannot be bundled; the message says what to do."""


def pinned_pyodide_version(root: Path = ROOT) -> str:
    """The version of the npm package ``pyodide`` that package-lock.json pins."""
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    try:
        return lock["packages"]["node_modules/pyodide"]["version"]
    except KeyError:
        raise BundleError("package-lock.json does not pin the npm package pyodide") from None


def check_pyodide_package(pyodide_dir: Path = NODE_PYODIDE, root: Path = ROOT) -> str:
    """The installed Pyodide version, after checking it is complete and is the pinned one."""
    missing = [name for name in REQUIRED if not (pyodide_dir / name).is_file()]
    if missing:
        raise BundleError(f"{pyodide_dir} is missing or incomplete (no {', '.join(missing)}): run `npm ci` "
                          "to install the Pyodide runtime pinned in package-lock.json")
    installed = json.loads((pyodide_dir / "package.json").read_text(encoding="utf-8"))["version"]
    pinned = pinned_pyodide_version(root)
    if installed != pinned:
        raise BundleError(f"{pyodide_dir} holds Pyodide {installed} but package-lock.json pins {pinned}: run `npm ci`")
    return installed


def _hashed_name(path: Path, stem: str, suffix: str) -> tuple[str, str]:
    sha = buildcache.sha256_file(path)
    return f"{stem}-{sha[:16]}{suffix}", sha


def write_lockfile(pyodide_dir: Path, wheel_path: Path, out_dir: Path) -> Path:
    """``out_dir/pyodide-lock.json``: Pyodide's lock file with its packages replaced by the calc wheel.

    The npm package's lock file lists ~350 packages whose files are not shipped; only what the site serves
    stays, and ``pyodide lockfile add-wheels`` adds calc with its SHA-256 and a path relative to out_dir.
    """
    base = json.loads((pyodide_dir / LOCKFILE).read_text(encoding="utf-8"))
    base["packages"] = {}
    target = out_dir / LOCKFILE
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / LOCKFILE
        empty.write_text(json.dumps(base), encoding="utf-8")
        cli = Path(sys.executable).with_name("pyodide")
        command = [str(cli) if cli.exists() else "pyodide", "lockfile", "add-wheels", "--input", str(empty),
                   "--output", str(target), "--base-path", str(out_dir), str(wheel_path)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise BundleError(f"pyodide lockfile add-wheels failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return target


def lock_package(lock_info: dict) -> str:
    """The name the lock file gives the wheel (its distribution's name, e.g. ``suzhou-ai-plus``): what the worker
    passes to ``loadPackage``, written into runtime.json as ``wheel.package`` so the script never spells it."""
    packages = list(lock_info["packages"])
    if len(packages) != 1 or lock_info["packages"][packages[0]].get("imports") != ["calc"]:
        raise BundleError(f"the lock file should list one package, the one that provides calc; it lists {packages}")
    return packages[0]


def bundle_runtime(site_dir: str | Path, policy_path: Path, pyodide_dir: Path = NODE_PYODIDE) -> dict:
    """Write ``<site>/pyodide/`` and return its manifest (also written there as runtime.json)."""
    version = check_pyodide_package(pyodide_dir)
    out = Path(site_dir) / RUNTIME_DIR
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    try:
        built_wheel = wheel.build_wheel()
        stdlib = snapshot.precompiled_stdlib(pyodide_dir)
        snap, snap_info = snapshot.memory_snapshot(pyodide_dir, stdlib, built_wheel, policy_path)
        trimmed, trimmed_info = snapshot.trimmed_stdlib(pyodide_dir, stdlib, built_wheel, policy_path)
    except (RuntimeError, OSError) as error:
        raise BundleError(str(error)) from None

    for name in PYODIDE_FILES:
        buildcache.copy(pyodide_dir / name, out / name)
    stdlib_name, stdlib_sha = _hashed_name(stdlib, "python_stdlib", ".zip")
    buildcache.copy(stdlib, out / stdlib_name)
    trimmed_name, trimmed_sha = _hashed_name(trimmed, "python_stdlib-trimmed", ".zip")
    buildcache.copy(trimmed, out / trimmed_name)
    wheel_sha = buildcache.sha256_file(built_wheel)
    wheel_rel = f"wheels/{wheel_sha[:16]}/{built_wheel.name}"
    buildcache.copy(built_wheel, out / wheel_rel)
    lockfile = write_lockfile(pyodide_dir, out / wheel_rel, out)
    (out / PLACEHOLDER).write_bytes(EMPTY_ZIP)
    snapshot_name, snapshot_sha = _hashed_name(snap, "calc-snapshot", ".bin.gz")
    buildcache.copy(snap, out / snapshot_name)

    lock_info = json.loads(lockfile.read_text(encoding="utf-8"))
    package = lock_package(lock_info)
    if lock_info["packages"][package]["sha256"] != wheel_sha or snap_info["wheel_sha256"] != wheel_sha:
        raise BundleError("the lock file, the wheel and the snapshot disagree about the calc wheel's SHA-256")
    manifest = {
        "format": 1,
        "pyodide": {"version": version, "python": lock_info["info"]["python"], "license": "MPL-2.0"},
        "lockfile": {"file": LOCKFILE, "sha256": buildcache.sha256_file(lockfile)},
        "stdlib": {"file": stdlib_name, "sha256": stdlib_sha, "bytes": stdlib.stat().st_size, "precompiled": True},
        "stdlib_trimmed": {"file": trimmed_name, "sha256": trimmed_sha, "bytes": trimmed.stat().st_size,
                           "modules": trimmed_info["modules"]},
        "stdlib_placeholder": {"file": PLACEHOLDER, "sha256": buildcache.sha256_file(out / PLACEHOLDER)},
        "wheel": {"file": wheel_rel, "package": package, "sha256": wheel_sha, "bytes": built_wheel.stat().st_size},
        "snapshot": {"file": snapshot_name, "encoding": "gzip", "sha256": snapshot_sha,
                     "gzip_bytes": snap.stat().st_size, "bytes": snap_info["snapshot_bytes"],
                     "format": "CALCSNP1", "sparse_bytes": snap_info["sparse_bytes"],
                     "raw_sha256": snap_info["sparse_sha256"],
                     "heap": snap_info["heap"], "wheel_sha256": snap_info["wheel_sha256"]},
    }
    # Sizes as served: the worker shows progress in bytes and picks its start by them.
    manifest["files"] = {name: sizes for name, sizes in compress.precompress(out).items()}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest
