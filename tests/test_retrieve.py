"""Retrieval on the real index: filters, question understanding, urgent questions, LangChain."""

import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.citations import make_citation
from assistant.config import Settings
from assistant.core import Assistant
from assistant.lexicon import guidance_terms
from assistant.lexicon_entries import PAIRS
from assistant.query import expand_acronyms, interleave, is_comparison, named_documents, named_levels
from assistant.retrieve import PER_ROW, bm25_scores
from assistant.retriever import ThresholdRetriever
from assistant.types import Filters
from assistant.urgent import is_urgent
from ingestion.errors import BadInput
from ingestion.store import search_terms

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def assistant(built_index):
    return Assistant.open(Settings(index_dir=built_index, corpus_dir=REPO / "corpus"))


def test_filters_keep_only_matching_units(assistant):
    by_level = assistant.search("child goes missing", 10, Filters(level=4)).results
    assert by_level and all(r.level == 4 for r in by_level)
    by_area = assistant.search("child goes missing", 20, Filters(area="central bedfordshire")).results
    assert {r.doc_id for r in by_area} == {"pan-bedfordshire"}
    by_kind = assistant.search("early help assessment", 5, Filters(kind="section")).results
    assert {r.kind for r in by_kind} == {"section"}


@pytest.mark.parametrize(
    "filters", [Filters(doc_id="nope"), Filters(area="Narnia"), Filters(level=5), Filters(kind="x")]
)
def test_unknown_filter_values_are_refused(assistant, filters):
    with pytest.raises(BadInput):
        assistant.search("neglect", 5, filters)


def test_an_urgent_question_puts_the_999_instruction_first(assistant):
    results = assistant.search("a child is being hit right now and is scared to go home tonight", 5).results
    assert "999" in results[0].text and "999" in results[0].quote


def test_a_named_document_comparison_brings_each_document(assistant):
    question = "How do the London and Pan Bedfordshire matrices word practitioner engagement at level 3?"
    results = assistant.search(question, 4).results
    assert {"london-2022", "pan-bedfordshire"} <= {r.doc_id for r in results}


def test_a_passage_opening_with_its_heading_is_quoted_by_a_sentence_of_its_own(assistant):
    """Asked in the heading's own words, the quote is still what the passage says: the heading is
    the citation's place already."""
    engine = assistant.engine
    opening = [
        u
        for u in engine.units
        if u.kind == "section" and u.path and u.text.split("\n")[0].strip() == u.path[-1].strip() and "\n" in u.text
    ]
    assert len(opening) > 50
    for unit in opening:
        quote = make_citation(engine, unit, 1, unit.path[-1]).quote
        assert quote.strip() != unit.path[-1].strip(), unit.id
        assert quote in unit.text, unit.id


def test_langchain_retriever_returns_documents_with_unit_ids(assistant):
    documents = ThresholdRetriever(engine=assistant.engine, k=3).invoke("young carer missing school")
    assert len(documents) == 3
    assert all(d.metadata["id"] in assistant.engine.by_id for d in documents)


def test_question_understanding():
    assert "female genital mutilation" in expand_acronyms("FGM risk - older sister cut - level?")
    assert "EHA" in expand_acronyms("who completes the early help assessment")
    assert "section 47" in expand_acronyms("s47 criteria")
    assert "immunisations" in " ".join(guidance_terms("baby hasn't had any jabs"))
    assert is_comparison("how does Luton compare with Bedford?") and not is_comparison("what level is this?")


@pytest.mark.parametrize(
    "told",
    ["her stepdad is hitting her right now", "dad keeps kicking him", "mum was slapping them", "hitting the baby"],
)
def test_harm_told_as_going_on_is_read_as_harm_told_as_done(told):
    assert "physically harms" in " ".join(guidance_terms(told))


@pytest.mark.parametrize(
    ("asked", "guidance"),
    [("bruises", "bruising"), ("drinks", "drinking"), ("immunised", "immunisations"), ("injuries", "injury")],
)
def test_search_terms_meet_other_forms_of_the_same_word(asked, guidance):
    assert search_terms(asked) == search_terms(guidance)


def test_the_words_of_a_stated_age_are_not_search_terms():
    assert search_terms("a 15-year-old, aged 3 months, 2 yrs old") == ["15", "3", "2"]


def test_a_word_in_another_form_still_finds_the_passages_using_it(assistant):
    units = assistant.engine.units
    lexical = bm25_scores(assistant.engine, "bruises")
    other_form = [u for u in units if "bruising" in u.text.lower() and "bruises" not in u.text.lower()]
    assert other_form and all(lexical[assistant.engine.by_id[u.id]] > 0 for u in other_form)


@pytest.mark.parametrize("query", ["baby has bruising nobody can explain", "child missing from home overnight"])
def test_no_matrix_row_takes_more_than_two_of_the_first_places(assistant, query):
    results = assistant.search(query, 10).results
    rows = Counter(r.id.rpartition("/L")[0] if r.kind == "matrix_cell" else r.id for r in results)
    assert max(rows.values()) <= PER_ROW


def test_every_lexicon_entry_compiles_adds_words_the_guidance_uses_and_names_no_level():
    corpus_words = set(re.findall(r"[a-z]+", " ".join(p.read_text().lower() for p in (REPO / "corpus").glob("*.txt"))))
    for pattern, terms in PAIRS:
        re.compile(pattern)
        assert pattern == pattern.lower(), pattern
        words = re.findall(r"[a-z]+", terms.lower())
        assert not {w for w in words if len(w) > 3} - corpus_words, (pattern, terms)
        assert not {"level", "tier", "universal", "targeted", "specialist"} & set(words), (pattern, terms)


def test_named_documents_and_levels(assistant):
    documents = assistant.engine.documents
    assert named_documents("in the Tiers 1-4 matrix", documents, by_name_only=True) == {"tiers-1-4-matrix"}
    assert "luton-2022" in named_documents("what did Luton say in 2022", documents)
    assert named_documents("what did the 2022 guidance say", documents) >= {"luton-2022", "london-2022"}


@pytest.mark.parametrize(
    "question",
    [
        "How does the 2022 Luton strategy's 'Intensive' category compare with Luton's 'Family Help' today?",
        "what did Luton say in 2022",
    ],
)
def test_a_year_another_named_document_carries_points_at_no_other(assistant, question):
    documents = assistant.engine.documents
    assert "luton-2022" in named_documents(question, documents)
    assert "london-2022" not in named_documents(question, documents)
    assert named_levels("what does level 3 mean? and Tier two?", documents) == {2, 3}
    assert 2 in named_levels("what is Targeted Support", documents)


def test_an_area_with_a_year_names_the_document_outright_and_makes_a_comparison(assistant):
    """Every document with a year, named by an area it covers and its year in a sentence beside
    another document's name: both are named outright, so the answer is side by side."""
    documents = assistant.engine.documents
    dated = [(doc, info) for doc, info in documents.items() if info.areas and re.search(r"\b20\d\d\b", info.date)]
    assert len(dated) >= 3
    for doc, info in dated:
        year = re.search(r"\b20\d\d\b", info.date).group(0)
        other = next(o for o in documents.values() if o.doc_id != doc)
        question = (
            f"What level is neglect in the {other.short_title}, and what did {info.areas[0]}'s {year} guidance say?"
        )
        assert named_documents(question, documents, by_name_only=True) == {doc, other.doc_id}, question
        assert assistant._compares(question)
    assert "luton-2022" not in named_documents("Luton's guidance from 2015", documents, by_name_only=True)


def test_urgent_needs_danger_now_not_just_harm():
    assert is_urgent("the baby is not breathing")
    assert is_urgent("she says her dad is hitting her right now")
    assert not is_urgent("dad hit her with a belt last year, what level?")
    assert not is_urgent("what is the out-of-hours emergency duty team number?")


def test_interleave_takes_each_group_in_turn_without_repeats():
    class H:
        def __init__(self, name):
            self.unit = type("U", (), {"id": name})()

    a1, a2, b1, c = H("a1"), H("a2"), H("b1"), H("c")
    assert [h.unit.id for h in interleave([[a1, a2], [b1]], [b1, c])] == ["a1", "b1", "a2", "c"]
