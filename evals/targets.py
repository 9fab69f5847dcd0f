"""The eval's thresholds, in one place, measured on the test split: the issue's TARGETS (`threshold
eval --gate`), and the FLOORS that the README's test command holds (`--floors`): what main reaches
now, less a margin for one or two questions and for machines that embed a little differently, so
that a change making retrieval or answers worse fails `make test` while the targets are still out
of reach. Raise a floor when a change lifts its metric for good."""

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


FLOORS: dict[str, tuple[str, float]] = {
    # measured at f544327 on the test split: 0.805, 1.52x, 0.653, 0.675, 0.259, 0.703, 0.375;
    # row-aware answers (session 15) raised answer citation hit to 0.740 and precision to 0.345
    # and lowered level accuracy to 0.608 (evals/README.md's log says why), so its floor is lower;
    # session 16: level accuracy 0.622, precision 0.340; session 19 (c42f235): precision 0.392,
    # level accuracy 0.662, compare 0.50, so those floors rose; session 20 (35905da): hit@5 0.829,
    # answer citation hit 0.772, level accuracy 0.703; session 23 (6fa6d74): hit@5 0.862 (1.63x),
    # MRR 0.690, answer citation hit 0.789, precision 0.407, level accuracy 0.730; session 24
    # (fcb26ac): level accuracy 0.757
    "search_hit@5": (">=", 0.83),
    "hit@5_vs_baseline": (">=", 1.5),
    "mrr@10": (">=", 0.66),
    "answer_citation_hit": (">=", 0.76),
    "citation_precision": (">=", 0.38),
    "level_accuracy": (">=", 0.72),
    "compare": (">=", 0.375),
    # targets already met are their own floors
    "abstention": (">=", 0.9),
    "false_abstention": ("<=", 0.05),
    "urgent_recall": (">=", 1.0),
    "urgent_false_alarm": ("<=", 0.05),
}


def missed(table: dict[str, float | None], bounds: dict[str, tuple[str, float]] = TARGETS) -> list[str]:
    """Each bound (a target by default) the table misses, as a sentence; a metric nothing measured
    counts as missed."""
    failures = []
    for metric, (op, bound) in bounds.items():
        value = table.get(metric)
        ok = value is not None and (value >= bound if op == ">=" else value <= bound)
        if not ok:
            shown = "not measured" if value is None else f"{value:.3f}"
            failures.append(f"{metric} is {shown}; target {op} {bound}")
    return failures
