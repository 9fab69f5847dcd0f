"""A bounded load test of the HTTP API: N concurrent clients asking practitioner questions for a fixed
time; latency percentiles, errors, the server's RSS, and a baseline of the same questions through the
core Assistant in this process, single-threaded. Starts its own `threshold serve` (rate limit off) on
a free loopback port unless --url is given. With --levels, each number of clients runs in turn against
the same server (one row each), and its RSS is sampled every 5 s across all of them. Exit status 1
when any request failed.

Usage: .venv/bin/python benchmarks/load.py [--url URL] [--clients 20 | --levels 20,50,100] [--duration 60]
       [--requests N] [--mix ask|search|mixed]
"""

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from _server import REPO, Memory, cpu_seconds, percentile, start_server

QUESTIONS = [
    "15 year old going missing coming back with new phones",
    "MASH phone number Luton",
    "what is section 47",
    "toddler bruises unexplained",
    "mum drinks every night and the kids get themselves to school",
    "baby sleeping in bed with parents who smoke",
    "boy of 14 carrying a knife and hanging around with older lads",
    "young carer looking after dad with MS, missing school",
    "girl of 13 has an older boyfriend who buys her things",
    "domestic abuse at home, police called twice this month",
    "child not brought to dental appointments, teeth rotting",
    "what level is a child with a CAMHS referral who is self harming",
    "parents refusing early help, what now",
    "dad with learning disability struggling to care for a newborn",
    "family about to be evicted, living in one room",
    "private fostering arrangement, aunt looking after child from abroad",
    "worried an older sister has had FGM",
    "what does level 2 emerging needs mean",
    "teenager says he wants to kill himself",
    "difference between the London and Pan Bedfordshire levels",
]
SAMPLE_EVERY = 5.0


def use_ask(mix: str, count: int) -> bool:
    return mix == "ask" or (mix == "mixed" and count % 2 == 0)


async def one_client(http: httpx.AsyncClient, number: int, mix: str, stop, out: list, memory: Memory) -> None:
    count = number
    while not stop():
        question = QUESTIONS[count % len(QUESTIONS)]
        started = time.perf_counter()
        try:
            if use_ask(mix, count):
                status = (await http.post("/api/ask", json={"question": question})).status_code
            else:
                status = (await http.get("/api/search", params={"q": question})).status_code
        except httpx.HTTPError as error:
            status = type(error).__name__
        out.append(((time.perf_counter() - started) * 1000, status))
        memory.count()
        count += 1


async def one_level(url: str, clients: int, duration: float, limit: int | None, mix: str, memory: Memory):
    """Every client asks in a loop until the duration has passed (or, with --requests, until that
    many requests have been sent at this level)."""
    out: list[tuple[float, int | str]] = []
    sent = [0]

    def stop() -> bool:
        if limit is not None:
            sent[0] += 1
            return sent[0] > limit
        return time.monotonic() >= until

    async with contextlib.AsyncExitStack() as stack:
        # a client of its own per user, as browsers would be (one shared pool of N connections costs
        # the load generator O(N) per request, and it shares the CPU with the server)
        https = [await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=60)) for _ in range(clients)]
        started = time.monotonic()
        until = started + duration
        await asyncio.gather(*(one_client(https[n], n, mix, stop, out, memory) for n in range(clients)))
        return out, time.monotonic() - started


async def run(url: str, levels: list[int], duration: float, limit: int | None, mix: str, memory: Memory):
    sampler = asyncio.create_task(memory.sample_every(SAMPLE_EVERY)) if memory.pid else None
    rows = []
    try:
        for clients in levels:
            before, cpu = len(memory.samples), (cpu_seconds(memory.pid), cpu_seconds(None))
            results, elapsed = await one_level(url, clients, duration, limit, mix, memory)
            cpu = [100 * (cpu_seconds(pid) - then) / elapsed for pid, then in zip((memory.pid, None), cpu, strict=True)]
            level_max = max([mb for _, mb in memory.samples[before:]] + [memory.sample()]) if memory.pid else None
            rows.append(row(mix, clients, results, elapsed, level_max) | cpu_columns(cpu, memory.pid))
    finally:
        if sampler:
            sampler.cancel()
            memory.sample()
    return rows


def row(mix: str, clients: int, results: list, elapsed: float, rss_max: float | None) -> dict:
    latencies = [ms for ms, _ in results]
    errors = [str(status) for _, status in results if status != 200]
    return {
        "mix": mix,
        "clients": clients,
        "requests": len(results),
        "req/s": f"{len(results) / elapsed:.1f}",
        **{f"p{q} ms": f"{percentile(latencies, q / 100):.1f}" for q in (50, 95, 99)},
        "errors": len(errors),
        "RSS max MB": f"{rss_max:.0f}" if rss_max is not None else "n/a",
        "_errors": errors,
        "_p50": percentile(latencies, 0.5),
    }


def cpu_columns(cpu: list[float], pid: int | None) -> dict:
    """CPU used during the level, in % of one core: the server's, and this load generator's (both
    share the machine's cores)."""
    return {"server CPU%": f"{cpu[0]:.0f}" if pid else "n/a", "loadgen CPU%": f"{cpu[1]:.0f}"}


def baseline(index: Path | None, mix: str) -> float:
    """p50 ms of the same questions through the core Assistant, in this process, one at a time."""
    sys.path.insert(0, str(REPO))
    from assistant.config import Settings
    from assistant.core import Assistant

    core = Assistant.open(Settings(index_dir=index) if index else Settings())
    core.warm_up()
    _ = [core.ask(question) for question in QUESTIONS]  # first-use costs (caches, allocator) are not the steady state
    times = []
    for count in range(3 * len(QUESTIONS)):
        question, started = QUESTIONS[count % len(QUESTIONS)], time.perf_counter()
        core.ask(question) if use_ask(mix, count) else core.search(question)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="A running server (default: start one).")
    parser.add_argument("--clients", type=int, default=20, help="Concurrent clients (one level).")
    parser.add_argument("--levels", help="Comma-separated numbers of clients, run in turn, e.g. 20,50,100.")
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds per level.")
    parser.add_argument("--requests", type=int, help="Requests per level (instead of --duration).")
    parser.add_argument("--mix", choices=["ask", "search", "mixed"], default="ask")
    parser.add_argument("--index", type=Path, help="Index folder (for the server it starts and the baseline).")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")] if args.levels else [args.clients]
    url, process = (args.url.rstrip("/") if args.url else None), None
    with tempfile.NamedTemporaryFile("w", prefix="threshold-load-", suffix=".log", delete=False) as log:
        if url is None:
            url, process = start_server(args.index, log)
        memory = Memory(process.pid if process else None)
        memory.sample()
        try:
            rows = asyncio.run(run(url, levels, args.duration, args.requests, args.mix, memory))
        finally:
            if process:
                process.terminate()
                process.wait(timeout=30)
    names = [name for name in rows[0] if not name.startswith("_")]
    print("  ".join(f"{name:>10}" for name in names))
    for values in rows:
        print("  ".join(f"{values[name]!s:>10}" for name in names))
    print(memory.summary())
    errors = sorted({error for values in rows for error in values["_errors"]})
    if errors:
        print(f"errors: {', '.join(errors)}" + (f" (server log: {log.name})" if process else ""))
    if not errors or not process:
        os.unlink(log.name)
    core_p50 = baseline(args.index, args.mix)
    ratios = ", ".join(f"{values['_p50'] / core_p50:.1f}x at {values['clients']} clients" for values in rows)
    print(f"baseline (core Assistant in-process, single-threaded): p50 {core_p50:.1f} ms; HTTP p50 is {ratios}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
