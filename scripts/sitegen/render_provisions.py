"""The index of all provisions: one table, readable as it is; filters and sorting added by JavaScript.

Without JavaScript the page is a plain table in the text's order. With it, assets/provisions-table.mjs
shows the filter form (rendered here, hidden until the script runs) and makes the column headers sort the
rows, reading the ``data-sort`` values written here (amounts in yuan, measure numbers).
"""

from __future__ import annotations

from calc.labels import KIND, PERIOD

from .describe import (
    amount_summary,
    beneficiary_label,
    headline,
    kind_label,
    period_label,
    pick,
    tx,
)
from .copy_link import copy_button
from .markdown import html

#: The page's place in the site: provisions/ (links in raw HTML are relative to it).
UP = "../"


def measure_of(policy: dict, provision: dict) -> dict:
    return next(m for m in policy["measures"] if m["id"] == provision["measure"])


def agency_links(policy: dict, agency_ids: list[str], lang: str, up: str) -> str:
    names = {a["id"]: a["name"] for a in policy["agencies"]}
    return pick(lang, "、", ", ").join(
        f'<a href="{up}agencies/{html(a)}/">{html(tx(names[a], lang))}</a>' for a in agency_ids)


def row(policy: dict, provision: dict, lang: str) -> str:
    measure = measure_of(policy, provision)
    href = f"{UP}measures/{measure['id']}/#{provision['id']}"
    figure = headline(provision)
    cells = [
        (f'<a href="{href}"><code>{html(provision["id"])}</code></a> {html(tx(provision["label"], lang))} '
         + copy_button(provision["id"], lang, href), provision["id"]),
        (f'<a href="{UP}measures/{measure["id"]}/">{html(pick(lang, f"第{measure["numeral"]}条", f"Measure {measure["number"]}"))}</a> '
         f'{html(tx(measure["title"], lang))}', str(measure["number"])),
        (html(beneficiary_label(provision, lang)), None),
        (html(kind_label(provision, lang)), None),
        (html(amount_summary(provision, lang)), str(figure) if figure is not None else "-1"),
        (html(period_label(provision, lang)), None),
        (agency_links(policy, measure["agencies"], lang, UP), None),
    ]
    labels = [pick(lang, *h) for h in HEADERS]
    tds = "".join(f'<td data-label="{html(label)}"' + (f' data-sort="{html(key)}"' if key is not None else "") + f">{content}</td>"
                  for (content, key), label in zip(cells, labels))
    return (f'<tr id="row-{html(provision["id"])}" data-measure="{measure["id"]}" data-kind="{provision["kind"]}" '
            f'data-period="{provision["period"]}" data-agencies="{" ".join(measure["agencies"])}">{tds}</tr>')


HEADERS = [("条款", "Provision"), ("措施", "Measure"), ("受益主体", "Beneficiary"), ("类型", "Kind"),
           ("比例 / 上限 / 金额", "Rate / cap / amount"), ("期限", "Period"), ("责任单位", "Responsible agencies")]


def select(name: str, label: str, options: list[tuple[str, str]], lang: str) -> str:
    everything = pick(lang, "全部", "All")
    items = f'<option value="">{html(everything)}</option>' + "".join(
        f'<option value="{html(value)}">{html(text)}</option>' for value, text in options)
    return f'<label>{html(label)} <select name="{name}">{items}</select></label>'


#: Sort choices for the form (column index, direction); the column headers sort too, on wide screens.
SORTS = [("", ("原文顺序", "Order of the text")), ("4:desc", ("金额从高到低", "Amount, highest first")),
         ("4:asc", ("金额从低到高", "Amount, lowest first")), ("2:asc", ("受益主体", "Beneficiary")), ("3:asc", ("类型", "Kind"))]


def sort_select(lang: str) -> str:
    options = "".join(f'<option value="{value}">{html(pick(lang, *label))}</option>' for value, label in SORTS)
    return f'<label>{html(pick(lang, "排序", "Sort"))} <select name="sort" data-sort-control>{options}</select></label>'


def filter_form(policy: dict, lang: str) -> str:
    measures = [(m["id"], pick(lang, f"第{m['numeral']}条 ", f"{m['number']}. ") + tx(m["title"], lang)) for m in policy["measures"]]
    kinds = [(k, v[lang]) for k, v in KIND.items() if any(p["kind"] == k for p in policy["provisions"])]
    periods = [(k, v[lang]) for k, v in PERIOD.items() if any(p["period"] == k for p in policy["provisions"])]
    agencies = [(a["id"], tx(a["name"], lang)) for a in policy["agencies"]]
    return (
        '<form class="table-filters" data-table="provisions-table" hidden>'
        + select("measure", pick(lang, "措施", "Measure"), measures, lang)
        + select("kind", pick(lang, "类型", "Kind"), kinds, lang)
        + select("period", pick(lang, "期限", "Period"), periods, lang)
        + select("agencies", pick(lang, "责任单位", "Agency"), agencies, lang)
        + f'<label>{html(pick(lang, "关键词", "Words"))} <input type="search" name="q"></label>'
        + sort_select(lang)
        + f'<output class="table-count" aria-live="polite" data-template="{html(pick(lang, "显示 {shown} / {total} 项", "Showing {shown} of {total}"))}"></output>'
        + "</form>"
    )


def render_provisions(policy: dict, lang: str) -> str:
    """Markdown for the provisions index."""
    head = "".join(f'<th scope="col">{html(pick(lang, *h))}</th>' for h in HEADERS)
    rows = "\n".join(row(policy, p, lang) for p in policy["provisions"])
    intro = pick(
        lang,
        f"本表列出全部 {len(policy['provisions'])} 项条款,按原文顺序排列。条款编号即其链接地址(如 measures/m2/#m2-2)。"
        "责任单位由原文按条列出,表中为该条款所在措施的责任单位。标“最高”的金额是上限,不是承诺。",
        f"All {len(policy['provisions'])} provisions, in the order of the text. A provision's id is also its link "
        "(e.g. measures/m2/#m2-2). The text names responsible agencies per measure, so the agencies shown are those of "
        "the provision's measure. Amounts marked “up to” are ceilings, not promises.",
    )
    sort_hint = pick(lang, "启用 JavaScript 后可按列排序和筛选。", "With JavaScript on, you can filter the table and sort it by any column.")
    return "\n".join([
        f"# {pick(lang, '条款索引', 'All provisions')}",
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
