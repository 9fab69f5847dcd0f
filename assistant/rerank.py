"""A second look at the fused shortlist: reciprocal-rank fusion keeps only each ranking's order, so a
unit far ahead on similarity counts no more than one just ahead. The rerank scores each of the best
RERANK_DEPTH units by its fused rank, its dense similarity and BM25 score relative to the best in
the shortlist, how much of the asker's own words it holds, its kind, and its kind again for the
form of the question (one asking what something is or how, one asking a situation's level or
describing a child or family), with weights fit on the dev split of the eval questions
(`evals/fit_rerank.py`: listwise logistic regression over these features alone, nothing keyed to a
question or to this corpus' wording; the test split is held out).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.query import ASKS_FACT, ASKS_LEVEL, DESCRIBES_CHILD
from ingestion.store import search_terms
from ingestion.types import KINDS

RERANK_DEPTH = 30


@dataclass(frozen=True)
class Form:
    """The form of a question, which bears on the kind of unit it wants: a fact's question ("what is
    significant harm") a passage more than the matrix cells using its words, a situation's the cells.
    A situation here asks for a level as `ASKS_LEVEL` reads it, narrower than the scope checks' any
    "level" word (`assistant.scope.describes_situation`): the weights were fit with this reading.
    With it go the question's own search terms, its ask for a level left out, for `coverage`."""

    fact: bool = False
    situation: bool = False
    terms: tuple[str, ...] = ()

    @classmethod
    def of(cls, question: str) -> Form:
        asks_level = bool(ASKS_LEVEL.search(question))
        return cls(
            fact=bool(ASKS_FACT.search(question)) and not asks_level,
            situation=asks_level or bool(DESCRIBES_CHILD.search(question)),
            terms=tuple(dict.fromkeys(search_terms(ASKS_LEVEL.sub(" ", question)))),
        )


@dataclass(frozen=True)
class Weights:
    """Per feature, on the features' own scales (the standardisation of the fit folded in)."""

    fused_rank: float
    dense: float
    bm25: float
    coverage: float
    kind: dict[str, float]
    kind_if_fact: dict[str, float]
    kind_if_situation: dict[str, float]


WEIGHTS = Weights(
    fused_rank=4.425,
    dense=9.5678,
    bm25=2.1641,
    coverage=3.7518,
    kind={"matrix_cell": -0.1033, "matrix_row": 0.4202, "indicator": -0.5293, "section": -0.0418},
    kind_if_fact={"matrix_cell": -1.7907, "matrix_row": -2.5242, "indicator": -0.3912, "section": 0.7306},
    kind_if_situation={"matrix_cell": 0.5045, "matrix_row": 0.8904, "indicator": 0.5018, "section": -2.2292},
)
"""Fit by `python evals/fit_rerank.py` on the dev split (its output pasted here)."""


def coverage(held: list[frozenset[str]], terms: tuple[str, ...], idf: dict[str, float]) -> np.ndarray:
    """Each candidate's share of the question's own terms that it holds, a term weighted by its
    inverse document frequency: BM25 saturates on a word said often and sums what is matched, so a
    passage saying "missing" ten times can outscore a cell holding both "missing" and "phones".
    On the dev split's shortlists, as a rerank feature: MRR 0.731 -> 0.762 (test 0.684 -> 0.713,
    held-out set 0.780 -> 0.802)."""
    weights = np.array([idf.get(t, 0.0) for t in terms])
    total = weights.sum()
    if not len(held) or total <= 0:
        return np.zeros(len(held))
    return np.array([weights[[t in h for t in terms]].sum() / total for h in held])


def features(
    kinds: list[str], dense: np.ndarray, bm25: np.ndarray, form: Form = Form(), covered: np.ndarray | None = None
) -> np.ndarray:
    """One row per candidate (in fused order): fused rank as 60/(61+rank), dense similarity less the
    best candidate's, BM25 over the best candidate's, the `coverage` of the question's terms (zero
    where not given), one column per unit kind, and those columns again where the question asks a
    fact and where it is a situation (zero where not)."""
    ranks = 60.0 / (61.0 + np.arange(len(kinds)))
    top_bm25 = float(bm25.max()) if len(bm25) and bm25.max() > 0 else 1.0
    covered = np.zeros(len(kinds)) if covered is None else covered
    columns = [ranks, dense - (dense.max() if len(dense) else 0.0), bm25 / top_bm25, covered]
    kind_columns = [np.array([k == kind for k in kinds], dtype=float) for kind in KINDS]
    columns += kind_columns
    columns += [c * form.fact for c in kind_columns] + [c * form.situation for c in kind_columns]
    return np.column_stack(columns)


def scores(
    kinds: list[str],
    dense: np.ndarray,
    bm25: np.ndarray,
    form: Form,
    weights: Weights = WEIGHTS,
    covered: np.ndarray | None = None,
) -> np.ndarray:
    per_kind = [weights.kind, weights.kind_if_fact, weights.kind_if_situation]
    head = [weights.fused_rank, weights.dense, weights.bm25, weights.coverage]
    vector = [*head, *(w.get(k, 0.0) for w in per_kind for k in KINDS)]
    return features(kinds, dense, bm25, form, covered) @ np.array(vector)


def likelihoods(
    kinds: list[str],
    dense: np.ndarray,
    bm25: np.ndarray,
    form: Form = Form(),
    weights: Weights = WEIGHTS,
    covered: np.ndarray | None = None,
) -> np.ndarray:
    """Each candidate's chance of being the one sought, as the fit models it (a softmax over the
    shortlist): positive, summing to 1, in the rerank's order."""
    s = scores(kinds, dense, bm25, form, weights, covered)
    chances = np.exp(s - s.max()) if len(s) else s
    return chances / chances.sum() if len(s) else chances
