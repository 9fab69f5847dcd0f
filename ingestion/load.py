"""Loaders: a file in the corpus folder becomes a Document of numbered lines with provenance.

Text exports (.txt, .md) are read as they are. PDFs are read with their layout (pypdf, positions,
fonts and rules) and written in the exports' dialect: headings, bullets, a line per paragraph and a
tab-separated line per table row, each line with its page (ingestion.pdf_read, pdf_layout).
DOCX paragraphs become lines (headings as markdown headings) and each table row one tab-separated
line, so one parser reads every format.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from ingestion.errors import CorpusError, DocumentError
from ingestion.manifest import MANIFEST_NAME, info_for_unlisted, read_manifest
from ingestion.pdf_layout import pdf_dialect_lines
from ingestion.pdf_read import read_page
from ingestion.types import Document, DocumentInfo, Line

TEXT_SUFFIXES = {".txt", ".md"}
SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx"}
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DOCX_UNZIPPED = 200 * 1024 * 1024
MAX_PDF_PAGES = 1000


@dataclass(frozen=True)
class LoadedCorpus:
    documents: tuple[Document, ...]
    skipped: tuple[DocumentError, ...]


def load_corpus(corpus_dir: Path, max_pdf_pages: int = MAX_PDF_PAGES) -> LoadedCorpus:
    """Every document in the folder; the ones that cannot be read are skipped with their reason."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    manifest = read_manifest(corpus_dir)
    documents: list[Document] = []
    skipped: list[DocumentError] = []
    for path in sorted(corpus_dir.iterdir()):
        if path.name == MANIFEST_NAME or path.name.startswith(".") or path.is_dir():
            continue
        try:
            documents.append(load_document(path, manifest.get(path.name), corpus_dir, max_pdf_pages))
        except DocumentError as err:
            skipped.append(err)
    documents.sort(key=lambda doc: doc.path.rsplit("/", 1)[-1] not in manifest)
    _check_unique_ids(documents, set(manifest))
    return LoadedCorpus(tuple(documents), tuple(skipped))


def _check_unique_ids(documents: list[Document], listed: set[str]) -> None:
    """Manifest ids are unique already. A file with no entry whose name-made id is taken gets its
    file type appended (report.pdf and report.docx: report-pdf, report-docx)."""
    seen: dict[str, str] = {}
    for i, doc in enumerate(documents):
        unlisted = doc.path.rsplit("/", 1)[-1] not in listed
        if unlisted and doc.doc_id in seen:
            suffix = doc.path.rsplit(".", 1)[-1].lower()
            documents[i] = doc = replace(doc, info=replace(doc.info, doc_id=f"{doc.doc_id}-{suffix}"))
        if doc.doc_id in seen:
            raise CorpusError(f"doc_id {doc.doc_id!r} is used by both {seen[doc.doc_id]} and {doc.path}")
        seen[doc.doc_id] = doc.path


def load_document(
    path: Path, info: DocumentInfo | None, corpus_dir: Path, max_pdf_pages: int = MAX_PDF_PAGES
) -> Document:
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(name, f"unknown file type {suffix or '(none)'}; threshold reads .txt, .md, .pdf and .docx")
    if path.is_symlink() and not path.resolve().is_relative_to(corpus_dir.resolve()):
        raise DocumentError(name, "is a link to a file outside the corpus folder")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(name, f"cannot be read ({err.strerror})") from err
    if not data.strip():
        raise DocumentError(name, "is empty")
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(name, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    title = None
    if suffix in TEXT_SUFFIXES:
        lines = _text_lines(name, data)
    elif suffix == ".pdf":
        lines, title = _pdf_lines(name, path, max_pdf_pages)
    else:
        lines = _docx_lines(name, path)
    if not any(line.text.strip() for line in lines):
        raise DocumentError(name, "has no text")
    info = info or info_for_unlisted(path, title or _first_heading(lines))
    content_hash = hashlib.sha256(data + repr(info).encode()).hexdigest()
    source = f"{corpus_dir.resolve().name}/{name}"
    return Document(info=info, path=source, lines=tuple(lines), content_hash=content_hash)


def _text_lines(name: str, data: bytes) -> list[Line]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(name, f"is not UTF-8 text (bad byte at offset {err.start})") from err
    if "\x00" in text:
        raise DocumentError(name, "is not a text file (it contains NUL bytes)")
    return [Line(number=i, text=t) for i, t in enumerate(text.splitlines(), start=1)]


def _pdf_lines(name: str, path: Path, max_pages: int) -> tuple[list[Line], str | None]:
    """The PDF's text laid out in the export dialect (ingestion.pdf_layout), and its metadata title."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs what it tolerates or trips on ("EOF marker not found"); the reader gets one line
    # from us instead: the document skipped, and why.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    with path.open("rb") as handle:
        if b"%PDF-" not in handle.read(1024):
            raise DocumentError(name, "is not a PDF (it has no %PDF header: another kind of file, renamed?)")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise DocumentError(name, "is an encrypted PDF; save an unencrypted copy to ingest it")
        pages = reader.pages
        if len(pages) > max_pages:
            raise DocumentError(name, f"has {len(pages)} pages, more than the limit of {max_pages}")
        lines = pdf_dialect_lines([read_page(page, number) for number, page in enumerate(pages, start=1)])
        title = _pdf_title(reader)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError, OSError) as err:
        raise DocumentError(name, f"is not a readable PDF ({type(err).__name__}: {err})") from err
    if not any(line.text.strip() for line in lines):
        raise DocumentError(name, "is a PDF with no text layer (scanned?); it needs OCR first")
    return lines, title


def _pdf_title(reader) -> str | None:
    metadata = reader.metadata
    title = " ".join(str(metadata.title or "").split()) if metadata else ""
    return title[:120] or None


def _docx_lines(name: str, path: Path) -> list[Line]:
    _check_zip(name, path)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises many kinds for a broken package
        raise DocumentError(name, f"is not a readable DOCX ({type(err).__name__})") from err
    texts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            texts.extend(["", _docx_paragraph(block), ""])
        elif isinstance(block, Table):
            texts.extend(["", *(_docx_row(row) for row in block.rows), ""])
    return [Line(number=i, text=t) for i, t in enumerate(texts, start=1)]


def _docx_paragraph(paragraph) -> str:
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    match = re.match(r"Heading (\d)", style)
    if match and text:
        return "#" * int(match.group(1)) + " " + text
    if style.startswith("List") and text:
        return "- " + text
    return text


def _docx_row(row) -> str:
    """A table row as one tab-separated line; a cell merged across columns is written once."""
    seen: set[int] = set()
    cells = []
    for cell in row.cells:
        merged = id(cell._tc) in seen
        seen.add(id(cell._tc))
        cells.append("" if merged else " <br> ".join(p.text for p in cell.paragraphs if p.text.strip()))
    return "\t".join(cell.replace("\t", " ") for cell in cells)


def _check_zip(name: str, path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise DocumentError(name, "is not a readable DOCX (not a zip package)") from err
    if total > MAX_DOCX_UNZIPPED:
        raise DocumentError(name, "unpacks to more than 200 MB (a zip bomb?); not opened")


def _first_heading(lines: list[Line]) -> str | None:
    for line in lines:
        text = line.text.strip().lstrip("#").strip().strip("*").strip()
        if text:
            return text[:120]
    return None
