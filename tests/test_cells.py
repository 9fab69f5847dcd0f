"""Row-aware answers (assistant/cells.py): a matrix row found whole stands for its best-fitting
cells, chosen by the words that tell the row's cells apart. On the real index's rows."""

from __future__ import annotations

import pytest

from assistant.cells import (
    ADDED_WEIGHT,
    CELL_LESS,
    CELL_MORE,
    CELLS_PER_ROW,
    PREFIX,
    Reading,
    distinctive_scores,
    row_cells,
    says_things_are_well,
    severity_scores,
    with_rows_as_cells,
)
from assistant.types import Hit
from ingestion.embed import embed_query
from ingestion.store import lexical_text, search_terms


@pytest.fixture(scope="module")
def engine(core):
    return core.engine


@pytest.fixture(scope="module")
def rows(engine):
    return [u for u in engine.units if u.kind == "matrix_row"]


def _as_hit(unit) -> Hit:
    return Hit(unit, 0.9, 0.5, 1.0)


def test_every_row_has_its_cells_lowest_level_first(engine, rows):
    assert len(rows) > 200
    for row in rows:
        levels = [engine.units[i].level for i in row_cells(engine, row.id)]
        assert len(levels) >= 2 and levels == sorted(levels)
        assert all(engine.units[i].id.startswith(row.id + "/") for i in row_cells(engine, row.id))


def test_a_row_asked_in_one_cells_words_gives_that_cell_first(engine, rows):
    """Every cell of every row, asked in its own words: the cell leads, but where another cell of its
    row holds all its words and more (then the dense similarity decides); it is among the row's
    chosen cells but where two others hold all its words."""
    asked, first, chosen_at_all = 0, 0, 0
    for row in rows:
        for i in row_cells(engine, row.id):
            cell = engine.units[i]
            chosen = with_rows_as_cells(engine, [_as_hit(row)], cell.text, embed_query(cell.text))
            assert len(chosen) == CELLS_PER_ROW and all(h.unit.kind == "matrix_cell" for h in chosen)
            asked += 1
            first += chosen[0].unit.text == cell.text
            chosen_at_all += cell.text in [h.unit.text for h in chosen]
    assert first >= 0.95 * asked and chosen_at_all >= 0.99 * asked


def test_words_every_cell_of_the_row_holds_do_not_choose_between_them(engine, rows):
    row = rows[0]
    cells = row_cells(engine, row.id)
    shared = sorted(set.intersection(*(set(search_terms(lexical_text(engine.units[i]))) for i in cells)))
    assert shared, "a row's cells share at least its heading's words"
    assert not distinctive_scores(engine, cells, shared).any()
    one_cell_only = search_terms(engine.units[cells[-1]].text)
    assert distinctive_scores(engine, cells, one_cell_only).argmax() == len(cells) - 1


def test_a_word_begun_by_the_askers_word_counts_as_held(engine, rows):
    """A term no cell holds as it is but one cell's word begins ("friend" in "friendships", which
    stemming keeps apart) chooses that cell, for every such word of every row; a term a cell holds as
    it is is not widened to the words it begins ("healthi" is not "health")."""
    checked = 0
    for row in rows:
        cells = row_cells(engine, row.id)
        held = [set(search_terms(lexical_text(engine.units[i]))) for i in cells]
        for n, words in enumerate(held):
            for word in sorted(words):
                stem = word[:PREFIX]
                if len(word) <= PREFIX or any(stem in h for h in held):
                    continue
                if sum(any(w.startswith(stem) for w in h) for h in held) != 1:
                    continue
                scores = distinctive_scores(engine, cells, [stem])
                assert scores.argmax() == n and scores[n] > 0, (row.id, word)
                checked += 1
    assert checked > 100
    health = next(r for r in rows if r.id == "pan-bedfordshire/matrix/health/1")
    cells = row_cells(engine, health.id)
    assert distinctive_scores(engine, cells, search_terms("healthy")).argmax() == 0


def test_words_the_search_added_weigh_less_than_the_askers_own(engine, rows):
    """A word the lexicon or an acronym added to the question counts ADDED_WEIGHT of what the same
    word typed by the asker would, for every row's cells."""
    assert 0 < ADDED_WEIGHT < 1
    for row in rows:
        cells = row_cells(engine, row.id)
        terms = search_terms(" ".join(engine.units[i].text for i in cells))
        own = distinctive_scores(engine, cells, terms)
        added = distinctive_scores(engine, cells, terms, frozenset(terms))
        assert added == pytest.approx(ADDED_WEIGHT * own)


def test_other_hits_keep_their_places_and_no_cell_is_listed_twice(engine, rows):
    row = rows[0]
    cell = engine.units[row_cells(engine, row.id)[-1]]
    section = next(u for u in engine.units if u.kind == "section")
    hits = [_as_hit(section), _as_hit(row), _as_hit(cell)]
    chosen = with_rows_as_cells(engine, hits, cell.text, embed_query(cell.text))
    ids = [h.unit.id for h in chosen]
    assert ids[0] == section.id and ids[1] == cell.id
    assert len(ids) == len(set(ids)) == 1 + CELLS_PER_ROW
    assert with_rows_as_cells(engine, [_as_hit(section)], "x", embed_query("x"))[0].unit is section


def test_a_cell_found_on_its_own_is_preceded_by_its_rows_choice_and_kept(engine, rows):
    """Each row asked in each of its cells' words, with only its level 1 cell found: the row's own
    choice for those words leads (as when the row is found whole) and the cell found is kept."""
    for row in rows:
        found = engine.units[row_cells(engine, row.id)[0]]
        for i in row_cells(engine, row.id):
            asked = engine.units[i].text
            vector = embed_query(asked)
            rows_choice = with_rows_as_cells(engine, [_as_hit(row)], asked, vector)[0].unit
            ids = [h.unit.id for h in with_rows_as_cells(engine, [_as_hit(found)], asked, vector)]
            assert ids[0] == rows_choice.id and found.id in ids
            assert len(ids) == (1 if rows_choice.id == found.id else 2)


@pytest.mark.parametrize(
    ("text", "well"),
    [
        ("no concerns, she is coping", True),
        ("mum is not coping", False),
        ("he isn't really happy at home", False),
        ("doesn't feel safe", False),
        ("the kids are fine but dad is not coping", True),
        ("never settled anywhere", False),
    ],
)
def test_things_said_to_be_well_are_not_read_so_when_negated(text, well):
    assert says_things_are_well(text) is well
    assert Reading.of(text).reassured is well


MISSING_ROW = "pan-bedfordshire/matrix/extra-familial-harm/missing/1"


@pytest.mark.parametrize(
    ("question", "level_one_first"),
    [
        ("A 15-year-old keeps going missing and comes back with new phones", False),
        ("15yo always comes home on time and answers her phone, no concerns", True),
        ("15yo is not safe, keeps going missing, mum isn't coping", False),
        ("14yo comes home on time every night, her whereabouts are always known to her parents", True),
    ],
)
def test_a_rows_level_one_cell_leads_only_where_things_are_said_to_be_well_or_it_reads_closest(
    engine, question, level_one_first
):
    """The missing row's level 1 cell ("comes homes on time ... they answer their phone") holds the
    most of the first question's distinctive words, the concern it negates."""
    row = engine.units[engine.by_id[MISSING_ROW]]
    chosen = with_rows_as_cells(engine, [_as_hit(row)], question, embed_query(question))
    assert [h.unit.level == 1 for h in chosen].count(True) <= 1
    assert (chosen[0].unit.level == 1) is level_one_first


def test_a_question_saying_things_are_well_gets_the_lower_of_cells_its_words_fit_alike(engine, rows):
    """Every row asked in the words all its cells share, and that all is well: no word tells its
    cells apart, so the lowest level leads (the dense similarity alone picks it in about a quarter)."""
    tied = 0
    for row in rows:
        cells = row_cells(engine, row.id)
        shared = set.intersection(*(set(search_terms(lexical_text(engine.units[i]))) for i in cells))
        asked = " ".join(sorted(shared)) + " and all is well"
        scores = distinctive_scores(engine, cells, search_terms(asked)) + severity_scores(
            engine, cells, Reading.of(asked)
        )
        if len(set(scores.round(6))) > 1:
            continue
        tied += 1
        first = with_rows_as_cells(engine, [_as_hit(row)], asked, embed_query(asked))[0].unit
        assert first.level == engine.units[cells[0]].level, row.id
    assert tied > 200


def _rows_telling_severity_apart(engine, rows):
    """Rows with a cell that speaks of a concern as recurring or grave and one that speaks of it as
    one-off or slight (and not both)."""
    found = []
    for row in rows:
        cells = row_cells(engine, row.id)
        texts = [engine.units[i].text for i in cells]
        more = [n for n, t in enumerate(texts) if CELL_MORE.search(t) and not CELL_LESS.search(t)]
        less = [n for n, t in enumerate(texts) if CELL_LESS.search(t) and not CELL_MORE.search(t)]
        if more and less:
            found.append((cells, more, less))
    return found


@pytest.mark.parametrize(
    ("asked", "favoured"),
    [
        ("it keeps happening, again and again", "more"),
        ("this is the 3rd time this term", "more"),
        ("she does it most days", "more"),
        ("the first time anything like this has happened", "less"),
        ("it happens occasionally", "less"),
        ("a bit too independent for his age", "less"),
    ],
)
def test_how_often_the_question_says_favours_the_cells_saying_as_much(engine, rows, asked, favoured):
    found = _rows_telling_severity_apart(engine, rows)
    assert len(found) >= 20
    for cells, more, less in found:
        scores = severity_scores(engine, cells, Reading.of(asked))
        high, low = (more, less) if favoured == "more" else (less, more)
        assert min(scores[n] for n in high) > max(scores[n] for n in low)


def test_a_question_silent_on_how_often_gives_no_severity_weight(engine, rows):
    cells = row_cells(engine, rows[0].id)
    assert not severity_scores(engine, cells, Reading.of("dad has lost his job and money is tight")).any()


def test_the_words_asking_for_a_level_do_not_choose_a_cell(engine, rows):
    """ "level" is in some cells ("high level of", "low level anti-social behaviour"), but in "What
    level?" it is the ask, not the situation."""
    said = [
        r for r in rows if any("level" in search_terms(lexical_text(engine.units[i])) for i in row_cells(engine, r.id))
    ]
    assert len(said) >= 10
    for row in said:
        cells = row_cells(engine, row.id)
        for asked in ("What level?", "does it meet the threshold? which tier"):
            assert not distinctive_scores(engine, cells, Reading.of(asked).terms).any(), (row.id, asked)


@pytest.mark.parametrize(
    ("question", "needs_met"),
    [
        ("All his jabs are done and mum takes him to the dentist. No worries at all. Does he need a level?", True),
        ("Dad's depression is well managed and the kids are fine - does this need a level at all?", True),
        ("She's settled and happy at nursery, just checking: any level?", True),
        ("He's fine isn't he, no level needed?", True),
        ("Nothing found on the search, no concerns, do I need to do anything?", True),
        ("14yo cutting her arms most nights - does that need a level?", False),
        ("No concerns at home, but dad hit him with a belt. What level?", False),
        ("Parents coping well, but do I need to do anything more than advice about safe sleep?", False),
        ("Mum isn't coping at all - does she need a level?", False),
    ],
)
def test_a_question_asking_if_any_level_is_needed_where_all_is_well_reads_as_needs_met(question, needs_met):
    assert Reading.of(question).needs_met is needs_met


def test_where_needs_are_met_every_rows_level_one_cell_leads_whatever_its_words(engine, rows):
    """Asked in the words of each row's highest cell, and that all is well and no level seems
    needed: the row's level 1 cell leads, with its best other cell beside it."""
    led = 0
    for row in rows:
        cells = row_cells(engine, row.id)
        if engine.units[cells[0]].level != 1:
            continue
        asked = f"{engine.units[cells[-1]].text} But honestly no concerns, all fine. Does this need a level?"
        chosen = with_rows_as_cells(engine, [_as_hit(row)], asked, embed_query(asked))
        assert chosen[0].unit.id == engine.units[cells[0]].id, row.id
        assert len(chosen) == CELLS_PER_ROW and chosen[1].unit.level != 1
        led += 1
    assert led > 200


@pytest.mark.parametrize(
    "question",
    [
        "Year 3 girl, always seems well, all her jabs are done and dad takes her to the dentist. No worries really."
        " Does she need a level?",
        "Y9 lad, great attendance, parents come to every parents evening, he's fine - no level needed?",
    ],
)
def test_an_answer_where_needs_are_met_leads_with_level_one(core, question):
    answer = core.ask(question)
    first = next(c for c in answer.citations if c.level is not None)
    assert first.level == 1
    assert answer.answer.startswith("What you describe matches Level 1")
