"""make_quiz: every candidate item the filtered guidance allows, then a balanced, seeded choice.

The choice goes round the requested types in turn; within a type it takes the candidate whose level
and heading have been asked least so far (ties broken by the seed), and never repeats a stem. The
same request and seed give the same quiz."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict

from assistant.citations import make_citation
from assistant.engine import Engine
from assistant.quiz import items as make
from assistant.quiz.facts import Fact, section_facts, wording_index, words
from assistant.quiz.items import Candidate, Context
from assistant.quiz.model import Quiz, QuizItem, QuizRequest
from assistant.types import Filters
from ingestion.errors import BadInput
from ingestion.types import Unit

SCENARIO_SIZES = (2, 3)
SCENARIOS_PER_LEVEL = 12


def _documents(engine: Engine, request: QuizRequest) -> list[str]:
    area = engine.canonical_area(request.area) if request.area else None
    if request.doc_id and area and area not in engine.documents[request.doc_id].areas:
        covered = ", ".join(engine.documents[request.doc_id].areas)
        raise BadInput(f"{request.doc_id} is not guidance for {area} (it covers {covered})")
    return [
        doc
        for doc, info in engine.documents.items()
        if (request.doc_id in (None, doc)) and (area is None or area in info.areas)
    ]


def _in_domain(unit: Unit, wanted: str | None) -> bool:
    return wanted is None or any(wanted.lower() in (part or "").lower() for part in (unit.domain, unit.subdomain))


def _indicators(engine: Engine, docs: list[str], request: QuizRequest) -> list[Unit]:
    return [
        u
        for u in engine.units
        if u.kind in ("matrix_cell", "indicator") and u.doc_id in docs and _in_domain(u, request.domain)
    ]


def _rows(engine: Engine, docs: list[str], request: QuizRequest) -> dict[str, tuple[Unit, list[Unit]]]:
    cells = defaultdict(list)
    for unit in engine.units:
        if unit.kind == "matrix_cell":
            cells[unit.id.rsplit("/", 1)[0]].append(unit)
    return {
        u.id: (u, sorted(cells[u.id], key=lambda c: c.level))
        for u in engine.units
        if u.kind == "matrix_row" and u.doc_id in docs and _in_domain(u, request.domain)
    }


def _level_pool(indicators: list[Unit], rows, ctx: Context, request: QuizRequest) -> dict[str, list[Candidate]]:
    headings = defaultdict(set)
    for unit in indicators:
        headings[unit.doc_id].add(make.heading_of(unit))
    row_of = {c.id: cells for _, cells in rows.values() for c in cells}
    pool = defaultdict(list)
    for unit in indicators:
        pool["which_level"].append(make.which_level(unit, ctx, row_of.get(unit.id, [])))
        pool["which_domain"].append(make.which_domain(unit, ctx, sorted(headings[unit.doc_id])))
        pool["true_false"].append(make.true_false(unit, ctx))
    for row, cells in rows.values():
        pool["order_escalation"].append(make.order_escalation(row, cells, ctx))
    pool["scenario"] = _scenarios(indicators, ctx)
    return pool


def _scenarios(indicators: list[Unit], ctx: Context) -> list[Candidate]:
    """Per document and level, indicators from different headings, none asked-about elsewhere at
    another level in the same document."""
    usable = defaultdict(list)
    for unit in indicators:
        if not ctx.wording[unit.id].other_level_same_doc and make.noun(unit) == "indicator":
            usable[(unit.doc_id, unit.level)].append(unit)
    found = []
    for (_, _level), units in sorted(usable.items()):
        for _ in range(SCENARIOS_PER_LEVEL):
            size = ctx.rng.choice(SCENARIO_SIZES)
            picked, headings = [], set()
            for unit in ctx.rng.sample(units, len(units)):
                if make.heading_of(unit) not in headings and len(unit.text) <= 220:
                    picked.append(unit)
                    headings.add(make.heading_of(unit))
                if len(picked) == size:
                    found.append(make.scenario(picked, ctx))
                    break
    return found


def _level_name_pool(engine: Engine, docs: list[str], request: QuizRequest, ctx: Context) -> list[Candidate]:
    area = engine.canonical_area(request.area) if request.area else None
    other_names = defaultdict(set)
    for info in engine.documents.values():
        for names in [info.level_names, *(n for _, n in info.area_level_names)]:
            for level, name in enumerate(names, start=1):
                other_names[level].add(name)
    pool = []
    for doc in docs:
        info = engine.documents[doc]
        named_areas = [a for a, _ in info.area_level_names if area in (None, a)] if info.area_level_names else [None]
        for named in named_areas:
            sources = _naming_headings(engine, info, named)
            pool.extend(make.level_names(info, named, sources, ctx, other_names))
    return pool


def _naming_headings(engine: Engine, info, area: str | None) -> dict[int, Unit]:
    """For each level, the first passage of the document whose heading names it with its name
    ("Level 2 – Targeted Support"), under a heading naming the area when there is one."""
    names = dict(info.area_level_names).get(area or "", info.level_names)
    found = {}
    for unit in engine.units:
        if unit.kind != "section" or unit.doc_id != info.doc_id:
            continue
        heading = unit.path[-1].lower()
        for level, name in enumerate(names, start=1):
            names_level = f"{info.level_word.lower()} {level}" in heading and name.lower() in heading
            in_area = area is None or any(area.lower() in part.lower() for part in unit.path)
            if names_level and in_area and level not in found:
                found[level] = unit
    return found


def _fact_pool(engine: Engine, docs: list[str], ctx: Context) -> list[Candidate]:
    """A section fact with three wrong values of the same kind: from the same document when hard;
    never a value that appears in the same passage."""
    sections = [u for u in engine.units if u.kind == "section"]
    facts = section_facts(sections)
    values = defaultdict(set)
    for fact in facts:
        values[(fact.kind, fact.unit.doc_id if ctx.hard else "")].add(fact.value)
    clozes = Counter((f.unit.doc_id, f.unit.path, " ".join(words(f.cloze))) for f in facts)
    pool = []
    for fact in facts:
        if fact.unit.doc_id not in docs or clozes[(fact.unit.doc_id, fact.unit.path, " ".join(words(fact.cloze)))] > 1:
            continue
        wrong = sorted(v for v in values[(fact.kind, fact.unit.doc_id if ctx.hard else "")] if _differs(v, fact))
        if wrong:
            pool.append(make.section_fact(fact, ctx.rng.sample(wrong, min(3, len(wrong))), ctx))
    return pool


def _differs(value: str, fact: Fact) -> bool:
    plain = " ".join(words(value))
    return plain != " ".join(words(fact.value)) and plain not in " ".join(words(fact.unit.text))


_wordings: dict[int, tuple[list[Unit], dict]] = {}


def _wording(engine: Engine) -> dict:
    """The wording index of an engine's units, worked out once per index (it is most of the time
    a quiz takes)."""
    units, index = _wordings.get(id(engine), (None, None))
    if units is not engine.units:
        index = wording_index([u for u in engine.units if u.kind in ("matrix_cell", "indicator")])
        _wordings[id(engine)] = (engine.units, index)
    return index


def candidates(engine: Engine, request: QuizRequest, rng: random.Random) -> dict[str, list[Candidate]]:
    """Every item the request's filters allow, by type."""
    engine.check(Filters(doc_id=request.doc_id, area=request.area, level=request.level))
    docs = _documents(engine, request)
    area = engine.canonical_area(request.area) if request.area else None
    ctx = Context(engine.documents, area, _wording(engine), request.difficulty == "hard", rng)
    indicators = _indicators(engine, docs, request)
    pool = _level_pool(indicators, _rows(engine, docs, request), ctx, request)
    if request.domain is None:
        pool["level_name"] = _level_name_pool(engine, docs, request, ctx)
        pool["section_fact"] = _fact_pool(engine, docs, ctx)
    return {
        kind: [c for c in pool.get(kind, []) if c is not None and request.level in (None, c.level)]
        for kind in request.types
    }


def _choose(pools: dict[str, list[Candidate]], count: int, rng: random.Random) -> list[Candidate]:
    pools = {kind: rng.sample(found, len(found)) for kind, found in pools.items() if found}
    chosen, stems = [], set()
    levels, headings = Counter(), Counter()
    kinds = list(pools)
    rng.shuffle(kinds)
    while len(chosen) < count and any(pools.values()):
        for kind in kinds:
            if len(chosen) == count or not pools[kind]:
                continue
            best = min(pools[kind], key=lambda c: (levels[c.level], headings[(c.doc_id, c.domain)]))
            pools[kind].remove(best)
            if best.stem in stems:
                continue
            chosen.append(best)
            stems.add(best.stem)
            levels[best.level] += 1
            headings[(best.doc_id, best.domain)] += 1
    return chosen


def _item(engine: Engine, number: int, candidate: Candidate, request: QuizRequest) -> QuizItem:
    return QuizItem(
        id=f"q{number}",
        type=candidate.type,
        stem=candidate.stem,
        options=candidate.options,
        answer=candidate.answer,
        explanation=candidate.explanation,
        citations=[
            make_citation(engine, unit, n, unit.text, request.area) for n, unit in enumerate(candidate.units, start=1)
        ],
        doc_id=candidate.doc_id,
        domain=candidate.domain,
        level=candidate.level,
        difficulty=request.difficulty,
    )


def _fitting(pools: dict[str, list[Candidate]], unfit) -> tuple[dict[str, list[Candidate]], Counter]:
    """The candidates a format can hold, and why the others cannot (numbers taken out, so reasons
    group: "question is N characters (Kahoot's limit is N)")."""
    kept, left_out = {}, Counter()
    for kind, found in pools.items():
        kept[kind] = []
        for candidate in found:
            why = unfit(candidate)
            if why:
                left_out[re.sub(r"\d+", "N", why)] += 1
            else:
                kept[kind].append(candidate)
    return kept, left_out


def make_quiz(engine: Engine, request: QuizRequest, unfit=None) -> Quiz:
    """`unfit(item)` says why the target format cannot hold an item (or None): then only items that
    fit are chosen."""
    rng = random.Random(request.seed)
    pools = candidates(engine, request, rng)
    pools, left_out = _fitting(pools, unfit) if unfit else (pools, Counter())
    chosen = _choose(pools, request.count, rng)
    return Quiz(
        seed=request.seed,
        items=[_item(engine, n, c, request) for n, c in enumerate(chosen, start=1)],
        available={kind: len({c.stem for c in found}) for kind, found in pools.items()},
        left_out=dict(left_out),
    )
