"""The status line every page shows: when the dataset was last updated and the measures' period in force;
and the lines every printed page adds (partials/print-meta.html): its address, the date it is printed and the
notice that this is not an official publication (the footer's words, which a printout leaves out).

The dates come from the policy JSON and are written into the page; whether the measures are in force
*today* is decided in the reader's browser (assets/site-status.mjs, today's date in China Standard Time),
never at build time, so an old build cannot claim the measures are in force. Without JavaScript the page
shows the dates only.
"""

from __future__ import annotations

from .catalog import translate
from .describe import format_date


def status(policy: dict, lang: str) -> dict:
    """Values for the theme's status partial (partials/site-status.html)."""
    dataset, in_force = policy["dataset"], policy["document"]["in_force"]
    start, end = format_date(in_force["from"], lang), format_date(in_force["to"], lang)
    return {
        "version": dataset["version"],
        "last_updated": dataset["last_updated"],
        "updated_text": translate(lang, "site_status.updated", version=dataset["version"],
                                  date=format_date(dataset["last_updated"], lang)),
        "from": in_force["from"],
        "to": in_force["to"],
        "period_text": translate(lang, "site_status.period", start=start, end=end),
        # {today} stays in the text: the browser replaces it with its date in China (YYYY-MM-DD).
        **{when: translate(lang, f"site_status.{when}", today="{today}") for when in ("before", "during", "after")},
    }


def print_words(lang: str) -> dict:
    """Words of the print-only lines; the address and the date are filled in by assets/print.mjs."""
    return {"address": translate(lang, "print.address"), "date": translate(lang, "print.date"),
            "notice": translate(lang, "site.copyright")}


def configure(config, policy: dict, lang: str) -> None:
    config["extra"]["site_status"] = status(policy, lang)
    config["extra"]["print_meta"] = print_words(lang)
