"""`threshold quiz`: the real console script as a subprocess on the session's index. JSON is the same for
the same seed, text formats go to stdout, spreadsheets need --out, and bad input exits 2 with one line on
stderr and no traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env

pytestmark = pytest.mark.slow

ITEM_KEYS = {"id", "type", "stem", "options", "answer", "explanation", "citations"}


def run(index: Path, *args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(THRESHOLD), "quiz", "--index", str(index), *args],
        cwd=cwd,
        env=threshold_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"exit {result.returncode}:\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def assert_refused(result: subprocess.CompletedProcess, *says: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr that mentions `says`."""
    assert result.returncode == 2, f"exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert all(s in lines[0].lower() for s in says), lines[0]
    return lines[0]


def test_json_is_valid_and_the_same_for_the_same_seed(built_index):
    first = ok(run(built_index, "--count", "5", "--seed", "3", "--format", "json"))
    data = json.loads(first)
    assert data["seed"] == 3 and len(data["items"]) == 5
    for item in data["items"]:
        assert item.keys() >= ITEM_KEYS
        assert item["citations"] and all(c["quote"] in c["text"] for c in item["citations"])
    assert ok(run(built_index, "--count", "5", "--seed", "3", "--format", "json")) == first
    other = json.loads(ok(run(built_index, "--count", "5", "--seed", "4", "--format", "json")))
    assert other["items"] != data["items"]
    # --json is --format json
    assert ok(run(built_index, "--count", "5", "--seed", "3", "--json")) == first


def test_filters_reach_the_items(built_index):
    args = ["--count", "6", "--seed", "2", "--doc", "london-2022", "--level", "2", "--type", "which_level"]
    data = json.loads(ok(run(built_index, *args, "--type", "true_false", "--difficulty", "hard", "--json")))
    assert data["items"]
    for item in data["items"]:
        assert item["doc_id"] == "london-2022" and item["level"] == 2
        assert item["type"] in {"which_level", "true_false"} and item["difficulty"] == "hard"


def test_gift_goes_to_stdout(built_index):
    result = run(built_index, "--count", "5", "--seed", "3", "--format", "gift")
    text = ok(result)
    assert "::" in text and "{" in text and "}" in text
    assert text.count("::q") >= 1
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def test_kahoot_without_out_is_refused(built_index):
    assert_refused(run(built_index, "--count", "5", "--format", "kahoot"), "--out")


@pytest.mark.parametrize("fmt", ["kahoot", "quizizz"])
def test_spreadsheet_with_out_writes_an_xlsx(built_index, tmp_path, fmt):
    target = tmp_path / f"{fmt}.xlsx"
    result = run(built_index, "--count", "5", "--seed", "3", "--format", fmt, "--out", str(target))
    assert ok(result) == ""
    assert target.read_bytes()[:4] == b"PK\x03\x04"
    book = load_workbook(target)
    cells = [str(c) for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert cells, "the spreadsheet has content"


def test_out_writes_text_formats_too(built_index, tmp_path):
    target = tmp_path / "quiz.md"
    ok(run(built_index, "--count", "3", "--seed", "1", "--format", "md", "--out", str(target)))
    assert target.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--type", "essay"], ["types", "which_level"]),
        (["--difficulty", "medium"], ["difficulty"]),
        (["--count", "0"], ["count"]),
        (["--count", "201"], ["count"]),
        (["--level", "9"], ["level"]),
        (["--doc", "nope"], ["unknown doc"]),
        (["--area", "Mars"], ["unknown area"]),
        (["--domain", "zzzz-no-such-domain"], ["no quiz items"]),
        (["--format", "pdf"], ["pdf"]),
    ],
    ids=["type", "difficulty", "count-0", "count-201", "level", "doc", "area", "domain", "format"],
)
def test_bad_input_exits_2_with_one_line(built_index, args, says):
    assert_refused(run(built_index, *args), *says)


def test_out_into_a_missing_folder_exits_2(built_index, tmp_path):
    assert_refused(
        run(built_index, "--count", "2", "--format", "csv", "--out", str(tmp_path / "no" / "q.csv")), "cannot write"
    )
