"""Foundation figures, median of N runs on this machine (prints a table; not a test).

- cold `threshold ingest` of the whole corpus, model load included (fresh index, new process)
- re-ingest with nothing changed (new process)
- warm search p50/p95 next to the bare query-embedding time measured in the same process (the floor)
- cold `ask` to the first answer (new process) and its peak RSS
- unit counts per document and kind, page-break joins

Usage: .venv/bin/python benchmarks/foundation.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
THRESHOLD = str(Path(sys.executable).parent / "threshold")
QUERIES = [
    "teenager keeps going missing overnight",
    "Luton MASH phone number",
    "section 47 criteria",
    "baby sleeping in parents bed after they drink",
    "older sister had FGM",
    "young carer missing school",
    "parent with mental health problems and suicidal thoughts",
    "child stopped and searched by police carrying a knife",
    "what is an early help assessment",
    "private fostering notification",
]


def timed(command: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) // 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def warm_search(index: Path, rounds: int) -> dict:
    sys.path.insert(0, str(REPO))
    from assistant.config import Settings
    from assistant.core import Assistant
    from ingestion.embed import embed_query

    assistant = Assistant.open(Settings(index_dir=index))
    for q in QUERIES:
        assistant.search(q, 10)
    from assistant.query import understand

    floor, understood_floor, search = [], [], []
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            embed_query(q)
            floor.append((time.perf_counter() - t) * 1000)
            expanded = understand(q, assistant.engine.documents).query
            t = time.perf_counter()
            embed_query(expanded)
            understood_floor.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            assistant.search(q, 10)
            search.append((time.perf_counter() - t) * 1000)
    units = assistant.engine.units
    counts = Counter((u.doc_id, u.kind) for u in units)
    return {
        "floor_p50": statistics.median(floor),
        "understood_floor_p50": statistics.median(understood_floor),
        "search_p50": statistics.median(search),
        "search_p95": percentile(search, 0.95),
        "counts": counts,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "TQDM_DISABLE": "1"}
    ingest, reingest, ask, rss = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            index = Path(tmp) / f"index{run}"
            run_env = {**env, "THRESHOLD_INDEX_DIR": str(index)}
            ingest.append(timed([THRESHOLD, "ingest"], run_env)[0])
            reingest.append(timed([THRESHOLD, "ingest"], run_env)[0])
            seconds, peak = timed([THRESHOLD, "ask", "--json", QUERIES[run % len(QUERIES)]], run_env)
            ask.append(seconds)
            rss.append(peak)
        warm = warm_search(Path(tmp) / "index0", rounds=20)
        report = json.loads(
            subprocess.run(
                [THRESHOLD, "ingest", "--force", "--json"],
                env={**env, "THRESHOLD_INDEX_DIR": str(Path(tmp) / "index0")},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    med = statistics.median
    print(f"machine: {os.cpu_count()} cores; runs: {args.runs} (median)")
    print("| figure | measured | target |\n|---|---|---|")
    print(f"| cold ingest (model load included) | {med(ingest):.1f} s | <= 20 s |")
    print(f"| re-ingest, nothing changed | {med(reingest):.2f} s | <= 3 s |")
    print(f"| query embedding alone (floor) p50 | {warm['floor_p50']:.1f} ms | |")
    searched = warm["understood_floor_p50"]
    print(f"| embedding of the query as searched (acronyms, lexicon added) p50 | {searched:.1f} ms | |")
    ratio, ratio_searched = warm["search_p50"] / warm["floor_p50"], warm["search_p50"] / searched
    print(
        f"| warm search p50 | {warm['search_p50']:.1f} ms ({ratio:.2f}x floor, {ratio_searched:.2f}x the "
        "searched query's embedding) | <= 1.2x |"
    )
    print(f"| warm search p95 | {warm['search_p95']:.1f} ms | < 40 ms |")
    print(f"| cold ask to first answer | {med(ask):.1f} s | <= 6 s |")
    print(f"| peak RSS of ask | {max(rss)} MB | <= 1024 MB |")
    print("\nunits per document and kind:")
    for (doc, kind), n in sorted(warm["counts"].items()):
        print(f"  {doc:22s} {kind:12s} {n}")
    print(f"page-break joins made: { {d['doc_id']: d['joins'] for d in report['documents']} }")


if __name__ == "__main__":
    main()
