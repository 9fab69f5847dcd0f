"""The shortlist a large index scores dense similarity with (assistant.shortlist), run on the real
index with its size limit lowered so the bundled corpus counts as large."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from assistant import retrieve, shortlist
from assistant.engine import Engine
from assistant.rerank import Form
from assistant.retrieve import _best, search
from evals.questions import load_questions
from ingestion.embed import embed_query

QUESTIONS = [q.question for q in load_questions()]


@pytest.fixture(scope="module")
def vectors() -> dict[str, np.ndarray]:
    return {q: embed_query(q) for q in QUESTIONS}


def engine_with_shortlist(engine: Engine, size: int, monkeypatch) -> Engine:
    """The same index, scored through a shortlist of `size` units (the original stays exact)."""
    assert engine.shortlist is None
    monkeypatch.setattr(shortlist, "EXACT_LIMIT", 0)
    monkeypatch.setattr(shortlist, "SHORTLIST", size)
    fresh = replace(engine, masks={})
    assert fresh.shortlist is not None
    return fresh


def test_a_small_index_is_scored_exactly(core):
    assert len(core.engine.units) < shortlist.EXACT_LIMIT
    assert core.engine.shortlist is None


def test_a_shortlist_holding_every_unit_gives_exactly_the_exact_search(core, vectors, monkeypatch):
    """Every step around the shortlist (scores held below it, the best k, the hits' exact scores)
    changes nothing when the shortlist is the whole index."""
    exact = core.engine
    listed = engine_with_shortlist(exact, len(exact.units), monkeypatch)
    for question in QUESTIONS:
        want = search(exact, question, k=10, query_vector=vectors[question])
        got = search(listed, question, k=10, query_vector=vectors[question])
        assert [h.unit.id for h in got] == [h.unit.id for h in want]
        assert np.allclose([h.dense for h in got], [h.dense for h in want], atol=1e-4)


def test_a_shortlist_a_fifth_of_the_index_keeps_the_search_results(core, vectors, monkeypatch):
    """With 400 of 1,882 units shortlisted from 64 projected dimensions, the first result, the first
    five in order and the top 10 as a set are those of the exact search for nearly every eval question,
    searched as the core searches it (its form read for the rerank). The order within the top 10 past
    the fifth is left out: near-ties there swap with the shortlist's last float differences, and
    swapped by machine as well (in session 22, 261 of 262 first results, 256 first fives and 255
    top-10 sets the same, the whole top 10 in order 249; 254 on an earlier machine). At scale the
    shortlist is 2,000."""
    exact = core.engine
    listed = engine_with_shortlist(exact, 400, monkeypatch)
    same_first, same_five, same_ten = 0, 0, 0
    for question in QUESTIONS:
        form = Form.of(question)
        want = [h.unit.id for h in search(exact, question, k=10, query_vector=vectors[question], form=form)]
        got = [h.unit.id for h in search(listed, question, k=10, query_vector=vectors[question], form=form)]
        same_first += got[:1] == want[:1]
        same_five += got[:5] == want[:5]
        same_ten += set(got) == set(want)
    assert same_first >= 0.98 * len(QUESTIONS), f"{same_first}/{len(QUESTIONS)}"
    assert same_five >= 0.95 * len(QUESTIONS), f"{same_five}/{len(QUESTIONS)}"
    assert same_ten >= 0.95 * len(QUESTIONS), f"{same_ten}/{len(QUESTIONS)}"


def test_the_shortlist_respects_the_filters(core, vectors, monkeypatch):
    listed = engine_with_shortlist(core.engine, 200, monkeypatch)
    question = QUESTIONS[0]
    mask = listed.mask(retrieve.Filters(doc_id="luton-2022"))
    scores = retrieve.dense_scores(listed, vectors[question], mask)
    best = np.argsort(-scores)[:200]
    assert all(listed.units[i].doc_id == "luton-2022" for i in best)


@pytest.mark.parametrize("seed", range(5))
def test_the_best_k_are_a_stable_sort_of_every_unit(seed):
    rng = np.random.default_rng(seed)
    fused = rng.choice([0.0, 0.0, 0.01, 0.02, 0.5], size=300) * rng.choice([0.3, 1.0], size=300)
    mask = rng.random(300) < 0.7
    for k in (1, 10, 150, 300):
        fused_masked = np.where(mask, fused, -1.0)
        want = np.argsort(-fused_masked, kind="stable")[: min(k, int(mask.sum()))]
        assert list(_best(fused, mask, k)) == list(want)
