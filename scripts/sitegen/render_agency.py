"""A page per responsible agency (责任单位), and an index of the agencies (agencies/index.md).

The text names the responsible agencies at the end of each measure, not for each provision; an agency's
page therefore lists the measures it is named for and every provision of those measures, and says so.
Markup is in templates/agency.md.j2 and agency_index.md.j2, words in catalogs/<lang>.json; this module
gathers what they show from the policy JSON.
"""

from __future__ import annotations

from . import names
from .describe import amount_summary, beneficiary_label, kind_label, measure_name, measure_numeral, provisions_of, tx
from .templating import render


def measures_of(policy: dict, agency: dict) -> list[dict]:
    return [m for m in policy["measures"] if agency["id"] in m["agencies"]]


def other_language_name(agency: dict, lang: str) -> str:
    """On English pages, the Chinese name as the text writes it; on Chinese pages, the project's English."""
    other = agency["name"]["zh"] if lang == "en" else agency["name"]["en"]
    return other or ""


def lead_clause(policy: dict) -> str:
    """The clause of the closing paragraph that names the lead agency, in the text's words (本措施由…牵头组织实施)."""
    lead = next(a for a in policy["agencies"] if a["id"] == policy["document"]["lead_agency"])["name"]["zh"]
    sentence = next(s["zh"] for s in policy["document"]["closing"]["sentences"] if lead in s["zh"])
    return next(clause for clause in sentence.split(",") if lead in clause)


def _provision(provision: dict, lang: str) -> dict:
    """'m2-2 智能算力租用补贴 — 科技研发企业 · 最高额度 · 30% × …': label and details, unescaped."""
    return {"id": provision["id"], "label": tx(provision["label"], lang),
            "details": [beneficiary_label(provision, lang), kind_label(provision, lang), amount_summary(provision, lang)]}


def render_agency(policy: dict, agency: dict, lang: str) -> str:
    """Markdown for one agency's page (links are relative to agencies/<id>.md)."""
    measures = [{"name": measure_name(m, lang), "title": tx(m["title"], lang), "source": names.measure_source(m["id"]),
                 "provisions": [_provision(p, lang) for p in provisions_of(policy, m)]}
                for m in measures_of(policy, agency)]
    lead = agency["id"] == policy["document"]["lead_agency"]
    return render("agency.md.j2", lang, name=tx(agency["name"], lang), other=other_language_name(agency, lang),
                  lead_clause=lead_clause(policy) if lead else "", measures=measures)


def render_agency_index(policy: dict, lang: str) -> str:
    """Markdown for agencies/index.md: one line per agency, its measures and how many provisions they hold."""
    agencies = []
    for agency in policy["agencies"]:
        measures = measures_of(policy, agency)
        agencies.append({"source": names.agency_source(agency["id"]), "name": tx(agency["name"], lang), "other": other_language_name(agency, lang),
                         "count": sum(len(provisions_of(policy, m)) for m in measures),
                         "measures": [{"numeral": measure_numeral(m, lang), "source": names.measure_source(m["id"])}
                                      for m in measures]})
    return render("agency_index.md.j2", lang, agencies=agencies)
