"""The index in a Chroma server (THRESHOLD_CHROMA_URL), for more than one process.

Chroma's embedded PersistentClient is not safe across processes, so when several workers serve
one index it lives in a server. Each build is published as two collections (its units with their
vectors, and its facet vectors), then made current by one upsert of a pointer record; readers
load the build the pointer names and keep it in memory, so they search exactly as the embedded
index does. Old builds' collections are dropped after the pointer moves, keeping the previous one
for readers still on it.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ingestion.errors import BadInput, IndexUnavailable
from ingestion.store import Build, BuildState, Facets, build_bm25, unit_from_json, unit_to_json
from ingestion.types import Unit

POINTER = "threshold_current"
STEP = 1000
PAGE = 5000


def client(url: str):
    """An HttpClient for http://host:port (BadInput for a URL that is not one)."""
    import chromadb
    from chromadb.config import Settings

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise BadInput(f"THRESHOLD_CHROMA_URL must look like http://host:port, not {url!r}")
    try:
        return chromadb.HttpClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=Settings(anonymized_telemetry=False),
        )
    except Exception as err:  # chromadb raises plain exceptions for an unreachable server
        raise IndexUnavailable(f"cannot reach the Chroma server at {url}: {err}") from err


def publish(url: str, name: str, state: BuildState, units: list[Unit], vectors: np.ndarray, facets: Facets) -> None:
    """Write a build's collections, then point readers at it."""
    chroma = client(url)
    units_col = chroma.create_collection(f"threshold_{name}_units", metadata={"hnsw:space": "cosine"})
    for start in range(0, len(units), STEP):
        batch = units[start : start + STEP]
        units_col.add(
            ids=[f"{start + i}" for i in range(len(batch))],
            embeddings=vectors[start : start + STEP].astype(np.float32).tolist(),
            documents=[u.text for u in batch],
            metadatas=[{"unit": json.dumps(unit_to_json(u), ensure_ascii=False)} for u in batch],
        )
    facets_col = chroma.create_collection(f"threshold_{name}_facets")
    for start in range(0, len(facets.texts), STEP):
        owners, texts = facets.owner[start : start + STEP], facets.texts[start : start + STEP]
        facets_col.add(
            ids=[f"{start + i}" for i in range(len(texts))],
            embeddings=facets.vectors[start : start + STEP].astype(np.float32).tolist(),
            metadatas=[{"owner": int(o), "text": t} for o, t in zip(owners, texts, strict=True)],
        )
    pointer = chroma.get_or_create_collection(POINTER)
    previous = _current_name(pointer)
    pointer.upsert(
        ids=["current"],
        embeddings=[[0.0]],
        metadatas=[{"build": name, "previous": previous or "", "state": json.dumps(asdict(state))}],
    )
    _drop_old(chroma, keep={name, previous})


def current_name(url: str) -> str | None:
    """The build the server's readers are on (None when it has none)."""
    try:
        return _current_name(client(url).get_collection(POINTER))
    except IndexUnavailable:
        raise
    except Exception:
        return None


def _current_name(pointer) -> str | None:
    found = pointer.get(ids=["current"], include=["metadatas"])
    return found["metadatas"][0]["build"] if found["ids"] else None


def _drop_old(chroma, keep: set[str | None]) -> None:
    for collection in chroma.list_collections():
        name = getattr(collection, "name", collection)
        build = name.removeprefix("threshold_").rsplit("_", 1)[0]
        if name.startswith("threshold_") and name != POINTER and build not in keep:
            chroma.delete_collection(name)


def _all(collection, count: int) -> dict:
    """Every record, in the order the ids number them, fetched a page at a time (one request for a
    large index would be hundreds of megabytes of JSON)."""
    ids, embeddings, metadatas = [], [], []
    for start in range(0, count, PAGE):
        found = collection.get(include=["embeddings", "metadatas"], limit=PAGE, offset=start)
        ids += [int(i) for i in found["ids"]]
        embeddings += list(found["embeddings"])
        metadatas += found["metadatas"]
    order = np.argsort(ids)
    return {
        "embeddings": np.asarray(embeddings, dtype=np.float32)[order] if ids else np.zeros((0, 384), np.float32),
        "metadatas": [metadatas[i] for i in order],
    }


def open_remote(url: str) -> Build:
    """The current build from the server, held in memory (BM25 built again from its units)."""
    chroma = client(url)
    try:
        pointer = chroma.get_collection(POINTER)
        record = pointer.get(ids=["current"], include=["metadatas"])["metadatas"][0]
    except Exception as err:
        raise IndexUnavailable(f"no index in the Chroma server at {url}; run `threshold ingest` first") from err
    name = record["build"]
    state = BuildState(**json.loads(record["state"]))
    units_col = chroma.get_collection(f"threshold_{name}_units")
    facets_col = chroma.get_collection(f"threshold_{name}_facets")
    got = _all(units_col, units_col.count())
    units = [unit_from_json(json.loads(m["unit"])) for m in got["metadatas"]]
    parts = _all(facets_col, facets_col.count())
    facets = Facets(
        parts["embeddings"].astype(np.float32),
        np.array([m["owner"] for m in parts["metadatas"]], dtype=np.int64),
        [m["text"] for m in parts["metadatas"]],
    )
    return Build(Path(f"{url}/{name}"), state, units, got["embeddings"], build_bm25(units), facets)
