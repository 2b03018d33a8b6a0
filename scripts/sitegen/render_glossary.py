"""The glossary page (glossary.md): each term in Chinese and English, a short note, and where the text uses it.

Where a term is used is computed from the verbatim text (glossary.usage), so it cannot drift from the text.
Markup is in templates/glossary.md.j2, words in catalogs/<lang>.json.
"""

from __future__ import annotations

from . import names
from .catalog import translate
from .describe import measure_name
from .glossary import Use, usage
from .templating import render


def places(policy: dict, uses: list[Use], lang: str) -> list[dict]:
    """The sentences using a term, grouped by measure (the closing paragraph is on the home page, index.md)."""
    groups: dict[str | None, list[dict]] = {}
    for use in uses:
        target = "index.md" if use.measure is None else names.measure_source(use.measure)
        groups.setdefault(use.measure, []).append({"sentence": use.sentence, "target": target})
    measures = {m["id"]: m for m in policy["measures"]}
    return [{"name": translate(lang, "glossary.closing") if measure_id is None else measure_name(measures[measure_id], lang),
             "uses": uses} for measure_id, uses in groups.items()]


def render_glossary(policy: dict, glossary: dict, lang: str) -> str:
    """Markdown for glossary.md."""
    where = usage(policy, glossary)
    terms = [{"zh": term["zh"], "en": term["en"], "note": term["note"][lang] if term.get("note") else "",
              "groups": places(policy, where[term["zh"]], lang)} for term in glossary["terms"]]
    return render("glossary.md.j2", lang, terms=terms)
