"""More than one process: the index in a real Chroma server (`chroma run`), read by the assistant
and by `threshold serve --workers 2`, giving exactly what the embedded index gives."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import Settings
from assistant.core import Assistant
from evals.questions import load_questions
from evals.run import run_eval
from tests.conftest import REPO_ROOT, THRESHOLD, free_port, threshold_env

CHROMA = REPO_ROOT / ".venv" / "bin" / "chroma"


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma")
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"chroma run did not start:\n{(folder / 'server.log').read_text()}")
    yield url
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture(scope="module")
def remote(chroma_url, built_index, tmp_path_factory) -> Assistant:
    """The session's index published to the server by `threshold ingest`, then opened from the
    server alone (an empty local index folder)."""
    result = subprocess.run(
        [str(THRESHOLD), "ingest", "--index", str(built_index), "--json"],
        cwd=REPO_ROOT,
        env=threshold_env(THRESHOLD_CHROMA_URL=chroma_url),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    empty = tmp_path_factory.mktemp("no-local-index")
    assistant = Assistant.open(Settings(chroma_url=chroma_url, index_dir=empty))
    assert not any(Path(empty).iterdir()), "nothing is read from or written to a local index"
    return assistant


def test_search_from_the_server_equals_the_embedded_index_on_every_eval_question(core, remote):
    for question in load_questions():
        query = " ".join([*question.history[-1:], question.question])
        here, there = core.search(query), remote.search(query)
        assert [r.id for r in here.results] == [r.id for r in there.results], query
        # the rerank's likelihoods magnify the vectors' last float32 bit: equal to 1e-5
        assert [r.score for r in here.results] == pytest.approx([r.score for r in there.results], abs=1e-5), query


def test_the_eval_from_the_server_equals_the_embedded_one(core, remote):
    questions = load_questions(split="dev")[::4]
    here = run_eval(core, questions, with_baseline=False).tables["split"]
    there = run_eval(remote, questions, with_baseline=False).tables["split"]
    assert {k: v for k, v in here["dev"].items() if "_ms" not in k} == {
        k: v for k, v in there["dev"].items() if "_ms" not in k
    }


def test_serve_with_two_workers_on_the_server_answers_like_the_embedded_index(chroma_url, remote, core, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [str(THRESHOLD), "serve", "--workers", "2", "--port", str(port)],
        cwd=REPO_ROOT,
        env=threshold_env(THRESHOLD_CHROMA_URL=chroma_url, THRESHOLD_INDEX_DIR=str(tmp_path / "local")),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        expected = core.ask("Luton MASH phone number")
        for _ in range(8):
            answer = httpx.post(f"{url}/api/ask", json={"question": "Luton MASH phone number"}, timeout=60).json()
            assert answer["answer"] == expected.answer
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


def test_more_than_one_worker_without_a_server_is_refused_with_one_line(built_index):
    result = subprocess.run(
        [str(THRESHOLD), "serve", "--workers", "2", "--index", str(built_index)],
        cwd=REPO_ROOT,
        env=threshold_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "THRESHOLD_CHROMA_URL" in lines[0]


def test_an_unreachable_server_is_one_line_not_a_traceback(tmp_path):
    result = subprocess.run(
        [str(THRESHOLD), "search", "missing", "--index", str(tmp_path)],
        cwd=REPO_ROOT,
        env=threshold_env(THRESHOLD_CHROMA_URL=f"http://127.0.0.1:{free_port()}"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Chroma server" in result.stderr
