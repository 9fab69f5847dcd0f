"""How ingest and search scale with the corpus: the bundled corpus multiplied synthetically (x1, x10,
x100 documents, each copy with its own doc_id and a few words varied), ingest throughput (units/s) and
warm search p50/p95 at each size, as a table and a chart (evals/reports/growth.png, gitignored).
Target: search p95 at x100 within 2x of x1.

Each size up to x10 is ingested for real (`threshold ingest --json`, timed) and searched in this
process (`Assistant.search`, 200 searches over 20 practitioner queries after a warm pass, and the same
with the query vectors remembered, which times only what grows with the corpus). With --reuse-vectors
(the default), a larger size is not embedded (x100 is ~190k units, hours on two busy cores): its
search is measured on the largest real index replicated in memory (units, vectors, facets under new
doc_ids; BM25 rebuilt over all of them), and its ingest throughput is the largest real size's,
extrapolated. Copies name no area, alias or year, so a question naming an area or document points at
the original only, as a new council's guidance would not be named by it.

Usage: .venv/bin/python benchmarks/growth.py [--sizes 1,10] [--searches 200] [--no-reuse-vectors]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import replace
from pathlib import Path

from _server import REPO, THRESHOLD, percentile, start_chroma
from load import QUESTIONS

sys.path.insert(0, str(REPO))
CORPUS = REPO / "corpus"
OUT = REPO / "evals" / "reports"
REAL_MAX = 10
SWAPS = [
    ("parents", "carers"),
    ("concerns", "worries"),
    ("support", "help"),
    ("school", "education setting"),
    ("behaviour", "conduct"),
    ("family", "household"),
    ("risk", "danger"),
    ("may", "might"),
    ("services", "provision"),
    ("professionals", "practitioners"),
]


def _toml(value) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def copy_entry(entry: dict, copy: int) -> dict:
    """A copy's manifest entry: its own doc_id, file and titles; no aliases, areas or years."""
    stem, suffix = entry["file"].rsplit(".", 1)
    short = entry.get("short_title", entry["title"])
    kept = {k: v for k, v in entry.items() if k not in ("aliases", "areas", "area_level_names")}
    return {
        **kept,
        "doc_id": f"{entry['doc_id']}-x{copy:03d}",
        "file": f"{stem}-x{copy:03d}.{suffix}",
        "title": f"{entry['title']} (synthetic copy {copy})",
        "short_title": f"Synthetic copy {copy} of {short}",
        "date": "synthetic",
        "edition": "synthetic",
        "precedence": entry.get("precedence", 50) + 100,
    }


def make_corpus(folder: Path, size: int) -> dict[str, str]:
    """The corpus `size` times: copy 0 is the real corpus with its manifest, copy i a lightly varied
    text under `<doc_id>-x<i>`. Returns each doc_id's original doc_id."""
    folder.mkdir(parents=True)
    entries = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["documents"]
    tables, origin = [], {}
    for copy in range(size):
        swaps = random.Random(copy).sample(SWAPS, 2)
        for entry in entries:
            original, text = entry["doc_id"], (CORPUS / entry["file"]).read_text(encoding="utf-8")
            if copy:
                for old, new in swaps:
                    text = re.sub(rf"\b{old}\b", new, text)
                entry = copy_entry(entry, copy)
            (folder / entry["file"]).write_text(text, encoding="utf-8")
            origin[entry["doc_id"]] = original
            names = entry.get("area_level_names", {})
            lines = ["[[documents]]", *(f"{k} = {_toml(v)}" for k, v in entry.items() if k != "area_level_names")]
            if names:
                lines += ["[documents.area_level_names]", *(f"{_toml(a)} = {_toml(n)}" for a, n in names.items())]
            tables.append("\n".join(lines))
    (folder / "manifest.toml").write_text("\n\n".join(tables) + "\n", encoding="utf-8")
    return origin


def ingest(corpus: Path, index: Path, origin: dict[str, str], chroma_url: str | None = None) -> dict:
    """`threshold ingest` timed: into the embedded index, or (with chroma_url) built and published to
    the Chroma server."""
    env = {**os.environ, **({"THRESHOLD_CHROMA_URL": chroma_url} if chroma_url else {})}
    started = time.perf_counter()
    done = subprocess.run(
        [THRESHOLD, "ingest", "--corpus", str(corpus), "--index", str(index), "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - started
    report = json.loads(done.stdout)
    per_doc = {d["doc_id"]: d["units"] for d in report["documents"]}
    odd = sorted(d for d, n in per_doc.items() if n != per_doc[origin.get(d, d)])
    if odd or report["skipped"]:
        print(f"  note: {len(odd)} copies parse to a different unit count; skipped: {report['skipped']}")
    return {"docs": len(per_doc), "units": report["units"], "ingest_s": report["seconds"], "wall_s": wall}


def measure(cores: list, searches: int) -> list[dict[str, float]]:
    """Search p50/p95 per core, whole (`Assistant.search`) and its index part (the same with each
    query's vector remembered, so only what grows with the corpus is timed). The sizes take turns,
    round by round, so that load from elsewhere on the machine falls on all of them alike."""
    import assistant.core as core_module

    embed_query, remembered = core_module.embed_query, {}

    def remember(text: str):
        if text not in remembered:
            remembered[text] = embed_query(text)
        return remembered[text]

    times = [{"whole": [], "index": []} for _ in cores]
    try:
        for rounds, record in ((1, False), (max(1, searches // len(QUESTIONS)), True)):  # a warm pass first
            for turn in range(rounds):
                for i in [*range(turn % len(cores), len(cores)), *range(turn % len(cores))]:
                    for part, embed in (("whole", embed_query), ("index", remember)):
                        core_module.embed_query = embed
                        for query in QUESTIONS:
                            started = time.perf_counter()
                            cores[i].search(query)
                            if record:
                                times[i][part].append((time.perf_counter() - started) * 1000)
    finally:
        core_module.embed_query = embed_query
    quantiles = (("p50", 0.5), ("p95", 0.95))
    return [{f"{part} {name}": percentile(t[part], q) for part in t for name, q in quantiles} for t in times]


def replicate(core, factor: int):
    """The engine `factor` times over in memory: replica j of each document under `<doc_id>-r<j>`."""
    import numpy as np

    from assistant.engine import Engine, prior_weights
    from ingestion.store import Build, Facets, build_bm25

    engine = core.engine
    units, documents = list(engine.units), dict(engine.documents)
    for j in range(1, factor):
        for doc_id, info in engine.documents.items():
            documents[f"{doc_id}-r{j:02d}"] = replace(
                info,
                doc_id=f"{doc_id}-r{j:02d}",
                short_title=f"Replica {j} of {info.short_title}",
                aliases=(),
                areas=(),
                area_level_names=(),
                date="replica",
                edition="replica",
            )
        units += [
            replace(u, id=f"{u.doc_id}-r{j:02d}{u.id[len(u.doc_id) :]}", doc_id=f"{u.doc_id}-r{j:02d}")
            for u in engine.units
        ]
    facets, n = engine.build.facets, len(engine.units)
    facets = Facets(
        np.tile(facets.vectors, (factor, 1)),
        np.concatenate([facets.owner + j * n for j in range(factor)]),
        facets.texts * factor,
    )
    bm25 = build_bm25(units)
    build = Build(engine.build.folder, engine.build.state, units, np.tile(engine.vectors, (factor, 1)), bm25, facets)
    by_id = {u.id: i for i, u in enumerate(units)}
    return replace(core, engine=Engine(build, documents, bm25, by_id, prior_weights(units)))


def chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    real = [r for r in rows if not r["replicated"]]
    left.plot([r["size"] for r in real], [r["units_per_s"] for r in real], "o-", label="measured")
    for r in rows:
        if r["replicated"]:
            left.plot(r["size"], r["units_per_s"], "o", mfc="none", color="grey", label="extrapolated")
    left.set(xscale="log", xlabel="corpus size (x bundled corpus)", ylabel="ingest units/s", title="Ingest throughput")
    left.set_ylim(bottom=0)
    series = [("whole p50", "o-"), ("whole p95", "s-"), ("index p50", "o:"), ("index p95", "s:")]
    series += [("server whole p50", "^--"), ("server whole p95", "v--")] if "server whole p95" in rows[0] else []
    for key, style in series:
        label = key.replace("server whole", "server search").replace("whole", "search").replace("index", "idx")
        right.plot(sizes, [r[key] for r in rows], style, label=label)
    right.axhline(2 * rows[0]["whole p95"], ls="--", color="red", label=f"target: 2x search p95 at x{sizes[0]}")
    right.set(xscale="log", xlabel="corpus size (x bundled corpus)", ylabel="ms", title="Warm search")
    right.set_ylim(bottom=0)
    for axis in (left, right):
        axis.set_xticks(sizes, [f"x{s}" for s in sizes])
        axis.legend(fontsize=8, loc="best")
    copied = ", ".join(f"x{r['size']}" for r in rows if r["replicated"])
    fig.suptitle(f"threshold growth ({copied} search on replicated vectors)" if copied else "threshold growth")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="Comma-separated multiples of the corpus, e.g. 1,10,100.")
    parser.add_argument("--searches", type=int, default=200, help="Timed searches per size (and per part).")
    parser.add_argument("--reuse-vectors", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--server", action=argparse.BooleanOptionalAction, default=True, help="Also a Chroma server.")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="threshold-growth-") as tmp, open(Path(tmp) / "chroma.log", "w") as log:
        url, chroma = start_chroma(Path(tmp) / "chroma", log) if args.server else (None, None)
        try:
            rows, cores = build_sizes(sizes, args.reuse_vectors, Path(tmp), url)
            print(f"searching: {args.searches} per size, part and mode, taking turns", file=sys.stderr)
            flat = [core for pair in cores for core in pair if core is not None]
            figures = iter(measure(flat, args.searches))
            for row, pair in zip(rows, cores, strict=True):
                row.update(next(figures))
                if pair[1] is not None:
                    row.update({f"server {key}": value for key, value in next(figures).items()})
        finally:
            if chroma:
                chroma.terminate()
                chroma.wait(timeout=30)
    report(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "growth.json").write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    chart(rows, OUT / "growth.png")
    print(f"chart: {OUT / 'growth.png'}; figures: {OUT / 'growth.json'}")
    return 0


def build_sizes(sizes: list[int], reuse_vectors: bool, tmp: Path, url: str | None) -> tuple[list[dict], list[tuple]]:
    """Each size's row and its (embedded, server) Assistants: real sizes ingested, larger ones
    replicated in memory from the largest real one."""
    rows, cores = [], []
    for size in sizes:
        real = [(row, pair) for row, pair in zip(rows, cores, strict=True) if not row["replicated"]]
        if reuse_vectors and size > REAL_MAX:
            if not real:
                sys.exit(f"x{size} is replicated from a real size up to x{REAL_MAX}: add one to --sizes")
            row, pair = replicated_size(size, *real[-1])
        else:
            row, pair = real_size(size, tmp / f"x{size}", url)
        rows.append(row)
        cores.append(pair)
    return rows, cores


def real_size(size: int, folder: Path, url: str | None) -> tuple[dict, tuple]:
    from assistant.config import Settings
    from assistant.core import Assistant

    print(f"x{size}: writing the corpus and ingesting it", file=sys.stderr)
    corpus, index = folder / "corpus", folder / "index"
    row = {"size": size, **ingest(corpus, index, make_corpus(corpus, size)), "replicated": False}
    row["units_per_s"] = row["units"] / row["ingest_s"]
    core = Assistant.open(Settings(index_dir=index, corpus_dir=corpus))
    core.warm_up()
    if url is None:
        return row, (core, None)
    print(f"x{size}: publishing it to the Chroma server and opening it from there", file=sys.stderr)
    row["publish_s"] = ingest(corpus, index, {}, url)["wall_s"]
    row["server_units_per_s"] = row["units"] / (row["ingest_s"] + row["publish_s"])
    started = time.perf_counter()
    server_core = Assistant.open(Settings(chroma_url=url, index_dir=folder / "empty", corpus_dir=corpus))
    row["server_open_s"] = time.perf_counter() - started
    server_core.warm_up()
    return row, (core, server_core)


def replicated_size(size: int, base: dict, pair: tuple) -> tuple[dict, tuple]:
    factor = size // base["size"]
    print(f"x{size}: replicating x{base['size']} {factor} times in memory", file=sys.stderr)
    core = replicate(pair[0], factor)
    units = len(core.engine.units)
    row = {"size": size, "docs": len(core.engine.documents), "units": units, "replicated": True}
    row |= {"ingest_s": units / base["units_per_s"], "units_per_s": base["units_per_s"]}
    if pair[1] is None:
        return row, (core, None)
    row["server_units_per_s"] = base["server_units_per_s"]
    row["server_open_s"] = base["server_open_s"] * factor
    return row, (core, replicate(pair[1], factor))


def report(rows: list[dict]) -> None:
    head = ["size", "docs", "units", "ingest s", "units/s", "p50 ms", "p95 ms", "idx p50", "idx p95"]
    server = "server" in " ".join(rows[0])
    head += ["srv u/s", "open s", "srv p50", "srv p95"] if server else []
    print("  ".join(f"{h:>8}" for h in head))
    for r in rows:
        mark = "~" if r["replicated"] else ""
        values = [f"x{r['size']}", r["docs"], r["units"], f"{mark}{r['ingest_s']:.0f}", f"{mark}{r['units_per_s']:.0f}"]
        values += [f"{r[key]:.1f}" for key in ("whole p50", "whole p95", "index p50", "index p95")]
        if server:
            values += [f"{mark}{r['server_units_per_s']:.0f}", f"{mark}{r['server_open_s']:.1f}"]
            values += [f"{r[key]:.1f}" for key in ("server whole p50", "server whole p95")]
        print("  ".join(f"{v!s:>8}" for v in values))
    print("p50/p95: Assistant.search, embedded index, warm; idx: the same with the query vectors remembered")
    if server:
        print(
            "srv u/s: units/s of ingest + publish to a Chroma server (`chroma run` on loopback); open s: "
            "Assistant.open from the server alone; srv p50/p95: search on the index opened from the server"
        )
    for r in rows:
        if r["replicated"]:
            print(
                f"x{r['size']}: search measured on replicated vectors (the largest real index copied in memory, "
                "BM25 rebuilt); ingest, publish and open figures (~) extrapolated from the largest real size"
            )
    first, last = rows[0], rows[-1]
    if last is not first:
        parts = ["whole", "index"] + (["server whole"] if server else [])
        for part in parts:
            ratio = last[f"{part} p95"] / first[f"{part} p95"]
            verdict = "meets" if ratio <= 2 else "misses"
            what = {"whole": "search p95", "index": "index-part p95", "server whole": "server search p95"}[part]
            print(f"{what} x{last['size']} / x{first['size']}: {ratio:.2f}x ({verdict} the 2x target)")


if __name__ == "__main__":
    sys.exit(main())
