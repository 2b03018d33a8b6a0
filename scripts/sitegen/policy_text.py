"""Verbatim policy paragraphs as HTML, each sentence addressable by its id.

On English pages the project's translation of a paragraph comes first and the Chinese original follows,
marked ``lang="zh-CN"``; the Chinese is never altered.
"""

from __future__ import annotations

from .markdown import html


def sentence_html(sentence: dict) -> str:
    return f'<span class="sentence" id="{html(sentence["id"])}">{html(sentence["zh"])}</span>'


def paragraph_html(paragraph_id: str, sentences: list[dict], lang: str) -> str:
    original = "".join(sentence_html(s) for s in sentences)
    block = f'<p class="policy-text" lang="zh-CN" id="{html(paragraph_id)}">{original}</p>'
    if lang == "en":
        english = " ".join(s["en"] for s in sentences if s["en"])
        if english:
            return f'<p class="translation" lang="en">{html(english)}</p>\n\n{block}'
    return block
