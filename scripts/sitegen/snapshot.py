"""The two fast-start products made in Node at build time by ``scripts/make_snapshot.mjs``, cached by content.

* a precompiled standard library (``.pyc`` made by Pyodide's own Python): a plain start skips compiling it;
* a memory snapshot of Python with ``calc`` imported and warmed up, gzipped: the browser restores it instead
  of starting Python. It is only valid with the same ``pyodide.asm.wasm`` and the same stdlib zip, so its
  cache key covers both, the wheel, the policy used to warm it up and the script itself.

Rule: nothing is rebuilt when its inputs are unchanged; a failing step stops the build with Node's message.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from . import buildcache

SCRIPT = buildcache.ROOT / "scripts" / "make_snapshot.mjs"
FORMAT = buildcache.ROOT / "docs" / "assets" / "calculator" / "snapshot-format.mjs"
STDLIB_NAME = "python_stdlib.zip"
SNAPSHOT_NAME = "calc-snapshot.bin.gz"
INFO_NAME = "snapshot.json"


class NodeStepError(RuntimeError):
    """scripts/make_snapshot.mjs failed."""


def node_executable() -> str:
    node = shutil.which("node")
    if not node:
        raise NodeStepError("Node.js (>= 18) is needed to build the calculator's runtime: install it and run `npm ci`")
    return node


def _run(args: list[str]) -> dict:
    result = subprocess.run([node_executable(), str(SCRIPT), *args], capture_output=True, text=True, timeout=600,
                            cwd=buildcache.ROOT)
    if result.returncode != 0:
        raise NodeStepError(f"node {SCRIPT.name} {args[0]} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _runtime_inputs(pyodide_dir: Path) -> list[Path]:
    return [pyodide_dir / name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", STDLIB_NAME)]


def precompiled_stdlib(pyodide_dir: Path) -> Path:
    """The stdlib zip with every module compiled to .pyc by this Pyodide (cached)."""
    key = buildcache.key_of(["stdlib-v1", SCRIPT, *_runtime_inputs(pyodide_dir)])

    def make(tmp: Path) -> None:
        _run(["stdlib", "--pyodide", str(pyodide_dir), "--out", str(tmp / STDLIB_NAME)])

    return buildcache.cached("stdlib", key, (STDLIB_NAME,), make) / STDLIB_NAME


def _node_product(kind: str, key: str, out_name: str, command: str, inputs: dict[str, Path]) -> tuple[Path, dict]:
    """Run ``make_snapshot.mjs <command>`` (cached under ``kind``/``key``): its output file and its report."""

    def make(tmp: Path) -> None:
        arguments = [item for name, path in inputs.items() for item in (f"--{name}", str(path))]
        info = _run([command, *arguments, "--out", str(tmp / out_name)])
        (tmp / INFO_NAME).write_text(json.dumps(info, indent=1), encoding="utf-8")

    folder = buildcache.cached(kind, key, (out_name, INFO_NAME), make)
    return folder / out_name, json.loads((folder / INFO_NAME).read_text(encoding="utf-8"))


def memory_snapshot(pyodide_dir: Path, stdlib: Path, wheel: Path, policy: Path) -> tuple[Path, dict]:
    """The gzipped snapshot and what the script reported about it (sizes, heap, the wheel's SHA-256)."""
    key = buildcache.key_of(["snapshot-v2", SCRIPT, FORMAT, *_runtime_inputs(pyodide_dir), stdlib, wheel, policy])
    return _node_product("snapshot", key, SNAPSHOT_NAME, "snapshot",
                         {"pyodide": pyodide_dir, "stdlib": stdlib, "wheel": wheel, "policy": policy})


TRIMMED_NAME = "python_stdlib-trimmed.zip"


def trimmed_stdlib(pyodide_dir: Path, stdlib: Path, wheel: Path, policy: Path) -> tuple[Path, dict]:
    """The precompiled stdlib cut down, by tracing, to what a plain start of calc imports (cached; proven in Node)."""
    key = buildcache.key_of(["trimmed-v1", SCRIPT, *_runtime_inputs(pyodide_dir), stdlib, wheel, policy])
    return _node_product("trimmed", key, TRIMMED_NAME, "trim",
                         {"pyodide": pyodide_dir, "stdlib": stdlib, "wheel": wheel, "policy": policy})
