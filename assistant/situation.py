"""A situation's answer: a one-line orientation (the best match's level, then the others', in the
asker's area's words), the indicators grouped by document and level, at level 2 the guidance's
reminder that the matrix is not a tick-box (and what several level 2 indicators may mean), and
what to do next at that level in that area. A level 1 (needs met) cell beside a higher cell of
its own row is shown for comparison, not called a match."""

from __future__ import annotations

from assistant import guidance
from assistant.browse import row_of
from assistant.cells import says_things_are_well
from assistant.engine import Engine
from assistant.quiz.facts import same_wording, words
from assistant.types import Citation, Hit
from assistant.writer import JUDGEMENT, Writer
from ingestion.text import sentences
from ingestion.types import Unit

NEXT_STEP_WORDS = "refer referral referred contact assessment support supported plan mash"
REMINDED_LEVEL = 2
"""The level whose answer quotes the guidance's reminder that the matrix is a guide, not a tick-box:
there the guidance also says what several such indicators together may mean. Elsewhere the quote
only repeated the judgement line every answer ends with, as one more citation outside the rows
matched (citation precision dev 0.435 -> 0.457, test 0.386 -> 0.408, held-out 0.453 -> 0.480; no
answer citation hit lost but one dev question's, whose level 3 match had brought the reminder by
chance)."""


def situation(writer: Writer) -> None:
    groups = _grouped(writer.engine, [h.unit for h in writer.request.indicators])
    contrasts = _contrasts(writer.request.question, [unit for unit, _ in groups])
    best = next(unit for unit, _ in groups if unit.id not in contrasts)
    main_level, main_doc = best.level, best.doc_id
    writer.lines.append(_orientation(writer, [unit for unit, _ in groups], main_level, contrasts))
    _by_level(writer, groups, contrasts)
    _reminder_and_next_step(writer, main_doc, main_level)
    writer.lines.append(JUDGEMENT)


def leading_indicators(hits: list[Hit], k: int) -> list[Hit]:
    """The first hits holding k distinct indicators. An indicator another document words the same
    way at the same level is shown beside the first (see `_grouped`), so it takes no place of its
    own."""
    kept: list[Hit] = []
    seen: list[tuple[int | None, list[str]]] = []
    for hit in hits:
        tokens = words(hit.unit.text)
        if not any(level == hit.unit.level and same_wording(held, tokens) for level, held in seen):
            if len(seen) == k:
                break
            seen.append((hit.unit.level, tokens))
        kept.append(hit)
    return kept


def _contrasts(question: str, units: list[Unit]) -> set[str]:
    """The Level 1 (needs met) cells shown beside a higher level of the same row, for a question that
    does not say things are well: given for comparison, not called a match ("comes home on time and
    does not run away" beside "goes missing")."""
    if says_things_are_well(question):
        return set()
    higher = {row_of(unit) for unit in units if unit.level and unit.level > 1} - {None}
    return {unit.id for unit in units if unit.level == 1 and row_of(unit) in higher}


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


def _orientation(writer: Writer, units: list[Unit], main_level: int, contrasts: set[str]) -> str:
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


def _by_level(writer: Writer, groups, contrasts: set[str]) -> None:
    """Per document (the one holding the best match first), by level, a comparison's cell last."""
    first: dict[str, int] = {}
    for unit, _ in groups:
        first.setdefault(unit.doc_id, len(first))
    for unit, also in sorted(groups, key=lambda g: (first[g[0].doc_id], g[0].id in contrasts, g[0].level)):
        citation = writer.cite(unit)
        agree = ", ".join(f"{writer.engine.document(u.doc_id).short_title} [{writer.cite(u).n}]" for u in also)
        agree = f" The same wording is in the {agree}." if also else ""
        label = citation.level_label + (" (for comparison)" if unit.id in contrasts else "")
        writer.lines.append(f"- {label}: {writer.quote(unit)}.{agree}{_current_view(writer, unit)}")


def _current_view(writer: Writer, unit: Unit) -> str:
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


def _reminder_and_next_step(writer: Writer, doc: str, level: int) -> None:
    area = writer.engine.canonical_area(writer.request.area) if writer.request.area else None
    if level == REMINDED_LEVEL:
        _reminder(writer, doc, area)
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


def _reminder(writer: Writer, doc: str, area: str | None) -> None:
    reminder = guidance.reminder(writer.engine, [doc], area, elsewhere=not writer.request.doc_id)
    if reminder is None:
        return
    said = guidance.REMINDER.search(reminder.text).group(0)
    line = f"The guidance reminds you: {writer.quote(reminder, must_contain=said)}."
    several = next((s for s in sentences(reminder.text) if guidance.SEVERAL.search(s)), None)
    if several and several != writer.cite(reminder).quote:
        line += f' It also says: "{several.lstrip("-• ")}" [{writer.cite(reminder).n}].'
    writer.lines.append(line)
