"""Hits -> a grounded answer in the guidance's own words, every statement cited [n].

No language model. What the answer looks like depends on what was found:
- a situation (the best matches are indicators): the level they point to, the indicators, the
  guidance's reminder and what to do next (assistant.situation);
- a fact or a section: the key sentences with their heading paths, nothing padded around them;
- a comparison: side by side per document, each with its edition and date;
- not covered: says so plainly and offers the nearest passages.
Immediate danger leads with the cited 999 instruction and the area's MASH contact. An earlier
edition's indicator says so and shows the current guidance's closest indicator.
"""

from __future__ import annotations

from assistant import guidance
from assistant.citations import unit_quote
from assistant.coverage import ASKS_EMAIL, ASKS_PHONE
from assistant.engine import Engine
from assistant.privacy import DEIDENTIFY
from assistant.query import ASKS_FACT, ASKS_LEVEL
from assistant.scope import describes_situation
from assistant.situation import situation
from assistant.writer import JUDGEMENT, Composition, Request, Writer
from ingestion.types import Unit

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
PER_DOCUMENT = 2


def compose(engine: Engine, request: Request) -> Composition:
    writer = Writer(engine, request)
    if request.emergency:
        _urgent(writer)
    if request.personal_details:
        writer.lines.append(DEIDENTIFY)
    if not request.answerable and request.emergency:
        writer.lines.append(JUDGEMENT)
    elif not request.answerable:
        _not_covered(writer)
    elif request.comparison:
        _comparison(writer)
    elif is_situation(request):
        situation(writer)
    else:
        _fact(writer)
    return Composition("\n".join(writer.lines), writer.citations)


def is_situation(request: Request) -> bool:
    """Whether to answer with the indicators that fit: the question asks for a level, or two of the
    first four hits are indicators, the question does not ask what something is, and either the
    best match is an indicator or the question describes a child or family. A question describing
    no one whose best match is a passage ("is that a 'pattern of closure'?") is answered from the
    passages (dev answer citation hit 0.846 -> 0.854 without the describing clause; with it, which
    a vignette not asking for a level needs, "A 15-year-old keeps going missing and comes back
    with new phones", dev precision 0.441 -> 0.432)."""
    if ASKS_LEVEL.search(request.question) and any(h.unit.kind in INDICATOR_KINDS for h in request.hits):
        return True
    indicators = [h for h in request.hits[:4] if h.unit.kind in INDICATOR_KINDS]
    led_by_indicator = request.hits[0].unit.kind in INDICATOR_KINDS or describes_situation(request.question)
    return len(indicators) >= 2 and led_by_indicator and not ASKS_FACT.search(request.question)


def _urgent(writer: Writer) -> None:
    says = " ".join(f"{writer.quote(unit, must_contain='999')}." for unit in writer.request.emergency)
    writer.lines.append(f"If a child is in immediate danger, call 999 now. The guidance says: {says}")
    area = writer.request.area
    areas = [area] if area else writer.engine.areas
    for place in areas:
        found = guidance.contact(writer.engine, place, phone_only=True)
        if found is not None:
            unit, given = found
            writer.lines.append(f"The MASH contact for {place}: {writer.quote(unit, must_contain=given)}.")


def _not_covered(writer: Writer) -> None:
    writer.lines.append(NOT_COVERED)
    for hit in writer.request.hits[:3]:
        writer.lines.append(f"- {writer.quote(hit.unit)}.")


def _fact(writer: Writer) -> None:
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


def _comparison(writer: Writer) -> None:
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


def _level_lead(writer: Writer, unit: Unit) -> str:
    if unit.level is None:
        return ""
    info = writer.engine.document(unit.doc_id)
    return f"{info.level_label(unit.level, writer.engine.canonical_area(writer.request.area or '') or None)}: "
