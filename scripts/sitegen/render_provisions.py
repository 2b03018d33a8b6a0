"""The index of all provisions: one table, readable as it is; filters and sorting added by JavaScript.

Without JavaScript the page is a plain table in the text's order. With it, assets/provisions-table.mjs
shows the filter form (rendered here, hidden until the script runs) and makes the column headers sort the
rows, reading the ``data-sort`` values written here (amounts in yuan, measure numbers). Markup is in
templates/provisions.md.j2, words in catalogs/<lang>.json (``provisions.*``, ``describe.fact_*``); this
module gathers what the template shows from the policy JSON.
"""

from __future__ import annotations

from calc.labels import KIND, PERIOD

from .catalog import translate
from .describe import (
    amount_summary,
    beneficiary_label,
    headline,
    kind_label,
    measure_name,
    measure_numeral,
    period_label,
    tx,
)
from .copy_link import copy_button
from .names import agency_page, measure_page
from .templating import render

#: The page's place in the site: provisions/ (links in raw HTML are relative to it).
UP = "../"

#: The table's columns (catalog keys).
HEADERS = ["describe.fact_provision", "describe.fact_measure", "describe.fact_beneficiary", "describe.fact_kind",
           "describe.fact_amount", "describe.fact_period", "describe.fact_agencies"]

#: Sort choices for the form (column index, direction; catalog key); the column headers sort too, on wide screens.
SORTS = [("", "provisions.sort_text_order"), ("4:desc", "provisions.sort_amount_desc"),
         ("4:asc", "provisions.sort_amount_asc"), ("2:asc", "describe.fact_beneficiary"), ("3:asc", "describe.fact_kind")]


def measure_facts(policy: dict, measure: dict, lang: str) -> dict:
    """What a row shows of its provision's measure: address, name, title, agencies."""
    names = {a["id"]: a["name"] for a in policy["agencies"]}
    return {"id": measure["id"], "number": str(measure["number"]), "href": UP + measure_page(measure["id"]),
            "name": measure_name(measure, lang), "title": tx(measure["title"], lang),
            "agencies": [{"id": a, "href": UP + agency_page(a), "name": tx(names[a], lang)} for a in measure["agencies"]]}


def row(policy: dict, provision: dict, lang: str) -> dict:
    """One table row: the provision, its measure, and the sort key of its amount (-1 when it names none)."""
    measure = next(m for m in policy["measures"] if m["id"] == provision["measure"])
    href = UP + measure_page(measure["id"], provision["id"])
    figure = headline(provision)
    return {"id": provision["id"], "href": href, "label": tx(provision["label"], lang),
            "copy_button": copy_button(provision["id"], lang, href), "measure": measure_facts(policy, measure, lang),
            "kind": provision["kind"], "period": provision["period"],
            "beneficiary": beneficiary_label(provision, lang), "kind_label": kind_label(provision, lang),
            "amount": amount_summary(provision, lang), "figure": str(figure) if figure is not None else "-1",
            "period_label": period_label(provision, lang)}


def filters(policy: dict, lang: str) -> dict[str, list[dict]]:
    """The form's choices: every measure and agency, and the kinds and periods some provision has."""
    def options(pairs):
        return [{"value": value, "text": text} for value, text in pairs]
    used = {field: {p[field] for p in policy["provisions"]} for field in ("kind", "period")}
    return {
        "measure": options((m["id"], translate(lang, "provisions.filter_measure", numeral=measure_numeral(m, lang),
                                                title=tx(m["title"], lang))) for m in policy["measures"]),
        "kind": options((k, v[lang]) for k, v in KIND.items() if k in used["kind"]),
        "period": options((k, v[lang]) for k, v in PERIOD.items() if k in used["period"]),
        "agencies": options((a["id"], tx(a["name"], lang)) for a in policy["agencies"]),
    }


def render_provisions(policy: dict, lang: str) -> str:
    """Markdown for the provisions index."""
    return render("provisions.md.j2", lang, columns=HEADERS, sorts=SORTS, up=UP, filters=filters(policy, lang),
                  rows=[row(policy, p, lang) for p in policy["provisions"]], example=measure_page("m2", "m2-2"))
