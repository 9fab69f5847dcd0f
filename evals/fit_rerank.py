"""Fit the rerank's weights (assistant/rerank.py) on the dev split and print them.

For every dev question with expected citations (match "any"; comparisons interleave documents and
are left out), the fused shortlist is taken as search gives it with the rerank off, each candidate
labelled by whether it holds an expected quote. A listwise logistic regression (softmax over each
question's candidates, L2-regularised) is fit on standardised features; the standardisation is
folded into the printed weights. The test split is never read.

    .venv/bin/python evals/fit_rerank.py
"""

from __future__ import annotations

import numpy as np

from assistant.config import Settings
from assistant.core import Assistant, retrieval_query
from assistant.rerank import RERANK_DEPTH, Form, Weights, coverage, features
from assistant.types import Filters
from evals.metrics import Cited, hits
from evals.questions import load_questions
from ingestion.types import KINDS

L2 = 1.0
EPOCHS = 300
STEP = 0.5


def shortlists(assistant: Assistant) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per dev question: its candidates' features and labels."""
    groups = []
    for question in load_questions():
        if question.split != "dev" or not question.expected or question.match != "any":
            continue
        query = retrieval_query(question.question, list(question.history))
        found = [h for h in assistant.retrieve(query, Filters(area=question.area), RERANK_DEPTH) if h.why == "ranked"]
        cited = [Cited(h.unit.doc_id, h.unit.text) for h in found]
        labels = np.array([any(hits(e, c, question.doc_strict) for e in question.expected) for c in cited], dtype=float)
        if labels.any():
            kinds = [h.unit.kind for h in found]
            dense = np.array([h.dense for h in found])
            bm25 = np.array([h.bm25 for h in found])
            form = Form.of(query)
            held = [assistant.engine.term_sets[assistant.engine.by_id[h.unit.id]] for h in found]
            covered = coverage(held, form.terms, assistant.engine.idf)
            groups.append((features(kinds, dense, bm25, form, covered), labels))
    return groups


def fit(groups: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Weights on the features' own scales."""
    stacked = np.vstack([x for x, _ in groups])
    mean, spread = stacked.mean(axis=0), stacked.std(axis=0) + 1e-9
    weights = np.zeros(stacked.shape[1])
    for _ in range(EPOCHS):
        gradient = L2 * weights / len(groups)
        for x, labels in groups:
            z = (x - mean) / spread
            s = z @ weights
            p = np.exp(s - s.max())
            gradient += z.T @ (p / p.sum() - labels / labels.sum()) / len(groups)
        weights -= STEP * gradient
    return weights / spread


def main() -> None:
    assistant = Assistant.open(Settings(rerank=False))
    groups = shortlists(assistant)
    w = fit(groups)
    fitted = Weights(
        fused_rank=round(float(w[0]), 4),
        dense=round(float(w[1]), 4),
        bm25=round(float(w[2]), 4),
        coverage=round(float(w[3]), 4),
        **{
            name: {kind: round(float(v), 4) for kind, v in zip(KINDS, block, strict=True)}
            for name, block in zip(("kind", "kind_if_fact", "kind_if_situation"), np.split(w[4:], 3), strict=True)
        },
    )
    print(f"# fit on {len(groups)} dev questions")
    print(f"WEIGHTS = {fitted!r}")


if __name__ == "__main__":
    main()
