"""Hybrid retrieval: dense cosine over the unit vectors and BM25 over the same units, fused by
reciprocal rank, within the filters."""

from __future__ import annotations

import numpy as np

from assistant import rerank as second_look
from assistant.engine import Engine
from assistant.shortlist import exact_scores, shortlisted_scores
from assistant.types import Filters, Hit
from ingestion.embed import embed_query
from ingestion.store import search_terms

RRF_K = 60
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 0.5


DEPTH = 200
"""Only the best DEPTH units of each ranking contribute to the fusion."""


def _reciprocal_ranks(scores: np.ndarray, mask: np.ndarray, positive_only: bool) -> np.ndarray:
    masked = np.where(mask, scores, -np.inf)
    if positive_only:
        masked[scores <= 0] = -np.inf
    depth = min(DEPTH, int(np.isfinite(masked).sum()))
    rr = np.zeros(len(scores), dtype=np.float64)
    if depth == 0:
        return rr
    top = np.argpartition(-masked, depth - 1)[:depth]
    top = top[np.argsort(-masked[top], kind="stable")]
    rr[top] = 1.0 / (RRF_K + np.arange(1, depth + 1))
    return rr


def dense_scores(engine: Engine, query_vector: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Cosine similarity of each unit to the query: the better of the whole unit and its best part
    (for a large index, exact for its shortlist within the mask; see assistant.shortlist)."""
    facets = engine.build.facets
    if engine.shortlist is not None:
        return shortlisted_scores(
            engine.vectors, facets.vectors, engine.facet_groups, engine.shortlist, query_vector, mask
        )
    scores = engine.vectors @ query_vector
    if len(facets.owner):
        owners, starts = engine.facet_groups
        best = np.maximum.reduceat(facets.vectors @ query_vector, starts)
        scores[owners] = np.maximum(scores[owners], best)
    return scores


def bm25_scores(engine: Engine, query: str) -> np.ndarray:
    words = [w for w in search_terms(query) if w in engine.bm25.vocab_dict]
    if not words:
        return np.zeros(len(engine.units), dtype=np.float32)
    return np.asarray(engine.bm25.get_scores(words), dtype=np.float32)


NAMED_DOC_BOOST = 1.3
"""Units of a document the question names (by area, title or year) count this much more."""
NAMED_LEVEL_BOOST = 1.5
"""Passages about a level the question names ("what does level 3 mean") count this much more."""


def search(
    engine: Engine,
    query: str,
    filters: Filters = Filters(),
    k: int = 10,
    boost: frozenset[str] = frozenset(),
    levels: frozenset[int] = frozenset(),
    query_vector: np.ndarray | None = None,
    level_cells: bool = False,
    rerank: bool = True,
    form: second_look.Form = second_look.Form(),
) -> list[Hit]:
    """The k best units for the query, best first: fused, then (with rerank) the shortlist given a second
    look (assistant.rerank, with `form` the form of the asker's question), each scored by the
    rerank's likelihood that it is the one sought. With level_cells, the indicators at a level the
    question names are boosted as the passages about it are (for a comparison of that level across
    documents; not otherwise, where naming a level ("is this level 2?") must not tilt the answer
    towards it)."""
    engine.check(filters)
    mask = engine.mask(filters)
    if not mask.any():
        return []
    vector = embed_query(query) if query_vector is None else query_vector
    dense = dense_scores(engine, vector, mask)
    lexical = bm25_scores(engine, query)
    fused = DENSE_WEIGHT * _reciprocal_ranks(dense, mask, False) + BM25_WEIGHT * _reciprocal_ranks(lexical, mask, True)
    if engine.prior is not None:
        fused = fused * engine.prior
    if boost:
        fused = fused * np.where(engine.doc_mask(boost), NAMED_DOC_BOOST, 1.0)
    for level in levels:
        about = engine.about_level(level) | (engine.at_level(level) if level_cells else False)
        fused = fused * np.where(about, NAMED_LEVEL_BOOST, 1.0)
    depth = max(k, second_look.RERANK_DEPTH) if rerank else k
    top = _spread(engine, _best(fused, mask, PER_ROW_DEPTH * depth), depth)
    score = fused
    if rerank:
        score = np.zeros(len(fused))
        covered = second_look.coverage([engine.term_sets[i] for i in top], form.terms, engine.idf)
        kinds = [engine.units[i].kind for i in top]
        score[top] = second_look.likelihoods(kinds, dense[top], lexical[top], form, covered=covered)
        top = top[np.argsort(-score[top], kind="stable")]
    top = top[:k]
    if engine.shortlist is not None:  # a hit from BM25 alone may be outside the shortlist
        facets = engine.build.facets
        dense[top] = exact_scores(engine.vectors, facets.vectors, engine.shortlist, top, vector)
    return [Hit(engine.units[i], float(score[i]), float(dense[i]), float(lexical[i])) for i in top]


PER_ROW = 2
"""At most this many units of one matrix row (the row and its cells) before other rows' units: the
four cells of one row are four readings of one topic, and a question may be about another."""
PER_ROW_DEPTH = 3
"""How far down the fused ranking the spread looks for other rows' units."""


def _row_key(unit) -> str:
    return unit.id.rpartition("/L")[0] if unit.kind == "matrix_cell" else unit.id


def _spread(engine: Engine, order: np.ndarray, k: int) -> np.ndarray:
    """The k best of `order`, a row's units past its first PER_ROW moved after the other rows'."""
    counts: dict[str, int] = {}
    first, later = [], []
    for i in order:
        key = _row_key(engine.units[i])
        counts[key] = counts.get(key, 0) + 1
        (first if counts[key] <= PER_ROW else later).append(i)
    return np.array((first + later)[:k], dtype=np.int64)


def _best(fused: np.ndarray, mask: np.ndarray, k: int) -> np.ndarray:
    """The k best masked units, best first, ties in unit order; the same as a stable sort of every
    unit, but sorting only those the fusion scored (a few hundred, whatever the index's size)."""
    scored = np.flatnonzero(mask & (fused > 0))
    order = scored[np.argsort(-fused[scored], kind="stable")][:k]
    if len(order) < k:
        rest = np.flatnonzero(mask & ~(fused > 0))
        order = np.r_[order, rest[np.argsort(-fused[rest], kind="stable")][: k - len(order)]]
    return order
