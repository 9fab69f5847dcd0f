"""A second look at the fused shortlist: reciprocal-rank fusion keeps only each ranking's order, so a
unit far ahead on similarity counts no more than one just ahead. The rerank scores each of the best
RERANK_DEPTH units by its fused rank, its dense similarity and BM25 score relative to the best in
the shortlist, its kind, and its kind again for the form of the question (one asking what something
is or how, one asking a situation's level or describing a child or family), with weights fit on the
dev split of the eval questions (`evals/fit_rerank.py`: listwise logistic regression over these
features alone, nothing keyed to a question or to this corpus' wording; the test split is held out).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.query import ASKS_FACT, ASKS_LEVEL, DESCRIBES_CHILD
from ingestion.types import KINDS

RERANK_DEPTH = 30


@dataclass(frozen=True)
class Form:
    """The form of a question, which bears on the kind of unit it wants: a fact's question ("what is
    significant harm") a passage more than the matrix cells using its words, a situation's the cells.
    A situation here asks for a level as `ASKS_LEVEL` reads it, narrower than the scope checks' any
    "level" word (`assistant.scope.describes_situation`): the weights were fit with this reading."""

    fact: bool = False
    situation: bool = False

    @classmethod
    def of(cls, question: str) -> Form:
        asks_level = bool(ASKS_LEVEL.search(question))
        return cls(
            fact=bool(ASKS_FACT.search(question)) and not asks_level,
            situation=asks_level or bool(DESCRIBES_CHILD.search(question)),
        )


@dataclass(frozen=True)
class Weights:
    """Per feature, on the features' own scales (the standardisation of the fit folded in)."""

    fused_rank: float
    dense: float
    bm25: float
    kind: dict[str, float]
    kind_if_fact: dict[str, float]
    kind_if_situation: dict[str, float]


WEIGHTS = Weights(
    fused_rank=4.2742,
    dense=10.1371,
    bm25=3.1471,
    kind={"matrix_cell": -0.3146, "matrix_row": 0.3634, "indicator": -0.8546, "section": 0.3086},
    kind_if_fact={"matrix_cell": -1.7571, "matrix_row": -2.6172, "indicator": -0.7418, "section": 0.753},
    kind_if_situation={"matrix_cell": 0.5184, "matrix_row": 0.8803, "indicator": 0.5918, "section": -2.2751},
)
"""Fit by `python evals/fit_rerank.py` on the dev split (its output pasted here)."""


def features(kinds: list[str], dense: np.ndarray, bm25: np.ndarray, form: Form = Form()) -> np.ndarray:
    """One row per candidate (in fused order): fused rank as 60/(61+rank), dense similarity less the
    best candidate's, BM25 over the best candidate's, one column per unit kind, and those columns
    again where the question asks a fact and where it is a situation (zero where not)."""
    ranks = 60.0 / (61.0 + np.arange(len(kinds)))
    top_bm25 = float(bm25.max()) if len(bm25) and bm25.max() > 0 else 1.0
    columns = [ranks, dense - (dense.max() if len(dense) else 0.0), bm25 / top_bm25]
    kind_columns = [np.array([k == kind for k in kinds], dtype=float) for kind in KINDS]
    columns += kind_columns
    columns += [c * form.fact for c in kind_columns] + [c * form.situation for c in kind_columns]
    return np.column_stack(columns)


def scores(kinds: list[str], dense: np.ndarray, bm25: np.ndarray, form: Form, weights: Weights = WEIGHTS) -> np.ndarray:
    per_kind = [weights.kind, weights.kind_if_fact, weights.kind_if_situation]
    vector = [weights.fused_rank, weights.dense, weights.bm25, *(w.get(k, 0.0) for w in per_kind for k in KINDS)]
    return features(kinds, dense, bm25, form) @ np.array(vector)


def likelihoods(
    kinds: list[str], dense: np.ndarray, bm25: np.ndarray, form: Form = Form(), weights: Weights = WEIGHTS
) -> np.ndarray:
    """Each candidate's chance of being the one sought, as the fit models it (a softmax over the
    shortlist): positive, summing to 1, in the rerank's order."""
    s = scores(kinds, dense, bm25, form, weights)
    chances = np.exp(s - s.max()) if len(s) else s
    return chances / chances.sum() if len(s) else chances
