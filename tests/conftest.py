"""Shared fixtures."""

import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = REPO_ROOT / ".venv" / "bin" / "threshold"


def threshold_env(**extra: str) -> dict[str, str]:
    """The environment for a `threshold` subprocess: no THRESHOLD_* settings leaking in from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("THRESHOLD_")}
    return {**env, **extra}


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """A full index of the bundled corpus, built once per session with the real `threshold ingest`."""
    index = tmp_path_factory.mktemp("index")
    result = subprocess.run(
        [str(THRESHOLD), "ingest", "--index", str(index), "--json"],
        cwd=REPO_ROOT,
        env=threshold_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"threshold ingest failed ({result.returncode}):\n{result.stderr}"
    return index


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A real `threshold serve` process on a loopback port, and what it wrote to stderr."""

    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(index: Path, log: Path, **env: str) -> Server:
    port = free_port()
    handle = log.open("w")
    process = subprocess.Popen(
        [str(THRESHOLD), "serve", "--index", str(index), "--port", str(port)],
        cwd=REPO_ROOT,
        env=threshold_env(**env),
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"threshold serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return Server(url, process, log)
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"threshold serve did not answer within 180 s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def served(built_index, tmp_path_factory) -> Server:
    """`threshold serve` on the session's index, started once for the session."""
    server = start_server(built_index, tmp_path_factory.mktemp("serve") / "serve.log")
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def core(built_index):
    """The core Assistant on the session's index (what the CLI and the app both call)."""
    from assistant.config import Settings
    from assistant.core import Assistant

    return Assistant.open(Settings(index_dir=built_index))


@pytest.fixture
def make_client(core):
    """A TestClient over the real app for the given settings (the session's Assistant inside)."""
    from fastapi.testclient import TestClient

    from assistant.config import Settings
    from assistant.server import create_app

    def make(**settings) -> TestClient:
        return TestClient(create_app(Settings(index_dir=core.settings.index_dir, **settings), core))

    return make
