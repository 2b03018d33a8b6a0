"""The downloads under data/: what they are, their bytes, and the SHA256SUMS file that covers them.

:func:`downloads` builds every file in memory, deterministically, so the downloads page (rendered before
the files are written) can show the same sizes and checksums the build then writes. The policy JSON itself
is copied by publish.publish_policy; it is listed here so the checksum file and the page cover it too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from scripts.policy_checks import POLICY_PATH, ROOT

from .catalog import translate
from .csv_export import provisions_csv
from .glossary import GLOSSARY_PATH
from .profiles import PROFILES_PATH
from .publish import DATA_DIR

POLICY_DIR = ROOT / "policy"
CASES_DIR = POLICY_DIR / "cases"
CHANGELOG_PATH = POLICY_DIR / "CHANGELOG.md"
CHECKSUMS = "SHA256SUMS"
CSV_NAME = POLICY_PATH.with_suffix(".csv").name

#: What each schema describes (catalog keys), for the downloads page; a schema not listed here is still published,
#: titled by its file name.
SCHEMA_TITLES = {
    "policy.schema.json": "downloads.file_policy_schema",
    "scenario.schema.json": "downloads.file_scenario_schema",
    "result.schema.json": "downloads.file_result_schema",
    "glossary.schema.json": "downloads.file_glossary_schema",
    "profiles.schema.json": "downloads.file_profiles_schema",
}


@dataclass(frozen=True)
class Download:
    path: str  # relative to data/, with forward slashes
    content: bytes
    title: str | None  # catalog key of what the file is; None: named by its file name

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> int:
        return len(self.content)


def file_title(name: str, key: str | None, lang: str) -> str:
    """What a published file is, in ``lang``: its catalog title (``key``), or else its file name."""
    return translate(lang, key) if key else name


def schema_files(directory: Path = POLICY_DIR) -> list[Path]:
    """The published JSON Schemas: policy, scenario, result, glossary, then any other, by name."""
    known = list(SCHEMA_TITLES)
    return sorted(directory.glob("*.schema.json"), key=lambda p: (known.index(p.name) if p.name in known else len(known), p.name))


def _read(path: Path) -> bytes:
    return path.read_bytes()


def downloads(policy: dict) -> list[Download]:
    """Every file published under data/, in the order the downloads page lists them (SHA256SUMS excluded)."""
    files = [
        Download(POLICY_PATH.name, _read(POLICY_PATH), "downloads.file_policy"),
        Download(CSV_NAME, provisions_csv(policy), "downloads.file_csv"),
    ]
    for schema in schema_files():
        files.append(Download(schema.name, _read(schema), SCHEMA_TITLES.get(schema.name)))
    files.append(Download(GLOSSARY_PATH.name, _read(GLOSSARY_PATH), "downloads.file_glossary"))
    files.append(Download(PROFILES_PATH.name, _read(PROFILES_PATH), "downloads.file_profiles"))
    for case in sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else []:
        files.append(Download(f"cases/{case.name}", _read(case), "downloads.file_case"))
    files.append(Download(CHANGELOG_PATH.name, _read(CHANGELOG_PATH), "downloads.file_changelog"))
    return files


def checksums(files: list[Download]) -> bytes:
    """SHA256SUMS in the format ``sha256sum -c`` reads: '<hex>  <path>' per line."""
    return "".join(f"{f.sha256}  {f.path}\n" for f in files).encode("ascii")


def publish_downloads(site_dir: str, policy: dict) -> list[Path]:
    """Write every download and SHA256SUMS under <site>/data/; return the paths written."""
    data = Path(site_dir) / DATA_DIR
    files = downloads(policy)
    written = []
    for download in files:
        target = data / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download.content)
        written.append(target)
    (data / CHECKSUMS).write_bytes(checksums(files))
    return written + [data / CHECKSUMS]
