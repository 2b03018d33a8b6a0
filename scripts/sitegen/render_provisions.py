"""The index of all provisions: one table, readable as it is; filters and sorting added by JavaScript.

Without JavaScript the page is a plain table in the text's order. With it, assets/provisions-table.mjs
shows the filter form (rendered here, hidden until the script runs) and makes the column headers sort the
rows, reading the ``data-sort`` values written here (amounts in yuan, measure numbers).
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
from .markdown import html
from .names import measure_page

#: The page's place in the site: provisions/ (links in raw HTML are relative to it).
UP = "../"


def measure_of(policy: dict, provision: dict) -> dict:
    return next(m for m in policy["measures"] if m["id"] == provision["measure"])


def agency_links(policy: dict, agency_ids: list[str], lang: str, up: str) -> str:
    names = {a["id"]: a["name"] for a in policy["agencies"]}
    return translate(lang, "js.listSep").join(
        f'<a href="{up}agencies/{html(a)}/">{html(tx(names[a], lang))}</a>' for a in agency_ids)


def row(policy: dict, provision: dict, lang: str) -> str:
    measure = measure_of(policy, provision)
    href = UP + measure_page(measure["id"], provision["id"])
    figure = headline(provision)
    cells = [
        (f'<a href="{href}"><code>{html(provision["id"])}</code></a> {html(tx(provision["label"], lang))} '
         + copy_button(provision["id"], lang, href), provision["id"]),
        (f'<a href="{UP}{measure_page(measure["id"])}">{html(measure_name(measure, lang))}</a> '
         f'{html(tx(measure["title"], lang))}', str(measure["number"])),
        (html(beneficiary_label(provision, lang)), None),
        (html(kind_label(provision, lang)), None),
        (html(amount_summary(provision, lang)), str(figure) if figure is not None else "-1"),
        (html(period_label(provision, lang)), None),
        (agency_links(policy, measure["agencies"], lang, UP), None),
    ]
    labels = [translate(lang, key) for key in HEADERS]
    tds = "".join(f'<td data-label="{html(label)}"' + (f' data-sort="{html(key)}"' if key is not None else "") + f">{content}</td>"
                  for (content, key), label in zip(cells, labels))
    return (f'<tr id="row-{html(provision["id"])}" data-measure="{measure["id"]}" data-kind="{provision["kind"]}" '
            f'data-period="{provision["period"]}" data-agencies="{" ".join(measure["agencies"])}">{tds}</tr>')


#: The table's columns (catalog keys).
HEADERS = ["describe.fact_provision", "describe.fact_measure", "describe.fact_beneficiary", "describe.fact_kind",
           "describe.fact_amount", "describe.fact_period", "describe.fact_agencies"]


def select(name: str, label: str, options: list[tuple[str, str]], lang: str) -> str:
    everything = translate(lang, "provisions.filter_all")
    items = f'<option value="">{html(everything)}</option>' + "".join(
        f'<option value="{html(value)}">{html(text)}</option>' for value, text in options)
    return f'<label>{html(label)} <select name="{name}">{items}</select></label>'


#: Sort choices for the form (column index, direction); the column headers sort too, on wide screens.
SORTS = [("", "provisions.sort_text_order"), ("4:desc", "provisions.sort_amount_desc"),
         ("4:asc", "provisions.sort_amount_asc"), ("2:asc", "describe.fact_beneficiary"), ("3:asc", "describe.fact_kind")]


def sort_select(lang: str) -> str:
    options = "".join(f'<option value="{value}">{html(translate(lang, key))}</option>' for value, key in SORTS)
    return f'<label>{html(translate(lang, "provisions.sort"))} <select name="sort" data-sort-control>{options}</select></label>'


def filter_form(policy: dict, lang: str) -> str:
    measures = [(m["id"], translate(lang, "provisions.filter_measure", numeral=measure_numeral(m, lang), title=tx(m["title"], lang)))
                for m in policy["measures"]]
    kinds = [(k, v[lang]) for k, v in KIND.items() if any(p["kind"] == k for p in policy["provisions"])]
    periods = [(k, v[lang]) for k, v in PERIOD.items() if any(p["period"] == k for p in policy["provisions"])]
    agencies = [(a["id"], tx(a["name"], lang)) for a in policy["agencies"]]
    return (
        '<form class="table-filters" data-table="provisions-table" hidden>'
        + select("measure", translate(lang, "describe.fact_measure"), measures, lang)
        + select("kind", translate(lang, "describe.fact_kind"), kinds, lang)
        + select("period", translate(lang, "describe.fact_period"), periods, lang)
        + select("agencies", translate(lang, "provisions.filter_agency"), agencies, lang)
        + f'<label>{html(translate(lang, "provisions.filter_words"))} <input type="search" name="q"></label>'
        + sort_select(lang)
        + f'<output class="table-count" aria-live="polite" data-template="{html(translate(lang, "provisions.count"))}"></output>'
        + "</form>"
    )


def render_provisions(policy: dict, lang: str) -> str:
    """Markdown for the provisions index."""
    head = "".join(f'<th scope="col">{html(translate(lang, key))}</th>' for key in HEADERS)
    rows = "\n".join(row(policy, p, lang) for p in policy["provisions"])
    intro = translate(lang, "provisions.intro", count=len(policy["provisions"]), example=measure_page("m2", "m2-2"))
    sort_hint = translate(lang, "provisions.js_hint")
    return "\n".join([
        f"# {translate(lang, 'provisions.title')}",
        "",
        f'<p class="lead">{html(intro)}</p>',
        "",
        f'<p class="js-hint">{html(sort_hint)}</p>',
        "",
        filter_form(policy, lang),
        "",
        f'<table id="provisions-table" data-sortable data-cards><thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>',
        "",
    ])
