"""One JSON file per provision, and an index of all of them: ``data/provisions/<id>.json`` and
``data/provisions/index.json`` (schemas ``provision.schema.json`` and ``provision-index.schema.json``).

Each file holds the provision exactly as the policy JSON has it (its text fragments, rule, recipient, date
rule ...), what a developer would otherwise look up elsewhere (the sentences it comes from in full, its measure,
its agencies by name, its overlap groups) and its headline as data (``calc.headline.headline_record``, written at
build time). Links are relative to the file's own address (resolve them as a browser would: ``new URL(href,
fileURL)``, ``urllib.parse.urljoin``), so they work wherever the site is served; with the site's address
configured (SITE_URL) they are absolute.
"""

from __future__ import annotations

import json
import posixpath

from calc.headline import headline_record

from .names import measure_page
from .publish import DATA_DIR

PROVISIONS_DIR = "provisions"
INDEX_NAME = "index.json"
PROVISION_SCHEMA = "provision.schema.json"
INDEX_SCHEMA = "provision-index.schema.json"
#: The English edition's folder, from the site's root (languages.py builds it there).
ENGLISH = "en/"


def dump(document: dict) -> bytes:
    """The one encoding of every generated JSON file: UTF-8, not ASCII-escaped, indented, a final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def versioned_dir(version: str) -> str:
    """The permanent folder of a dataset version, under data/: ``v2.1.0``."""
    return f"v{version}"


def link(target: str, here: str, site_url: str | None) -> str:
    """``target`` (a path from the site's root) as seen from the file ``here`` (also from the root): relative, or
    absolute on ``site_url``."""
    if site_url:
        return site_url.rstrip("/") + "/" + target
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(here)) + ("/" if path.endswith("/") else "")
    return relative + (f"#{anchor}" if anchor else "")


def dataset_ref(policy: dict) -> dict:
    dataset = policy["dataset"]
    return {"id": dataset["id"], "version": dataset["version"], "last_updated": dataset["last_updated"]}


def _sentences(policy: dict) -> dict[str, dict]:
    found = {}
    for measure in policy["measures"]:
        for paragraph in measure["paragraphs"]:
            for sentence in paragraph["sentences"]:
                found[sentence["id"]] = sentence
    for sentence in policy["document"].get("closing", {}).get("sentences", []):
        found[sentence["id"]] = sentence
    return found


def provision_path(provision_id: str, folder: str = "") -> str:
    """``provisions/<id>.json`` under data/ (or under ``data/<folder>/``)."""
    return posixpath.join(folder, PROVISIONS_DIR, f"{provision_id}.json")


def _links(provision: dict, version: str, here: str, site_url: str | None) -> dict:
    clause = measure_page(provision["measure"], provision["id"])
    page = measure_page(provision["measure"])
    return {
        "page": {"zh": link(page, here, site_url), "en": link(ENGLISH + page, here, site_url)},
        "clause": {"zh": link(clause, here, site_url), "en": link(ENGLISH + clause, here, site_url)},
        "latest": link(f"{DATA_DIR}/{provision_path(provision['id'])}", here, site_url),
        "version": link(f"{DATA_DIR}/{provision_path(provision['id'], versioned_dir(version))}", here, site_url),
    }


def provision_document(policy: dict, provision: dict, here: str, site_url: str | None = None) -> dict:
    """The file ``here`` (a path from the site's root) publishes for ``provision``."""
    measure = next(m for m in policy["measures"] if m["id"] == provision["measure"])
    agencies = {a["id"]: a for a in policy["agencies"]}
    sentences = _sentences(policy)
    return {
        "dataset": dataset_ref(policy),
        "id": provision["id"],
        "headline": headline_record(provision),
        "measure": {"id": measure["id"], "number": measure["number"], "title": measure["title"]},
        "agencies": [agencies[agency] for agency in measure["agencies"]],
        "sentences": [{"id": sid, "zh": sentences[sid]["zh"], "en": sentences[sid].get("en")} for sid in provision["sentences"]],
        "overlap_groups": [g["id"] for g in policy["overlap_groups"] if provision["id"] in g["provisions"]],
        "provision": provision,
        "links": _links(provision, policy["dataset"]["version"], here, site_url),
    }


def index_document(policy: dict, here: str, site_url: str | None = None) -> dict:
    """The index ``here`` publishes: every provision with its label, kind, headline and links."""
    version = policy["dataset"]["version"]
    folder = posixpath.dirname(posixpath.dirname(here))  # data/ or data/v<version>/
    return {
        "dataset": dataset_ref(policy),
        "count": len(policy["provisions"]),
        "provisions": [{
            "id": p["id"],
            "measure": p["measure"],
            "label": p["label"],
            "kind": p["kind"],
            "headline": headline_record(p),
            "file": link(posixpath.join(folder, provision_path(p["id"])), here, site_url),
            "clause": _links(p, version, here, site_url)["clause"],
        } for p in policy["provisions"]],
    }


def provision_files(policy: dict, folder: str = "", site_url: str | None = None) -> dict[str, bytes]:
    """Path under data/ -> bytes, for the index and every provision, in ``data/<folder>/provisions/``."""
    files = {}
    index_path = posixpath.join(folder, PROVISIONS_DIR, INDEX_NAME)
    files[index_path] = dump(index_document(policy, f"{DATA_DIR}/{index_path}", site_url))
    for provision in policy["provisions"]:
        path = provision_path(provision["id"], folder)
        files[path] = dump(provision_document(policy, provision, f"{DATA_DIR}/{path}", site_url))
    return files
