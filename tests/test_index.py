"""The index on disk: stable ids, unchanged documents skipped, atomic builds that survive a crash."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.core import Assistant
from assistant.engine import open_engine
from ingestion.index import build_index
from ingestion.pipeline import corpus_units
from ingestion.store import FORMAT, STATE, current_build_folder, open_build

REPO = Path(__file__).resolve().parents[1]
SMALL = ["london-2022.txt", "luton-2022.txt"]


def small_corpus(folder: Path) -> Path:
    """Two real documents and the real manifest (entries for absent files are simply unused)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SMALL + ["manifest.toml"]:
        shutil.copy(REPO / "corpus" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    base = tmp_path_factory.mktemp("small")
    corpus = small_corpus(base / "corpus")
    index = base / "index"
    report = build_index(corpus, index)
    return corpus, index, report


def test_first_ingest_builds_every_document(small_index):
    _, index, report = small_index
    assert report.changed
    assert {d.doc_id: d.status for d in report.documents} == {"london-2022": "new", "luton-2022": "new"}
    assert open_build(index).state.documents.keys() == {"london-2022", "luton-2022"}


def test_reingest_with_nothing_changed_keeps_the_build(small_index):
    corpus, index, _ = small_index
    before = current_build_folder(index)
    report = build_index(corpus, index)
    assert not report.changed
    assert current_build_folder(index) == before


def test_ids_are_stable_across_ingests(small_index, tmp_path):
    corpus, index, _ = small_index
    again = tmp_path / "again"
    build_index(corpus, again, force=True)
    first, second = open_build(index), open_build(again)
    assert [u.id for u in first.units] == [u.id for u in second.units]
    assert [u.text for u in first.units] == [u.text for u in second.units]
    assert np.allclose(first.vectors, second.vectors, atol=1e-5)


def test_changed_document_is_reindexed_and_the_others_reused(small_index, tmp_path):
    corpus, index, _ = small_index
    copy_corpus, copy_index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(corpus, copy_corpus)
    shutil.copytree(index, copy_index)
    with (copy_corpus / "luton-2022.txt").open("a", encoding="utf-8") as handle:
        handle.write("\nA new closing paragraph about contacting the MASH out of hours.\n")
    report = build_index(copy_corpus, copy_index)
    statuses = {d.doc_id: d.status for d in report.documents}
    assert statuses == {"london-2022": "unchanged", "luton-2022": "changed"}
    before, after = open_build(index), open_build(copy_index)
    london_before = {u.id: v for u, v in zip(before.units, before.vectors, strict=True) if u.doc_id == "london-2022"}
    london_after = {u.id: v for u, v in zip(after.units, after.vectors, strict=True) if u.doc_id == "london-2022"}
    assert london_before.keys() == london_after.keys()
    assert all(np.array_equal(london_before[k], london_after[k]) for k in london_before)
    assert any("out of hours" in u.text for u in after.units)


def _answers(index: Path) -> list[list[str]]:
    assistant = Assistant.open(Settings(index_dir=index, corpus_dir=REPO / "corpus"))
    questions = ["child keeps going missing from home", "Luton MASH telephone number", "young carer"]
    return [[r.id for r in assistant.search(q, 5).results] for q in questions]


def test_ingest_killed_halfway_leaves_the_previous_index_answering(small_index, tmp_path):
    corpus, index, _ = small_index
    copy_index = tmp_path / "index"
    shutil.copytree(index, copy_index)
    expected = _answers(copy_index)
    env = {**os.environ, "THRESHOLD_INDEX_DIR": str(copy_index)}
    command = [sys.executable, "-m", "assistant", "ingest", "--force", "--corpus", str(corpus)]
    for delay in (2.0, 5.0):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert _answers(copy_index) == expected
    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert _answers(copy_index) == expected
    assert not list((copy_index / "builds").glob(".*.partial")), "partial builds of killed ingests are cleaned up"


def test_two_tables_under_the_same_domain_in_one_document_get_distinct_ids(tmp_path):
    """Found by fuzzing: rows are numbered per table, so a second HEALTH table repeated the first's ids."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    header = "Level 1\tLevel 2\tLevel 3\tLevel 4"
    (corpus / "dup.txt").write_text(
        f"HEALTH\t\t\t\n{header}\nWell.\tSome worry.\tMore worry.\tHarm.\n\n## Parents\n\nSome text about parents.\n\n"
        f"HEALTH\t\t\t\n{header}\nFed.\tHungry.\tVery hungry.\tStarving.\n"
    )
    units = corpus_units(corpus)
    ids = [u.id for u in units]
    assert len(ids) == len(set(ids))
    cells = [u for u in units if u.kind == "matrix_cell"]
    assert {u.text for u in cells} >= {"Well.", "Fed.", "Harm.", "Starving."}


def test_an_index_another_version_wrote_is_built_again_before_it_is_searched(small_index, tmp_path):
    corpus, index, _ = small_index
    old = tmp_path / "old-index"
    shutil.copytree(index, old)
    state_file = current_build_folder(old) / STATE
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["format"] = FORMAT - 1
    state_file.write_text(json.dumps(state), encoding="utf-8")

    engine = open_engine(Settings(index_dir=old, corpus_dir=corpus))

    assert engine.build.state.format == FORMAT
    assert {u.doc_id for u in engine.units} == {"london-2022", "luton-2022"}
    assert open_build(old).state.format == FORMAT
