"""The regression gate's thresholds, in one place: measured on the test split."""

from __future__ import annotations

TARGETS: dict[str, tuple[str, float]] = {
    "search_hit@5": (">=", 0.95),
    "hit@5_vs_baseline": (">=", 1.5),
    "mrr@10": (">=", 0.85),
    "answer_citation_hit": (">=", 0.95),
    "citation_precision": (">=", 0.8),
    "level_accuracy": (">=", 0.9),
    "compare": (">=", 0.9),
    "abstention": (">=", 0.9),
    "false_abstention": ("<=", 0.05),
    "urgent_recall": (">=", 1.0),
    "urgent_false_alarm": ("<=", 0.05),
}


def missed(table: dict[str, float | None]) -> list[str]:
    """Each target the table misses, as a sentence; a metric nothing measured counts as missed."""
    failures = []
    for metric, (op, bound) in TARGETS.items():
        value = table.get(metric)
        ok = value is not None and (value >= bound if op == ">=" else value <= bound)
        if not ok:
            shown = "not measured" if value is None else f"{value:.3f}"
            failures.append(f"{metric} is {shown}; target {op} {bound}")
    return failures
