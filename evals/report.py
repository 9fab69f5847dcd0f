"""Eval reports: a Markdown summary for the terminal, and Markdown, JSON and a self-contained HTML
page with charts under evals/reports/, named by date and commit."""

from __future__ import annotations

import base64
import html
import io
import json
import subprocess
import time
from pathlib import Path

from evals.run import EvalRun
from evals.targets import TARGETS

MAIN_METRICS = [
    "search_hit@1", "search_hit@3", "search_hit@5", "search_hit@10", "mrr@10", "answer_citation_hit",
    "citation_precision", "level_accuracy", "compare", "abstention", "false_abstention", "urgent_recall",
    "urgent_false_alarm", "must_say", "ask_p50_ms", "ask_p95_ms", "search_p50_ms", "search_p95_ms",
]  # fmt: skip


def _fmt(value: float | None) -> str:
    return "–" if value is None else (f"{value:.1f}" if value > 1.5 else f"{value:.3f}")


def markdown(run: EvalRun) -> str:
    splits = [s for s in ("dev", "test", "all") if s in run.tables["split"]]
    lines = [
        "## Eval summary",
        "",
        "| metric | " + " | ".join(splits) + " | target |",
        "|---" * (len(splits) + 2) + "|",
    ]
    for metric in MAIN_METRICS:
        target = " ".join(map(str, TARGETS[metric])) if metric in TARGETS else ""
        lines.append(
            f"| {metric} | " + " | ".join(_fmt(run.tables["split"][s].get(metric)) for s in splits) + f" | {target} |"
        )
    if run.baseline_chunks is not None:
        lines += ["", f"### Ours vs the baseline recipe ({run.baseline_chunks} chunks)", ""]
        lines += ["| metric | " + " | ".join(f"ours {s} | baseline {s} | ratio {s}" for s in splits) + " |"]
        lines += ["|---" * (3 * len(splits) + 1) + "|"]
        for k in ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10"):
            ours_key = "mrr@10" if k == "mrr@10" else f"search_{k}"
            cells = []
            for s in splits:
                ours, base = run.tables["split"][s].get(ours_key), run.tables["split"][s].get(f"baseline_{k}")
                ratio = ours / base if ours is not None and base else None
                cells += [_fmt(ours), _fmt(base), "–" if ratio is None else f"{ratio:.2f}x"]
            lines.append(f"| {k} | " + " | ".join(cells) + " |")
    for group in ("kind", "doc"):
        lines += [
            "",
            f"### Per {group} (all splits)",
            "",
            f"| {group} | n | hit@5 | MRR | answer hit | precision | level |",
        ]
        lines += ["|---|---|---|---|---|---|---|"]
        for key, table in run.tables[group].items():
            row = [
                table.get(m)
                for m in ("search_hit@5", "mrr@10", "answer_citation_hit", "citation_precision", "level_accuracy")
            ]
            lines.append(f"| {key} | {int(table['questions'] or 0)} | " + " | ".join(map(_fmt, row)) + " |")
    return "\n".join(lines) + "\n"


def _chart(run: EvalRun) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    table = run.tables["split"]["all"]
    ks = ["hit@1", "hit@3", "hit@5", "hit@10"]
    xs = range(len(ks))
    axes[0].bar([x - 0.2 for x in xs], [table.get(f"search_{k}") or 0 for k in ks], width=0.4, label="threshold")
    if run.baseline_chunks is not None:
        axes[0].bar([x + 0.2 for x in xs], [table.get(f"baseline_{k}") or 0 for k in ks], width=0.4, label="baseline")
    axes[0].set_xticks(list(xs), ks)
    axes[0].set_ylim(0, 1)
    axes[0].set_title("Search hit@k, all questions")
    axes[0].legend()
    kinds = list(run.tables["kind"])
    axes[1].barh(kinds, [run.tables["kind"][k].get("answer_citation_hit") or 0 for k in kinds])
    axes[1].set_xlim(0, 1)
    axes[1].set_title("Answer citation hit by kind")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def html_page(run: EvalRun, summary: str, title: str) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(r.id)}</td><td>{html.escape(r.kind)}</td><td>{r.split}</td>"
        f"<td>{html.escape(r.question)}</td><td>{r.search_rank or '–'}</td><td>{r.baseline_rank or '–'}</td>"
        f"<td>{_fmt(r.answer_hit)}</td></tr>"
        for r in run.results
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:2em;max-width:1100px}}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
        "</style></head><body>"
        f"<h1>{html.escape(title)}</h1><img alt='charts' src='data:image/png;base64,{_chart(run)}'>"
        f"<pre>{html.escape(summary)}</pre><h2>Questions</h2><table><tr><th>id</th><th>kind</th><th>split</th>"
        f"<th>question</th><th>rank</th><th>baseline rank</th><th>answer hit</th></tr>{rows}</table></body></html>"
    )


def commit_id() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "nocommit"
    except OSError:
        return "nocommit"


def write_reports(run: EvalRun, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{time.strftime('%Y-%m-%d')}-{commit_id()}"
    summary = markdown(run)
    paths = [folder / f"{stem}.md", folder / f"{stem}.json", folder / f"{stem}.html"]
    paths[0].write_text(summary, encoding="utf-8")
    paths[1].write_text(json.dumps(run.to_json(), indent=1), encoding="utf-8")
    paths[2].write_text(html_page(run, summary, f"threshold eval {stem}"), encoding="utf-8")
    return paths
