"""Steps of an explanation, each citing the clause it applies: provision id, sentence id and the exact words."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .policy import Policy

_PIECE_SPLIT = re.compile(r"(?<=[,;。])")


@dataclass(frozen=True)
class Step:
    """One step: what was done (zh and en), its value, and the words of the text it applies."""

    clause: str          # provision id, or "closing" for the closing paragraph
    sentence: str        # sentence id, for a link to the exact sentence
    quote: str           # verbatim words of the text
    zh: str
    en: str
    value: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _pieces(text: str) -> list[str]:
    return [piece.rstrip(",;。") for piece in _PIECE_SPLIT.split(text) if piece.strip(",;。")]


def cite(policy: Policy, provision: dict, needle: str | None = None) -> tuple[str, str]:
    """(sentence id, quote): the comma-separated piece of the provision's words containing ``needle``.

    Without a needle, or if no piece contains it, the whole first fragment is quoted.
    """
    fragments = [f["zh"] for f in provision["fragments"]]
    quote = fragments[0]
    if needle:
        for fragment in fragments:
            found = next((piece for piece in _pieces(fragment) if needle in piece), None)
            if found:
                quote = found
                break
    sentence = next((sid for sid in provision["sentences"] if quote in policy.sentences[sid]), provision["sentences"][0])
    return sentence, quote


def step(policy: Policy, provision: dict, needle: str | None, zh: str, en: str, value: str | None = None) -> Step:
    sentence, quote = cite(policy, provision, needle)
    return Step(provision["id"], sentence, quote, zh, en, value)


def closing_step(policy: Policy, sentence_index: int, zh: str, en: str) -> Step:
    """A step citing a sentence of the closing paragraph (validity period, overlap rule)."""
    sentence = policy.closing[sentence_index]
    return Step("closing", sentence["id"], sentence["zh"].rstrip("。"), zh, en)
