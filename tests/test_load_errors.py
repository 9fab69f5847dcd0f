"""Loaders and bad files: one unreadable file is skipped with its reason; the rest of the corpus loads.

Every file here is real: a text export copied from the corpus, PDFs made with fpdf2 and pypdf, DOCX
files made with python-docx, random bytes, a symlink. No mocks.
"""

import io
import os
import shutil
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from ingestion.errors import CorpusError, DocumentError
from ingestion.load import load_corpus, load_document
from ingestion.pipeline import document_units

REAL_CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOOD = "london-2022.txt"


def pdf_bytes(*pages: list[str]) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


TEXT_PDF = pdf_bytes(
    ["Neglect guidance", "A child who is often hungry at school may need early help."], ["Make a referral."]
)


def write_encrypted_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(TEXT_PDF)))
    writer.encrypt("secret", algorithm="RC4-128")
    with path.open("wb") as out:
        writer.write(out)


def write_blank_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with path.open("wb") as out:
        writer.write(out)


def write_matrix_docx(path: Path, merged_domain_row: bool = False) -> None:
    """A heading, a paragraph, and a 4-column table: a domain line, 'Level 1..Level 4', two rows."""
    document = docx.Document()
    document.add_heading("Local Threshold Guide", level=1)
    document.add_paragraph("Use this guide when you are worried about a child.")
    if not merged_domain_row:
        document.add_heading("Health", level=2)
    table = document.add_table(rows=4 if merged_domain_row else 3, cols=4)
    rows = list(table.rows)
    if merged_domain_row:  # how Word matrices carry the domain: one cell merged across the four levels
        rows[0].cells[0].merge(rows[0].cells[3]).text = "HEALTH"
        rows = rows[1:]
    for level, cell in enumerate(rows[0].cells, start=1):
        cell.text = f"Level {level}"
    for level, cell in enumerate(rows[1].cells, start=1):
        cell.text = f"Attends health checks, indicator {level}."
    for level, cell in enumerate(rows[2].cells, start=1):
        cell.text = f"Has a healthy diet, indicator {level}."
    document.save(str(path))


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A corpus folder with the real manifest and one good real document."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(REAL_CORPUS / "manifest.toml", folder)
    shutil.copy(REAL_CORPUS / GOOD, folder)
    return folder


def outside_link(folder: Path) -> Path:
    target = folder.parent / "elsewhere.txt"
    target.write_text("# Private notes\n\nNot part of the corpus.\n")
    link = folder / "linked.txt"
    link.symlink_to(target)
    return link


BAD_FILES = [
    ("notes.xyz", lambda p: p.write_text("# Notes\n\nSome text."), ["unknown file type", ".xyz"]),
    ("empty.txt", lambda p: p.write_bytes(b""), ["empty"]),
    ("blank.txt", lambda p: p.write_text(" \n\t\n   \n"), ["empty"]),
    ("latin1.txt", lambda p: p.write_bytes("Caf\u00e9 guidance\n".encode("latin-1")), ["not UTF-8"]),
    ("nul.txt", lambda p: p.write_bytes(b"# Guide\n\nText\x00with a NUL byte.\n"), ["NUL"]),
    ("random.pdf", lambda p: p.write_bytes(os.urandom(4096)), ["not a PDF", "%PDF header"]),
    ("truncated.pdf", lambda p: p.write_bytes(TEXT_PDF[:200]), ["not a readable PDF"]),
    ("encrypted.pdf", write_encrypted_pdf, ["encrypted"]),
    ("scanned.pdf", write_blank_pdf, ["no text layer"]),
    ("random.docx", lambda p: p.write_bytes(os.urandom(4096)), ["not a readable DOCX"]),
]


@pytest.mark.parametrize(("name", "make", "words"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_is_skipped_with_its_name_and_reason_and_the_good_document_still_loads(corpus, name, make, words):
    make(corpus / name)
    loaded = load_corpus(corpus)
    assert [doc.doc_id for doc in loaded.documents] == ["london-2022"]
    assert len(loaded.skipped) == 1, [str(e) for e in loaded.skipped]
    error = loaded.skipped[0]
    assert isinstance(error, DocumentError) and error.file == name
    message = str(error)
    assert message.startswith(f"{name}: ") and "\n" not in message
    for word in words:
        assert word.lower() in message.lower(), message


def test_a_symlink_to_a_file_outside_the_corpus_is_skipped(corpus):
    outside_link(corpus)
    loaded = load_corpus(corpus)
    assert [doc.doc_id for doc in loaded.documents] == ["london-2022"]
    assert [str(e) for e in loaded.skipped] == ["linked.txt: is a link to a file outside the corpus folder"]


def test_all_bad_files_together_are_each_skipped_once(corpus):
    for name, make, _ in BAD_FILES:
        make(corpus / name)
    outside_link(corpus)
    loaded = load_corpus(corpus)
    assert [doc.doc_id for doc in loaded.documents] == ["london-2022"]
    assert sorted(e.file for e in loaded.skipped) == sorted([name for name, _, _ in BAD_FILES] + ["linked.txt"])


def test_load_document_raises_document_error_for_a_bad_file(corpus):
    (corpus / "empty.txt").write_bytes(b"")
    with pytest.raises(DocumentError, match=r"^empty\.txt: is empty$"):
        load_document(corpus / "empty.txt", None, corpus)


def test_a_pdf_with_text_loads_with_page_numbers_on_its_lines(corpus):
    (corpus / "neglect.pdf").write_bytes(TEXT_PDF)
    loaded = load_corpus(corpus)
    assert not loaded.skipped
    doc = next(d for d in loaded.documents if d.doc_id == "neglect")
    assert doc.info.title == "Neglect guidance"
    pages = {line.text.strip(): line.page for line in doc.lines if line.text.strip()}
    assert pages["Neglect guidance"] == 1
    assert pages["A child who is often hungry at school may need early help."] == 1
    assert pages["Make a referral."] == 2
    assert all(line.page in (1, 2) for line in doc.lines)
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    texts = [u.text for u in document_units(doc)]
    assert any("often hungry at school" in text for text in texts)


def test_a_docx_matrix_loads_and_its_table_rows_become_matrix_rows(corpus):
    write_matrix_docx(corpus / "local-guide.docx")
    loaded = load_corpus(corpus)
    assert not loaded.skipped
    doc = next(d for d in loaded.documents if d.doc_id == "local-guide")
    assert doc.info.title == "Local Threshold Guide"
    units = document_units(doc)
    rows = [u for u in units if u.kind == "matrix_row"]
    assert [u.cells for u in rows] == [
        tuple(f"Attends health checks, indicator {level}." for level in range(1, 5)),
        tuple(f"Has a healthy diet, indicator {level}." for level in range(1, 5)),
    ]
    assert {u.domain for u in rows} == {"Health"}
    cells = {(u.row, u.level): u.text for u in units if u.kind == "matrix_cell"}
    assert cells[(2, 3)] == "Has a healthy diet, indicator 3."
    sections = [u.text for u in units if u.kind == "section"]
    assert any("Use this guide when you are worried about a child." in text for text in sections)


def test_a_docx_domain_row_merged_across_the_levels_names_the_matrix_domain_once(corpus):
    write_matrix_docx(corpus / "merged.docx", merged_domain_row=True)
    doc = next(d for d in load_corpus(corpus).documents if d.doc_id == "merged")
    units = document_units(doc)
    assert {u.domain for u in units if u.kind == "matrix_row"} == {"Health"}
    assert not any("HEALTH" in u.text for u in units), "the merged domain cell leaked into a unit's text"


def test_a_file_with_no_manifest_entry_gets_its_id_from_the_file_name_and_title_from_its_first_heading(corpus):
    (corpus / "Local Threshold Guide 2024.txt").write_text(
        "\n\n# Local guidance on thresholds\n\n## Introduction\n\nThis guidance helps practitioners.\n"
    )
    loaded = load_corpus(corpus)
    doc = next(d for d in loaded.documents if d.path.endswith("Local Threshold Guide 2024.txt"))
    assert doc.doc_id == "local-threshold-guide-2024"
    assert doc.info.title == "Local guidance on thresholds"
    listed = next(d for d in loaded.documents if d.doc_id == "london-2022")
    assert listed.info.title == "Threshold — Continuum of need matrix"  # from the manifest


def test_a_manifest_that_is_not_valid_toml_is_a_corpus_error(corpus):
    (corpus / "manifest.toml").write_text('[[documents]\ndoc_id = "london-2022"\nfile = ')
    with pytest.raises(CorpusError, match="not valid TOML"):
        load_corpus(corpus)


def test_a_doc_id_used_twice_in_the_manifest_is_a_corpus_error(corpus):
    shutil.copy(REAL_CORPUS / "luton-2022.txt", corpus)
    (corpus / "manifest.toml").write_text(
        '[[documents]]\ndoc_id = "same"\nfile = "london-2022.txt"\n\n'
        '[[documents]]\ndoc_id = "same"\nfile = "luton-2022.txt"\n'
    )
    with pytest.raises(CorpusError, match=r"doc_id 'same' appears twice"):
        load_corpus(corpus)


def test_a_missing_corpus_folder_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        load_corpus(tmp_path / "no-such-folder")


def test_a_file_instead_of_a_corpus_folder_is_a_corpus_error(tmp_path):
    (tmp_path / "corpus.txt").write_text("not a folder")
    with pytest.raises(CorpusError):
        load_corpus(tmp_path / "corpus.txt")


def test_unlisted_files_with_the_same_name_get_distinct_ids(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_text("# Report one\n\nSome guidance text.\n", encoding="utf-8")
    (corpus / "report.md").write_text("# Report two\n\nOther guidance text.\n", encoding="utf-8")
    loaded = load_corpus(corpus)
    assert sorted(d.doc_id for d in loaded.documents) == ["report", "report-txt"]
    assert not loaded.skipped
