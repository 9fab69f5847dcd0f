"""What a person sees in the terminal: answers, results and ingest reports print without errors."""

import subprocess

from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env


def run(index, *args):
    return subprocess.run(
        [str(THRESHOLD), *args],
        cwd=REPO_ROOT,
        env=threshold_env(THRESHOLD_INDEX_DIR=str(index), COLUMNS="100"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_answers_and_results_print_for_people(built_index):
    answer = run(built_index, "ask", "a child is being hit right now, what do I do?")
    assert answer.returncode == 0, answer.stderr
    assert "999" in answer.stdout and "[1]" in answer.stdout and "corpus/" in answer.stdout
    assert "Traceback" not in answer.stderr
    results = run(built_index, "search", "--k", "3", "young carer")
    assert results.returncode == 0, results.stderr
    assert results.stdout.count("\n") >= 6
    report = run(built_index, "ingest")
    assert report.returncode == 0 and "Nothing changed" in report.stdout
    units = run(built_index, "units", "--doc", "luton-2022", "--kind", "indicator")
    assert units.returncode == 0 and "luton-2022/indicator/" in units.stdout
