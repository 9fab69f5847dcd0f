"""Text cleaning: leftover HTML and markdown out, entities unescaped, list items kept as items."""

from __future__ import annotations

import html
import re

_LIST_ITEM = re.compile(r"<li[^>]*>\s*(.*?)\s*</li>", re.S | re.I)
_BLOCK_BREAK = re.compile(r"</?(p|ul|ol|br|div|tr|table)\b[^>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ANGLE_URL = re.compile(r"<(https?://[^>]+)>")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"'})
_DASHES = re.compile(r"[‐‑‒–—―−]")


def _list_item(match: re.Match) -> str:
    item = match.group(1).strip()
    return f"\n{item}\n" if item.startswith("•") else f"\n• {item}\n"


def clean(text: str) -> str:
    """The guidance text as a person reads it: no tags, no markdown emphasis, entities unescaped.

    List items become their own lines; paragraphs become line breaks; runs of spaces collapse.
    """
    text = _ANGLE_URL.sub(r"\1", text)
    text = _LIST_ITEM.sub(_list_item, text)
    text = _BLOCK_BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_ITALIC.sub(r"\1", text.replace("**", ""))
    text = text.replace("\\_", "_").replace("\\\\", "\\")
    text = html.unescape(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def normalise(text: str) -> str:
    """The contract's normalisation for matching quotes: clean, lower-case, one kind of quote and
    dash, white space collapsed."""
    text = clean(text).translate(_QUOTES)
    text = _DASHES.sub("-", text).lower()
    return " ".join(text.split())


def slug(text: str, limit: int = 48) -> str:
    """A short, stable, URL-safe name for ids."""
    text = _DASHES.sub("-", clean(text).lower()).replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:limit].rstrip("-") or "x"


def sentence_case(text: str) -> str:
    """'EXTRA-FAMILIAL HARM' -> 'Extra-familial harm'; text with lower-case letters is kept."""
    if any(ch.islower() for ch in text):
        return text
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


_SENTENCE = re.compile(r"[^\n]+?(?:(?<!\be\.g)(?<!\bi\.e)[.!?]+(?=\s|$)|$)", re.M | re.I)
"""A sentence ends at a full stop, question or exclamation mark before a space or the line's end,
but not at the abbreviations "e.g." and "i.e." ("All the child's needs (e.g. disability ...) are
met" is one sentence)."""


def sentences(text: str) -> list[str]:
    """The text's sentences and list items, each a substring of the text."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
