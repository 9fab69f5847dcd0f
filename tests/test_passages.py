"""Section passages (ingestion/parse.py): a heading opens the passage it heads and never stands
alone, so a level's name and its definition are cited together. The real parser on the real
corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.pipeline import corpus_units

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def sections():
    return [u for u in corpus_units(CORPUS_DIR) if u.kind == "section"]


def test_no_passage_is_a_heading_alone(sections):
    alone = [u.id for u in sections if u.text.strip() == u.path[-1] and len(u.text.split("\n")) == 1]
    assert not alone


def test_a_level_heading_is_in_the_passage_holding_its_definition(sections):
    passage = next(u for u in sections if "These children are suffering or are likely to suffer" in u.text)
    assert passage.doc_id == "bedford-borough-2015"
    assert passage.text.startswith("Level 4: Specialist\n")
