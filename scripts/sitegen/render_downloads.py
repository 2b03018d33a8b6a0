"""The downloads page: every file under data/ with its size and SHA-256, how to verify and load them, the
changelog and the licence statement.

The files, sizes and checksums come from downloads.downloads(), the very bytes the build writes. The
snippets are constants here; the README repeats them and tests run them against a built site. The page is
templates/downloads.md.j2, its words are in catalogs/<lang>.json.
"""

from __future__ import annotations

import json

from .catalog import translate
from .describe import format_date
from .downloads import CHANGELOG_PATH, CHECKSUMS, CSV_NAME, Download, downloads, file_title
from .publish import DATA_DIR
from .templating import render
from scripts.policy_checks import POLICY_PATH

#: Run in an empty directory with SITE set to the site's address (no trailing slash).
QUICKSTART_SHELL = f"""\
for file in {POLICY_PATH.name} {CSV_NAME} {CHECKSUMS}; do
  curl -fsSLO "$SITE/{DATA_DIR}/$file"
done
sha256sum -c --ignore-missing {CHECKSUMS}
"""

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

#: Optional: validate against the published schema (needs `pip install jsonschema`).
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


def _files(files: list[Download], lang: str) -> dict:
    """The table's rows: the main files one by one, the golden cases together (their total size)."""
    cases = [f for f in files if f.path.startswith("cases/")]
    return {"files": [{"path": f.path, "title": file_title(f.path, f.title, lang), "size": human_size(f.size, lang),
                       "sha256": f.sha256} for f in files if f not in cases],
            "cases": [{"path": f.path, "title": case_title(f, lang)} for f in cases],
            "cases_size": human_size(sum(f.size for f in cases), lang)}


def render_downloads(policy: dict, lang: str, site_url: str | None = None) -> str:
    """Markdown for downloads.md (links are relative to downloads/ in the Chinese edition, en/downloads/ in English)."""
    dataset = policy["dataset"]
    root = site_url.rstrip("/").removesuffix("/en" if lang == "en" else "") if site_url else None
    site_line = f'SITE="{root}"\n' if root else ""
    return render("downloads.md.j2", lang, up="../" if lang == "zh" else "../../", data_dir=DATA_DIR, checksums=CHECKSUMS,
                  version=dataset["version"], date=format_date(dataset["last_updated"], lang),
                  labels=[translate(lang, key) for key in COLUMNS], **_files(downloads(policy), lang),
                  quickstart_shell=site_line + QUICKSTART_SHELL.rstrip("\n"), quickstart_python=QUICKSTART_PYTHON.rstrip("\n"),
                  validate_python=VALIDATE_PYTHON.rstrip("\n"), changelog=changelog())
