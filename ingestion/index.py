"""Units -> an index on disk: embeddings (reused for unchanged documents), Chroma, atomic swap."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ingestion import remote
from ingestion.embed import MODEL_NAME
from ingestion.errors import DocumentError, IndexUnavailable
from ingestion.load import load_corpus
from ingestion.parse import parse_document
from ingestion.store import FORMAT, BuildState, Facets, current_build_folder, open_build, read_state, write_build
from ingestion.types import Document, Unit
from ingestion.units import cell_id, facet_texts, make_units

Progress = Callable[[str, int, int], None]


@dataclass
class DocumentReport:
    doc_id: str
    file: str
    status: str  # new | changed | unchanged
    units: int
    joins: int = 0


@dataclass
class IngestReport:
    index_dir: str
    changed: bool
    documents: list[DocumentReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    units: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return asdict(self)


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    force: bool = False,
    progress: Progress | None = None,
    max_pdf_pages: int = 1000,
    chroma_url: str | None = None,
) -> IngestReport:
    """Parse, embed and index the corpus. Unchanged documents are not parsed or embedded again;
    when nothing changed the current index is kept as it is. With `chroma_url` the build is also
    published to that Chroma server (see ingestion.remote), where other processes read it."""
    started = time.perf_counter()
    index_dir = Path(index_dir)
    loaded = load_corpus(Path(corpus_dir), max_pdf_pages=max_pdf_pages)
    skipped = [str(err) for err in loaded.skipped]
    previous_state = _previous_state(index_dir)
    hashes = {doc.doc_id: doc.content_hash for doc in loaded.documents}
    if not force and previous_state and _same(previous_state, hashes):
        reports = [DocumentReport(d, v["file"], "unchanged", v["units"]) for d, v in previous_state.documents.items()]
        total = sum(r.units for r in reports)
        if chroma_url:
            _publish_current(index_dir, chroma_url)
        return IngestReport(str(index_dir), False, reports, skipped, total, time.perf_counter() - started)
    previous = _previous_build(index_dir) if previous_state and not force else None
    units, vectors, reports = _units_and_vectors(loaded.documents, previous, progress)
    facets = _facets(units, previous, progress)
    state = BuildState(
        format=FORMAT,
        model=MODEL_NAME,
        documents={
            doc.doc_id: {"hash": doc.content_hash, "file": doc.path, "units": r.units, "info": _info_json(doc)}
            for doc, r in zip(loaded.documents, reports, strict=True)
        },
    )
    index_dir.mkdir(parents=True, exist_ok=True)
    name = time.strftime("%Y%m%dT%H%M%S") + f"-{time.perf_counter_ns() % 10**6:06d}"
    write_build(index_dir, name, state, units, vectors, facets)
    if chroma_url:
        remote.publish(chroma_url, name, state, units, vectors, facets)
    return IngestReport(str(index_dir), True, reports, skipped, len(units), time.perf_counter() - started)


def _publish_current(index_dir: Path, chroma_url: str) -> None:
    """The local current build, published when the server is not on it already."""
    build = open_build(index_dir)
    if remote.current_name(chroma_url) != build.folder.name:
        remote.publish(chroma_url, build.folder.name, build.state, build.units, build.vectors, build.facets)


def _info_json(doc: Document) -> dict:
    data = asdict(doc.info)
    data["area_level_names"] = {area: list(names) for area, names in doc.info.area_level_names}
    return data


def _previous_state(index_dir: Path) -> BuildState | None:
    folder = current_build_folder(index_dir)
    if folder is None:
        return None
    try:
        return read_state(folder)
    except (OSError, ValueError, KeyError):
        return None


def _previous_build(index_dir: Path):
    try:
        build = open_build(index_dir)
    except IndexUnavailable:
        return None
    return build if build.state.model == MODEL_NAME and build.state.format == FORMAT else None


def _same(state: BuildState, hashes: dict[str, str]) -> bool:
    return (
        state.format == FORMAT
        and state.model == MODEL_NAME
        and {d: v["hash"] for d, v in state.documents.items()} == hashes
    )


def _units_and_vectors(documents, previous, progress: Progress | None):
    """Units of every document: reused with their vectors when the document is unchanged, else
    parsed; the new ones are embedded together so text shared by several documents embeds once."""
    old_hashes = {d: v["hash"] for d, v in previous.state.documents.items()} if previous else {}
    parts: list[tuple[list[Unit], np.ndarray | None]] = []
    reports: list[DocumentReport] = []
    for i, doc in enumerate(documents):
        if progress:
            progress("parse", i + 1, len(documents))
        if old_hashes.get(doc.doc_id) == doc.content_hash:
            units, vectors = _reuse(previous, doc.doc_id)
            parts.append((units, vectors))
            reports.append(DocumentReport(doc.doc_id, doc.path, "unchanged", len(units)))
            continue
        parsed = parse_document(doc)
        units = make_units(parsed)
        parts.append((units, None))
        status = "changed" if doc.doc_id in old_hashes else "new"
        reports.append(DocumentReport(doc.doc_id, doc.path, status, len(units), sum(r.joins for r in parsed.rows)))
    fresh = [u for units, vectors in parts if vectors is None for u in units]
    fresh_vectors = iter(_embed_units(fresh, progress))
    all_units = [u for units, _ in parts for u in units]
    rows = [
        v
        for units, vectors in parts
        for v in (vectors if vectors is not None else (next(fresh_vectors) for _ in units))
    ]
    vectors = np.stack(rows).astype(np.float32) if rows else np.zeros((0, 384), dtype=np.float32)
    return all_units, vectors, reports


def _reuse(previous, doc_id: str) -> tuple[list[Unit], np.ndarray]:
    keep = [i for i, unit in enumerate(previous.units) if unit.doc_id == doc_id]
    return [previous.units[i] for i in keep], previous.vectors[keep]


def _embed_units(units: list[Unit], progress: Progress | None) -> np.ndarray:
    """Embed each distinct text once, matrix rows aside: a row's vector is the mean of its cells'
    vectors (a row is its cells, and this halves the embedding work)."""
    from ingestion.embed import embed

    texts = list(dict.fromkeys(u.embed_text for u in units if u.kind != "matrix_row"))
    by_text: dict[str, np.ndarray] = {}
    step = 256
    for start in range(0, len(texts), step):
        batch = texts[start : start + step]
        by_text.update(zip(batch, embed(batch), strict=True))
        if progress:
            progress("embed", min(start + step, len(texts)), len(texts))
    vectors = np.zeros((len(units), 384), dtype=np.float32)
    for i, unit in enumerate(units):
        if unit.kind != "matrix_row":
            vectors[i] = by_text[unit.embed_text]
    position = {unit.id: i for i, unit in enumerate(units)}
    for i, unit in enumerate(units):
        if unit.kind == "matrix_row":
            ids = (cell_id(unit.id, lv) for lv in range(1, 5))
            cells = [position[i] for i in ids if i in position]
            mean = vectors[cells].mean(axis=0)
            vectors[i] = mean / (np.linalg.norm(mean) or 1.0)
    return vectors


def _facets(units: list[Unit], previous, progress: Progress | None) -> Facets:
    """Every unit's facets, embedded; vectors of facet texts the previous build had are reused."""
    from ingestion.embed import embed

    owner, texts = [], []
    for i, unit in enumerate(units):
        for text in facet_texts(unit):
            owner.append(i)
            texts.append(text)
    known = dict(zip(previous.facets.texts, previous.facets.vectors, strict=True)) if previous else {}
    missing = list(dict.fromkeys(t for t in texts if t not in known))
    for start in range(0, len(missing), 256):
        batch = missing[start : start + 256]
        known.update(zip(batch, embed(batch), strict=True))
        if progress:
            progress("facets", min(start + 256, len(missing)), len(missing))
    if not texts:
        return Facets.empty()
    vectors = np.stack([known[t] for t in texts]).astype(np.float32)
    return Facets(vectors, np.array(owner, dtype=np.int64), texts)


__all__ = ["DocumentError", "IngestReport", "build_index"]
