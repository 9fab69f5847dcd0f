"""Does a question carry personal details? Then the answer reminds the asker to de-identify.

Looks for what identifies a person: a full name (two capitalised words that are not the
guidance's own vocabulary), a date of birth or a full date, a postcode or a street address, an NHS
number, a phone number or an email address. It errs towards reminding: a false reminder costs a
line, a missed one costs a child's privacy."""

from __future__ import annotations

import re

DEIDENTIFY = (
    "Your question seems to include personal details (such as a name, date of birth, address, NHS "
    "number or phone number). Please describe the situation without anything that identifies a "
    "child or family."
)

_PATTERNS = [
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})\b"),
    re.compile(
        r"\b\d{1,2}(st|nd|rd|th)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b", re.IGNORECASE
    ),
    re.compile(r"\b(d\.?o\.?b|date of birth|born on)\b", re.IGNORECASE),
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"),
    re.compile(r"\b\d+[a-z]? [A-Z][a-z]+ (Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Place|Court|Gardens)\b"),
    re.compile(r"\b\d{3} ?\d{3} ?\d{4}\b"),
    re.compile(r"\b(nhs|nhs number)\b[^.]{0,20}\d", re.IGNORECASE),
    re.compile(r"(\+44 ?|\b0)\d{3,4} ?\d{3} ?\d{3,4}\b"),
    re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b"),
]
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_OPENERS = {
    "what",
    "how",
    "does",
    "is",
    "are",
    "can",
    "should",
    "where",
    "when",
    "who",
    "which",
    "my",
    "a",
    "an",
    "our",
    "if",
    "do",
    "will",
    "would",
    "could",
    "mum",
    "dad",
    "in",
    "at",
    "for",
    "and",
    "or",
    "but",
    "i",
    "compare",
    "describe",
    "explain",
    "list",
    "show",
    "tell",
    "give",
    "please",
    "summarise",
    "define",
}
_NOT_NAMES = {
    "bedford",
    "borough",
    "central",
    "bedfordshire",
    "luton",
    "london",
    "pan",
    "level",
    "tier",
    "family",
    "help",
    "early",
    "children",
    "child",
    "social",
    "care",
    "services",
    "service",
    "council",
    "mash",
    "multi",
    "agency",
    "safeguarding",
    "hub",
    "police",
    "protection",
    "what",
    "the",
    "universal",
    "emerging",
    "needs",
    "targeted",
    "support",
    "complex",
    "specialist",
    "intensive",
    "additional",
    "year",
    "school",
    "primary",
    "academy",
    "health",
    "visitor",
    "mental",
    "section",
    "act",
    "partnership",
    "assessment",
    "team",
    "around",
}


def has_personal_details(question: str) -> bool:
    if any(pattern.search(question) for pattern in _PATTERNS):
        return True
    words = [re.sub(r"'s$", "", w) for w in _WORD.findall(question)]
    return any(
        first[0].isupper()
        and last[0].isupper()
        and first.lower() not in _OPENERS | _NOT_NAMES
        and last.lower() not in _NOT_NAMES
        and not last.isupper()
        for first, last in zip(words, words[1:], strict=False)
    )
