"""run_eval: ask and search every question through the same core the CLI and HTTP use, score it,
and score the baseline recipe on the same questions in the same run."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from assistant.core import Assistant, retrieval_query
from assistant.types import Filters
from evals.baseline import build_baseline
from evals.metrics import (
    Cited,
    citation_precision,
    first_full_rank,
    hits,
    level_correct,
    mean,
    percentile,
    reciprocal_rank,
    row_of,
    says_all,
)
from evals.questions import Question

K_VALUES = (1, 3, 5, 10)


@dataclass
class QuestionResult:
    id: str
    kind: str
    split: str
    docs: list[str]
    question: str
    search_rank: int | None = None
    search_rr: float | None = None
    baseline_rank: int | None = None
    baseline_rr: float | None = None
    answer_hit: float | None = None
    precision: float | None = None
    level_ok: float | None = None
    must_say: float | None = None
    answerable_expected: bool = True
    answerable_said: bool = True
    urgent_expected: bool = False
    urgent_said: bool = False
    ask_ms: float = 0.0
    search_ms: float = 0.0
    cited: list[str] = field(default_factory=list)


def _cited_from(results) -> list[Cited]:
    return [Cited(doc_id=r.doc_id, text=r.text, id=r.id, kind=r.kind, level=r.level) for r in results]


def _expected_rows(assistant: Assistant, question: Question) -> set[str]:
    rows = set()
    for unit in assistant.engine.units:
        if unit.kind == "matrix_cell" and any(hits(e, Cited(unit.doc_id, unit.text), True) for e in question.expected):
            rows.add(row_of(unit.id))
    return rows


def evaluate_question(assistant: Assistant, question: Question, baseline=None) -> QuestionResult:
    result = QuestionResult(
        id=question.id,
        kind=question.kind,
        split=question.split,
        docs=sorted({e.doc_id for e in question.expected}),
        question=question.question,
        answerable_expected=question.answerable and question.kind != "unanswerable",
        urgent_expected=question.kind == "urgent",
    )
    query = retrieval_query(question.question, list(question.history))
    started = time.perf_counter()
    ranked = _cited_from(assistant.search(query, 10, Filters(area=question.area)).results)
    result.search_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    answer = assistant.ask(question.question, list(question.history), question.area)
    result.ask_ms = (time.perf_counter() - started) * 1000
    citations = _cited_from(answer.citations)
    result.cited = [c.id for c in citations]
    result.answerable_said, result.urgent_said = answer.answerable, answer.urgent
    result.must_say = says_all(question, answer.answer)
    if question.expected:
        result.search_rank = first_full_rank(question, ranked, 10)
        result.search_rr = reciprocal_rank(question, ranked, 10)
        result.answer_hit = 1.0 if first_full_rank(question, citations, len(citations)) else 0.0
        result.precision = citation_precision(question, citations, _expected_rows(assistant, question))
        result.level_ok = level_correct(question, citations)
        if baseline is not None:
            chunks = baseline.search(query, 10)
            result.baseline_rank = first_full_rank(question, chunks, 10)
            result.baseline_rr = reciprocal_rank(question, chunks, 10)
    return result


def summarise(results: list[QuestionResult], baseline: bool) -> dict[str, float | None]:
    """The metric table for a set of question results (None where no question measures it)."""
    searched = [r for r in results if r.search_rr is not None]
    answerable = [r for r in results if r.answerable_expected]
    table: dict[str, float | None] = {"questions": float(len(results))}
    for k in K_VALUES:
        table[f"search_hit@{k}"] = mean(1.0 if r.search_rank and r.search_rank <= k else 0.0 for r in searched)
    table["mrr@10"] = mean(r.search_rr for r in searched)
    table["answer_citation_hit"] = mean(r.answer_hit for r in results)
    table["citation_precision"] = mean(r.precision for r in results)
    table["level_accuracy"] = mean(r.level_ok for r in results)
    table["compare"] = mean(r.answer_hit for r in results if r.kind == "compare")
    table["abstention"] = mean(0.0 if r.answerable_said else 1.0 for r in results if not r.answerable_expected)
    table["false_abstention"] = mean(0.0 if r.answerable_said else 1.0 for r in answerable)
    table["urgent_recall"] = mean(1.0 if r.urgent_said else 0.0 for r in results if r.urgent_expected)
    table["urgent_false_alarm"] = mean(1.0 if r.urgent_said else 0.0 for r in results if not r.urgent_expected)
    table["must_say"] = mean(r.must_say for r in results)
    table["ask_p50_ms"] = percentile([r.ask_ms for r in results], 0.5)
    table["ask_p95_ms"] = percentile([r.ask_ms for r in results], 0.95)
    table["search_p50_ms"] = percentile([r.search_ms for r in results], 0.5)
    table["search_p95_ms"] = percentile([r.search_ms for r in results], 0.95)
    if baseline:
        for k in K_VALUES:
            table[f"baseline_hit@{k}"] = mean(
                1.0 if r.baseline_rank and r.baseline_rank <= k else 0.0 for r in searched
            )
        table["baseline_mrr@10"] = mean(r.baseline_rr for r in searched)
        ours, theirs = table["search_hit@5"], table["baseline_hit@5"]
        table["hit@5_vs_baseline"] = ours / theirs if ours is not None and theirs else None
    return table


@dataclass
class EvalRun:
    results: list[QuestionResult]
    tables: dict[str, dict[str, dict[str, float | None]]]
    baseline_chunks: int | None
    seconds: float

    def to_json(self) -> dict:
        return {
            "tables": self.tables,
            "baseline_chunks": self.baseline_chunks,
            "seconds": self.seconds,
            "results": [asdict(r) for r in self.results],
        }


def run_eval(
    assistant: Assistant,
    questions: list[Question],
    with_baseline: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> EvalRun:
    started = time.perf_counter()
    baseline = build_baseline(assistant.settings.corpus_dir) if with_baseline else None
    try:
        results = []
        for i, question in enumerate(questions, start=1):
            results.append(evaluate_question(assistant, question, baseline))
            if progress:
                progress("eval", i, len(questions))
    finally:
        if baseline is not None:
            baseline.close()
    return EvalRun(
        results, _tables(results, with_baseline), baseline.chunks if baseline else None, time.perf_counter() - started
    )


def _tables(results: list[QuestionResult], baseline: bool) -> dict[str, dict[str, dict[str, float | None]]]:
    """Overall, per split, per kind and per document."""
    groups: dict[str, dict[str, list[QuestionResult]]] = {"split": {"all": results}, "kind": {}, "doc": {}}
    for r in results:
        groups["split"].setdefault(r.split, []).append(r)
        groups["kind"].setdefault(r.kind, []).append(r)
        for doc in r.docs or ["(none)"]:
            groups["doc"].setdefault(doc, []).append(r)
    return {name: {key: summarise(rs, baseline) for key, rs in sorted(g.items())} for name, g in groups.items()}
