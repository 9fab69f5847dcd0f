"""The real `threshold` console script, run as a subprocess against one index built per session.

Each call that answers or searches loads the embedding model (~6 s), so checks that fit one call
share it. Bad input must exit 2 with one line on stderr and no traceback.
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[1]
THRESHOLD = REPO_ROOT / ".venv" / "bin" / "threshold"
CONTRACT_KEYS = {"question", "answer", "answerable", "urgent", "citations", "timings_ms"}


def run(index: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("THRESHOLD_")}
    env["THRESHOLD_INDEX_DIR"] = str(index)
    return subprocess.run([str(THRESHOLD), *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)


def run_json(index: Path, *args: str):
    result = run(index, *args)
    assert result.returncode == 0, f"threshold {' '.join(args)} exited {result.returncode}:\n{result.stderr}"
    return json.loads(result.stdout)


def assert_grounded(answer: dict) -> None:
    """Every [n] in the answer has citation n, whose quote is a substring of its text."""
    by_n = {c["n"]: c for c in answer["citations"]}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers, answer["answer"]
    assert markers <= set(by_n), f"markers {sorted(markers)} but citations {sorted(by_n)}"
    for n in markers:
        assert by_n[n]["quote"] and by_n[n]["quote"] in by_n[n]["text"], by_n[n]


def test_ask_json_follows_the_contract_and_every_marker_is_cited(built_index):
    answer = run_json(built_index, "ask", "--json", "A child often arrives at school hungry and in dirty clothes")
    assert answer.keys() >= CONTRACT_KEYS
    assert answer["question"] == "A child often arrives at school hungry and in dirty clothes"
    assert answer["answerable"] is True and answer["urgent"] is False
    assert answer["citations"] and isinstance(answer["timings_ms"], dict)
    assert_grounded(answer)


def test_ask_about_immediate_danger_leads_with_999_and_cites_it(built_index):
    answer = run_json(built_index, "ask", "--json", "a child is in immediate danger right now")
    assert answer.keys() >= CONTRACT_KEYS
    assert answer["urgent"] is True
    assert "999" in answer["answer"]
    assert any("999" in c["text"] for c in answer["citations"]), [c["id"] for c in answer["citations"]]
    assert_grounded(answer)


def test_search_k_5_gives_ranks_1_to_5_best_first(built_index):
    response = run_json(built_index, "search", "--json", "--k", "5", "parental substance misuse")
    results = response["results"]
    assert [r["rank"] for r in results] == [1, 2, 3, 4, 5]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert len({r["id"] for r in results}) == 5


def test_search_level_3_gives_only_level_3_units(built_index):
    results = run_json(built_index, "search", "--level", "3", "--json", "--k", "20", "domestic abuse")["results"]
    assert len(results) == 20
    assert {r["level"] for r in results} == {3}, [(r["id"], r["level"]) for r in results]
    assert len({r["doc_id"] for r in results}) > 1  # the level filter alone does not narrow the documents


def test_search_doc_filter_gives_only_that_documents_units(built_index):
    results = run_json(built_index, "search", "--doc", "luton-2022", "--json", "forced marriage")["results"]
    assert results and {r["doc_id"] for r in results} == {"luton-2022"}


BAD_INPUT = [
    pytest.param(["ask", "--json", ""], "empty", id="empty-question"),
    pytest.param(["ask", "--json", "   \t  "], "empty", id="whitespace-question"),
    pytest.param(["ask", "--json", "a" * 2001], "2000", id="2001-char-question"),
    pytest.param(["ask", "--doc", "no-such-doc", "neglect"], "no-such-doc", id="unknown-doc"),
    pytest.param(["ask", "--area", "Atlantis", "neglect"], "Atlantis", id="unknown-area"),
    pytest.param(["search", "--level", "7", "neglect"], "level", id="level-7"),
    pytest.param(["search", "--k", "0", "neglect"], "k must be", id="k-0"),
    pytest.param(["ask"], "question", id="ask-without-question-or-batch"),
]


@pytest.mark.parametrize(("args", "word"), BAD_INPUT)
def test_bad_input_exits_2_with_one_line_on_stderr(built_index, args, word):
    result = run(built_index, *args)
    assert result.returncode == 2, f"exit {result.returncode}; stdout {result.stdout[:200]!r}"
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0], result.stderr
    assert result.stdout == ""


def test_ingest_from_a_missing_corpus_folder_exits_2_with_one_line(tmp_path):
    result = run(tmp_path / "index", "ingest", "--corpus", "/nonexistent", "--index", str(tmp_path / "index"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["error: corpus folder not found: /nonexistent"]
    assert not (tmp_path / "index").exists()


def test_ask_batch_answers_in_order_and_reports_the_malformed_line(built_index, tmp_path):
    batch = tmp_path / "questions.jsonl"
    batch.write_text(
        '{"id": "q1", "question": "A parent is drinking heavily and the children are left alone"}\n'
        '{"id": "q2", "question": \n'
        '{"id": "q3", "question": "A young carer is missing school", "area": "Luton"}\n'
        '{"id": "q4", "question": "Worried about female genital mutilation", "doc_id": "pan-bedfordshire"}\n'
    )
    result = run(built_index, "ask", "--batch", str(batch))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "line 2" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert [item["id"] for item in out] == ["q1", None, "q3", "q4"]
    assert out[1]["line"] == 2 and out[1]["error"] and "citations" not in out[1]
    for item in (out[0], out[2], out[3]):
        assert item.keys() >= CONTRACT_KEYS and "error" not in item
        assert_grounded(item)
    assert {c["doc_id"] for c in out[3]["citations"]} == {"pan-bedfordshire"}


def test_search_batch_answers_every_line_in_order(built_index, tmp_path):
    batch = tmp_path / "queries.jsonl"
    batch.write_text(
        '{"id": 1, "query": "neglect", "k": 2}\n{"id": 2, "query": "private fostering"}\n{"id": 3, "query": "gangs"}\n'
    )
    result = run(built_index, "search", "--batch", str(batch), "--k", "3")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [item["id"] for item in out] == [1, 2, 3]
    assert [item["query"] for item in out] == ["neglect", "private fostering", "gangs"]
    assert [[r["rank"] for r in item["results"]] for item in out] == [[1, 2], [1, 2, 3], [1, 2, 3]]


def test_units_json_for_one_document_is_an_array_with_unique_ids(built_index):
    units = run_json(built_index, "units", "--json", "--doc", "pan-bedfordshire")
    assert isinstance(units, list) and units
    ids = [u["id"] for u in units]
    assert len(ids) == len(set(ids))
    assert {u["doc_id"] for u in units} == {"pan-bedfordshire"}
    assert {"matrix_cell", "section"} <= {u["kind"] for u in units}
    cell = next(u for u in units if u["kind"] == "matrix_cell")
    assert cell["level"] in (1, 2, 3, 4) and cell["source"]["file"] == "corpus/pan-bedfordshire.txt"
