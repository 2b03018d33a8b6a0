"""Permanent copies of every released dataset version: ``data/v<version>/...``, never changed or removed later.

Rule: a version's files are frozen when it is released (``scripts/freeze_release.py`` writes them into
``policy/releases/v<version>/`` and appends their SHA-256 to ``policy/releases/SHA256SUMS``, both committed), and
every later build publishes the frozen bytes as they are, whatever the code then generates. The build stops when
a frozen file no longer matches the manifest, when the manifest lists a file that is missing, or when the policy
JSON differs from the frozen copy of its own version (the data changed without a new version: bump
``dataset.version``, add a CHANGELOG entry, freeze the new version).

A release holds the policy JSON, its CSV, the schemas they follow, and (from 2.1.0 on, when they were first
published) one JSON file per provision with their index. The copies of 1.0.0 and 2.0.0 were taken from the
project's history afterwards (policy/releases/README.md says from which commits).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from scripts.policy_checks import POLICY_PATH, ROOT

from .csv_export import provisions_csv
from .provision_files import INDEX_SCHEMA, PROVISION_SCHEMA, provision_files, versioned_dir

RELEASES_DIR = ROOT / "policy" / "releases"
MANIFEST_NAME = "SHA256SUMS"
_LINE = re.compile(r"([0-9a-f]{64})  (v[0-9][^/\s]*/\S+)")


class ReleaseError(ValueError):
    """The frozen releases are not as their manifest says, or the data changed under a released version."""


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def read_manifest(releases_dir: Path = RELEASES_DIR) -> dict[str, str]:
    """``v<version>/<path>`` -> SHA-256, from the committed manifest (empty when there is none)."""
    path = releases_dir / MANIFEST_NAME
    if not path.is_file():
        return {}
    entries = {}
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), 1):
        match = _LINE.fullmatch(line)
        if not match:
            raise ReleaseError(f"{path}:{number}: not '<sha256>  v<version>/<path>': {line!r}")
        entries[match.group(2)] = match.group(1)
    return entries


def frozen_files(releases_dir: Path = RELEASES_DIR) -> dict[str, bytes]:
    """Every frozen file (``v<version>/<path>`` -> bytes), checked against the manifest: none missing, none
    changed, none unlisted."""
    manifest = read_manifest(releases_dir)
    files = {}
    for name, digest in manifest.items():
        path = releases_dir / name
        if not path.is_file():
            raise ReleaseError(f"{path} is listed in {MANIFEST_NAME} but missing: a released file is never removed")
        content = path.read_bytes()
        if sha256(content) != digest:
            raise ReleaseError(f"{path} does not match its SHA-256 in {MANIFEST_NAME}: a released file is never changed")
        files[name] = content
    present = {p.relative_to(releases_dir).as_posix() for p in releases_dir.glob("v*/**/*") if p.is_file()}
    unlisted = sorted(present - set(manifest))
    if unlisted:
        raise ReleaseError(f"{releases_dir} holds files {MANIFEST_NAME} does not list: {unlisted[:5]} "
                           "(freeze a release with scripts/freeze_release.py)")
    return files


def versions(files: dict[str, bytes]) -> list[str]:
    """The released versions among ``files``, oldest first."""
    found = {name.split("/", 1)[0][1:] for name in files}
    return sorted(found, key=lambda v: tuple(int(part) for part in v.split(".")))


def release_files(policy: dict, policy_bytes: bytes, schema_dir: Path = ROOT / "policy") -> dict[str, bytes]:
    """What a release of the current version holds, as this code generates it (paths under ``v<version>/``):
    the policy JSON, its CSV, the schemas and the provision files, with links relative to each file."""
    folder = versioned_dir(policy["dataset"]["version"])
    files = {f"{folder}/{POLICY_PATH.name}": policy_bytes,
             f"{folder}/{POLICY_PATH.with_suffix('.csv').name}": provisions_csv(policy)}
    for schema in ("policy.schema.json", PROVISION_SCHEMA, INDEX_SCHEMA):
        files[f"{folder}/{schema}"] = (schema_dir / schema).read_bytes()
    files.update(provision_files(policy, folder))
    return files


def check_current(policy: dict, policy_bytes: bytes, frozen: dict[str, bytes]) -> None:
    """The current version is frozen, and its frozen policy JSON is the policy JSON byte for byte."""
    version = policy["dataset"]["version"]
    name = f"{versioned_dir(version)}/{POLICY_PATH.name}"
    if name not in frozen:
        raise ReleaseError(f"dataset version {version} has no frozen release in {RELEASES_DIR}: run "
                           "`.venv/bin/python scripts/freeze_release.py` once its CHANGELOG entry is written")
    if frozen[name] != policy_bytes:
        raise ReleaseError(f"{POLICY_PATH.name} differs from the frozen release {version} ({RELEASES_DIR / name}): a "
                           "released version never changes. Give the data a new dataset.version with a CHANGELOG entry, "
                           "then run `.venv/bin/python scripts/freeze_release.py`")


def published_releases(policy: dict, policy_bytes: bytes | None = None,
                       releases_dir: Path = RELEASES_DIR) -> dict[str, bytes]:
    """The files the build publishes under data/: every frozen release, as frozen (after the checks above)."""
    frozen = frozen_files(releases_dir)
    check_current(policy, POLICY_PATH.read_bytes() if policy_bytes is None else policy_bytes, frozen)
    return frozen


def freeze(policy: dict, policy_bytes: bytes, releases_dir: Path = RELEASES_DIR, replace: bool = False) -> list[str]:
    """Write the current version's release into ``releases_dir`` and append it to the manifest; return the paths.

    A version already frozen is refused unless ``replace`` (only for a version that was never published)."""
    manifest = read_manifest(releases_dir)
    files = release_files(policy, policy_bytes)
    prefix = versioned_dir(policy["dataset"]["version"]) + "/"
    if any(name.startswith(prefix) for name in manifest):
        if not replace:
            raise ReleaseError(f"{prefix} is already frozen: a released version never changes (give the data a new version)")
        manifest = {name: digest for name, digest in manifest.items() if not name.startswith(prefix)}
        for path in sorted((releases_dir / prefix).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
    for name, content in files.items():
        target = releases_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        manifest[name] = sha256(content)
    releases_dir.mkdir(parents=True, exist_ok=True)
    (releases_dir / MANIFEST_NAME).write_text("".join(f"{digest}  {name}\n" for name, digest in manifest.items()),
                                              encoding="ascii")
    return sorted(files)
