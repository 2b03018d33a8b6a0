"""The data reference page: every field of the published JSON Schemas, and every CSV column.

Rendered from the schemas' own ``description`` texts (in English, as the schemas are written), so the
reference cannot drift from the schema the data is validated against. The page's skeleton is
templates/reference.md.j2 and its words are in catalogs/<lang>.json; this module writes the tables and types.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .catalog import translate
from .csv_export import COLUMNS
from .examples import package_shell
from .downloads import CSV_NAME, POLICY_DIR, SCHEMA_TITLES, file_title, schema_files
from .markdown import html, md, table
from .publish import DATA_DIR
from .templating import render

_CODE = re.compile(r"`([^`]+)`")


def prose(text: str) -> str:
    """A description for a table cell: escaped, with `code` spans kept as code."""
    parts = _CODE.split(" ".join(text.split()))
    return "".join(f"<code>{html(part)}</code>" if i % 2 else md(part) for i, part in enumerate(parts))


def slug(schema_name: str) -> str:
    return schema_name.removesuffix(".schema.json")


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(node: dict, prefix: str, lang: str) -> str:
    """The type of a schema node in JSON Schema's words (English in both editions), with links to the definitions
    it refers to."""
    if "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        if not re.fullmatch(r"/\$defs/[^/]+", pointer):  # a whole schema, or a place in it other than a definition
            anchor = slug(target) if target else prefix
            return f"[{md(node['$ref'])}](#{anchor})"
        name = ref_name(node["$ref"])
        return f"[{md(name)}](#{slug(target) if target else prefix}-{name.lower()})"
    if "const" in node:
        return f"<code>{html(json.dumps(node['const'], ensure_ascii=False))}</code>"
    if "enum" in node:
        return " \\| ".join(f"<code>{html(json.dumps(v, ensure_ascii=False))}</code>" for v in node["enum"])
    for key in ("oneOf", "anyOf"):
        if key in node:
            return translate(lang, "reference.type_or").join(type_of(option, prefix, lang) for option in node[key])
    kind = node.get("type", "any")
    if kind == "array" and "items" in node:
        return translate(lang, "reference.array_of", type=type_of(node["items"], prefix, lang))
    return translate(lang, "reference.type_or").join(kind) if isinstance(kind, list) else str(kind)


def description(node: dict, defs: dict) -> str:
    if "description" in node:
        return node["description"]
    if "$ref" in node and not node["$ref"].partition("#")[0]:  # another schema's definition describes itself there
        return defs.get(ref_name(node["$ref"]), {}).get("description", "")
    return ""


def field_rows(node: dict, path: str, defs: dict, prefix: str, lang: str) -> list[list[str]]:
    """One row per property, recursing into objects and arrays of objects written inline."""
    rows = []
    required = set(node.get("required", []))
    mark = f" · **{md(translate(lang, 'reference.required'))}**"
    for name, child in node.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        kind = type_of(child, prefix, lang) + (mark if name in required else "")
        rows.append([f"<code>{html(child_path)}</code>", kind, prose(description(child, defs))])
        if "properties" in child:
            rows += field_rows(child, child_path, defs, prefix, lang)
        elif child.get("type") == "array" and "properties" in child.get("items", {}):
            rows += field_rows(child["items"], child_path + "[]", defs, prefix, lang)
    return rows


HEADER = ("reference.field", "reference.field_type", "reference.field_description")


def schema_section(name: str, schema: dict, lang: str) -> dict:
    """What the template shows of one schema: its title, description, fields and definitions (escaped Markdown)."""
    prefix = slug(name)
    defs = schema.get("$defs", {})
    header = [translate(lang, key) for key in HEADER]
    definitions = [{"name": def_name, "anchor": f"{prefix}-{def_name.lower()}",
                    "description": prose(description(definition, defs)), "type": type_of(definition, prefix, lang),
                    "table": table(header, field_rows(definition, "", defs, prefix, lang)) if "properties" in definition else ""}
                   for def_name, definition in defs.items()]
    return {"title": file_title(name, SCHEMA_TITLES.get(name), lang), "prefix": prefix, "path": f"{DATA_DIR}/{name}",
            "description": prose(schema.get("description", "")), "definitions": definitions,
            "table": table(header, field_rows(schema, "", defs, prefix, lang)) if schema.get("properties") else ""}


def csv_table(lang: str) -> str:
    header = [translate(lang, "reference.column"), translate(lang, "reference.column_description")]
    return table(header, [[f"<code>{html(c.name)}</code>", prose(c.description)] for c in COLUMNS])


def render_schema_reference(lang: str, schema_dir: Path = POLICY_DIR) -> str:
    """Markdown for reference.md."""
    schemas = [schema_section(schema.name, json.loads(schema.read_text(encoding="utf-8")), lang)
               for schema in schema_files(schema_dir)]
    return render("reference.md.j2", lang, schemas=schemas, csv_path=f"{DATA_DIR}/{CSV_NAME}", csv_table=csv_table(lang),
                  package_shell=package_shell().rstrip("\n"))
