"""The abstention probes (evals/probe.py) on the real core: a probe file's figures and the
vignettes told without asking for a level."""

import json

import pytest

from evals.probe import probe_file, probe_plain_vignettes, without_level_ask


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("Y9 boy has shared nudes round the year group. What level?", "Y9 boy has shared nudes round the year group."),
        ("Mum drinks every night - level?", "Mum drinks every night"),
        ("What level is a child who misses school?", None),
        ("Who do I call at the MASH?", None),
    ],
)
def test_a_closing_level_ask_is_taken_off_and_nothing_else(question, told):
    assert without_level_ask(question) == told


def _written(tmp_path, lines):
    path = tmp_path / "probe.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    return path


def test_a_probe_file_counts_abstention_on_each_side(core, tmp_path):
    lines = [
        {"question": "What's the weather in Paris tomorrow?", "answerable": False, "why": "off topic"},
        {"question": "What is the Luton MASH phone number?", "answerable": True, "why": "luton-2022"},
    ]
    result = probe_file(core, _written(tmp_path, lines))
    assert result.questions == 2
    assert result.figures == {"abstention": 1.0, "false abstention": 0.0}


def test_an_urgent_probe_file_counts_recall_and_false_alarms(core, tmp_path):
    lines = [
        {"question": "a child has been stabbed and is bleeding now", "urgent": True, "why": "now"},
        {"question": "What is section 47?", "urgent": False, "why": "a definition"},
    ]
    assert probe_file(core, _written(tmp_path, lines)).figures == {"urgent recall": 1.0, "false alarms": 0.0}


def test_the_dev_vignettes_told_without_a_level_are_answered(core):
    result = probe_plain_vignettes(core, "dev", "What should I do?")
    assert result.questions >= 60
    assert result.figures["false abstention"] <= 0.05
