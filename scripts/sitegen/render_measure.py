"""One page per measure: the verbatim text, a table of its provisions, each provision in detail, the agencies.

Every sentence is wrapped in an element whose id is the sentence id, and every provision's heading has the
provision id as its anchor, so explanations and other sites can link to the exact clause. Markup is in
templates/measure.md.j2, words in catalogs/<lang>.json (``measure.*``, ``describe.*``); this module gathers
what the template shows from the policy JSON.
"""

from __future__ import annotations

import posixpath

from .catalog import translate
from .describe import (
    agency_list,
    amount_summary,
    beneficiary_label,
    conditions_label,
    date_rule_label,
    kind_label,
    measure_name,
    period_label,
    provisions_of,
    support_label,
    tx,
    up_to_label,
)
from .markdown import card_table, html
from .names import agency_source, measure_source
from .provision_files import provision_path
from .publish import DATA_DIR
from .policy_text import paragraph_html
from .templating import render
from .render_calculator import calculator_link
from .charts import share_chart
from .copy_link import copy_button
from .names import examples_source
from .worked_examples import examples_by_provision, load_examples

#: The overview table's columns (catalog keys).
OVERVIEW = ("describe.fact_provision", "describe.fact_kind", "describe.fact_beneficiary", "describe.fact_amount",
            "describe.fact_period", "describe.fact_conditions")


def text_section(measure: dict, lang: str) -> str:
    """The measure's paragraphs, verbatim; in English each paragraph's translation precedes the Chinese."""
    return "\n\n".join(paragraph_html(p["id"], p["sentences"], lang) for p in measure["paragraphs"])


def overview_table(provisions: list[dict], lang: str) -> str:
    header = [translate(lang, key) for key in OVERVIEW]
    rows = [[
        f'<a href="#{html(p["id"])}">{html(p["id"])}</a> {html(tx(p["label"], lang))}',
        html(kind_label(p, lang)),
        html(beneficiary_label(p, lang)),
        html(amount_summary(p, lang)),
        html(period_label(p, lang)),
        html(conditions_label(p, lang)),
    ] for p in provisions]
    return card_table(header, rows)


def overlap_notes(policy: dict, provision: dict, lang: str) -> list[dict]:
    """The overlap groups the provision is in: the rule's name, links to the other provisions, the explanation."""
    measure_of = {p["id"]: p["measure"] for p in policy["provisions"]}
    here = posixpath.dirname(measure_source(provision["measure"]))
    return [{"rule": policy["document"]["overlap_rule"]["zh"], "explanation": tx(group["explanation"], lang),
             "others": [{"id": pid, "href": f"{posixpath.relpath(measure_source(measure_of[pid]), here)}#{pid}"}
                        for pid in group["provisions"] if pid != provision["id"]]}
            for group in policy["overlap_groups"] if provision["id"] in group["provisions"]]


def example_links(policy: dict, provision: dict, lang: str) -> list[dict]:
    """The worked examples that claim this provision: their titles and Markdown links to their headings."""
    here = posixpath.dirname(measure_source(provision["measure"]))
    href = posixpath.relpath(examples_source(), here)
    return [{"title": tx(example.title, lang), "href": f"{href}#{example.id}"}
            for example in examples_by_provision(load_examples(policy)).get(provision["id"], [])]


def facts(provision: dict, lang: str) -> list[tuple[str, str]]:
    """The provision's facts after its id, as (catalog key of the label, plain text)."""
    listed = [
        ("describe.fact_kind", f"{kind_label(provision, lang)} · {support_label(provision, lang)}"),
        ("describe.fact_beneficiary", beneficiary_label(provision, lang)),
        ("describe.fact_amount", amount_summary(provision, lang)),
        ("describe.fact_period", period_label(provision, lang)),
    ]
    if provision["date_rule"]:
        listed.append(("measure.fact_date_rule", date_rule_label(provision, lang)))
    if provision["conditions"]:
        listed.append(("measure.fact_conditions_to_confirm", conditions_label(provision, lang)))
    if up_to_label(provision, lang):
        listed.append(("measure.fact_up_to", up_to_label(provision, lang)))
    return listed


def json_link(provision: dict, lang: str) -> str:
    """A link (raw HTML: MkDocs checks only links to pages) from the measure page to the provision's own JSON file,
    which the Chinese build publishes at the site's root."""
    path = f"{DATA_DIR}/{provision_path(provision['id'])}"
    root = "../../" + ("../" if lang == "en" else "")
    return f'<a href="{html(root + path)}" type="application/json"><code>{html(path)}</code></a>'


def provision_section(policy: dict, provision: dict, lang: str) -> dict:
    """What the template shows of one provision: quote, facts, overlaps, calculator link, notes, chart."""
    pid = provision["id"]
    notes = provision["notes"] + ([provision["coordination"]["explanation"]] if provision["coordination"] else [])
    return {
        "id": pid,
        "label": tx(provision["label"], lang),
        "quote": [f["zh"] for f in provision["fragments"]],
        "english": [f["en"] for f in provision["fragments"] if f["en"]] if lang == "en" else [],
        "copy_button": copy_button(pid, lang, f"#{pid}"),
        "json": json_link(provision, lang),
        "facts": facts(provision, lang),
        "overlaps": overlap_notes(policy, provision, lang),
        "calculator_link": calculator_link(provision, lang) or "",
        "notes": [tx(note, lang) for note in notes],
        "chart": share_chart(provision, lang) if provision["kind"] == "share_of_base" else "",
        "examples": example_links(policy, provision, lang),
    }


def render_measure(policy: dict, measure: dict, lang: str) -> str:
    """Markdown for one measure page."""
    provisions = provisions_of(policy, measure)
    names = agency_list(policy, measure["agencies"], lang)
    return render("measure.md.j2", lang, title=tx(measure["title"], lang), name=measure_name(measure, lang),
                  agencies=[{"href": f"../{agency_source(a)}", "name": n} for a, n in zip(measure["agencies"], names)],
                  text=text_section(measure, lang), overview=overview_table(provisions, lang),
                  provisions=[provision_section(policy, p, lang) for p in provisions],
                  quote_gap=translate("zh", "measure.quote_gap"))
