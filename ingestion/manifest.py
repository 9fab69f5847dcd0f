"""The corpus manifest: which documents there are and what each one is."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ingestion.errors import CorpusError
from ingestion.types import DocumentInfo

MANIFEST_NAME = "manifest.toml"
_DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def read_manifest(corpus_dir: Path) -> dict[str, DocumentInfo]:
    """Manifest entries keyed by file name. A corpus with no manifest has no entries."""
    path = corpus_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise CorpusError(f"{path}: the manifest is not valid TOML ({err})") from err
    entries = data.get("documents", [])
    if not isinstance(entries, list):
        raise CorpusError(f"{path}: 'documents' must be a list of [[documents]] tables")
    infos = [_info(path, entry) for entry in entries]
    _check_unique(path, infos)
    return {info.file: info for info in infos}


def _info(path: Path, entry: object) -> DocumentInfo:
    if not isinstance(entry, dict) or not entry.get("doc_id") or not entry.get("file"):
        raise CorpusError(f"{path}: every [[documents]] entry needs a doc_id and a file")
    doc_id = str(entry["doc_id"])
    if not _DOC_ID.match(doc_id):
        raise CorpusError(f"{path}: doc_id {doc_id!r} must be lower-case letters, digits and dashes")
    file = str(entry["file"])
    if "/" in file or "\\" in file or file.startswith("."):
        raise CorpusError(f"{path}: file {file!r} must be a plain file name inside the corpus folder")
    area_names = entry.get("area_level_names", {}) or {}
    try:
        return DocumentInfo(
            doc_id=doc_id,
            file=file,
            title=str(entry.get("title") or doc_id),
            short_title=str(entry.get("short_title") or entry.get("title") or doc_id),
            aliases=tuple(str(a) for a in entry.get("aliases", [])),
            publisher=str(entry.get("publisher", "")),
            areas=tuple(str(a) for a in entry.get("areas", [])),
            date=str(entry.get("date", "")),
            edition=str(entry.get("edition", "")),
            status=str(entry.get("status", "current")),
            precedence=int(entry.get("precedence", 50)),
            level_word=str(entry.get("level_word", "Level")),
            level_names=tuple(str(n) for n in entry.get("level_names", [])),
            area_level_names=tuple((str(a), tuple(str(n) for n in names)) for a, names in area_names.items()),
        )
    except (TypeError, ValueError, AttributeError) as err:
        raise CorpusError(f"{path}: entry for {doc_id!r} has a field of the wrong type ({err})") from err


def _check_unique(path: Path, infos: list[DocumentInfo]) -> None:
    for attr in ("doc_id", "file"):
        seen: set[str] = set()
        for info in infos:
            value = getattr(info, attr)
            if value in seen:
                raise CorpusError(f"{path}: {attr} {value!r} appears twice")
            seen.add(value)


def info_for_unlisted(file: Path, first_heading: str | None) -> DocumentInfo:
    """A document dropped in with no manifest entry: its id from the file name, title from its text."""
    doc_id = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-")[:64] or "document"
    title = first_heading or file.stem
    return DocumentInfo(doc_id=doc_id, file=file.name, title=title, short_title=title)
