"""`ask --batch` and `search --batch`: many questions in one process, JSONL in, JSONL out, in order.

A line that cannot be used is answered with an error object naming its line number; the others are
answered; the exit status is 2 when any line failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from assistant.types import Filters
from ingestion.errors import BadInput, ThresholdError


def _read_lines(path: Path) -> list[bytes]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BadInput(f"cannot read batch file {path}: {err.strerror}") from err
    return data.removeprefix(b"\xef\xbb\xbf").splitlines()


def _decoded(raw: bytes) -> str:
    """One line as text; a line that is not UTF-8 is that line's error, not the file's."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadInput(f"not UTF-8 (bad byte at column {err.start + 1})") from err


def question_from_stdin() -> str:
    """`threshold ask -` (or a question piped in with none given): the whole of standard input."""
    if sys.stdin is None or sys.stdin.isatty():
        raise BadInput("give a question, or - to read it from standard input, or --batch FILE")
    data = sys.stdin.buffer.read()
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8").strip()
    except UnicodeDecodeError as err:
        raise BadInput(f"the question on standard input is not UTF-8 (bad byte at offset {err.start})") from err


def _answer_line(assistant, mode: str, item: dict, k: int | None, filters: Filters) -> dict:
    if mode == "ask":
        history = item.get("history") or []
        if not isinstance(history, list):
            raise BadInput("'history' must be a list of earlier turns")
        answer = assistant.ask(item.get("question"), history, item.get("area"), item.get("doc_id"))
        return answer.model_dump()
    item_k = item.get("k")
    return assistant.search(item.get("query"), k if item_k is None else item_k, filters).model_dump()


def run_batch(path: Path, assistant, mode: str, k: int | None = None, filters: Filters = Filters()) -> None:
    failures = 0
    for number, raw in enumerate(_read_lines(path), start=1):
        if not raw.strip():
            continue
        item_id = None
        try:
            item = json.loads(_decoded(raw))
            if not isinstance(item, dict):
                raise BadInput("each line must be a JSON object")
            item_id = item.get("id")
            result = {"id": item_id, **_answer_line(assistant, mode, item, k, filters)}
        except (json.JSONDecodeError, ThresholdError) as error:
            failures += 1
            message = f"not valid JSON ({error.msg})" if isinstance(error, json.JSONDecodeError) else str(error)
            print(f"{path}: line {number}: {message}", file=sys.stderr)
            result = {"id": item_id, "line": number, "error": message}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if failures:
        raise typer.Exit(2)
