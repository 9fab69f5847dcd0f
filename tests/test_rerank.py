"""The rerank (assistant/rerank.py): its weights are the dev split's fit, it only reorders the fused
shortlist, and it ranks the dev questions' expected citations higher than the fused order does."""

import pytest

from assistant.config import Settings
from assistant.core import Assistant, retrieval_query
from assistant.rerank import RERANK_DEPTH, WEIGHTS
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
    shipped = [WEIGHTS.fused_rank, WEIGHTS.dense, WEIGHTS.bm25, *(WEIGHTS.kind[k] for k in KINDS)]
    for got, want in zip(fitted, shipped, strict=True):
        assert got == pytest.approx(want, rel=0.15, abs=0.1)


def test_the_rerank_only_reorders_the_fused_shortlist(core, fused_only):
    for question in ["mum drinks every night and the kids get themselves to school", "section 47 criteria"]:
        ours = {r.id for r in core.search(question, RERANK_DEPTH).results}
        fused = {r.id for r in fused_only.search(question, RERANK_DEPTH).results}
        assert ours == fused


def test_the_rerank_ranks_expected_citations_higher_than_the_fused_order(core, fused_only):
    assert _dev_mrr(core) > _dev_mrr(fused_only) + 0.03
