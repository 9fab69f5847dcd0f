"""Dense scoring that stays fast as the corpus grows.

Exact cosine over every unit vector reads the whole matrix for each query: 1,900 units is 3 MB, but
a hundred partnerships' documents (190,000 units) is 290 MB per query, and memory bandwidth, not
arithmetic, sets the time. Past `EXACT_LIMIT` units, each query first scores every unit in a
64-dimensional projection (the vectors' principal directions: a sixth of the bytes), keeps the best
`SHORTLIST` units within the filters, and scores only those exactly. The fusion uses the best
`retrieve.DEPTH` of a ranking, far fewer than the shortlist, so it sees the exact scores of the
units that matter. Below the limit nothing changes: every unit is scored exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXACT_LIMIT = 20_000
SHORTLIST = 2_000
DIMENSIONS = 64
SAMPLE = 8_192


@dataclass(frozen=True)
class Shortlist:
    projection: np.ndarray  # (384, DIMENSIONS)
    units: np.ndarray  # (n_units, DIMENSIONS)
    facets: np.ndarray  # (n_facets, DIMENSIONS)
    facet_start: np.ndarray  # per unit: its first facet, or -1
    facet_end: np.ndarray


def make_shortlist(vectors: np.ndarray, facet_vectors: np.ndarray, facet_owner: np.ndarray) -> Shortlist | None:
    """The projection and projected vectors, or None when the index is small enough to score exactly."""
    if len(vectors) <= EXACT_LIMIT:
        return None
    rows = np.random.default_rng(0).choice(len(vectors), size=min(SAMPLE, len(vectors)), replace=False)
    _, _, directions = np.linalg.svd(vectors[rows].astype(np.float64), full_matrices=False)
    projection = np.ascontiguousarray(directions[:DIMENSIONS].T, dtype=np.float32)
    start = np.full(len(vectors), -1, dtype=np.int64)
    end = np.full(len(vectors), -1, dtype=np.int64)
    if len(facet_owner):
        firsts = np.flatnonzero(np.r_[True, facet_owner[1:] != facet_owner[:-1]])
        start[facet_owner[firsts]] = firsts
        end[facet_owner[firsts]] = np.r_[firsts[1:], len(facet_owner)]
    facets = facet_vectors @ projection if len(facet_owner) else np.zeros((0, DIMENSIONS), np.float32)
    return Shortlist(projection, vectors @ projection, facets, start, end)


def exact_scores(
    vectors: np.ndarray, facet_vectors: np.ndarray, short: Shortlist, rows: np.ndarray, query
) -> np.ndarray:
    """Exact cosine of the given units: the better of the whole unit and its best facet."""
    scores = vectors[rows] @ query
    has = np.flatnonzero(short.facet_start[rows] >= 0)
    if len(has):
        first, last = short.facet_start[rows[has]], short.facet_end[rows[has]]
        counts = last - first
        group_starts = np.r_[0, np.cumsum(counts)[:-1]]
        facets = np.repeat(first - group_starts, counts) + np.arange(counts.sum())
        best = np.maximum.reduceat(facet_vectors[facets] @ query, group_starts)
        scores[has] = np.maximum(scores[has], best)
    return scores


def shortlisted_scores(
    vectors: np.ndarray, facet_vectors: np.ndarray, facet_groups: tuple, short: Shortlist, query, mask
) -> np.ndarray:
    """Every unit's score: exact for the shortlist, and for the rest their projected score held
    below every shortlisted unit's, so no ranking puts one of them above a shortlisted unit."""
    reduced = query @ short.projection
    approx = short.units @ reduced
    owners, starts = facet_groups
    if len(owners):
        best = np.maximum.reduceat(short.facets @ reduced, starts)
        approx[owners] = np.maximum(approx[owners], best)
    ranked = np.where(mask, approx, -np.inf) if mask is not None else approx
    size = min(SHORTLIST, len(ranked))
    rows = np.argpartition(-ranked, size - 1)[:size]
    rows = rows[np.isfinite(ranked[rows])]
    exact = exact_scores(vectors, facet_vectors, short, rows, query)
    floor = float(exact.min()) if len(exact) else 0.0
    shift = max(0.0, float(approx.max()) - floor) + 1e-3
    scores = (approx - shift).astype(np.float32)
    scores[rows] = exact
    return scores
