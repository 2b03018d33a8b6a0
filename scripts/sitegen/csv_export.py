"""The provisions as CSV: one row per provision, UTF-8 with a byte-order mark so Excel reads the Chinese.

Each column is declared once in :data:`COLUMNS` with its description (shown on the data reference page).
Lists are joined with ``;`` and a provision's text fragments with `` … ``; the export refuses a value that
contains its separator, so every cell can be split back exactly. Booleans are ``true``/``false`` and a
missing value (null, or a field the provision's kind does not have) is an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from calc.headline import headline_record

LIST_SEPARATOR = ";"
FRAGMENT_SEPARATOR = " … "


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[dict, dict], object]
    #: The column's Table Schema type (datapackage.json): string, integer, number, boolean or date.
    type: str = "string"


def _rule(provision: dict, key: str):
    return (provision["rule"] or {}).get(key)


def _tiers(provision: dict, key: str, sub: str | None = None) -> list:
    tiers = _rule(provision, "tiers") or []
    return [tier[key][sub] if sub else tier[key] for tier in tiers]


def _measure(policy: dict, provision: dict) -> dict:
    return next(m for m in policy["measures"] if m["id"] == provision["measure"])


def _agencies(policy: dict, provision: dict, lang: str | None) -> list[str]:
    names = {a["id"]: a["name"] for a in policy["agencies"]}
    ids = _measure(policy, provision)["agencies"]
    return ids if lang is None else [names[i][lang] for i in ids]


def _text(value: dict | None, lang: str) -> str | None:
    return value[lang] if value else None


def _headline(provision: dict, key: str):
    """A field of the provision's headline record (calc.headline.headline_record), computed by calc."""
    return headline_record(provision)[key]


COLUMNS: list[Column] = [
    Column("id", "Provision id, m<measure>-<n>; also the anchor on the measure page.", lambda p, pr: pr["id"]),
    Column("measure", "Measure id, m1 to m12.", lambda p, pr: pr["measure"]),
    Column("measure_number", "Number of the measure, 1 to 12.", lambda p, pr: _measure(p, pr)["number"], "integer"),
    Column("measure_title_zh", "Title of the measure, verbatim.", lambda p, pr: _measure(p, pr)["title"]["zh"]),
    Column("measure_title_en", "Title of the measure, this project's translation (empty if not translated).",
           lambda p, pr: _measure(p, pr)["title"]["en"]),
    Column("label_zh", "Short name of the provision (this project's wording).", lambda p, pr: pr["label"]["zh"]),
    Column("label_en", "Short name of the provision in English.", lambda p, pr: pr["label"]["en"]),
    Column("kind", "How the amount is determined: share_of_base, ceiling, fixed, tiers, open_amount, non_monetary.",
           lambda p, pr: pr["kind"]),
    Column("support_type", "The text's word for the support (award, subsidy, support, grant, funding, voucher ...).",
           lambda p, pr: pr["support_type"]),
    Column("beneficiary_zh", "Who receives it, in the text's words; empty when nobody receives money.",
           lambda p, pr: _text(pr["beneficiary"] and pr["beneficiary"]["text"], "zh")),
    Column("beneficiary_en", "Who receives it, in English.", lambda p, pr: _text(pr["beneficiary"] and pr["beneficiary"]["text"], "en")),
    Column("roles", "Calculator roles (ids from the JSON's roles), separated by ;.", lambda p, pr: pr["roles"]),
    Column("period", "per_year, one_off, total_over_three_years or not_stated.", lambda p, pr: pr["period"]),
    Column("unit_term", "The text's per-unit words (每个模型, /人 ...), if any.", lambda p, pr: pr["unit_term"]),
    Column("rate", "share_of_base: the share of the base as a decimal fraction (0.30 is 30%).", lambda p, pr: _rule(pr, "rate"),
           "number"),
    Column("rate_is_ceiling", "share_of_base: true when the text makes the rate itself a ceiling (不超过).",
           lambda p, pr: _rule(pr, "rate_is_ceiling"), "boolean"),
    Column("base_zh", "share_of_base: what the rate applies to, in the text's words.", lambda p, pr: _text(_rule(pr, "base"), "zh")),
    Column("base_en", "share_of_base: what the rate applies to, in English.", lambda p, pr: _text(_rule(pr, "base"), "en")),
    Column("cap", "share_of_base and ceiling: the most it can be, in yuan.", lambda p, pr: _rule(pr, "cap"), "number"),
    Column("cap_is_ceiling", "share_of_base: true when the cap is written as 最高 (a ceiling, not a promise).",
           lambda p, pr: _rule(pr, "cap_is_ceiling"), "boolean"),
    Column("amount", "fixed: the amount per unit, in yuan.", lambda p, pr: _rule(pr, "amount"), "number"),
    Column("tier_keys", "tiers: the tiers' keys, separated by ;.", lambda p, pr: _tiers(pr, "key")),
    Column("tier_labels_zh", "tiers: the tiers' names in Chinese, separated by ;.", lambda p, pr: _tiers(pr, "label", "zh")),
    Column("tier_labels_en", "tiers: the tiers' names in English, separated by ;.", lambda p, pr: _tiers(pr, "label", "en")),
    Column("tier_amounts", "tiers: each tier's amount in yuan, separated by ;.", lambda p, pr: _tiers(pr, "amount")),
    Column("tier_up_to", "tiers: true where a tier's amount is a ceiling (最高), separated by ;.", lambda p, pr: _tiers(pr, "up_to")),
    Column("up_to_terms", "The text's words that make the amount an upper bound (最高, 择优, 经评审认定, 不超过), separated by ;.",
           lambda p, pr: pr["up_to_terms"]),
    Column("largest_amount", "The largest amount the text names for the provision, in yuan, whatever its kind (the cap, the "
           "fixed amount or the top tier's amount; computed by calc); empty when it names none (see no_amount_reason). "
           "Its period is the column period, its unit unit_term.", lambda p, pr: _headline(pr, "largest_amount"), "number"),
    Column("largest_amount_up_to", "true when the largest amount is a ceiling (最高, 不超过: up to, not a promise), false when "
           "it is a set amount; empty when there is none.", lambda p, pr: _headline(pr, "up_to"), "boolean"),
    Column("largest_amount_tier", "tiers: the key of the tier that names the largest amount.",
           lambda p, pr: _headline(pr, "tier")),
    Column("no_amount_reason", "Why there is no largest amount: open_amount (the text gives no number) or non_monetary (no "
           "money); empty when there is one.", lambda p, pr: (_headline(pr, "no_amount_reason") or {}).get("kind")),
    Column("unit_en", "The per-unit words in English (per model, per person ...), if any.",
           lambda p, pr: (_headline(pr, "unit") or {}).get("en")),
    Column("headline_zh", "The provision's headline figure in the text's terms (每年最高200万元; every tier with its amount; "
           "金额未定), as the site shows it.", lambda p, pr: _headline(pr, "text")["zh"]),
    Column("headline_en", "The headline figure in English.", lambda p, pr: _headline(pr, "text")["en"]),
    Column("date_rule_term", "The text's words that set a date rule (本措施施行后新获得, 2025年以来 ...), if any.",
           lambda p, pr: pr["date_rule"] and pr["date_rule"]["term"]),
    Column("date_rule_on_or_after", "The earliest date (YYYY-MM-DD) that date rule accepts.",
           lambda p, pr: pr["date_rule"] and pr["date_rule"]["on_or_after"], "date"),
    Column("date_rule_on_or_before", "The latest date (YYYY-MM-DD) that date rule accepts (where the text sets no end, the "
           "measures' expiry: this project's reading, which the policy JSON states beside the date).",
           lambda p, pr: pr["date_rule"] and pr["date_rule"]["on_or_before"], "date"),
    Column("conditions_zh", "Conditions the text states, verbatim fragments, separated by ;.",
           lambda p, pr: [c["text"]["zh"] for c in pr["conditions"]]),
    Column("conditions_en", "The conditions in English, separated by ;.", lambda p, pr: [c["text"]["en"] for c in pr["conditions"]]),
    Column("agencies", "Responsible agencies (ids) that the text lists for the provision's measure, separated by ;.",
           lambda p, pr: _agencies(p, pr, None)),
    Column("agencies_zh", "The same agencies, as the text names them, separated by ;.", lambda p, pr: _agencies(p, pr, "zh")),
    Column("agencies_en", "The same agencies in English, separated by ;.", lambda p, pr: _agencies(p, pr, "en")),
    Column("overlap_groups", "Ids of the overlap groups (就高、不重复) the provision belongs to, separated by ;.",
           lambda p, pr: [g["id"] for g in p["overlap_groups"] if pr["id"] in g["provisions"]]),
    Column("sentences", "Ids of the sentences the provision comes from, separated by ;.", lambda p, pr: pr["sentences"]),
    Column("text_zh", "The provision's words, verbatim fragments of the text joined by “ … ”.",
           lambda p, pr: [f["zh"] for f in pr["fragments"]]),
    Column("text_en", "The same fragments in English (this project's translation), joined by “ … ”.",
           lambda p, pr: [f["en"] for f in pr["fragments"]]),
    Column("page", "Where the provision is on the site, relative to the site's root.",
           lambda p, pr: f"measures/{pr['measure']}/#{pr['id']}"),
]


def cell(column: Column, value: object) -> str:
    """One value as CSV text; raises ValueError if a list item contains its separator."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        separator = FRAGMENT_SEPARATOR if column.name.startswith("text_") else LIST_SEPARATOR
        items = [cell(column, item) for item in value]
        clashes = [item for item in items if separator in item]
        if clashes:
            raise ValueError(f"CSV column {column.name}: {clashes[0]!r} contains the separator {separator!r}")
        return separator.join(items)
    return str(value)


def provisions_csv(policy: dict) -> bytes:
    """The CSV file's bytes: a BOM, a header row, then one row per provision in the JSON's order (CRLF lines)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    for provision in policy["provisions"]:
        writer.writerow([cell(column, column.value(policy, provision)) for column in COLUMNS])
    return out.getvalue().encode("utf-8-sig")
