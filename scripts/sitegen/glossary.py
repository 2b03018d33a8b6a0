"""The glossary: the policy's terms (policy/glossary.json) and where the text uses each, computed from the text.

The same file feeds the glossary page and the search's word segmentation (see search_terms.py), so a term
is written once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema

from scripts.policy_checks import ROOT

GLOSSARY_PATH = ROOT / "policy" / "glossary.json"
GLOSSARY_SCHEMA_PATH = ROOT / "policy" / "glossary.schema.json"

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Use:
    """One sentence that uses a term: the sentence id and the page it is on (a measure id, or None for the closing)."""

    sentence: str
    measure: str | None


def load_glossary(path: Path = GLOSSARY_PATH, schema_path: Path = GLOSSARY_SCHEMA_PATH) -> dict:
    """The glossary file, checked against its schema; a problem raises ValueError naming the JSON path."""
    glossary = json.loads(Path(path).read_text(encoding="utf-8"))
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(glossary), key=lambda e: list(map(str, e.path)))
    if errors:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in errors[0].absolute_path)
        raise ValueError(f"{path.name}: {where}: {errors[0].message}")
    seen = set()
    for index, term in enumerate(glossary["terms"]):
        if term["zh"] in seen:
            raise ValueError(f"{path.name}: $.terms[{index}].zh: {term['zh']!r} is listed twice")
        seen.add(term["zh"])
    return glossary


def sentences(policy: dict) -> list[tuple[dict, str | None]]:
    """Every sentence of the measures and of the closing paragraph, with its measure id (None for the closing)."""
    out = [(s, m["id"]) for m in policy["measures"] for p in m["paragraphs"] for s in p["sentences"]]
    out += [(s, None) for s in policy["document"]["closing"]["sentences"]]
    return out


def uses(policy: dict, term: str) -> list[Use]:
    """The sentences whose verbatim Chinese contains ``term``, in text order."""
    return [Use(s["id"], measure) for s, measure in sentences(policy) if term in s["zh"]]


def usage(policy: dict, glossary: dict) -> dict[str, list[Use]]:
    """Term -> its uses; a term the text never uses is an error (the glossary must describe this text)."""
    found = {term["zh"]: uses(policy, term["zh"]) for term in glossary["terms"]}
    unused = [term for term, where in found.items() if not where]
    if unused:
        raise ValueError(f"glossary.json: terms not found in the policy text: {', '.join(unused)}")
    return found


def search_words(glossary: dict) -> list[str]:
    """Words for the search's segmentation: each run of Chinese characters (two or more) in a search_word term."""
    words: list[str] = []
    for term in glossary["terms"]:
        if term["search_word"]:
            words += [run for run in _HAN_RUN.findall(term["zh"]) if len(run) >= 2 and run not in words]
    return words
