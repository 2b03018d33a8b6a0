"""A small JSON Schema (2020-12) validator, standard library only, for the keywords the project's schemas use.

The policy loader runs the published ``policy.schema.json`` with it before any arithmetic, so a field the schema
gains needs no code here (issue 12). Linear in the size of the document: ``$ref`` is looked up in a table,
``uniqueItems`` hashes canonical JSON, and the branches of ``oneOf``/``anyOf``/``if`` are fixed by the schema.

Patterns follow ECMA-262 where it differs from Python's ``re``: ``$`` matches only at the very end (not before
a final newline) and ``\\d`` is ``[0-9]``. Formats checked: ``date`` (a real calendar date) and ``uri`` (a scheme
and no spaces or control characters). Keywords that only annotate (``description``, ``title`` …) are ignored;
:data:`KEYWORDS` lists the ones that validate, and a test checks every schema of the project uses no other.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated",
                         "readOnly", "writeOnly", "$defs", "definitions", "contentMediaType", "contentEncoding"})
KEYWORDS = frozenset({"type", "enum", "const", "properties", "required", "additionalProperties", "patternProperties",
                      "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items", "prefixItems",
                      "minItems", "maxItems", "uniqueItems", "contains", "minLength", "maxLength", "pattern", "format",
                      "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "anyOf",
                      "oneOf", "not", "if", "then", "else", "$ref"})
#: Most problems reported for one document (the rest are summarised in one line).
MAX_PROBLEMS = 200


def json_path(parts, root: str = "$") -> str:
    """('provisions', 3, 'rule') -> '$.provisions[3].rule' (or 'provisions[3].rule' with ``root=''``; the
    document itself is always '$'). Keys are cut at 60 characters."""
    out = root
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{str(part)[:60]}"
    return out or "$"


def _shown(value) -> str:
    """A short, one-line picture of a value for a message (never the whole of a large object)."""
    if isinstance(value, dict):
        return f"an object of {len(value)} fields"
    if isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value):
        return f"an array of {len(value)} items"
    if isinstance(value, str) and len(value) > 60:
        value = value[:57] + "…"
    text = json.dumps(value, ensure_ascii=False) if _json_type(value) else repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"), (list, "array"), (dict, "object"))


def _json_type(value) -> str | None:
    """The JSON Schema type name of a Python value (bool before int), or None for what JSON cannot hold."""
    if value is None:
        return "null"
    return next((name for kind, name in _JSON_TYPES if isinstance(value, kind)), None)


def _is_type(value, wanted: str) -> bool:
    actual = _json_type(value)
    if wanted == "number":
        return actual in ("integer", "number")
    if wanted == "integer" and actual == "number":
        return value.is_integer()
    return actual == wanted


@lru_cache(maxsize=512)
def _pattern(source: str) -> re.Pattern:
    """An ECMA-262 pattern as a Python one: unescaped ``$`` outside a class -> ``\\Z``; ``\\d`` -> ``0-9``."""
    out, i, in_class = [], 0, False
    while i < len(source):
        char = source[i]
        if char == "\\" and i + 1 < len(source):
            pair = source[i:i + 2]
            out.append(("0-9" if in_class else "[0-9]") if pair == "\\d" else pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "$" and not in_class:
            char = r"\Z"
        out.append(char)
        i += 1
    return re.compile("".join(out))


def _format_ok(value: str, name: str) -> bool:
    if name == "date":
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return False
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if name == "uri":
        return re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]+", value) is not None
    return True


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


class Validator:
    """Validate documents against one schema (with its ``$defs``); ``problems(doc)`` lists ``'$.path: message'``."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.defs = schema.get("$defs", {})

    def located(self, document) -> list[tuple[str, str]]:
        """Every problem as ``(json_path, message)``, at most :data:`MAX_PROBLEMS` and a line saying how many more."""
        found: list[tuple[tuple, str]] = []
        self._check(document, self.schema, (), found)
        located = [(json_path(parts), message) for parts, message in found[:MAX_PROBLEMS]]
        if len(found) > MAX_PROBLEMS:
            located.append(("$", f"{len(found) - MAX_PROBLEMS} more problems not shown"))
        return located

    def problems(self, document) -> list[str]:
        """Every problem as ``'$.path: message'``."""
        return [f"{path}: {message}" for path, message in self.located(document)]

    def is_valid(self, document, schema) -> bool:
        found: list = []
        self._check(document, schema, (), found, stop_at_first=True)
        return not found

    def _resolve(self, ref: str) -> dict:
        if ref.startswith("#/$defs/") and ref[8:] in self.defs:
            return self.defs[ref[8:]]
        if ref == "#":
            return self.schema
        raise ValueError(f"unsupported $ref {ref!r}")

    def _check(self, value, schema, parts: tuple, found: list, stop_at_first: bool = False) -> None:
        if schema is True:
            return
        if schema is False:
            found.append((parts, "is not allowed here"))
            return
        before = len(found)

        def add(message: str, where: tuple = parts) -> None:
            found.append((where, message))

        if "$ref" in schema:
            self._check(value, self._resolve(schema["$ref"]), parts, found, stop_at_first)
        if "type" in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, t) for t in types):
                actual = _json_type(value) or f"not a JSON value ({type(value).__name__})"
                add(f"{_shown(value)} is not of type {' or '.join(types)} (it is {actual})")
                return
        if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
            add(f"{_shown(value)} is not one of {_shown(schema['enum'])}")
        if "const" in schema and not _same(value, schema["const"]):
            add(f"{_shown(schema['const'])} was expected, not {_shown(value)}")
        if stop_at_first and len(found) > before:
            return
        kind = _json_type(value)
        if kind == "object":
            self._object(value, schema, parts, found, stop_at_first)
        elif kind == "array":
            self._array(value, schema, parts, found, stop_at_first)
        elif kind == "string":
            self._string(value, schema, add)
        elif kind in ("integer", "number"):
            self._number(value, schema, add)
        if stop_at_first and len(found) > before:
            return
        self._combinators(value, schema, parts, found, stop_at_first, add)

    def _object(self, value: dict, schema, parts, found, stop_at_first) -> None:
        for name in schema.get("required", []):
            if name not in value:
                found.append((parts, f"the required field {_shown(name)} is missing"))
        for name, needed in schema.get("dependentRequired", {}).items():
            if name in value:
                for other in needed:
                    if other not in value:
                        found.append((parts, f"the field {_shown(other)} is required when {_shown(name)} is present"))
        if "minProperties" in schema and len(value) < schema["minProperties"]:
            found.append((parts, f"needs at least {schema['minProperties']} fields"))
        if "maxProperties" in schema and len(value) > schema["maxProperties"]:
            found.append((parts, f"has more than {schema['maxProperties']} fields"))
        properties = schema.get("properties", {})
        patterns = [(_pattern(p), s) for p, s in schema.get("patternProperties", {}).items()]
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        for key, item in value.items():
            where = (*parts, key)
            if stop_at_first and found:
                return
            if names is not None:
                self._check(key, names, where, found, stop_at_first)
            matched = False
            if key in properties:
                matched = True
                self._check(item, properties[key], where, found, stop_at_first)
            for regex, sub in patterns:
                if regex.search(key):
                    matched = True
                    self._check(item, sub, where, found, stop_at_first)
            if not matched:
                if extra is False:
                    found.append((parts, f"unknown field {_shown(key)}"))
                elif isinstance(extra, dict):
                    self._check(item, extra, where, found, stop_at_first)

    def _array(self, value: list, schema, parts, found, stop_at_first) -> None:
        if "minItems" in schema and len(value) < schema["minItems"]:
            found.append((parts, f"needs at least {schema['minItems']} items, has {len(value)}"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            found.append((parts, f"has {len(value)} items, more than {schema['maxItems']}"))
        if schema.get("uniqueItems"):
            seen: set[str] = set()
            for i, item in enumerate(value):
                key = _canonical(item)
                if key in seen:
                    found.append(((*parts, i), f"{_shown(item)} appears more than once"))
                seen.add(key)
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            if stop_at_first and found:
                return
            if i < len(prefix):
                self._check(item, prefix[i], (*parts, i), found, stop_at_first)
            elif "items" in schema:
                self._check(item, schema["items"], (*parts, i), found, stop_at_first)
        if "contains" in schema and not any(self.is_valid(item, schema["contains"]) for item in value):
            found.append((parts, "has no item of the kind required"))

    def _string(self, value: str, schema, add) -> None:
        if "minLength" in schema and len(value) < schema["minLength"]:
            add(f"{_shown(value)} is shorter than {schema['minLength']} characters")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            add(f"is longer than {schema['maxLength']} characters")
        if "pattern" in schema and not _pattern(schema["pattern"]).search(value):
            add(f"{_shown(value)} does not match {schema['pattern']}")
        if "format" in schema and not _format_ok(value, schema["format"]):
            add(f"{_shown(value)} is not a valid {schema['format']}")

    def _number(self, value, schema, add) -> None:
        if "minimum" in schema and value < schema["minimum"]:
            add(f"{value} is less than the minimum of {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            add(f"{value} is more than the maximum of {schema['maximum']}")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            add(f"{value} must be more than {schema['exclusiveMinimum']}")
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            add(f"{value} must be less than {schema['exclusiveMaximum']}")
        if "multipleOf" in schema and value % schema["multipleOf"]:
            add(f"{value} is not a multiple of {schema['multipleOf']}")

    def _combinators(self, value, schema, parts, found, stop_at_first, add) -> None:
        for sub in schema.get("allOf", []):
            self._check(value, sub, parts, found, stop_at_first)
        if "anyOf" in schema and not any(self.is_valid(value, sub) for sub in schema["anyOf"]):
            self._best(value, schema["anyOf"], parts, found, add, stop_at_first)
        if "oneOf" in schema:
            passing = sum(1 for sub in schema["oneOf"] if self.is_valid(value, sub))
            if passing == 0:
                self._best(value, schema["oneOf"], parts, found, add, stop_at_first)
            elif passing > 1:
                add(f"{_shown(value)} matches more than one of the allowed forms")
        if "not" in schema and self.is_valid(value, schema["not"]):
            add(f"{_shown(value)} is not allowed here")
        if "if" in schema:
            branch = "then" if self.is_valid(value, schema["if"]) else "else"
            if branch in schema:
                self._check(value, schema[branch], parts, found, stop_at_first)

    def _best(self, value, options: list, parts, found, add, stop_at_first: bool) -> None:
        """No allowed form matches: report the problems of the form of the same JSON type, else a summary."""
        same_type = [s for s in options if isinstance(s, dict) and _declares(self, s, value)]
        if len(same_type) == 1 and not stop_at_first:
            self._check(value, same_type[0], parts, found)
        else:
            add(f"{_shown(value)} does not match any of the allowed forms")


def _declares(validator: Validator, schema: dict, value) -> bool:
    """True when ``schema`` (after its ``$ref``) declares a type that ``value`` has."""
    while "$ref" in schema and "type" not in schema:
        schema = validator._resolve(schema["$ref"])
    types = schema.get("type")
    if types is None:
        return False
    return any(_is_type(value, t) for t in (types if isinstance(types, list) else [types]))


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if _json_type(a) is None:
        return False
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return _canonical(a) == _canonical(b)
    return a == b


def unknown_keywords(schema) -> set[str]:
    """Keywords in ``schema`` (anywhere) that this validator neither checks nor ignores as annotations."""
    unknown: set[str] = set()

    def walk(node, naming: bool = False):
        if isinstance(node, dict):
            for key, sub in node.items():
                if naming:
                    walk(sub)
                    continue
                if key not in KEYWORDS and key not in ANNOTATIONS:
                    unknown.add(key)
                if key in ("properties", "patternProperties", "$defs", "definitions", "dependentRequired"):
                    walk(sub, naming=key != "dependentRequired")
                elif key not in ("enum", "const", "required", "examples", "default"):
                    walk(sub)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(schema)
    return unknown
