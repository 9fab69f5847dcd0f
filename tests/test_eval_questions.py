"""The eval question set: written from the guidance, every quote in it, levels right, split fixed."""

from collections import Counter
from pathlib import Path

import pytest

from evals.questions import QUESTIONS_DIR, corpus_texts, load_questions, problems
from evals.validate import level_problems
from ingestion.pipeline import corpus_units

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
MINIMUM = {
    "matrix_level": 70,
    "section": 30,
    "compare": 15,
    "contact": 10,
    "definition": 10,
    "process": 10,
    "unanswerable": 15,
    "urgent": 10,
    "followup": 10,
}
QUESTIONS = load_questions()


@pytest.fixture(scope="module")
def texts():
    return corpus_texts(CORPUS)


def test_there_are_enough_questions_of_every_kind():
    counts = Counter(q.kind for q in QUESTIONS)
    assert len(QUESTIONS) >= 180
    assert {kind: counts[kind] for kind in MINIMUM if counts[kind] < MINIMUM[kind]} == {}


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_question_is_well_formed_and_its_quotes_are_in_the_guidance(question, texts):
    assert problems(question, texts) == []


def test_expected_levels_are_the_levels_of_the_cells_holding_the_quotes():
    assert level_problems(QUESTIONS, corpus_units(CORPUS)) == []


def test_ids_are_unique():
    ids = Counter(q.id for q in QUESTIONS)
    assert [i for i, n in ids.items() if n > 1] == []


def test_split_is_fixed_and_stratified_by_kind():
    assert {q.split for q in QUESTIONS} == {"dev", "test"}
    for kind in MINIMUM:
        splits = Counter(q.split for q in QUESTIONS if q.kind == kind)
        assert abs(splits["dev"] - splits["test"]) <= 1, (kind, splits)


def test_matrix_questions_cover_every_matrix_document_and_level():
    matrix = [e for q in QUESTIONS if q.kind == "matrix_level" for e in q.expected]
    pairs = {(e.doc_id, e.level) for e in matrix}
    for doc in ("pan-bedfordshire", "london-2022", "bedford-borough-2015", "tiers-1-4-matrix", "luton-2022"):
        assert {level for d, level in pairs if d == doc} >= {1, 2, 3, 4}, doc


def test_question_files_are_jsonl_in_the_questions_folder():
    assert sorted(p.suffix for p in QUESTIONS_DIR.glob("*.jsonl"))


HELD_OUT = sorted((QUESTIONS_DIR.parent / "heldout").glob("*.jsonl"))


@pytest.mark.parametrize("path", HELD_OUT, ids=[p.name for p in HELD_OUT])
def test_held_out_sets_quote_the_guidance_at_the_levels_they_give(path, texts):
    questions = load_questions([path])
    assert len(questions) >= 40
    assert [f"{q.id}: {p}" for q in questions for p in problems(q, texts)] == []
    assert level_problems(questions, corpus_units(CORPUS)) == []
