"""A child's age as a question states it, and the age bounds an indicator sets ("pregnancy in a
child under 13", "sexual activity in a child over 13 years old", "child under 16 is accessing
sexual health services"): a cell whose bound the stated age meets fits the question, one whose
bound it breaks does not, whatever words they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AGE = re.compile(
    r"(?<!for )(?<!past )(?<!last )(?<!over )\b(\d{1,2})[- ]?(?:yo|y/o|yrs?|years?)(?:[- ]old)?\b(?!\s+ago)"
    r"|\baged (\d{1,2})\b"
    r"|\b(?:she|he)(?:'s| is) (\d{1,2})\b(?!\s*(?:weeks?|months?|days?|hours?|minutes?|times?|stone|kg)\b)",
    re.IGNORECASE,
)
_INFANT = re.compile(r"\b\d{1,2}[- ]?(?:weeks?|months?)[- ]old\b|\b(newborn|baby|toddler)\b", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"\b(?:y|year )(\d{1,2})\b", re.IGNORECASE)
_BOUND = re.compile(
    r"\b(under|below|younger than|over|above|older than)\s+(?:the age of\s+)?(\d{1,2})(?:\s+years?(?:\s+old)?)?\b",
    re.IGNORECASE,
)
_BELOW = {"under", "below", "younger than"}


@dataclass(frozen=True)
class Ages:
    """The ages a question allows: one stated ("15yo"), or the two of a school year (Year 8 is 12
    or 13)."""

    low: int
    high: int

    @classmethod
    def of(cls, text: str) -> Ages | None:
        found = _AGE.search(text)
        if found:
            age = int(next(g for g in found.groups() if g))
            return cls(age, age)
        if _INFANT.search(text):
            return cls(0, 0)
        year = _SCHOOL_YEAR.search(text)
        if year and 1 <= int(year.group(1)) <= 13:
            return cls(int(year.group(1)) + 4, int(year.group(1)) + 5)
        return None

    def fit(self, text: str) -> int:
        """+1 where the text sets an age bound these ages may meet and none they cannot, -1 where
        it sets one they cannot meet, 0 where it sets none."""
        met = [self._meets(m) for m in _BOUND.finditer(text)]
        return 0 if not met else 1 if all(met) else -1

    def bound_met(self, text: str) -> str:
        """The text's first age bound, as it is written, where these ages meet all it sets; else ""."""
        first = _BOUND.search(text)
        return first.group(0) if first and self.fit(text) == 1 else ""

    def _meets(self, bound: re.Match) -> bool:
        age = int(bound.group(2))
        return self.low < age if bound.group(1).lower() in _BELOW else self.high > age
