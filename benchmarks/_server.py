"""Helpers shared by the benchmarks: a `threshold serve` of their own on a free loopback port, its
resident memory sampled over a run, and percentiles."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
THRESHOLD = str(Path(sys.executable).parent / "threshold")


def start_server(index: Path | None, log) -> tuple[str, subprocess.Popen]:
    """`threshold serve` with the rate limit off, on a free loopback port; returns once /healthz answers."""
    port = free_port()
    command = [THRESHOLD, "serve", "--port", str(port), *(["--index", str(index)] if index else [])]
    env = {**os.environ, "THRESHOLD_RATE_LIMIT_PER_MINUTE": "0"}
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if not _answers(f"{url}/healthz", process, 300):
        process.kill()
        sys.exit(f"threshold serve did not start; see {log.name}")
    return url, process


def start_chroma(folder: Path, log) -> tuple[str, subprocess.Popen]:
    """A real Chroma server (`chroma run`) on a free loopback port, its data in `folder`."""
    port = free_port()
    chroma = str(Path(sys.executable).parent / "chroma")
    command = [chroma, "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if not _answers(f"{url}/api/v2/heartbeat", process, 60):
        process.kill()
        sys.exit(f"chroma run did not start; see {log.name}")
    return url, process


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str, process: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            time.sleep(0.3)
    return False


def rss_mb(pid: int | None) -> float:
    status = Path(f"/proc/{pid}/status")
    lines = status.read_text().splitlines() if pid and status.exists() else []
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmRSS:")), 0.0)


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a process (this one when pid is None)."""
    if pid is None:
        return time.process_time()
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


@dataclass
class Memory:
    """The server's RSS over a whole run: sampled every few seconds, and once after the first
    `warm_up` requests so that growth is judged after warm-up (caches, allocator arenas)."""

    pid: int | None
    warm_up: int = 1000
    served: int = 0
    warm: float | None = None
    samples: list[tuple[int, float]] = field(default_factory=list)  # (requests served so far, MB)

    def count(self) -> None:
        self.served += 1
        if self.served == self.warm_up and self.pid:
            self.warm = rss_mb(self.pid)

    def sample(self) -> float:
        mb = rss_mb(self.pid)
        self.samples.append((self.served, mb))
        return mb

    async def sample_every(self, seconds: float) -> None:
        while True:
            self.sample()
            await asyncio.sleep(seconds)

    def summary(self) -> str:
        if not self.pid or not self.samples:
            return "server RSS: n/a (--url)"
        values = [mb for _, mb in self.samples]
        start, end = values[0], values[-1]
        line = (
            f"server RSS ({len(values)} samples, every 5 s, {self.served} requests): "
            f"start {start:.0f} MB, max {max(values):.0f} MB, end {end:.0f} MB"
        )
        if self.warm is None:
            return line + f"; fewer than {self.warm_up} requests, so no after-warm-up figure"
        growth = end - self.warm
        step = max(1, len(self.samples) // 10)
        trace = ", ".join(f"{n}: {mb:.0f}" for n, mb in [*self.samples[::step], self.samples[-1]][:12])
        return line + (
            f"; after the first {self.warm_up} requests {self.warm:.0f} MB -> end {end:.0f} MB "
            f"({growth:+.0f} MB, {100 * growth / self.warm:+.1f}% over the next {self.served - self.warm_up} requests)"
            f"\nRSS trace (requests served: MB): {trace}"
        )
