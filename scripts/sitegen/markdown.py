"""Small helpers to write Markdown and HTML safely from policy text.

Policy text contains characters that Markdown or HTML would otherwise interpret (``各县级市<区>`` would
become a tag), so every piece of text goes through :func:`md` (inside Markdown) or :func:`html` (inside
raw HTML blocks).
"""

from __future__ import annotations

import html as _html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def html(text: str) -> str:
    """Escape text for an HTML element or attribute."""
    return _html.escape(text, quote=True)


def md(text: str) -> str:
    """Escape text for inline Markdown: HTML first, then Markdown punctuation.

    Quote marks stay as they are: Markdown text needs no escaped quotes, and an entity such as ``&#x27;``
    would have its ``#`` escaped in turn, which shows the entity's code in headings.
    """
    return _MD_SPECIAL.sub(r"\\\1", _html.escape(text, quote=False))


def cell(text: str) -> str:
    """Escape text for a Markdown table cell (no line breaks, no pipes)."""
    return md(" ".join(text.split()))


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def card_table(header: list[str], rows: list[list[str]]) -> str:
    """An HTML table that reads as one card per row on a phone (CSS: table[data-cards]); cells are HTML."""
    head = "".join(f"<th>{html(label)}</th>" for label in header)
    body = "".join("<tr>" + "".join(f'<td data-label="{html(label)}">{content}</td>' for label, content in zip(header, row))
                   + "</tr>" for row in rows)
    return f"<table data-cards>\n<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody>\n</table>"


def link(text: str, target: str) -> str:
    """A Markdown link with escaped text."""
    return f"[{md(text)}]({target})"
