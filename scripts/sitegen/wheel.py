"""The project's wheel (distribution ``suzhou-ai-plus``, import package ``calc``): the one the browser installs and
the one published in the downloads, built with the standard ``python -m build``, byte-for-byte reproducible.

Rule: the same sources give the same wheel, hence the same SHA-256 in the site's ``pyodide-lock.json``.
``SOURCE_DATE_EPOCH`` is fixed (the policy's issue date, 2025-12-30 UTC), so hatchling stamps every file with
that time and writes them in a fixed order. The build runs without isolation (hatchling is pinned in the dev
extras) so it works offline, and the result is cached under ``build/cache/wheel/<hash of the sources>/``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from . import buildcache

ROOT = buildcache.ROOT
#: 2025-12-30T00:00:00Z, the day the measures were issued; any fixed value would do.
SOURCE_DATE_EPOCH = "1767052800"
LICENSE_PATTERNS = ("LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*")


def sources(root: Path = ROOT) -> list[Path]:
    """Every file the wheel is made from (the package, its data, the metadata and the readme)."""
    files = [p for p in sorted((root / "calc").rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    files += [root / "pyproject.toml", root / "README.md", root / "policy" / "suzhou-ai-plus-2026.json",
              root / "policy" / "policy.schema.json"]
    for pattern in LICENSE_PATTERNS:
        files += sorted(root.glob(pattern))
    return files


def build_wheel_into(out_dir: Path, root: Path = ROOT) -> Path:
    """Run ``python -m build --wheel`` (no cache) and return the one wheel it wrote into ``out_dir``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir), str(root)],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError("building the calc wheel failed (is the dev environment installed? run `make setup`):\n"
                           + result.stdout[-2000:] + result.stderr[-2000:])
    wheels = sorted(out_dir.glob("*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one wheel in {out_dir}, found {[w.name for w in wheels]}")
    return wheels[0]


def project(root: Path = ROOT) -> dict:
    """pyproject.toml's [project] table (name, version ...)."""
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def follows_dataset(package_version: str, dataset_version: str) -> bool:
    """The version rule (pyproject.toml, README): the package's version is the dataset's (MAJOR.MINOR.PATCH), or
    that followed by a fourth number counting code-only releases (2.1.0.1); nothing else (no .post, no letters)."""
    return re.fullmatch(re.escape(dataset_version) + r"(\.[1-9][0-9]*)?", package_version) is not None


def check_version(root: Path = ROOT) -> None:
    """Stop when pyproject's version does not follow the dataset's."""
    import json

    package = project(root)["version"]
    dataset = json.loads((root / "policy" / "suzhou-ai-plus-2026.json").read_text(encoding="utf-8"))["dataset"]["version"]
    if not follows_dataset(package, dataset):
        raise RuntimeError(f"pyproject.toml's version {package} does not follow the dataset's {dataset}: it must be "
                           f"{dataset}, or {dataset}.N for the Nth release that changes only the code")


def wheel_name(root: Path = ROOT) -> str:
    """<distribution>-<version>-py3-none-any.whl from pyproject.toml, the name as wheels spell it (PEP 427:
    suzhou_ai_plus-2.1.0-py3-none-any.whl)."""
    meta = project(root)
    distribution = re.sub(r"[-_.]+", "_", meta["name"]).lower()
    return f"{distribution}-{meta['version']}-py3-none-any.whl"


def build_wheel() -> Path:
    """The cached wheel for the current sources (built on a miss)."""
    check_version()
    key = buildcache.key_of(["wheel-v1", SOURCE_DATE_EPOCH, *sources()])

    def make(tmp: Path) -> None:
        build_wheel_into(tmp)

    name = wheel_name()
    return buildcache.cached("wheel", key, (name,), make) / name
