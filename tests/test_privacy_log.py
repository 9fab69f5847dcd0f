"""What people type is never logged, and answering never writes to the index: a real `threshold
serve` is asked a question holding a (fake) name and phone number, and its log is read back."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx

NAME = "Jayden Okonkwo-Smith"
PHONE = "07700 900123"
SECRETS = ["Jayden", "Okonkwo", "07700", "900123", "keeps going missing"]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under the folder: its size and modification time."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def wait_for_log(served, *lines: str, timeout: float = 10.0) -> str:
    """The server's log once it holds every line (the access log is written after the response)."""
    deadline = time.monotonic() + timeout
    while True:
        output = served.output()
        if all(line in output for line in lines) or time.monotonic() > deadline:
            return output
        time.sleep(0.1)


def test_question_text_is_never_logged_nor_the_index_touched(served, built_index):
    token = f"zq{uuid.uuid4().hex[:12]}"
    question = f"{NAME} {PHONE} keeps going missing {token}"
    before = snapshot(built_index)
    with httpx.Client(base_url=served.url, timeout=60) as client:
        answered = client.post("/api/ask", json={"question": question, "history": [f"{NAME} said {token}"]})
        assert answered.status_code == 200, answered.text
        assert token in answered.json()["question"], "the answer echoes the question back to its asker"
        found = client.get("/api/search", params={"q": question, "k": 3})
        assert found.status_code == 200, found.text
        too_long = client.post("/api/ask", json={"question": f"{question} " + "x" * 2100})
        assert too_long.status_code == 400
        bad_k = client.get("/api/search", params={"q": question, "k": "many"})
        assert bad_k.status_code == 422
        unknown_area = client.post("/api/ask", json={"question": question, "area": f"{NAME} {token}"})
        assert unknown_area.status_code == 400
    output = wait_for_log(
        served, "POST /api/ask 200", "GET /api/search 200", "POST /api/ask 400", "GET /api/search 422"
    )
    for line in ("POST /api/ask 200", "GET /api/search 200", "POST /api/ask 400", "GET /api/search 422"):
        assert line in output, f"no access log line {line!r} in:\n{output[-2000:]}"
    for secret in [token, *SECRETS]:
        assert secret not in output, f"{secret!r} was logged:\n{output[-2000:]}"
    assert "q=" not in output, "a query string was logged"
    assert snapshot(built_index) == before, "serving requests changed the index folder"
