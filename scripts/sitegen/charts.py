"""Inline SVG charts, drawn at build time from the policy data: no JavaScript, no external files.

Each chart is a ``<figure>`` holding an ``<svg role="img" aria-labelledby="…">`` with a ``<title>`` and a
``<desc>`` that say in words what the picture shows, and a caption. Colours come from the page
(``currentColor`` and the theme's CSS variables, see site.css), so the charts follow light and dark mode.
Figures carry ``data-search-exclude`` so the search index holds the text, not the tick labels.
"""

from __future__ import annotations

import math
from decimal import Decimal

from calc.money import format_amount, format_rate, format_yuan

from .catalog import translate
from .describe import headline, measure_numeral, provisions_of, tx
from .markdown import html


def _num(value: Decimal | float) -> str:
    """A coordinate with at most one decimal."""
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def tick_label(amount: Decimal, lang: str) -> str:
    """Short amount for an axis: 200万元 / 2,000,000."""
    if lang == "zh":
        return format_amount(amount, "zh")
    text = format_yuan(amount)
    return text[:-3] if text.endswith(".00") else text


def cap_point(provision: dict) -> Decimal:
    """The base at which a share-with-cap provision reaches its cap: cap / rate, rounded to the fen."""
    rule = provision["rule"]
    return (Decimal(rule["cap"]) / Decimal(rule["rate"])).quantize(Decimal("0.01"))


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{html(title)}</title><desc id="{chart_id}-desc">{html(desc)}</desc>'
        + "".join(body) + "</svg>"
    )


def share_chart(provision: dict, lang: str) -> str:
    """Support as a function of the base for a share-with-cap provision, the cap point marked."""
    rule = provision["rule"]
    rate, cap = Decimal(rule["rate"]), Decimal(rule["cap"])
    kink = cap_point(provision)
    base = tx(rule["base"], lang)
    rate_text, cap_text, kink_text = format_rate(rate), format_amount(cap, lang), format_amount(kink, lang)
    width, height, left, right, top, bottom = 480, 240, 16, 16, 28, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    x_max, y_max = (cap * 2 / rate).quantize(Decimal("0.01")), cap * Decimal("1.25")

    def x(value: Decimal) -> str:
        return _num(left + plot_w * value / x_max)

    def y(value: Decimal) -> str:
        return _num(top + plot_h - plot_h * value / y_max)

    chart_id = f"chart-{provision['id']}"
    ceiling = rule["rate_is_ceiling"]
    words = {"base": base, "rate": rate_text, "cap": cap_text, "kink": kink_text}
    title = translate(lang, "chart.share_title", label=tx(provision["label"], lang), base=base)
    desc = translate(lang, "chart.share_desc_rate_ceiling" if ceiling else "chart.share_desc", **words)
    zero = Decimal(0)
    body = [
        f'<line class="chart-axis" x1="{x(zero)}" y1="{y(zero)}" x2="{x(x_max)}" y2="{y(zero)}" stroke="currentColor"/>',
        f'<line class="chart-guide" x1="{x(kink)}" y1="{y(zero)}" x2="{x(kink)}" y2="{y(cap)}" stroke="currentColor" stroke-dasharray="4 4"/>',
        f'<line class="chart-guide" x1="{x(zero)}" y1="{y(cap)}" x2="{x(kink)}" y2="{y(cap)}" stroke="currentColor" stroke-dasharray="4 4"/>',
    ]
    if ceiling:
        body.append(f'<path class="chart-area" d="M{x(zero)} {y(zero)} L{x(kink)} {y(cap)} L{x(x_max)} {y(cap)} L{x(x_max)} {y(zero)} Z" '
                    'fill="currentColor" fill-opacity="0.08"/>')
    body += [
        f'<polyline class="chart-line" points="{x(zero)},{y(zero)} {x(kink)},{y(cap)} {x(x_max)},{y(cap)}" '
        'fill="none" stroke="currentColor" stroke-width="3"/>',
        f'<circle class="chart-point" cx="{x(kink)}" cy="{y(cap)}" r="6" fill="currentColor"/>',
        f'<text x="{x(zero)}" y="{_num(float(y(cap)) - 8)}" font-size="14" fill="currentColor">'
        f'{html(translate(lang, "chart.cap_label", amount=tick_label(cap, lang)))}</text>',
        f'<text x="{x(zero)}" y="{_num(height - bottom + 20)}" font-size="14" fill="currentColor">0</text>',
        f'<text x="{x(kink)}" y="{_num(height - bottom + 20)}" font-size="14" fill="currentColor" text-anchor="middle">'
        f'{html(tick_label(kink, lang))}</text>',
        f'<text x="{x(x_max)}" y="{_num(height - bottom + 20)}" font-size="14" fill="currentColor" text-anchor="end">'
        f'{html(tick_label(x_max, lang))}</text>',
        f'<text x="{_num(width / 2)}" y="{_num(height - 8)}" font-size="13" fill="currentColor" text-anchor="middle">'
        f'{html(translate(lang, "chart.base_axis", base=base))}</text>',
    ]
    caption = translate(lang, "chart.share_caption_rate_ceiling" if ceiling else "chart.share_caption", **words)
    return (
        f'<figure class="chart-figure" id="{chart_id}" data-search-exclude data-cap-point="{kink}">'
        + _svg(chart_id, width, height, title, desc, body)
        + f"<figcaption>{html(caption)}</figcaption></figure>"
    )


#: The home chart's log scale: 1万元 to 1亿元.
LOG_MIN, LOG_MAX = 4, 8


def headline_chart(policy: dict, lang: str) -> str:
    """Each measure's figures (caps, amounts, top tiers) on a log scale, the largest as a bar."""
    width, left, right, row_h, top = 480, 8, 16, 46, 28
    plot_w = width - left - right
    rows = []
    for measure in policy["measures"]:
        figures = sorted({h for p in provisions_of(policy, measure) if (h := headline(p)) is not None})
        rows.append((measure, figures))
    height = top + row_h * len(rows) + 8

    def x(amount: Decimal) -> str:
        position = (math.log10(float(amount)) - LOG_MIN) / (LOG_MAX - LOG_MIN)
        return _num(left + plot_w * min(max(position, 0.0), 1.0))

    body = []
    for power in range(LOG_MIN, LOG_MAX + 1):
        amount = Decimal(10) ** power
        body.append(f'<line class="chart-grid" x1="{x(amount)}" y1="{top - 6}" x2="{x(amount)}" y2="{height - 8}" '
                    'stroke="currentColor" stroke-opacity="0.25"/>')
        anchor = "start" if power == LOG_MIN else "end" if power == LOG_MAX else "middle"
        body.append(f'<text x="{x(amount)}" y="{top - 12}" font-size="13" fill="currentColor" text-anchor="{anchor}">'
                    f'{html(tick_label(amount, lang))}</text>')
    summary = []
    for index, (measure, figures) in enumerate(rows):
        y0 = top + index * row_h
        largest = format_amount(figures[-1], lang).split(" (")[0] if figures else translate(lang, "chart.headlines_no_amounts")
        label = translate(lang, "chart.headlines_row", numeral=measure_numeral(measure, lang),
                          title=tx(measure["title"], lang), largest=largest)
        body.append(f'<text x="{left}" y="{y0 + 16}" font-size="13" fill="currentColor">{html(label)}</text>')
        if figures:
            body.append(f'<rect class="chart-bar" x="{left}" y="{y0 + 24}" width="{_num(float(x(figures[-1])) - left)}" '
                        'height="10" fill="currentColor" fill-opacity="0.35"/>')
            body += [f'<circle class="chart-point" cx="{x(f)}" cy="{y0 + 29}" r="5" fill="currentColor"/>' for f in figures]
        amounts = (translate(lang, "list.item_sep").join(format_amount(f, lang) for f in figures)
                   or translate(lang, "chart.headlines_none"))
        summary.append(translate(lang, "chart.headlines_summary", numeral=measure_numeral(measure, lang), amounts=amounts))
    title = translate(lang, "chart.headlines_title")
    desc = translate(lang, "chart.headlines_desc", summary=translate(lang, "list.group_sep").join(summary))
    caption = translate(lang, "chart.headlines_caption")
    return (
        '<figure class="chart-figure" id="chart-headlines" data-search-exclude>'
        + _svg("chart-headlines", width, height, title, desc, body)
        + f"<figcaption>{html(caption)}</figcaption></figure>"
    )
