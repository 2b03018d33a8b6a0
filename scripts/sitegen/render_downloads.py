"""The downloads page: every file under data/ with its size and SHA-256, how to verify and load them, the
changelog and the licence statement.

The files, sizes and checksums come from downloads.downloads(), the very bytes the build writes. The
snippets are constants here; the README repeats them and tests run them against a built site. The page is
templates/downloads.md.j2, its words are in catalogs/<lang>.json.
"""

from __future__ import annotations

import json

from . import examples
from .catalog import translate
from .describe import format_date
from .downloads import CHANGELOG_PATH, CHECKSUMS, CSV_NAME, Download, downloads, file_title
from .feed import FEED_NAME
from .provision_files import PROVISIONS_DIR
from .publish import DATA_DIR
from .templating import render
from scripts.policy_checks import POLICY_PATH

#: Run in an empty directory with SITE set to the site's address (no trailing slash): examples.py.
QUICKSTART_SHELL = examples.QUICKSTART_SHELL

#: Standard library only; run where the files above were downloaded.
QUICKSTART_PYTHON = f"""\
import csv, json

with open("{POLICY_PATH.name}", encoding="utf-8") as f:
    policy = json.load(f)
with open("{CSV_NAME}", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))

print(policy["dataset"]["version"], len(policy["provisions"]), len(rows))
print(next(p for p in policy["provisions"] if p["id"] == "m2-2")["rule"])
"""

#: Optional: validate against the published schema (needs `pip install jsonschema`; the loop above fetched the schema).
VALIDATE_PYTHON = f"""\
import json, jsonschema

policy = json.load(open("{POLICY_PATH.name}", encoding="utf-8"))
schema = json.load(open("policy.schema.json", encoding="utf-8"))
jsonschema.validate(policy, schema)
"""


#: The files table's columns (catalog keys).
COLUMNS = ("downloads.file", "downloads.contents", "downloads.size", "downloads.sha256")


def human_size(size: int, lang: str) -> str:
    if size < 1024:
        return translate(lang, "downloads.size_bytes", size=size)
    return translate(lang, "downloads.size_kb", size=f"{size / 1024:.1f}")


def case_title(download: Download, lang: str) -> str:
    """A golden case is described by its own name (a full sentence, in English)."""
    try:
        name = json.loads(download.content.decode("utf-8")).get("name")
    except (ValueError, AttributeError):
        name = None
    return name or file_title(download.path, download.title, lang)


def changelog() -> str:
    """The changelog, its title dropped and its headings moved one level down."""
    lines = CHANGELOG_PATH.read_text(encoding="utf-8").splitlines()
    return "\n".join(("#" + line if line.startswith("#") else line) for line in lines if not line.startswith("# "))


def _group(pattern: str, summary: str, files: list[Download], lang: str) -> dict:
    """A row standing for several files: a pattern, a summary, each file with its title, their total size."""
    return {"pattern": pattern, "summary": summary, "size": human_size(sum(f.size for f in files), lang),
            "files": [{"path": f.path, "title": case_title(f, lang) if f.path.startswith("cases/") else file_title(f.path, f.title, lang)}
                      for f in files]}


def _files(files: list[Download], lang: str) -> dict:
    """The table's rows: the main files one by one; the provision files, the golden cases and each version's
    permanent copy as one row each (their checksums are in SHA256SUMS)."""
    provisions = [f for f in files if f.title == "downloads.file_provision"]
    cases = [f for f in files if f.path.startswith("cases/")]
    versions: dict[str, list[Download]] = {}
    for f in files:
        if f.title == "downloads.file_versioned":
            versions.setdefault(f.path.split("/", 1)[0], []).append(f)
    grouped = {id(f) for f in provisions + cases} | {id(f) for group in versions.values() for f in group}
    groups = [_group(f"{DATA_DIR}/{PROVISIONS_DIR}/<id>.json", translate(lang, "downloads.provisions", count=len(provisions)), provisions, lang),
              _group(f"{DATA_DIR}/cases/<name>.json", translate(lang, "downloads.cases", count=len(cases)), cases, lang)]
    for folder, group in reversed(versions.items()):  # newest first
        groups.append(_group(f"{DATA_DIR}/{folder}/", translate(lang, "downloads.versioned", version=folder[1:], count=len(group)),
                             group, lang))
    return {"files": [{"path": f.path, "title": file_title(f.path, f.title, lang), "size": human_size(f.size, lang),
                       "sha256": f.sha256} for f in files if id(f) not in grouped],
            "groups": [group for group in groups if group["files"]]}


def site_line(site_url: str | None, lang: str) -> str:
    """'SITE="https://…"' and a line break when the site's address is known (SITE_URL), else nothing."""
    root = site_url.rstrip("/").removesuffix("/en" if lang == "en" else "") if site_url else None
    return f'SITE="{root}"\n' if root else ""


def render_downloads(policy: dict, lang: str, site_url: str | None = None) -> str:
    """Markdown for downloads.md (links are relative to downloads/ in the Chinese edition, en/downloads/ in English)."""
    dataset = policy["dataset"]
    site = site_line(site_url, lang)
    # The files as the Chinese build publishes them at the site's root (its address, without the edition's en/).
    root = site_url.rstrip("/").removesuffix("/en") + "/" if site_url and lang == "en" else site_url
    return render("downloads.md.j2", lang, up="../" if lang == "zh" else "../../", data_dir=DATA_DIR, checksums=CHECKSUMS,
                  version=dataset["version"], date=format_date(dataset["last_updated"], lang),
                  labels=[translate(lang, key) for key in COLUMNS], **_files(downloads(policy, root), lang),
                  package_shell=site + examples.package_shell().rstrip("\n"), feed=f"{DATA_DIR}/{FEED_NAME}",
                  versioned=f"{DATA_DIR}/v<version>/",
                  quickstart_shell=site + QUICKSTART_SHELL.rstrip("\n"), quickstart_python=QUICKSTART_PYTHON.rstrip("\n"),
                  validate_python=VALIDATE_PYTHON.rstrip("\n"), changelog=changelog())
