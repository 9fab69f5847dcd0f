"""The odd typo mended before searching: "bullyng", "exlusions", "dissability" read as the
guidance's "bullying", "exclusions", "disability".

Only a word that is neither in the guidance nor a whole word of the embedding model's vocabulary
(about 30,000 common English words) is mended, and only by one letter left out, added or two
swapped: a letter changed turns real words into others ("shamed" into "shared", "wording" into
"working"), and those are not typos of what the guidance says. A mend to a word of the same stem
("tiers" to "tier", "whats" to "what") is no mend: the search reads both alike, and the word as
typed may name a document ("the Tiers 1-4 matrix"). The guidance word the mend reaches that the
guidance uses most wins; a word with none is left as typed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from ingestion.embed import model_path
from ingestion.store import search_terms

MIN_LETTERS = 5
"""Shorter words are left alone: one letter from many others ("nits", "meds"), they are rarely
typos of a guidance word."""
_WORD = re.compile(r"[A-Za-z]+")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1)
def model_words() -> frozenset[str]:
    """The whole words of the embedding model's vocabulary (its word pieces left out)."""
    vocab = Path(model_path()) / "vocab.txt"
    return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha())


def _one_letter_away(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    left_out = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    added = {a + c + b for a, b in splits for c in _LETTERS}
    return left_out | swapped | added


class Speller:
    def __init__(self, texts: Iterable[str], known: frozenset[str]):
        self.counts = Counter(w.lower() for text in texts for w in _WORD.findall(text))
        self.known = known

    def mend(self, word: str) -> str:
        lowered = word.lower()
        if len(lowered) < MIN_LETTERS or lowered in self.counts or lowered in self.known:
            return word
        stem = search_terms(lowered)
        near = [w for w in _one_letter_away(lowered) if w in self.counts and search_terms(w) not in ([], stem)]
        if not near:
            return word
        mended = max(near, key=lambda w: (self.counts[w], w))
        return mended.capitalize() if word[:1].isupper() else mended

    def correct(self, text: str) -> str:
        """The text with each mendable word mended (everything else as it was)."""
        return _WORD.sub(lambda m: self.mend(m.group(0)), text)
