"""The eval runs end to end on the real index: ours and the baseline scored on the same questions."""

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from evals.questions import load_questions
from evals.report import markdown, write_reports
from evals.run import run_eval
from evals.targets import FLOORS, TARGETS, missed

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def run(built_index):
    questions = load_questions(split="test")
    chosen = [
        next(q for q in questions if q.kind == kind)
        for kind in ("matrix_level", "contact", "unanswerable", "urgent", "compare")
    ]
    assistant = Assistant.open(Settings(index_dir=built_index, corpus_dir=REPO / "corpus"))
    return run_eval(assistant, chosen, with_baseline=True)


def test_every_question_is_scored_for_us_and_the_baseline(run):
    assert len(run.results) == 5
    assert run.baseline_chunks and run.baseline_chunks > 100
    answered = [r for r in run.results if r.kind != "unanswerable"]
    assert all(r.search_rr is not None and r.baseline_rr is not None for r in answered)
    table = run.tables["split"]["test"]
    assert table["urgent_recall"] == 1.0
    assert 0.0 <= table["search_hit@5"] <= 1.0 and table["baseline_hit@5"] is not None


def test_reports_are_written_as_markdown_json_and_html(run, tmp_path):
    paths = write_reports(run, tmp_path)
    assert sorted(p.suffix for p in paths) == [".html", ".json", ".md"]
    html = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and "<table>" in html
    assert "search_hit@5" in markdown(run)


def test_the_gate_names_each_missed_target():
    assert missed({"search_hit@5": 0.5}) and any("search_hit@5 is 0.500" in m for m in missed({"search_hit@5": 0.5}))
    perfect = {
        "search_hit@5": 1, "hit@5_vs_baseline": 2, "mrr@10": 1, "answer_citation_hit": 1, "citation_precision": 1,
        "level_accuracy": 1, "compare": 1, "abstention": 1, "false_abstention": 0, "urgent_recall": 1,
        "urgent_false_alarm": 0,
    }  # fmt: skip
    assert missed(perfect) == []


def test_the_floors_sit_below_the_targets_and_name_each_metric_that_falls():
    assert set(FLOORS) == set(TARGETS)
    for metric, (op, floor) in FLOORS.items():
        target = TARGETS[metric][1]
        assert TARGETS[metric][0] == op and (floor <= target if op == ">=" else floor >= target)
    fallen = missed({"search_hit@5": 0.5, "false_abstention": 0.2}, FLOORS)
    assert any("search_hit@5 is 0.500" in m for m in fallen) and any("false_abstention is 0.200" in m for m in fallen)


def test_the_floor_gate_exits_1_and_says_which_metric_fell(built_index, tmp_path):
    """Two section questions alone measure no level, compare or urgent figures: each is reported
    as fallen, and the exit status is 1 (`make test` relies on it)."""
    import json
    import subprocess

    from tests.conftest import THRESHOLD, threshold_env

    lines = (REPO / "evals/questions/sections.jsonl").read_text(encoding="utf-8").splitlines()
    sections = [line for line in lines if json.loads(line)["kind"] == "section"][:2]
    assert len(sections) == 2
    file = tmp_path / "two.jsonl"
    file.write_text("\n".join(sections) + "\n", encoding="utf-8")
    result = subprocess.run(
        [str(THRESHOLD), "eval", "--questions", str(file), "--no-baseline", "--floors", "--index", str(built_index)],
        env=threshold_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "below its floor: level_accuracy is not measured" in result.stderr
