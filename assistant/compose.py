"""Hits -> a grounded answer in the guidance's own words, every statement cited [n].

No language model. What the answer looks like depends on what was found:
- a situation (the best matches are indicators): a one-line orientation (the best match's level,
  then the others', in the asker's area's words), the indicators grouped by level, the guidance's
  reminder that the matrix is not a tick-box, and what to do next at that level in that area;
- a fact or a section: the key sentences with their heading paths, nothing padded around them;
- a comparison: side by side per document, each with its edition and date;
- not covered: says so plainly and offers the nearest passages.
Immediate danger leads with the cited 999 instruction and the area's MASH contact. An earlier
edition's indicator says so and shows the current guidance's closest indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant import guidance
from assistant.cells import says_things_are_well
from assistant.citations import make_citation, unit_quote
from assistant.coverage import ASKS_EMAIL, ASKS_PHONE
from assistant.engine import Engine
from assistant.privacy import DEIDENTIFY
from assistant.quiz.facts import same_wording, words
from assistant.types import Citation, Hit
from ingestion.text import sentences
from ingestion.types import Unit

JUDGEMENT = "This guidance supports your professional judgement; it does not replace it."
NOT_COVERED = (
    "The guidance here does not appear to cover this question, so there is no answer to give from it. "
    "The nearest passages are below in case they help; check your local safeguarding procedures or ask "
    "your designated safeguarding lead."
)
INDICATOR_KINDS = ("matrix_cell", "indicator")
FACT_LINES = 3
FACT_SHARE = 0.3
"""A fact's later passages are shown only while the search rates them at least this share of the
first one: a clear answer is not padded with passages the search thinks far less likely."""
ASKS_LEVEL = re.compile(
    r"\b(what|which)\s+(level|tier)|\b(level|tier)s?\s*\??\s*$|\b(level|tier)\s*\?|\bthreshold|\bmeets?\b"
    r"|\b(is|that'?s|it'?s) (this|that|it|she|he)? ?(at |on |in )?(a )?(level|tier)|\blevel (for|of need)\b"
    r"|\b(level|tier) [1-4] (isn'?t it|for \w+|then|or)\b|\b(level|tier) [1-4]\s*\?\s*$|\b(level|tier)[- ]?wise\b"
    r"|\bwhere (does|do|would|should) (this|that|it|she|he|they) (sit|fit|fall)",
    re.IGNORECASE,
)
"""A question asking which level a situation is at ("what level?", "is this level 2?", "does it meet
the threshold"), not one naming a level to ask about it ("what happens at level 3")."""
ASKS_FACT = re.compile(
    r"^\W*(what (is|are|does|happens)|what's|whats|define|definition|meaning of|who (do|should|can|to)|"
    r"how (do|should|can|to)|where (do|should|can|to))\b|\bwhat (does|do) (the )?(guidance|document|it) says?\b",
    re.IGNORECASE,
)
"""A question asking what something is or means, who to turn to or how, or what the guidance says:
a fact or a section's answer, however many indicators mention its subject (unless it asks for a
level)."""
PER_DOCUMENT = 2
NEXT_STEP_WORDS = "refer referral referred contact assessment support supported plan mash"


@dataclass
class Request:
    """What the composer is given: the question, the ranked units, the 999 instructions when the
    question signals immediate danger, and what the caller worked out about it."""

    question: str
    hits: list[Hit]
    emergency: list[Unit]
    answerable: bool
    area: str | None
    comparison: bool = False
    personal_details: bool = False
    doc_id: str | None = None
    """Only this document was asked about: nothing is cited from another (but the 999 instruction)."""
    indicators: list[Hit] = field(default_factory=list)
    """The best indicators among all the candidates (as many as `hits` holds), for a situation: a
    passage ranked among the first hits does not take an indicator's place in its answer."""


@dataclass
class Composition:
    text: str
    citations: list[Citation]


@dataclass
class _Writer:
    engine: Engine
    request: Request
    citations: list[Citation] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def cite(self, unit: Unit, must_contain: str = "", focus: str = "") -> Citation:
        """The unit's citation (one per unit: a second mention reuses its number). The quote is the
        sentence that best answers the question, or `focus` when given."""
        for citation in self.citations:
            if citation.id == unit.id:
                return citation
        n = len(self.citations) + 1
        question = focus or self.request.question
        citation = make_citation(self.engine, unit, n, question, self.request.area, must_contain)
        self.citations.append(citation)
        return citation

    def where(self, citation: Citation, with_document: bool = True) -> str:
        info = self.engine.document(citation.doc_id)
        place = " › ".join(p for p in citation.path if p)
        if citation.row is not None:
            place += f", row {citation.row}"
        edition = "" if info.is_current else f", earlier edition ({info.date})"
        return f"{info.short_title}{edition}, {place}" if with_document else place

    def quote(self, unit: Unit, must_contain: str = "", with_document: bool = True, focus: str = "") -> str:
        citation = self.cite(unit, must_contain, focus)
        return f'"{citation.quote}" [{citation.n}] ({self.where(citation, with_document)})'


def compose(engine: Engine, request: Request) -> Composition:
    writer = _Writer(engine, request)
    if request.emergency:
        _urgent(writer)
    if request.personal_details:
        writer.lines.append(DEIDENTIFY)
    indicators = [h for h in request.hits[:4] if h.unit.kind in INDICATOR_KINDS]
    asks_level = ASKS_LEVEL.search(request.question) and any(h.unit.kind in INDICATOR_KINDS for h in request.hits)
    if not request.answerable and request.emergency:
        writer.lines.append(JUDGEMENT)
    elif not request.answerable:
        _not_covered(writer)
    elif request.comparison:
        _comparison(writer)
    elif asks_level or (len(indicators) >= 2 and not ASKS_FACT.search(request.question)):
        _situation(writer)
    else:
        _fact(writer)
    return Composition("\n".join(writer.lines), writer.citations)


def _urgent(writer: _Writer) -> None:
    says = " ".join(f"{writer.quote(unit, must_contain='999')}." for unit in writer.request.emergency)
    writer.lines.append(f"If a child is in immediate danger, call 999 now. The guidance says: {says}")
    area = writer.request.area
    areas = [area] if area else writer.engine.areas
    for place in areas:
        found = guidance.contact(writer.engine, place)
        if found is not None:
            unit, given = found
            writer.lines.append(f"The MASH contact for {place}: {writer.quote(unit, must_contain=given)}.")


def _not_covered(writer: _Writer) -> None:
    writer.lines.append(NOT_COVERED)
    for hit in writer.request.hits[:3]:
        writer.lines.append(f"- {writer.quote(hit.unit)}.")


def _fact(writer: _Writer) -> None:
    """The key sentences; for a question asking for a phone number or email address, the passages
    that give one first."""
    hits = writer.request.hits
    for asks, gives in ((ASKS_PHONE, guidance.PHONE), (ASKS_EMAIL, guidance.EMAIL)):
        if asks.search(writer.request.question):
            hits = sorted(hits, key=lambda h: not gives.search(h.unit.text))
    shown: set[str] = set()
    for hit in hits:
        if shown and hit.score < FACT_SHARE * hits[0].score:
            break
        said = unit_quote(hit.unit, writer.request.question)
        if said in shown:
            continue
        shown.add(said)
        writer.lines.append(f"{writer.quote(hit.unit)}.")
        if len(shown) == FACT_LINES:
            break


def _comparison(writer: _Writer) -> None:
    """Side by side per document (per area, for a document with a part of its own for each)."""
    engine = writer.engine
    by_part: dict[tuple[str, str | None], list[Unit]] = {}
    for hit in writer.request.hits:
        by_part.setdefault((hit.unit.doc_id, engine.part_of(hit.unit)), []).append(hit.unit)
    order = sorted(by_part, key=lambda key: (engine.document(key[0]).precedence, key[1] or ""))
    for doc, part in order:
        info = engine.document(doc)
        writer.lines.append(f"{info.short_title}{f', {part}' if part else ''} ({edition(info)}):")
        for unit in by_part[(doc, part)][:PER_DOCUMENT]:
            writer.lines.append(f"- {_level_lead(writer, unit)}{writer.quote(unit, with_document=False)}.")
    writer.lines.append(JUDGEMENT)


def edition(info) -> str:
    """ "current guidance, 2022", "earlier edition, revised July 2015"."""
    if info.is_current:
        return "current guidance" + ("" if "current" in info.date else f", {info.date}")
    return f"earlier edition, {info.edition}" + ("" if info.date in info.edition else f" ({info.date})")


def _level_lead(writer: _Writer, unit: Unit) -> str:
    if unit.level is None:
        return ""
    info = writer.engine.document(unit.doc_id)
    return f"{info.level_label(unit.level, writer.engine.canonical_area(writer.request.area or '') or None)}: "


def _situation(writer: _Writer) -> None:
    groups = _grouped(writer.engine, [h.unit for h in writer.request.indicators])
    contrasts = _contrasts(writer.request.question, [unit for unit, _ in groups])
    main_level = next(unit.level for unit, _ in groups if unit.id not in contrasts)
    main_doc = next(unit.doc_id for unit, _ in groups if unit.level == main_level)
    writer.lines.append(_orientation(writer, [unit for unit, _ in groups], main_level, contrasts))
    _by_level(writer, groups, contrasts)
    _reminder_and_next_step(writer, main_doc, main_level)
    writer.lines.append(JUDGEMENT)


def _contrasts(question: str, units: list[Unit]) -> set[str]:
    """The Level 1 (needs met) cells shown beside a higher level of the same row, for a question that
    does not say things are well: given for comparison, not called a match ("comes home on time and
    does not run away" beside "goes missing")."""
    if says_things_are_well(question):
        return set()
    higher = {_row(unit) for unit in units if unit.level and unit.level > 1}
    return {unit.id for unit in units if unit.level == 1 and _row(unit) in higher}


def _row(unit: Unit) -> tuple:
    return unit.doc_id, unit.domain, unit.subdomain, unit.row


def _grouped(engine: Engine, units: list[Unit]) -> list[tuple[Unit, list[Unit]]]:
    """Near-identical indicators from several documents shown once, the current document's first,
    with the other documents' indicators that agree (one per document)."""
    groups: list[list[Unit]] = []
    for unit in units:
        tokens = words(unit.text)
        home = next((g for g in groups if g[0].level == unit.level and same_wording(words(g[0].text), tokens)), None)
        if home is None:
            groups.append([unit])
        else:
            home.append(unit)
    result = []
    for members in groups:
        members.sort(key=lambda u: (not engine.document(u.doc_id).is_current, engine.document(u.doc_id).precedence))
        others = {u.doc_id: u for u in reversed(members[1:]) if u.doc_id != members[0].doc_id}
        result.append((members[0], sorted(others.values(), key=lambda u: engine.document(u.doc_id).precedence)))
    return result


def _orientation(writer: _Writer, units: list[Unit], main_level: int, contrasts: set[str]) -> str:
    """ "What you describe matches Level 3 indicators in the Pan Bedfordshire guidance [1][2]; one
    detail matches Level 4 in the London matrix [3]." (numbers given in ranked order)."""
    by_level: dict[int, list[Citation]] = {}
    shown: list[Citation] = []
    for unit in units:
        citation = writer.cite(unit)
        if unit.id in contrasts:
            shown.append(citation)
        else:
            by_level.setdefault(unit.level, []).append(citation)

    def documents(cited: list[Citation]) -> str:
        titles = dict.fromkeys(writer.engine.document(c.doc_id).short_title for c in cited)
        return " and the ".join(titles)

    main = by_level[main_level]
    text = f"What you describe matches {main[0].level_label} indicators in the {documents(main)} {_markers(main)}"
    for level in sorted(lv for lv in by_level if lv != main_level):
        cited = by_level[level]
        detail = "one detail matches" if len(cited) == 1 else f"{len(cited)} details match"
        text += f"; {detail} {cited[0].level_label} in the {documents(cited)} {_markers(cited)}"
    if shown:
        rows = "row's" if len(shown) == 1 else "rows'"
        label, where = shown[0].level_label, documents(shown)
        text += f"; the same {rows} {label} in the {where} is shown for comparison {_markers(shown)}"
    return text + "."


def _markers(citations: list[Citation]) -> str:
    return "".join(f"[{c.n}]" for c in citations)


def _by_level(writer: _Writer, groups, contrasts: set[str]) -> None:
    """Per document (the one holding the best match first), by level, a comparison's cell last."""
    first = {}
    for unit, _ in groups:
        first.setdefault(unit.doc_id, len(first))
    for unit, also in sorted(groups, key=lambda g: (first[g[0].doc_id], g[0].id in contrasts, g[0].level)):
        citation = writer.cite(unit)
        agree = ", ".join(f"{writer.engine.document(u.doc_id).short_title} [{writer.cite(u).n}]" for u in also)
        agree = f" The same wording is in the {agree}." if also else ""
        label = citation.level_label + (" (for comparison)" if unit.id in contrasts else "")
        writer.lines.append(f"- {label}: {writer.quote(unit)}.{agree}{_current_view(writer, unit)}")


def _current_view(writer: _Writer, unit: Unit) -> str:
    """For an earlier edition's indicator: the current guidance's closest one, with its level, so a
    reader sees where the current guidance stands (said as it is, not judged the same or different:
    "accesses ante-natal care" and "is not accessing ante-natal care" share most of their words)."""
    if writer.request.doc_id:
        return ""
    counterpart = guidance.current_counterpart(writer.engine, unit)
    if counterpart is None:
        return ""
    citation = writer.cite(counterpart)
    title = writer.engine.document(counterpart.doc_id).short_title
    return f' Closest in the current {title}: {citation.level_label}, "{citation.quote}" [{citation.n}].'


def _what_to_do(steps: list[Unit]) -> tuple[Unit, str, bool]:
    """The sentence under the level's heading that says most about what to do (support, referral,
    contact, assessment), and whether any does; else the first sentence after the heading."""
    wanted = set(NEXT_STEP_WORDS.split())
    best = (-1, steps[0], "")
    for unit in steps:
        body = unit.text.split("\n", 1)[-1] if unit.text.startswith(unit.path[-1]) else unit.text
        for sentence in sentences(body):
            score = len(wanted & set(words(sentence)))
            if score > best[0]:
                best = (score, unit, sentence)
    return best[1], best[2], best[0] > 0


def _reminder_and_next_step(writer: _Writer, doc: str, level: int) -> None:
    area = writer.engine.canonical_area(writer.request.area) if writer.request.area else None
    reminder = guidance.reminder(writer.engine, [doc], area, elsewhere=not writer.request.doc_id)
    if reminder is not None:
        said = guidance.REMINDER.search(reminder.text).group(0)
        line = f"The guidance reminds you: {writer.quote(reminder, must_contain=said)}."
        several = next((s for s in sentences(reminder.text) if guidance.SEVERAL.search(s)), None)
        if several and several != writer.cite(reminder).quote:
            line += f' It also says: "{several.lstrip("-• ")}" [{writer.cite(reminder).n}].'
        writer.lines.append(line)
    steps = guidance.next_step(writer.engine, doc, level, area)
    if steps:
        label = writer.engine.document(doc).level_label(level, area)
        unit, said, acts = _what_to_do(steps)
        lead = f"What to do at {label}" if acts else f"What the guidance says of {label}"
        writer.lines.append(f"{lead}: {writer.quote(unit, must_contain=said)}.")
    found = guidance.contact(writer.engine, area) if area and level == 4 else None
    if found is not None:
        unit, given = found
        writer.lines.append(f"The MASH contact for {area}: {writer.quote(unit, must_contain=given)}.")
