"""Candidate items of each type, each true by construction from the parsed guidance.

An item is built only from units of the index (cells at their levels, a row's four cells, listed
indicators, a section's sentence) and the manifest's level names; its explanation quotes them. An
indicator whose wording stands at another level elsewhere in its own document is never asked; when
it stands at another level in another document, the item names its document."""

from __future__ import annotations

import random
from dataclasses import dataclass

from assistant.quiz.facts import Fact, Wording, heading_of, words
from ingestion.types import DocumentInfo, Unit

LEVELS = (1, 2, 3, 4)


@dataclass
class Candidate:
    type: str
    stem: str
    options: list[str]
    answer: list[int]
    explanation: str
    units: list[Unit]
    doc_id: str
    domain: str | None = None
    level: int | None = None


@dataclass(frozen=True)
class Context:
    """What every generator needs: the documents, the area whose level names to use, the wording
    index, the difficulty and a seeded random source for the order of options."""

    documents: dict[str, DocumentInfo]
    area: str | None
    wording: dict[str, Wording]
    hard: bool
    rng: random.Random

    def labels(self, doc_id: str) -> list[str]:
        info = self.documents[doc_id]
        return [info.level_label(level, self.area) for level in LEVELS]

    def title(self, doc_id: str) -> str:
        info = self.documents[doc_id]
        return info.short_title or info.title


def make(kind: str, stem: str, options: list[str], answer: list[int], explanation: str, units: list[Unit]) -> Candidate:
    """A candidate about these units: its document, heading and level are theirs (no level when they
    span levels, as a row does)."""
    first = units[0]
    levels = {u.level for u in units}
    level = first.level if len(levels) == 1 else None
    return Candidate(kind, stem, options, answer, explanation, units, first.doc_id, heading_of(first) or None, level)


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def noun(unit: Unit) -> str:
    return "service" if "service" in (unit.domain or "").lower() else "indicator"


def where(unit: Unit, ctx: Context) -> str:
    place = " › ".join(p for p in (unit.domain, unit.subdomain) if p)
    row = f", row {unit.row}" if unit.row else ""
    return f"{ctx.title(unit.doc_id)}, {place}{row}"


def quoted(unit: Unit, ctx: Context) -> str:
    return f'{ctx.labels(unit.doc_id)[unit.level - 1]}: "{unit.text}" ({where(unit, ctx)}).'


def _in_doc(unit: Unit, ctx: Context, needed: bool) -> str:
    return f" in the {ctx.title(unit.doc_id)}" if needed else ""


def which_level(unit: Unit, ctx: Context, row_cells: list[Unit]) -> Candidate | None:
    wording = ctx.wording[unit.id]
    if wording.other_level_same_doc:
        return None
    in_doc = _in_doc(unit, ctx, wording.other_level_other_doc)
    heading = heading_of(unit)
    if ctx.hard and len(row_cells) >= 3:
        label = ctx.labels(unit.doc_id)[unit.level - 1]
        if any(ctx.wording[c.id].other_level_same_doc for c in row_cells):
            return None
        options = [c.text for c in row_cells]
        if len(set(options)) < len(options):
            return None
        ctx.rng.shuffle(options)
        stem = f'Which of these is the {label} {noun(unit)} under "{heading}"{_in_doc(unit, ctx, True)}?'
        return make("which_level", stem, options, [options.index(unit.text)], quoted(unit, ctx), [unit])
    stem = f'{heading}: which level is this {noun(unit)}{in_doc}? "{unit.text}"'
    return make("which_level", stem, ctx.labels(unit.doc_id), [unit.level - 1], quoted(unit, ctx), [unit])


def which_domain(unit: Unit, ctx: Context, headings: list[str]) -> Candidate | None:
    """Options: the right heading and three others of the same document."""
    wording = ctx.wording[unit.id]
    right = heading_of(unit)
    others = [h for h in headings if h.lower() != right.lower()]
    if wording.other_heading_same_doc or len(others) < 2 or noun(unit) != "indicator":
        return None
    options = [right, *ctx.rng.sample(others, min(3, len(others)))]
    ctx.rng.shuffle(options)
    in_doc = _in_doc(unit, ctx, wording.other_heading_other_doc)
    stem = f'Under which heading does this indicator appear{in_doc}? "{unit.text}"'
    return make("which_domain", stem, options, [options.index(right)], quoted(unit, ctx), [unit])


def _claimed_level(level: int, hard: bool, rng: random.Random) -> int:
    """A wrong level to claim: a neighbour when hard, one at least two away when easy."""
    choices = [lv for lv in LEVELS if (abs(lv - level) == 1) == hard and lv != level]
    return rng.choice(choices)


def true_false(unit: Unit, ctx: Context) -> Candidate | None:
    wording = ctx.wording[unit.id]
    if wording.other_level_same_doc:
        return None
    truth = ctx.rng.random() < 0.5
    claimed = unit.level if truth else _claimed_level(unit.level, ctx.hard, ctx.rng)
    label = ctx.labels(unit.doc_id)[claimed - 1]
    in_doc = _in_doc(unit, ctx, wording.other_level_other_doc)
    stem = f'True or false{in_doc}: "{unit.text}" is a {label} {noun(unit)} under "{heading_of(unit)}".'
    return make("true_false", stem, ["True", "False"], [0 if truth else 1], quoted(unit, ctx), [unit])


def order_escalation(row: Unit, cells: list[Unit], ctx: Context) -> Candidate | None:
    """The four cells of one row, shuffled, to put in order from Level 1 to Level 4."""
    if len(cells) != 4 or any(ctx.wording[c.id].other_level_same_doc for c in cells):
        return None
    if len({" ".join(words(c.text)) for c in cells}) < 4:
        return None
    order = list(range(4))
    while order == sorted(order):
        ctx.rng.shuffle(order)
    options = [cells[i].text for i in order]
    answer = [options.index(c.text) for c in cells]
    stem = (
        f"Put these {noun(cells[0])}s ({heading_of(row)}, {ctx.title(row.doc_id)}) in order, "
        f"from {ctx.labels(row.doc_id)[0]} to {ctx.labels(row.doc_id)[3]}."
    )
    explanation = " ".join(quoted(c, ctx) for c in cells)
    return make("order_escalation", stem, options, answer, explanation, cells)


def scenario(chosen: list[Unit], ctx: Context) -> Candidate:
    """Two or three indicators of one level, from different rows, woven into a short vignette. The
    question is where the guidance places them, not what a whole situation amounts to (several
    Level 2 indicators together may mean Level 3)."""
    first = chosen[0]
    in_doc = _in_doc(first, ctx, any(ctx.wording[u.id].other_level_other_doc for u in chosen))
    noticed = " ".join(sentence(u.text) for u in chosen)
    stem = (
        f"A practitioner working with a family notes the following. {noticed} "
        f"Each of these appears in the guidance{in_doc} at the same level. Which level?"
    )
    explanation = " ".join(quoted(u, ctx) for u in chosen)
    return make("scenario", stem, ctx.labels(first.doc_id), [first.level - 1], explanation, list(chosen))


def level_names(
    info: DocumentInfo, area: str | None, sources: dict[int, Unit], ctx: Context, other_names: dict[int, set[str]]
) -> list[Candidate]:
    """ "What does Central Bedfordshire call Level 2?" and "In Central Bedfordshire, which level is
    'Targeted Support'?", for each level whose heading in the document names it (the source). When
    hard, the wrong options of the first are other areas' and documents' names for the same level."""
    names = dict(info.area_level_names).get(area or "", info.level_names)
    if len(names) != 4 or len({n.lower() for n in names}) < 4:
        return []
    who = area if area else f"the {info.short_title or info.title}"
    items = []
    for level, source in sorted(sources.items()):
        right = names[level - 1]
        calls = f'{who[0].upper()}{who[1:]} calls {info.level_word} {level} "{right}"'
        explanation = f'{calls}: the heading "{source.path[-1]}".'
        options = list(names)
        others = sorted(n for n in other_names[level] if n.lower() != right.lower())
        if ctx.hard and len(others) >= 2:
            options = [right, *ctx.rng.sample(others, min(3, len(others)))]
            ctx.rng.shuffle(options)
        stem = f"What does {who} call {info.level_word} {level}?"
        items.append(make("level_name", stem, options, [options.index(right)], explanation, [source]))
        stem = f"In {who}, which level is '{right}'?"
        labels = [f"{info.level_word} {lv}" for lv in LEVELS]
        items.append(make("level_name", stem, labels, [level - 1], explanation, [source]))
        items[-2].level = items[-1].level = level
    return items


def section_fact(fact: Fact, distractors: list[str], ctx: Context) -> Candidate:
    """A sentence with its fact blanked; the options are the fact and others of its kind, written
    alike ("section 17" and "Section 47" both as "Section …")."""
    unit = fact.unit

    def shown(value: str) -> str:
        return value[0].upper() + value[1:] if fact.kind == "section of the Children Act" else value

    options = [shown(v) for v in [fact.value, *distractors]]
    right = options[0]
    ctx.rng.shuffle(options)
    path = " › ".join(unit.path)
    stem = f'In the {ctx.title(unit.doc_id)} ({path}), which {fact.kind} completes this? "{fact.cloze}"'
    explanation = f'"{fact.sentence}" ({ctx.title(unit.doc_id)}, {path}).'
    return make("section_fact", stem, options, [options.index(right)], explanation, [unit])
