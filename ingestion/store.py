"""One built index on disk: the units, their vectors, the Chroma collection and the build state.

A build lives in its own folder under <index>/builds/. It is written completely, then named in
<index>/CURRENT by an atomic rename, so a reader (or a crash mid-ingest) only ever sees a whole
build. Searching reads units.jsonl and vectors.npy (fast to open, no database import); the Chroma
collection in the same folder holds the same vectors and metadata for Chroma clients.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ingestion.errors import IndexUnavailable
from ingestion.types import Span, Unit

CURRENT = "CURRENT"
STATE = "state.json"
UNITS = "units.jsonl"
VECTORS = "vectors.npy"
FACETS = "facets.npz"
COLLECTION = "threshold_units"
BM25_FOLDER = "bm25"
FORMAT = 14
"""Bump when parsing, units or embedding change, so that the next ingest rebuilds everything."""


@dataclass(frozen=True)
class BuildState:
    format: int
    model: str
    documents: dict[str, dict]  # doc_id -> {"hash", "file", "units", "info"}


@dataclass(frozen=True)
class Facets:
    """Vectors of the parts of units (sentences of a cell, paragraphs of a passage): row i belongs
    to unit owner[i]; texts are kept so the next ingest can reuse the vectors of unchanged ones."""

    vectors: np.ndarray
    owner: np.ndarray
    texts: list[str]

    @classmethod
    def empty(cls) -> Facets:
        return cls(np.zeros((0, 384), dtype=np.float32), np.zeros(0, dtype=np.int64), [])


@dataclass(frozen=True)
class Build:
    folder: Path
    state: BuildState
    units: list[Unit]
    vectors: np.ndarray
    bm25: object
    facets: Facets


def current_build_folder(index_dir: Path) -> Path | None:
    pointer = index_dir / CURRENT
    if not pointer.exists():
        return None
    folder = index_dir / "builds" / pointer.read_text(encoding="utf-8").strip()
    return folder if folder.is_dir() else None


def read_state(folder: Path) -> BuildState:
    data = json.loads((folder / STATE).read_text(encoding="utf-8"))
    return BuildState(format=data["format"], model=data["model"], documents=data["documents"])


def open_build(index_dir: Path) -> Build:
    folder = current_build_folder(index_dir)
    if folder is None:
        raise IndexUnavailable(f"no index in {index_dir}; run `threshold ingest` first")
    try:
        state = read_state(folder)
        units = [unit_from_json(json.loads(line)) for line in (folder / UNITS).read_text(encoding="utf-8").splitlines()]
        vectors = np.load(folder / VECTORS)
        bm25 = load_bm25(folder)
        facets = _read_facets(folder / FACETS)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise IndexUnavailable(f"the index in {folder} is damaged ({err}); run `threshold ingest --force`") from err
    if len(units) != len(vectors):
        raise IndexUnavailable(f"the index in {folder} is damaged (units and vectors differ); re-ingest")
    return Build(folder, state, units, vectors, bm25, facets)


def _read_facets(path: Path) -> Facets:
    with np.load(path, allow_pickle=False) as data:
        return Facets(data["vectors"], data["owner"], [str(t) for t in data["texts"]])


def write_build(
    index_dir: Path, name: str, state: BuildState, units: list[Unit], vectors: np.ndarray, facets: Facets
) -> Path:
    """Write a complete build aside, then make it current with one atomic rename."""
    builds = index_dir / "builds"
    folder = builds / name
    tmp = builds / f".{name}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with (tmp / UNITS).open("w", encoding="utf-8") as out:
        for unit in units:
            out.write(json.dumps(unit_to_json(unit), ensure_ascii=False) + "\n")
    np.save(tmp / VECTORS, vectors.astype(np.float32))
    np.savez(tmp / FACETS, vectors=facets.vectors.astype(np.float32), owner=facets.owner, texts=np.array(facets.texts))
    _write_chroma(tmp / "chroma", units, vectors)
    build_bm25(units).save(str(tmp / BM25_FOLDER))
    (tmp / STATE).write_text(json.dumps(asdict(state), indent=1), encoding="utf-8")
    _fsync_tree(tmp)
    os.replace(tmp, folder)
    pointer_tmp = index_dir / f".{CURRENT}.tmp"
    pointer_tmp.write_text(name, encoding="utf-8")
    _fsync_file(pointer_tmp)
    os.replace(pointer_tmp, index_dir / CURRENT)
    _prune(builds, keep=name)
    return folder


def _write_chroma(path: Path, units: list[Unit], vectors: np.ndarray) -> None:
    import chromadb
    from chromadb.config import Settings

    client = chromadb.PersistentClient(path=str(path), settings=Settings(anonymized_telemetry=False))
    collection = client.create_collection(COLLECTION, metadata={"hnsw:space": "cosine"})
    step = 1000
    for start in range(0, len(units), step):
        batch = units[start : start + step]
        collection.add(
            ids=[u.id for u in batch],
            embeddings=vectors[start : start + step].tolist(),
            documents=[u.text for u in batch],
            metadatas=[chroma_metadata(u) for u in batch],
        )
    del client


def lexical_text(unit: Unit) -> str:
    """What BM25 matches: the unit's words and where it sits, but not level labels, which every
    cell has and which would make "level 2" match every level 2 cell instead of the text about it."""
    if unit.kind in ("matrix_cell", "matrix_row", "indicator"):
        return " ".join(p for p in (unit.domain, unit.subdomain, unit.text) if p)
    return " ".join([*unit.path, unit.text])


def build_bm25(units: list[Unit]):
    """A BM25 index (bm25s) over each unit's `lexical_text`, as `search_terms`."""
    import bm25s

    retriever = bm25s.BM25()
    corpus = bm25s.tokenize(
        [" ".join(search_terms(lexical_text(u))) for u in units], stopwords=None, show_progress=False
    )
    retriever.index(corpus, show_progress=False)
    return retriever


def load_bm25(folder: Path):
    import bm25s

    return bm25s.BM25.load(str(folder / BM25_FOLDER))


_TOKEN = re.compile(r"[a-z0-9]+")
_STOPWORD_TEXT = """
a an and are as at be been being but by can could did do does for from had has have he her his how i if in into is
it its me my of on or our she should so than that the their them then there these they this to was we were what
when where which who why will with would you your
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def bm25_tokens(text: str) -> list[str]:
    """Lower-case words and numbers, common function words left out (for BM25 and quote picking)."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


AGE_WORDS = frozenset({"year", "old", "yr", "yrs", "yo", "month", "week", "day", "age", "aged"})
"""Stems every stated age carries ("15-year-old", "aged 3 months"): left to the dense search, which
reads an age by its meaning; as words they made "a 15-year-old who goes missing" match "a child
over 13 years old" before anything about going missing."""


def search_terms(text: str) -> list[str]:
    """What BM25 indexes and looks up: `bm25_tokens` stemmed (Porter2), so a practitioner's
    "bruising", "drinks" or "injuries" finds the guidance's "bruise", "drinking" and "injury";
    without the words of an age."""
    return [stem for stem in map(_stem, bm25_tokens(text)) if stem not in AGE_WORDS]


def chroma_metadata(unit: Unit) -> dict:
    meta = {"kind": unit.kind, "doc_id": unit.doc_id, "path": " > ".join(unit.path)}
    for key in ("domain", "subdomain", "row", "level"):
        value = getattr(unit, key)
        if value is not None:
            meta[key] = value
    return meta


def _prune(builds: Path, keep: str) -> None:
    """Old builds go once the new one is current; the previous one stays for readers still on it.
    Partial builds left by an ingest that was killed go too."""
    for partial in builds.glob(".*.partial"):
        shutil.rmtree(partial, ignore_errors=True)
    finished = sorted((p for p in builds.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for old in finished[:-2]:
        if old.name != keep:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            _fsync_file(path)


def unit_to_json(unit: Unit) -> dict:
    data = asdict(unit)
    data["path"] = list(unit.path)
    data["cells"] = list(unit.cells) if unit.cells is not None else None
    return data


def unit_from_json(data: dict) -> Unit:
    return Unit(
        id=data["id"],
        kind=data["kind"],
        doc_id=data["doc_id"],
        text=data["text"],
        embed_text=data["embed_text"],
        path=tuple(data["path"]),
        source=Span(**data["source"]),
        domain=data.get("domain"),
        subdomain=data.get("subdomain"),
        row=data.get("row"),
        level=data.get("level"),
        cells=tuple(data["cells"]) if data.get("cells") is not None else None,
    )
