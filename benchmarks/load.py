"""A bounded load test of the HTTP API: N concurrent clients asking practitioner questions for a fixed
time; latency percentiles, errors, the server's RSS, and a baseline of the same questions through the
core Assistant in this process, single-threaded. Starts its own `threshold serve` (rate limit off) on
a free loopback port unless --url is given. Exit status 1 when any request failed.

Usage: .venv/bin/python benchmarks/load.py [--url URL] [--clients 20] [--duration 60] [--mix ask|search|mixed]
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
THRESHOLD = str(Path(sys.executable).parent / "threshold")
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


def start_server(index: Path | None, log) -> tuple[str, subprocess.Popen]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [THRESHOLD, "serve", "--port", str(port), *(["--index", str(index)] if index else [])]
    env = {**os.environ, "THRESHOLD_RATE_LIMIT_PER_MINUTE": "0"}
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return url, process
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    sys.exit(f"threshold serve did not start; see {log.name}")


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status")
    lines = status.read_text().splitlines() if status.exists() else []
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmRSS:")), 0.0)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def use_ask(mix: str, count: int) -> bool:
    return mix == "ask" or (mix == "mixed" and count % 2 == 0)


async def one_client(http: httpx.AsyncClient, number: int, mix: str, until: float, out: list) -> None:
    count = number
    while time.monotonic() < until:
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
        count += 1


async def load(url: str, clients: int, duration: float, mix: str) -> tuple[list, float]:
    out: list[tuple[float, int | str]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        started = time.monotonic()
        await asyncio.gather(*(one_client(http, n, mix, started + duration, out) for n in range(clients)))
        return out, time.monotonic() - started


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
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds.")
    parser.add_argument("--mix", choices=["ask", "search", "mixed"], default="ask")
    parser.add_argument("--index", type=Path, help="Index folder (for the server it starts and the baseline).")
    args = parser.parse_args()
    url, process = (args.url.rstrip("/") if args.url else None), None
    with tempfile.NamedTemporaryFile("w", prefix="threshold-load-", suffix=".log", delete=False) as log:
        if url is None:
            url, process = start_server(args.index, log)
        rss_start = rss_mb(process.pid) if process else 0.0
        try:
            results, elapsed = asyncio.run(load(url, args.clients, args.duration, args.mix))
            rss_end = rss_mb(process.pid) if process else 0.0
        finally:
            if process:
                process.terminate()
                process.wait(timeout=30)
    latencies = [ms for ms, _ in results]
    errors = sorted(str(status) for _, status in results if status != 200)
    row = {
        "mix": args.mix,
        "clients": args.clients,
        "requests": len(results),
        "req/s": f"{len(results) / elapsed:.1f}",
        **{f"p{q} ms": f"{percentile(latencies, q / 100):.1f}" for q in (50, 95, 99)},
        "errors": len(errors),
        "server RSS": f"{rss_start:.0f} -> {rss_end:.0f} MB" if process else "n/a (--url)",
    }
    print("  ".join(f"{name:>9}" for name in row) + "\n" + "  ".join(f"{value!s:>9}" for value in row.values()))
    if errors:
        print(f"errors: {', '.join(sorted(set(errors)))}" + (f" (server log: {log.name})" if process else ""))
    if not errors or not process:
        os.unlink(log.name)
    core_p50 = baseline(args.index, args.mix)
    ratio = percentile(latencies, 0.5) / core_p50
    print(f"baseline (core Assistant in-process, single-threaded): p50 {core_p50:.1f} ms; HTTP p50 is {ratio:.1f}x")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
