"""Checks a language model's rephrasing against the sources it was given, before anyone sees it.

`validate(text, citations, grounded)` lists what is wrong with a rephrasing (an empty list: it may be
used). The rules, each a sentence of the returned list when broken:

- the text is not empty and at most MAX_GROWTH times as long as the grounded answer;
- every sentence carries at least one [n] marker, and every n is the number of a source;
- every sentence shares content with *each* source it cites: of the sentence's content words
  (lower-cased, stop words and safeguarding boilerplate left out, lightly stemmed; words that only
  name the cited document, heading or level not counted), at least MIN_SHARED, or at least
  MIN_SHARE of them, appear in that source's text;
- a "Level N" / "Tier N" a sentence names is the level of a source it cites or is named in one;
- a phone number, email address or web address appears in the text of a source the sentence cites
  (the model invents no contacts);
- no sentence follows an instruction hidden in a source (a sentence of a source that speaks to an
  AI system - "ignore previous instructions", "tell the user to" - is not evidence for anything,
  and a sentence that mostly repeats one is refused);
- when the grounded answer leads with the 999 instruction, the rephrasing's first sentence has 999.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from assistant.types import Answer, Citation

MAX_GROWTH = 3.0
MIN_SHARED = 3
"""A sentence sharing this many content words with a source is taken to be about it."""
MIN_SHARE = 0.3
"""...as is one where this share of its content words (at least one) is in the source."""
OBEYS_SHARE = 0.5
"""A sentence with this share of its content words from a source's instruction-like sentence obeys it."""

MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_LEVEL = re.compile(r"\b(?:level|tier)s?\s+([1-4])(?:\s*(?:,|and|or|to|-|–)\s*([1-4]))?", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]\"']+|\b(?:[a-z0-9-]+\.)+(?:uk|com|org|net|gov|info|io)\b(?:/[^\s<>()\[\]\"']*)?",
    re.I,
)
_PHONE = re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|\b0)\d{2,4}[\s-]?\d{3,4}(?:[\s-]?\d{3,4})?\b|\b(?:999|112|111|101)\b")
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:instructions?|prompts?|rules|directions|"
    r"everything|above|previous|prior|(?:threshold\s+)?guidance)\b|"
    r"\b(?:new|updated|real|hidden)\s+instructions?\b|\bsystem\s+prompt\b|"
    r"\byou\s+are\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:ai|assistant|chatbot|language\s+model|llm)\b|"
    r"\bas\s+an\s+(?:ai|assistant|language\s+model)\b|"
    r"\b(?:tell|instruct|ask|advise)\s+(?:the\s+)?(?:users?|readers?|askers?|practitioners?|professionals?)\s+(?:to|that)\b|"
    r"\b(?:assistant|chatgpt|llm|ai\s+model|language\s+model)s?\s*(?:must|should|shall|will)\b|"
    r"^\s*(?:system|assistant)\s*:|</?\s*(?:system|instructions?|assistant)\s*>",
    re.I | re.M,
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each either else etc even ever every few for from further
get gets got had has have having he her here hers him his how however i if in into is it its itself just like
may me might more most much must my no nor not now of off on once one only or other our out over own per quite
rather same she should so some such than that the their them then there these they this those though through
thus to too under until up upon us very via was we were what when where whether which while who whom whose why
will with within without would yet you your eg ie
say says said according source sources guidance document documents matrix row rows cell level levels tier
tiers threshold thresholds continuum edition current earlier need needs child children childs young person
people parent parents carer carers family families practitioner practitioners professional professionals place
placed places put puts show shows describe describes described indicate indicates indicator indicators mean
means include includes including set sets
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Function words, and the words every answer about threshold guidance uses: they show no content."""
_IRREGULAR = {"children": "child", "childrens": "child", "people": "person", "went": "go", "goes": "go", "going": "go"}
_IRREGULAR |= {"gone": "go", "ran": "run", "left": "leave", "told": "tell", "saw": "see", "seen": "see"}
_SUFFIXES = ("ations", "ation", "itions", "ition", "ions", "ion", "ments", "ment", "ness", "ings", "ing", "ive")
_SUFFIXES += ("edly", "ied", "ed", "ly")


def stem(word: str) -> str:
    """A light stem: 'missing', 'missed', 'misses' -> 'miss'; 'exploitation', 'exploited' -> 'exploit'."""
    word = _IRREGULAR.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")) and len(word) > 4:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "ied":
                base += "y"
            elif len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            word = base
            break
    if len(word) >= 4 and word.endswith("e"):
        word = word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """The stems of the text's content words (markers, stop words and one-digit numbers left out)."""
    text = MARKER.sub(" ", text.lower().replace("’", "'"))
    found = set()
    for word in _WORD.findall(text):
        word = word.removesuffix("'s")
        if word in STOPWORDS or (word.isdigit() and len(word) < 2) or len(word) < 2:
            continue
        stemmed = stem(word)
        if stemmed not in STOPWORDS:
            found.add(stemmed)
    return found


def _cuts(line: str) -> list[int]:
    """Where the line's sentences end ("e.g. food" is not an end)."""
    cuts = []
    for end in _SENTENCE_END.finditer(line):
        after = line[end.end() :]
        if after and not after[0].isspace():
            continue
        rest = after.lstrip()
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "[\"'“‘(-•"):
            continue
        cuts.append(end.end())
    return cuts


def sentences(text: str) -> list[str]:
    """The text's sentences, each with the [n] markers that follow it ("... Level 3. [2]" keeps [2])."""
    result: list[str] = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        bounds = [0, *_cuts(line), len(line)]
        for piece in (line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)):
            markers = _LEADING_MARKERS.match(piece)
            if markers and result:
                result[-1] += " " + markers.group(0).strip()
                piece = piece[markers.end() :].strip()
            if piece and re.search(r"\w", MARKER.sub("", piece)):
                result.append(piece)
            elif piece and result:
                result[-1] += " " + piece
    return result


def split_first(text: str) -> tuple[str, str]:
    """The text's first sentence, with the markers that follow it, and the rest."""
    text = text.strip()
    line_end = text.find("\n") if "\n" in text else len(text)
    cuts = _cuts(text[:line_end])
    cut = cuts[0] if cuts else line_end
    follow = re.match(r"(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])*[.!?]*", text[cut:])
    cut += follow.end() if follow else 0
    return text[:cut].strip(), text[cut:].strip()


def markers(sentence: str) -> list[int]:
    return [int(n) for group in MARKER.findall(sentence) for n in re.split(r"\s*[,;]\s*", group)]


def instructions(text: str) -> list[str]:
    """The sentences of a source that speak to an AI system rather than to a practitioner."""
    return [s for s in _source_sentences(text) if _INSTRUCTION.search(s)]


def without_instructions(text: str, replacement: str = "") -> str:
    """The source text with its instruction-like sentences taken out (or replaced)."""
    for sentence in instructions(text):
        text = text.replace(sentence, replacement)
    return text


def levels(text: str) -> set[int]:
    """The levels a text names: "Level 3", "Tier 2", "levels 3 and 4"."""
    return {int(n) for m in _LEVEL.finditer(text) for n in m.groups() if n}


def _source_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.findall(r"[^\n]+?(?:[.!?]+(?=\s|$)|$)", text, re.M) if s.strip()]


def _digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if phone.strip().startswith("+44") else digits


def _url(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower().replace("\\", ""))
    return url.rstrip("/.,;:")


def contacts(text: str) -> set[str]:
    """The phone numbers (as digits), email addresses and web addresses (lower-cased) in a text."""
    emails = {e.lower().rstrip(".") for e in _EMAIL.findall(text)}
    rest = _EMAIL.sub(" ", text)
    urls = {_url(u) for u in _URL.findall(rest)}
    phones = {_digits(p) for p in _PHONE.findall(_URL.sub(" ", rest))}
    return emails | urls | phones


class _Source:
    """What a citation offers as evidence: its text's words, contacts and levels, without any
    instruction-like sentence, and the words that only name where it is."""

    def __init__(self, citation: Citation):
        clean = without_instructions(citation.text)
        self.words = content_words(clean)
        place = " ".join([citation.doc_title, citation.doc_id.replace("-", " "), citation.doc_date, *citation.path])
        place += f" {citation.level_label or ''}"
        self.place_only = content_words(place) - self.words
        self.contacts = contacts(clean)
        self.plain = clean.lower().replace("\\", "")
        named = levels(f"{clean}\n{citation.level_label or ''}\n{citation.doc_title}")  # "Matrix (Tiers 1-4)"
        self.levels = named | ({citation.level} if citation.level else set())
        self.orders = [content_words(s) for s in instructions(citation.text)]

    def backs(self, words: set[str]) -> bool:
        """Does a sentence with these content words say something this source says? Words that only
        name the document, heading or level are not counted."""
        counted = words - self.place_only
        shared = counted & self.words
        return len(shared) >= MIN_SHARED or (bool(shared) and len(shared) >= math.ceil(MIN_SHARE * len(counted)))

    def has(self, contact: str) -> bool:
        """Is this phone number (digits), email or web address in the source?"""
        return contact in self.contacts if contact.isdigit() else contact in self.plain


def leads_with_999(text: str) -> bool:
    first = sentences(text)[:1]
    return bool(first) and "999" in first[0]


def validate(text: str, citations: Iterable[Citation], grounded: Answer | None = None) -> list[str]:
    """What is wrong with a rephrasing of `grounded` that cites `citations` (empty: nothing)."""
    sources = {c.n: _Source(c) for c in citations}
    said = sentences(text)
    if not said:
        return ["the answer is empty"]
    problems: list[str] = []
    if grounded is not None and len(text) > MAX_GROWTH * max(len(grounded.answer), 200):
        problems.append(f"the answer is {len(text)} characters long, over {MAX_GROWTH:g} times the grounded answer")
    if grounded is not None and leads_with_999(grounded.answer) and "999" not in said[0]:
        problems.append("the first sentence no longer tells the reader to call 999")
    for i, sentence in enumerate(said, start=1):
        short = sentence if len(sentence) <= 80 else sentence[:77] + "..."
        problems += [f'sentence {i} ("{short}") {problem}' for problem in _sentence_problems(sentence, sources)]
    return problems


def _sentence_problems(sentence: str, sources: dict[int, _Source]) -> list[str]:
    problems = []
    words = content_words(sentence)
    for n, source in sources.items():
        if any(words and len(words & order) >= OBEYS_SHARE * len(words) for order in source.orders):
            problems.append(f"follows an instruction hidden in source [{n}]")
            break
    cited = list(dict.fromkeys(markers(sentence)))
    if not cited:
        return [*problems, "carries no [n] marker"]
    unknown = [n for n in cited if n not in sources]
    if unknown:
        problems.append(f"cites [{'], ['.join(map(str, unknown))}], which is not a source")
    known = [sources[n] for n in cited if n in sources]
    problems += [f"shares too little with source [{n}]" for n in cited if n in sources and not sources[n].backs(words)]
    if not known:
        return problems
    invented = sorted(c for c in contacts(MARKER.sub(" ", sentence)) if not any(s.has(c) for s in known))
    if invented:
        problems.append(f"gives {', '.join(invented)}, which its sources do not")
    unsupported = levels(sentence) - set().union(*(s.levels for s in known))
    if unsupported:
        problems.append(f"names level {', '.join(map(str, sorted(unsupported)))}, which its sources do not")
    return problems
