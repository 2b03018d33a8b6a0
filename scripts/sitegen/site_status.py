"""The status line every page shows: when the dataset was last updated and the measures' period in force.

The dates come from the policy JSON and are written into the page; whether the measures are in force
*today* is decided in the reader's browser (assets/site-status.mjs, today's date in China Standard Time),
never at build time, so an old build cannot claim the measures are in force. Without JavaScript the page
shows the dates only.
"""

from __future__ import annotations

from .describe import format_date, pick


def status(policy: dict, lang: str) -> dict:
    """Values for the theme's status partial (partials/site-status.html)."""
    dataset, in_force = policy["dataset"], policy["document"]["in_force"]
    start, end = format_date(in_force["from"], lang), format_date(in_force["to"], lang)
    return {
        "version": dataset["version"],
        "last_updated": dataset["last_updated"],
        "updated_text": pick(lang, f"数据版本 {dataset['version']},更新于{format_date(dataset['last_updated'], 'zh')}",
                             f"Data version {dataset['version']}, updated {format_date(dataset['last_updated'], 'en')}"),
        "from": in_force["from"],
        "to": in_force["to"],
        "period_text": pick(lang, f"施行期:{start}至{end}", f"In force from {start} to {end}"),
        # {today} is replaced by the browser's date in China (YYYY-MM-DD).
        "before": pick(lang, "今天({today})措施尚未施行", "Today ({today}) the measures are not yet in force"),
        "during": pick(lang, "今天({today})措施在有效期内", "Today ({today}) the measures are in force"),
        "after": pick(lang, "今天({today})措施已过有效期", "Today ({today}) the measures are no longer in force"),
    }


def configure(config, policy: dict, lang: str) -> None:
    config["extra"]["site_status"] = status(policy, lang)
