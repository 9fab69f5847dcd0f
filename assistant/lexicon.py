"""Everyday words -> the words the guidance uses, for searching (a practitioner writes "jabs", the
matrix says "immunisations"). Written from the field's vocabulary, not from any question set; each
entry is a pattern and the guidance's terms it adds to the query."""

from __future__ import annotations

import re

from assistant.lexicon_entries import PAIRS

_COMPILED = [(re.compile(rf"\b(?:{pattern})\b"), terms) for pattern, terms in PAIRS]
"""Matched against the lower-cased question (the patterns are lower case): half the time of
IGNORECASE over a couple of hundred patterns, which every query pays."""


def guidance_terms(question: str) -> list[str]:
    """The guidance's words for the everyday words in the question."""
    lowered = question.lower()
    return [terms for pattern, terms in _COMPILED if pattern.search(lowered) and terms not in lowered]
