"""A second look at the fused shortlist: reciprocal-rank fusion keeps only each ranking's order, so
a unit far ahead on similarity counts no more than one just ahead. The rerank scores each of the
best RERANK_DEPTH units by its fused rank, its dense similarity and BM25 score relative to the best
in the shortlist, and its kind, with weights fit on the dev split of the eval questions
(`evals/fit_rerank.py`: listwise logistic regression over these features alone, nothing keyed to a
question or to this corpus' wording; the test split is held out).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ingestion.types import KINDS

RERANK_DEPTH = 30


@dataclass(frozen=True)
class Weights:
    """Per feature, on the features' own scales (the standardisation of the fit folded in)."""

    fused_rank: float
    dense: float
    bm25: float
    kind: dict[str, float]


WEIGHTS = Weights(
    fused_rank=4.4735,
    dense=10.2582,
    bm25=3.3272,
    kind={"matrix_cell": 0.0045, "matrix_row": 0.9859, "indicator": -0.3692, "section": -0.581},
)
"""Fit by `python evals/fit_rerank.py` on the dev split (its output pasted here)."""


def features(kinds: list[str], dense: np.ndarray, bm25: np.ndarray) -> np.ndarray:
    """One row per candidate (in fused order): fused rank as 60/(61+rank), dense similarity less the
    best candidate's, BM25 over the best candidate's, and one column per unit kind."""
    ranks = 60.0 / (61.0 + np.arange(len(kinds)))
    top_bm25 = float(bm25.max()) if len(bm25) and bm25.max() > 0 else 1.0
    columns = [ranks, dense - (dense.max() if len(dense) else 0.0), bm25 / top_bm25]
    columns += [np.array([k == kind for k in kinds], dtype=float) for kind in KINDS]
    return np.column_stack(columns)


def scores(kinds: list[str], dense: np.ndarray, bm25: np.ndarray, weights: Weights = WEIGHTS) -> np.ndarray:
    vector = np.array([weights.fused_rank, weights.dense, weights.bm25, *(weights.kind.get(k, 0.0) for k in KINDS)])
    return features(kinds, dense, bm25) @ vector


def likelihoods(kinds: list[str], dense: np.ndarray, bm25: np.ndarray, weights: Weights = WEIGHTS) -> np.ndarray:
    """Each candidate's chance of being the one sought, as the fit models it (a softmax over the
    shortlist): positive, summing to 1, in the rerank's order."""
    s = scores(kinds, dense, bm25, weights)
    chances = np.exp(s - s.max()) if len(s) else s
    return chances / chances.sum() if len(s) else chances
