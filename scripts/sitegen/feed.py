"""``data/changes.atom``: an Atom feed (RFC 4287) of the dataset's releases, written from ``policy/CHANGELOG.md``.

One entry per ``## <version> — <date>`` section, newest first as in the changelog: its title is the section's
heading, its date the release's (midnight in China), its content what the section says (Markdown rendered to
HTML), and it links the version's permanent copy (``data/v<version>/``) when there is one. Atom wants ids that
never change and are absolute: they are ``urn:uuid:`` names derived (UUID version 5) from a namespace fixed for
this project and the dataset's id and version, so no address is invented. Links are relative to the feed's own
address, absolute when the site's address is configured (SITE_URL).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import markdown

from scripts.policy_checks import POLICY_PATH

from .catalog import translate
from .provision_files import link, versioned_dir
from .publish import DATA_DIR

FEED_NAME = "changes.atom"
MEDIA_TYPE = "application/atom+xml"
#: Fixed once for this project (a random UUID): the namespace of every id in the feed.
NAMESPACE = uuid.UUID("a8b692df-7d93-4584-9d66-8ee4f6e7ec5c")
_HEADING = re.compile(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$", re.M)
#: Where the changelog is shown on the site, from the root.
CHANGELOG_PAGE = "downloads/#changelog"


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    heading: str
    body: str  # Markdown


def releases(changelog: str) -> list[Release]:
    """The changelog's release sections, in its order (newest first)."""
    found = list(_HEADING.finditer(changelog))
    return [Release(m.group(1), m.group(2), m.group(0)[3:],
                    changelog[m.end():found[i + 1].start() if i + 1 < len(found) else len(changelog)].strip())
            for i, m in enumerate(found)]


def timestamp(day: str) -> str:
    """A release date as an Atom date: midnight in China."""
    return f"{day}T00:00:00+08:00"


def entry_id(dataset_id: str, version: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{dataset_id}/{version}')}"


def _link(rel: str, kind: str, href: str) -> str:
    return f"<link rel={quoteattr(rel)} type={quoteattr(kind)} href={quoteattr(href)}/>"


def configure(config, lang: str) -> None:
    """What the theme's head links to on every page (partials/feed.html): the feed's path from the site's root,
    its type and its title in ``lang``."""
    config["extra"]["feed"] = {"path": f"{DATA_DIR}/{FEED_NAME}", "type": MEDIA_TYPE, "title": translate(lang, "feed.link_title")}


def atom(policy: dict, changelog: str, versioned: set[str], site_url: str | None = None) -> bytes:
    """The feed's bytes. ``versioned``: the versions that have a permanent copy under data/."""
    here = f"{DATA_DIR}/{FEED_NAME}"
    dataset = policy["dataset"]
    items = releases(changelog)
    if not items:
        raise ValueError("policy/CHANGELOG.md has no '## <version> — <YYYY-MM-DD>' section")
    title = " / ".join(translate(lang, "feed.title") for lang in ("zh", "en"))
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <id>{entry_id(dataset['id'], 'changes')}</id>",
             f"  <title>{escape(title)}</title>",
             f"  <subtitle>{escape(policy['document']['title']['zh'])} / {escape(policy['document']['title']['en'])}</subtitle>",
             f"  <updated>{timestamp(items[0].date)}</updated>",
             f"  <author><name>{escape(translate('en', 'site.name'))}</name></author>",
             f"  {_link('self', MEDIA_TYPE, link(here, here, site_url))}",
             f"  {_link('alternate', 'text/html', link(CHANGELOG_PAGE, here, site_url))}"]
    for item in items:
        lines += ["  <entry>",
                  f"    <id>{entry_id(dataset['id'], item.version)}</id>",
                  f"    <title>{escape(translate('en', 'feed.entry_title', version=item.version, date=item.date))}</title>",
                  f"    <published>{timestamp(item.date)}</published>",
                  f"    <updated>{timestamp(item.date)}</updated>",
                  f"    {_link('related', 'text/html', link(CHANGELOG_PAGE, here, site_url))}"]
        if item.version in versioned:
            copy = f"{DATA_DIR}/{versioned_dir(item.version)}/{POLICY_PATH.name}"
            lines.append(f"    {_link('alternate', 'application/json', link(copy, here, site_url))}")
        lines += [f"    <content type=\"html\">{escape(markdown.markdown(item.body))}</content>", "  </entry>"]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
