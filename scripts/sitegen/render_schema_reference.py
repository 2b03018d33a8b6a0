"""The data reference page: every field of the published JSON Schemas, and every CSV column.

Rendered from the schemas' own ``description`` texts (in English, as the schemas are written), so the
reference cannot drift from the schema the data is validated against.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .csv_export import COLUMNS
from .describe import pick
from .downloads import POLICY_DIR, SCHEMA_TITLES, schema_files
from .markdown import html, md, table

_CODE = re.compile(r"`([^`]+)`")


def prose(text: str) -> str:
    """A description for a table cell: escaped, with `code` spans kept as code."""
    parts = _CODE.split(" ".join(text.split()))
    return "".join(f"<code>{html(part)}</code>" if i % 2 else md(part) for i, part in enumerate(parts))


def slug(schema_name: str) -> str:
    return schema_name.removesuffix(".schema.json")


def ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def type_of(node: dict, prefix: str) -> str:
    """The type of a schema node in words, with links to the definitions it refers to."""
    if "$ref" in node:
        name = ref_name(node["$ref"])
        return f"[{md(name)}](#{prefix}-{name.lower()})"
    if "const" in node:
        return f"<code>{html(json.dumps(node['const'], ensure_ascii=False))}</code>"
    if "enum" in node:
        return " \\| ".join(f"<code>{html(json.dumps(v, ensure_ascii=False))}</code>" for v in node["enum"])
    for key in ("oneOf", "anyOf"):
        if key in node:
            return " or ".join(type_of(option, prefix) for option in node[key])
    kind = node.get("type", "any")
    if kind == "array" and "items" in node:
        return f"array of {type_of(node['items'], prefix)}"
    return " or ".join(kind) if isinstance(kind, list) else str(kind)


def description(node: dict, defs: dict) -> str:
    if "description" in node:
        return node["description"]
    if "$ref" in node:
        return defs.get(ref_name(node["$ref"]), {}).get("description", "")
    return ""


def field_rows(node: dict, path: str, defs: dict, prefix: str) -> list[list[str]]:
    """One row per property, recursing into objects and arrays of objects written inline."""
    rows = []
    required = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        kind = type_of(child, prefix) + (" · **required**" if name in required else "")
        rows.append([f"<code>{html(child_path)}</code>", kind, prose(description(child, defs))])
        if "properties" in child:
            rows += field_rows(child, child_path, defs, prefix)
        elif child.get("type") == "array" and "properties" in child.get("items", {}):
            rows += field_rows(child["items"], child_path + "[]", defs, prefix)
    return rows


HEADER = (("字段", "Field"), ("类型(required 为必填)", "Type"), ("说明(取自 Schema)", "Description (from the schema)"))


def schema_section(name: str, schema: dict, lang: str) -> list[str]:
    prefix = slug(name)
    defs = schema.get("$defs", {})
    header = [pick(lang, *h) for h in HEADER]
    title = SCHEMA_TITLES.get(name, (name, name))
    lines = [
        f"## {md(pick(lang, *title))} {{#{prefix}}}",
        "",
        f"`data/{name}` — {prose(schema.get('description', ''))}",
        "",
        table(header, field_rows(schema, "", defs, prefix)) if schema.get("properties") else "",
        "",
    ]
    for def_name, definition in defs.items():
        lines += [f"### {md(def_name)} {{#{prefix}-{def_name.lower()}}}", "", prose(description(definition, defs)), ""]
        if "properties" in definition:
            lines += [table(header, field_rows(definition, "", defs, prefix)), ""]
        elif not definition.get("properties"):
            lines += [f"{pick(lang, '类型', 'Type')}: {type_of(definition, prefix)}", ""]
    return lines


def csv_section(lang: str) -> list[str]:
    header = [pick(lang, "列", "Column"), pick(lang, "说明", "Description")]
    rows = [[f"<code>{html(c.name)}</code>", prose(c.description)] for c in COLUMNS]
    return [
        f"## {pick(lang, 'CSV 的列', 'CSV columns')} {{#csv}}",
        "",
        md(pick(lang, "data/suzhou-ai-plus-2026.csv:UTF-8(含 BOM),每项条款一行。列表值以 ; 分隔,原文片段以 “ … ” 连接;"
                      "空单元格表示该条款没有此项。",
                "data/suzhou-ai-plus-2026.csv: UTF-8 with a byte-order mark, one row per provision. Lists are separated "
                "by ;, text fragments joined by “ … ”; an empty cell means the provision has no such value.")),
        "",
        table(header, rows),
        "",
    ]


def render_schema_reference(lang: str, schema_dir: Path = POLICY_DIR) -> str:
    """Markdown for reference.md."""
    schemas = schema_files(schema_dir)
    lines = [
        f"# {pick(lang, '数据字段说明', 'Data reference')}",
        "",
        md(pick(lang, "本页由下载文件中的 JSON Schema 自动生成,字段说明即 Schema 中的 description(英文)。",
                "This page is generated from the JSON Schemas published with the downloads; each description is the "
                "schema's own.")),
        "",
    ]
    for schema in schemas:
        lines += schema_section(schema.name, json.loads(schema.read_text(encoding="utf-8")), lang)
    lines += csv_section(lang)
    return "\n".join(lines)
