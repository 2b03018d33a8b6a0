"""The about page: the source of record, what is not known, and how to read the amounts (templates/about.md.j2)."""

from __future__ import annotations

from .catalog import translate
from calc.overlap import overlap_sentence

from .describe import format_date, tx
from .markdown import md
from .names import measure_source
from .templating import render

#: Document fields that may be unknown (null in the data), each with the catalog key of its name.
UNKNOWN_FIELDS = {
    "document_number": "about.field_document_number",
    "official_url": "about.field_official_url",
    "implementing_rules": "about.field_implementing_rules",
}

#: The text's words for an upper bound (calc.labels.UP_TO_TERMS) that the page explains, by placeholder.
BOUND_TERMS = {"up_to": "最高", "merit": "择优", "review": "经评审认定", "not_more": "不超过"}


def provision_link(provision: dict, lang: str) -> str:
    return f"[{md(tx(provision['label'], lang))}]({measure_source(provision['measure'])}#{provision['id']})"


def render_about(policy: dict, lang: str) -> str:
    """Markdown for the about page."""
    document, dataset = policy["document"], policy["dataset"]
    return render(
        "about.md.j2", lang,
        issuer=tx(document["issuer"], lang),
        title_zh=document["title"]["zh"],
        released=format_date(document["released"], lang),
        source_file=dataset["source_file"],
        unknown=[translate(lang, key) for field, key in UNKNOWN_FIELDS.items() if document[field] is None],
        open_amounts=[provision_link(p, lang) for p in policy["provisions"] if p["kind"] == "open_amount"],
        unstated=[provision_link(p, lang) for p in policy["provisions"]
                  if any(c["id"] == "meets_conditions" for c in p["conditions"])],
        sep=translate(lang, "list.item_sep"),
        terms=BOUND_TERMS,
        overlap_sentence=tx(overlap_sentence(document["closing"]["sentences"]), lang),
        version=dataset["version"],
        last_updated=format_date(dataset["last_updated"], lang),
    )
