"""The downloads under data/: what they are, their bytes, and the SHA256SUMS file that covers them.

Besides the policy JSON and its CSV: one JSON file per provision and their index (provision_files.py), the data
package describing them (datapackage.py), the installable package (the wheel the browser runs too, wheel.py),
every JSON Schema, the golden cases, the changelog and its Atom feed (feed.py), and every released version's
permanent copy under v<version>/ (releases.py).

:func:`downloads` builds every file in memory, deterministically, so the downloads page (rendered before
the files are written) can show the same sizes and checksums the build then writes. The policy JSON itself
is copied by publish.publish_policy; it is listed here so the checksum file and the page cover it too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from scripts.policy_checks import POLICY_PATH, ROOT

from . import releases, wheel
from .catalog import translate
from .csv_export import provisions_csv
from .datapackage import PACKAGE_NAME, datapackage
from .feed import FEED_NAME, atom
from .glossary import GLOSSARY_PATH
from .profiles import PROFILES_PATH
from .provision_files import INDEX_NAME, INDEX_SCHEMA, PROVISION_SCHEMA, PROVISIONS_DIR, provision_files
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
    "provision-index.schema.json": "downloads.file_provision_index_schema",
    "provision.schema.json": "downloads.file_provision_schema",
    "case.schema.json": "downloads.file_case_schema",
    "scenario.schema.json": "downloads.file_scenario_schema",
    "result.schema.json": "downloads.file_result_schema",
    "glossary.schema.json": "downloads.file_glossary_schema",
    "profiles.schema.json": "downloads.file_profiles_schema",
}


#: Published JSON file at the top of data/ (or of a version's folder) -> the JSON Schema beside it that it follows.
JSON_SCHEMAS = {POLICY_PATH.name: "policy.schema.json", GLOSSARY_PATH.name: "glossary.schema.json",
                PROFILES_PATH.name: "profiles.schema.json"}


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


def schema_of(path: str) -> str | None:
    """The JSON Schema a published JSON file follows (its path under data/), wherever the file is: a versioned
    copy's schemas are beside it, in its own version's folder. None for the schemas themselves, the data package
    (frictionless checks it) and every file that is not JSON."""
    parts = path.split("/")
    version = parts[0] + "/" if len(parts) > 1 and re.fullmatch(r"v\d+\.\d+\.\d+", parts[0]) else ""
    rest = parts[1:] if version else parts
    if len(rest) == 2 and rest[0] == PROVISIONS_DIR:
        return version + (INDEX_SCHEMA if rest[1] == INDEX_NAME else PROVISION_SCHEMA)
    if len(rest) == 2 and rest[0] == "cases" and not version:
        return "case.schema.json"
    if len(rest) == 1 and rest[0] in JSON_SCHEMAS:
        return version + JSON_SCHEMAS[rest[0]]
    return None


def _wheel() -> Download:
    built = wheel.build_wheel()
    return Download(built.name, built.read_bytes(), "downloads.file_wheel")


def downloads(policy: dict, site_url: str | None = None) -> list[Download]:
    """Every file published under data/, in the order the downloads page lists them (SHA256SUMS excluded): the
    current version's files, the data package describing them, the package, the schemas, the cases, the
    changelog and its feed, then every released version's permanent copy (releases.py)."""
    data = [
        Download(POLICY_PATH.name, _read(POLICY_PATH), "downloads.file_policy"),
        Download(CSV_NAME, provisions_csv(policy), "downloads.file_csv"),
    ]
    provisions = [Download(path, content, "downloads.file_provision_index" if path.endswith(INDEX_NAME) else "downloads.file_provision")
                  for path, content in provision_files(policy, site_url=site_url).items()]
    schemas = [Download(schema.name, _read(schema), SCHEMA_TITLES.get(schema.name)) for schema in schema_files()]
    others = [Download(GLOSSARY_PATH.name, _read(GLOSSARY_PATH), "downloads.file_glossary"),
              Download(PROFILES_PATH.name, _read(PROFILES_PATH), "downloads.file_profiles")]
    described = data + provisions + schemas + others
    package = Download(PACKAGE_NAME, datapackage(policy, described, {f.path: schema_of(f.path) for f in described}),
                       "downloads.file_datapackage")
    cases = [Download(f"cases/{case.name}", _read(case), "downloads.file_case")
             for case in (sorted(CASES_DIR.glob("*.json")) if CASES_DIR.is_dir() else [])]
    frozen = releases.published_releases(policy)
    changelog = _read(CHANGELOG_PATH)
    feed = Download(FEED_NAME, atom(policy, changelog.decode("utf-8"), set(releases.versions(frozen)), site_url),
                    "downloads.file_feed")
    versioned = [Download(path, content, "downloads.file_versioned") for path, content in frozen.items()]
    return [*data, package, *provisions, _wheel(), *schemas, *others, *cases,
            Download(CHANGELOG_PATH.name, changelog, "downloads.file_changelog"), feed, *versioned]


def checksums(files: list[Download]) -> bytes:
    """SHA256SUMS in the format ``sha256sum -c`` reads: '<hex>  <path>' per line."""
    return "".join(f"{f.sha256}  {f.path}\n" for f in files).encode("ascii")


def publish_downloads(site_dir: str, policy: dict, site_url: str | None = None) -> list[Path]:
    """Write every download and SHA256SUMS under <site>/data/; return the paths written."""
    data = Path(site_dir) / DATA_DIR
    files = downloads(policy, site_url)
    written = []
    for download in files:
        target = data / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(download.content)
        written.append(target)
    (data / CHECKSUMS).write_bytes(checksums(files))
    return written + [data / CHECKSUMS]
