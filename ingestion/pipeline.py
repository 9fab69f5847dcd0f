"""The ingestion pipeline read top to bottom: load -> parse -> units -> index."""

from __future__ import annotations

from pathlib import Path

from ingestion.load import LoadedCorpus, load_corpus
from ingestion.parse import parse_document
from ingestion.types import Document, Unit
from ingestion.units import make_units


def document_units(document: Document) -> list[Unit]:
    return make_units(parse_document(document))


def corpus_units(corpus_dir: Path) -> list[Unit]:
    """Every unit of every readable document in the corpus folder (no embedding, no index)."""
    loaded = load_corpus(Path(corpus_dir))
    return [unit for document in loaded.documents for unit in document_units(document)]


__all__ = ["LoadedCorpus", "corpus_units", "document_units", "load_corpus"]
