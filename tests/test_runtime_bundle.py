"""The build bundles the calculator's browser runtime correctly, reproducibly, and only for the calculator."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from scripts.policy_checks import POLICY_PATH
from scripts.sitegen import buildcache, compress, runtime, wheel
from tests import sitebuild
from tests.conftest import ROOT

THIRTY_MIB = 30 * 1024 * 1024


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    site = tmp_path_factory.mktemp("bundle")
    manifest = runtime.bundle_runtime(site, POLICY_PATH)
    return site / runtime.RUNTIME_DIR, manifest


def test_the_calc_wheel_is_byte_for_byte_reproducible(tmp_path):
    first = wheel.build_wheel_into(tmp_path / "one")
    second = wheel.build_wheel_into(tmp_path / "two")
    assert first.name == second.name == wheel.wheel_name()
    assert first.read_bytes() == second.read_bytes()
    assert buildcache.sha256_file(wheel.build_wheel()) == buildcache.sha256_file(first)


def test_the_wheel_holds_calc_and_the_policy_and_no_other_package(bundled):
    import zipfile

    runtime_dir, manifest = bundled
    names = zipfile.ZipFile(runtime_dir / manifest["wheel"]["file"]).namelist()
    assert "calc/browser.py" in names and "calc/data/suzhou-ai-plus-2026.json" in names
    version = wheel.project()["version"]
    assert {name.split("/")[0] for name in names} == {"calc", f"suzhou_ai_plus-{version}.dist-info"}


def test_the_lockfile_lists_only_the_project_wheel_with_its_sha256_and_a_path_that_exists(bundled):
    runtime_dir, manifest = bundled
    lock = json.loads((runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert list(lock["packages"]) == ["suzhou-ai-plus"] == [manifest["wheel"]["package"]]
    entry = lock["packages"]["suzhou-ai-plus"]
    assert entry["imports"] == ["calc"] and entry["depends"] == []
    wheel_path = runtime_dir / entry["file_name"]
    assert wheel_path.is_file()
    assert entry["sha256"] == buildcache.sha256_file(wheel_path) == manifest["wheel"]["sha256"]
    upstream = json.loads((runtime.NODE_PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["info"] == upstream["info"]


def test_the_manifest_names_every_file_with_its_true_hash_and_nothing_else_is_shipped(bundled):
    runtime_dir, manifest = bundled
    keys = ("lockfile", "stdlib", "stdlib_trimmed", "stdlib_placeholder", "wheel", "snapshot")
    listed = {manifest[key]["file"] for key in keys}
    for key in keys:
        assert buildcache.sha256_file(runtime_dir / manifest[key]["file"]) == manifest[key]["sha256"], key
    files = [p for p in runtime_dir.rglob("*") if p.is_file()]
    shipped = {p.relative_to(runtime_dir).as_posix() for p in files if not compress.is_copy(p)}
    assert shipped == listed | set(runtime.PYODIDE_FILES) | {runtime.MANIFEST}
    # beside them, only their precompressed copies, each listed with its size in runtime.json
    for copy in (p for p in files if compress.is_copy(p)):
        name = copy.relative_to(runtime_dir).as_posix()[: -len(copy.suffix)]
        if name == runtime.MANIFEST:
            continue  # compressed with the rest of the site, after the manifest was written
        assert manifest["files"][name]["gzip" if copy.suffix == ".gz" else "br"] == copy.stat().st_size, copy
    for name in runtime.PYODIDE_FILES:
        assert (runtime_dir / name).read_bytes() == (runtime.NODE_PYODIDE / name).read_bytes()
    assert manifest["pyodide"]["version"] == runtime.pinned_pyodide_version()


def test_the_snapshot_fits_the_heap_pyodide_restores_into(bundled):
    _, manifest = bundled
    snap = manifest["snapshot"]
    assert snap["heap"] <= THIRTY_MIB, "snapshots above the initial 30 MiB heap fail to restore (pyodide #6254)"
    assert snap["wheel_sha256"] == manifest["wheel"]["sha256"]
    assert snap["gzip_bytes"] < snap["sparse_bytes"] < snap["bytes"]


def test_the_stdlib_is_precompiled_and_complete(bundled):
    import zipfile

    runtime_dir, manifest = bundled
    ours = zipfile.ZipFile(runtime_dir / manifest["stdlib"]["file"]).namelist()
    upstream = zipfile.ZipFile(runtime.NODE_PYODIDE / "python_stdlib.zip").namelist()
    assert not [n for n in ours if n.endswith(".py")]
    assert sorted(n + "c" if n.endswith(".py") else n for n in upstream) == sorted(ours)


def test_a_missing_pyodide_package_stops_the_build_and_says_to_run_npm_ci(tmp_path):
    with pytest.raises(runtime.BundleError, match=r"npm ci"):
        runtime.bundle_runtime(tmp_path / "site", POLICY_PATH, pyodide_dir=tmp_path / "node_modules" / "pyodide")
    assert not (tmp_path / "site" / "pyodide").exists()


def test_a_pyodide_package_other_than_the_pinned_one_stops_the_build(tmp_path):
    fake = tmp_path / "pyodide"
    fake.mkdir()
    for name in runtime.REQUIRED:
        (fake / name).write_text("{}", encoding="utf-8")
    (fake / "package.json").write_text(json.dumps({"version": "0.0.1"}), encoding="utf-8")
    with pytest.raises(runtime.BundleError, match=r"0\.0\.1 but package-lock\.json pins .*npm ci"):
        runtime.check_pyodide_package(fake)


# ---- only the calculator page loads the runtime ---------------------------------------------------------

RUNTIME_REFERENCE = re.compile(r"pyodide|assets/calculator/|\.wasm\b", re.I)


def calculator_pages(site: Path) -> set[Path]:
    return {site / "calculator" / "index.html", site / "en" / "calculator" / "index.html"}


def test_nothing_of_the_runtime_is_in_extra_javascript():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for entry in config.get("extra_javascript", []):
        path = entry["path"] if isinstance(entry, dict) else entry
        assert not RUNTIME_REFERENCE.search(path), path
        assert not RUNTIME_REFERENCE.search((ROOT / "docs" / path).read_text(encoding="utf-8")), path


def test_reading_pages_reference_no_runtime_file_and_the_calculator_pages_do():
    site = sitebuild.build()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # what the page loads (scripts, preloads, frames...), not where its <a> links go
        urls = re.findall(r"""<(?!a\b)[a-z]+\b[^>]*?\b(?:src|href)\s*=\s*["']([^"']+)["']""", html, re.I)
        referenced = [u for u in urls if RUNTIME_REFERENCE.search(u)]
        if page in calculator_pages(site):
            assert any("assets/calculator/app.mjs" in u for u in urls), page
        else:
            assert referenced == [], f"{page.relative_to(site)} loads {referenced}"
    assert (site / "pyodide" / "runtime.json").is_file()
    assert not (site / "en" / "pyodide").exists(), "the runtime is published once, at the site root"
