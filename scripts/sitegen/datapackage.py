"""``data/datapackage.json``: the downloads described as a Frictionless Data Package (v1 profile ``data-package``).

Every data file of the current version is a resource with its size and SHA-256 (``hash``), so ``frictionless
validate data/datapackage.json`` checks each file's bytes and the CSV's rows against a Table Schema written from
the CSV's own column declarations (``csv_export.COLUMNS``: names, types, descriptions). JSON resources are of type
``json`` (frictionless would take a ``*.schema.json`` for a Table Schema) and name their JSON Schema
(``jsonSchema``, a path beside them; frictionless does not read it, ``jsonschema`` does). Left out:
the golden cases (calculator fixtures), the versioned copies (each version's files stay as published), the wheel,
the changelog and the feed. Licences and the source are stated as the downloads page states them; no address is
invented (the policy has no known official URL).
"""

from __future__ import annotations

import json

from .catalog import translate
from .csv_export import COLUMNS

PACKAGE_NAME = "datapackage.json"
#: The SPDX id the project declares (pyproject.toml) and the licence's text at its steward.
LICENCE = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv"}


def table_schema() -> dict:
    """The CSV's Table Schema: one field per column, booleans written true/false, lists as ;-separated text."""
    fields = []
    for column in COLUMNS:
        field = {"name": column.name, "type": column.type, "description": column.description}
        if column.type == "boolean":
            field |= {"trueValues": ["true"], "falseValues": ["false"]}
        if column.name == "id":
            field["constraints"] = {"required": True, "unique": True}
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}


def _resource_name(path: str) -> str:
    return path.removesuffix(".json").removesuffix(".csv").replace("/", "-").replace("_", "-").lower()


def resource(download, schema: str | None = None) -> dict:
    """A resource for a published file: path, format, size, SHA-256, its title; a JSON Schema when it has one."""
    suffix = "." + download.path.rsplit(".", 1)[-1]
    entry = {"name": _resource_name(download.path), "type": "json", "path": download.path,
             "title": translate("en", download.title) if download.title else download.path,
             "format": suffix[1:], "mediatype": MEDIA_TYPES[suffix], "encoding": "utf-8",
             "bytes": download.size, "hash": f"sha256:{download.sha256}"}
    if schema:
        entry["jsonSchema"] = schema
    return entry


def csv_resource(download) -> dict:
    entry = resource(download)
    entry |= {"name": "provisions", "type": "table", "profile": "tabular-data-resource",
              "description": translate("en", "reference.csv_intro", file=download.path),
              # The file starts with a byte-order mark for Excel; utf-8-sig reads it as such.
              "encoding": "utf-8-sig",
              "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
              "schema": table_schema()}
    return entry


def datapackage(policy: dict, files: list, schemas: dict[str, str]) -> bytes:
    """The package's bytes, for ``files`` (downloads.Download of the current version) and ``schemas`` (file path
    -> the path of its JSON Schema)."""
    document, dataset = policy["document"], policy["dataset"]
    resources = []
    for download in files:
        if download.path.endswith(".csv"):
            resources.append(csv_resource(download))
        elif download.path.endswith(".json") and download.path != PACKAGE_NAME:
            resources.append(resource(download, schemas.get(download.path)))
    package = {
        "profile": "data-package",
        "name": dataset["id"],
        "id": f"{dataset['id']}-{dataset['version']}",
        "title": f"{document['title']['zh']} / {document['title']['en']}",
        "description": " ".join(translate("en", key) for key in ("site.description", "downloads.licence_not_official")),
        "version": dataset["version"],
        "created": f"{dataset['last_updated']}T00:00:00+08:00",
        "keywords": ["Suzhou", "苏州", "AI+", "人工智能+", "policy", "subsidy"],
        "licenses": [LICENCE | {"title": f"MIT License: {translate('en', 'downloads.licence_translation', package='suzhou-ai-plus')}"}],
        "sources": [{"title": f"{document['issuer']['zh']}《{document['title']['zh']}》, {document['released']} "
                              f"({document['issuer']['en']}, issued {document['released']}; "
                              f"{translate('en', 'downloads.licence_text_term')} {translate('en', 'downloads.licence_text')})"}],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
