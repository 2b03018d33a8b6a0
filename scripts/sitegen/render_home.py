"""The home page (templates/home.md.j2): what the policy is, who issued it, when it applies, and the twelve measures at a glance."""

from __future__ import annotations

from .catalog import translate
from .describe import agency_list, format_date, measure_headline, measure_numeral, provisions_of, tx
from .markdown import card_table, cell, html, table
from .charts import headline_chart
from .names import calculator_page, element_id, measure_page
from .policy_text import paragraph_html
from .profiles import load_profiles
from .templating import render
from calc.headline import headline, headline_amount
from calc.money import format_amount
from .names import examples_page
from .worked_examples import load_examples


def overlap_rule(document: dict, lang: str) -> str:
    """The overlap rule in the edition's language; the English edition adds the text's own words after it."""
    rule = document["overlap_rule"]
    return tx(rule, lang) + ("" if lang == "zh" else translate(lang, "home.original_words", words=rule["zh"]))


def facts_table(policy: dict, lang: str) -> str:
    document = policy["document"]
    unknown = translate(lang, "home.fact_unknown")
    rows = [
        ("issuer", tx(document["issuer"], lang)),
        ("released", format_date(document["released"], lang)),
        ("in_force_from", format_date(document["in_force"]["from"], lang)),
        ("in_force_until", format_date(document["in_force"]["to"], lang)),
        ("lead_agency", agency_list(policy, [document["lead_agency"]], lang)[0]),
        ("overlap_rule", overlap_rule(document, lang)),
        ("document_number", document["document_number"] or unknown),
        ("implementing_rules", document["implementing_rules"] or unknown),
    ]
    return table([translate(lang, "home.facts_item"), translate(lang, "home.facts_detail")],
                 [[cell(translate(lang, f"home.fact_{name}")), cell(value)] for name, value in rows])


#: The columns of the measures table, by catalog key.
MEASURE_COLUMNS = ("home.column_number", "describe.fact_measure", "home.column_provisions", "home.column_headline",
                   "describe.fact_agencies")


def measures_table(policy: dict, lang: str) -> str:
    sep = translate(lang, "list.item_sep")
    rows = [[
        html(measure_numeral(measure, lang)),
        f'<a href="{html(measure_page(measure["id"]))}">{html(tx(measure["title"], lang))}</a>',
        str(len(provisions_of(policy, measure))),
        html(measure_headline(policy, measure, lang)),
        html(sep.join(agency_list(policy, measure["agencies"], lang))),
    ] for measure in policy["measures"]]
    return card_table([translate(lang, key) for key in MEASURE_COLUMNS], rows)


#: How many of the largest provisions the top of the home page names.
TOP = 3


def offer(policy: dict, lang: str) -> str:
    """What the policy offers, in one screen: counts, the largest amounts, and the way to the calculator."""
    questions = load_profiles()["questions"]
    named = sorted((p for p in policy["provisions"] if headline_amount(p) is not None), key=lambda p: -headline_amount(p))
    top = [{"label": tx(p["label"], lang), "headline": headline(p, lang), "href": measure_page(p["measure"], p["id"])}
           for p in named[:TOP]]
    html_block = render("home_offer.html.j2", lang, measures=len(policy["measures"]), provisions=len(policy["provisions"]),
                        largest=format_amount(headline_amount(named[0]), lang), top=top,
                        questions=len(questions), start_href=calculator_page(element_id("question", name=questions[0]["id"])),
                        examples=len(load_examples(policy)), examples_href=examples_page())
    return "\n".join(line for line in html_block.splitlines() if line.strip())


def render_home(policy: dict, lang: str) -> str:
    """Markdown for the home page (templates/home.md.j2)."""
    document = policy["document"]
    return render("home.md.j2", lang, title=tx(document["title"], lang), offer=offer(policy, lang),
                  facts=facts_table(policy, lang), measures=measures_table(policy, lang),
                  chart=headline_chart(policy, lang),
                  closing=paragraph_html("closing", document["closing"]["sentences"], lang),
                  introduction=document["introduction"])
