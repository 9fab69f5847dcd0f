"""The rerank (assistant/rerank.py): its weights are the dev split's fit, it only reorders the fused
shortlist, and it ranks the dev questions' expected citations higher than the fused order does."""

import pytest

from assistant.config import Settings
from assistant.core import Assistant, retrieval_query
from assistant.rerank import RERANK_DEPTH, WEIGHTS, Form, coverage
from assistant.types import Filters
from evals.fit_rerank import fit, shortlists
from evals.metrics import Cited, reciprocal_rank
from evals.questions import load_questions
from ingestion.types import KINDS


@pytest.fixture(scope="module")
def fused_only(built_index):
    return Assistant.open(Settings(index_dir=built_index, rerank=False))


def _dev_mrr(assistant: Assistant) -> float:
    questions = [q for q in load_questions() if q.split == "dev" and q.expected]
    total = 0.0
    for q in questions:
        results = assistant.search(retrieval_query(q.question, list(q.history)), 10, Filters(area=q.area)).results
        total += reciprocal_rank(q, [Cited(r.doc_id, r.text, r.id, r.kind, r.level) for r in results], 10)
    return total / len(questions)


def test_the_weights_are_the_fit_of_the_dev_split(fused_only):
    """Refit here (a machine without bfloat16 embeds a little differently, hence the tolerance)."""
    fitted = fit(shortlists(fused_only))
    per_kind = (WEIGHTS.kind, WEIGHTS.kind_if_fact, WEIGHTS.kind_if_situation)
    head = [WEIGHTS.fused_rank, WEIGHTS.dense, WEIGHTS.bm25, WEIGHTS.coverage]
    shipped = [*head, *(w[k] for w in per_kind for k in KINDS)]
    for got, want in zip(fitted, shipped, strict=True):
        assert got == pytest.approx(want, rel=0.15, abs=0.1)


def test_the_rerank_only_reorders_the_fused_shortlist(core, fused_only):
    for question in ["mum drinks every night and the kids get themselves to school", "section 47 criteria"]:
        ours = {r.id for r in core.search(question, RERANK_DEPTH).results}
        fused = {r.id for r in fused_only.search(question, RERANK_DEPTH).results}
        assert ours == fused


def test_the_rerank_ranks_expected_citations_higher_than_the_fused_order(core, fused_only):
    assert _dev_mrr(core) > _dev_mrr(fused_only) + 0.03


@pytest.mark.parametrize(
    ("question", "fact", "situation"),
    [
        ("what is significant harm", True, False),
        ("How do I make a referral to the Luton MASH?", True, False),
        ("threshold for care proceedings s31", False, False),
        ("What are the s31 threshold criteria for starting care proceedings?", True, False),
        ("Y7 boy hanging round with older kids on the estate. Level?", False, True),
        ("parent sometimes smells of alcohol at pick up, what threshold?", False, True),
        ("does this meet the threshold for social care?", False, True),
        ("What is the level for a 15-year-old who keeps going missing?", False, True),
        ("mum drinks every night and the kids get themselves to school", False, True),
    ],
)
def test_the_form_of_a_question_is_read_from_its_wording(question, fact, situation):
    form = Form.of(question)
    assert (form.fact, form.situation) == (fact, situation)


def test_the_form_carries_the_questions_own_terms_without_its_ask_for_a_level():
    assert Form.of("Y7 boy hanging round with older kids on the estate. What level?").terms == (
        "y7",
        "boy",
        "hang",
        "round",
        "older",
        "kid",
        "estat",
    )


def test_coverage_is_the_share_of_the_questions_terms_held_weighted_by_their_rarity(core):
    terms = Form.of("child keeps going missing with new phones").terms
    held = [frozenset(terms), frozenset({"phone"}), frozenset({"child"}), frozenset({"unrelated"})]
    every, rare, common, none = coverage(held, terms, core.engine.idf)
    assert every == pytest.approx(1.0)
    assert rare > common > 0
    assert none == 0.0


def test_a_fact_question_ranks_passages_above_the_cells_sharing_its_words(core):
    """ "What is significant harm" asks for the guidance's account of it, not a cell saying "causing
    significant physical harm": its first results are passages."""
    results = core.search("what is significant harm", 3).results
    assert [r.kind for r in results] == ["section"] * 3
