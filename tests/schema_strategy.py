"""Hypothesis strategies drawn from a JSON Schema, read at run time (so fields the schema gains are drawn too).

hypothesis-jsonschema was the first choice (issue 12), but its release 0.23.1 fails with the Hypothesis pinned
here (6.170: ``AttributeError: 'many' object has no attribute 'more'`` on any object schema), and it targets
drafts 4 to 7 while the project's schemas are 2020-12. This covers the keywords the scenario schema uses;
any other keyword raises, so a schema change that needs more fails loudly here instead of being drawn wrongly.

``overrides`` maps a JSON pointer into the schema (e.g. ``/properties/claims/items``) to a strategy to use there.
"""

from __future__ import annotations

from hypothesis import strategies as st

HANDLED = {"type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "pattern",
           "minLength", "maxLength", "enum", "const", "$ref", "minimum", "maximum"}
IGNORED = {"$schema", "$id", "title", "description", "$defs", "default", "examples", "$comment", "format"}
#: Arrays are drawn at most this long (a schema's maxItems may be far larger).
MAX_DRAWN_ITEMS = 8


def from_schema(schema: dict, overrides: dict | None = None, root: dict | None = None, pointer: str = ""):
    overrides = overrides or {}
    root = root or schema
    if pointer in overrides:
        return overrides[pointer]
    if schema is True or schema == {}:
        return json_values()
    unknown = set(schema) - HANDLED - IGNORED
    if unknown:
        raise NotImplementedError(f"schema keywords not drawn at {pointer or '/'}: {sorted(unknown)}")
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        return from_schema(target, overrides, root, ref[1:])
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    types = schema.get("type", ["null", "boolean", "integer", "string", "array", "object"])
    types = types if isinstance(types, list) else [types]
    return st.one_of(*[_typed(t, schema, overrides, root, pointer) for t in types])


def _typed(kind: str, schema: dict, overrides, root, pointer):
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "number"):
        return st.integers(min_value=schema.get("minimum"), max_value=schema.get("maximum"))
    if kind == "string":
        if "pattern" in schema:
            text = st.from_regex(schema["pattern"], fullmatch=True)
        else:
            text = st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 40), 40))
        if "maxLength" in schema:
            text = text.filter(lambda s: len(s) <= schema["maxLength"])
        return text
    if kind == "array":
        items = from_schema(schema.get("items", True), overrides, root, pointer + "/items")
        return st.lists(items, min_size=schema.get("minItems", 0),
                        max_size=min(schema.get("maxItems", MAX_DRAWN_ITEMS), MAX_DRAWN_ITEMS))
    assert kind == "object", kind
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    fixed = {name: from_schema(sub, overrides, root, f"{pointer}/properties/{name}")
             for name, sub in properties.items() if name in required}
    optional = {name: from_schema(sub, overrides, root, f"{pointer}/properties/{name}")
                for name, sub in properties.items() if name not in required}
    extra = schema.get("additionalProperties", True)
    base = st.fixed_dictionaries(fixed, optional=optional)
    if extra is False:
        return base
    values = from_schema(extra, overrides, root, pointer + "/additionalProperties")
    keys = st.text(max_size=20).filter(lambda k: k not in properties)
    return st.tuples(base, st.dictionaries(keys, values, max_size=4)).map(lambda pair: {**pair[1], **pair[0]})


def json_values(max_leaves: int = 20):
    """Any JSON value (integers, floats, text with any code point including lone surrogates)."""
    leaves = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
    return st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                        max_leaves=max_leaves)
