"""Rebuild the text of record from the policy JSON.

The source file is: three lines of news introduction, then for each measure a heading line
(``一、标题``), its paragraphs and a ``(责任单位:…)`` line, then the closing paragraph. Lines are joined with
``\\n`` and the file has no final newline. If the JSON carries every sentence verbatim, these functions give
back the source file character for character.
"""

from __future__ import annotations


def agency_names(policy: dict) -> dict[str, str]:
    """Agency id -> its Chinese name, as the text writes it."""
    return {agency["id"]: agency["name"]["zh"] for agency in policy["agencies"]}


def paragraph_text(paragraph: dict) -> str:
    """A paragraph is its sentences joined without separator."""
    return "".join(sentence["zh"] for sentence in paragraph["sentences"])


def measure_lines(policy: dict, measure: dict) -> list[str]:
    """Heading, paragraphs and the 责任单位 line of one measure."""
    names = agency_names(policy)
    heading = f"{measure['numeral']}、{measure['title']['zh']}"
    agencies = "、".join(names[agency_id] for agency_id in measure["agencies"])
    return [heading, *(paragraph_text(p) for p in measure["paragraphs"]), f"(责任单位:{agencies})"]


def body_text(policy: dict) -> str:
    """The twelve measures and the closing paragraph (the source file without its news introduction)."""
    lines = [line for measure in policy["measures"] for line in measure_lines(policy, measure)]
    lines.append(paragraph_text(policy["document"]["closing"]))
    return "\n".join(lines)


def introduction_text(policy: dict) -> str:
    """The news introduction that precedes the measures in the source file."""
    return "\n".join(line["zh"] for line in policy["document"]["introduction"])


def document_text(policy: dict) -> str:
    """The whole source file: introduction, then body."""
    return introduction_text(policy) + "\n" + body_text(policy)
