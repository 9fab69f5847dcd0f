"""PDF ingestion: published-looking PDFs drawn from the corpus (tests/pdf_maker.py, two layouts) read
back with pypdf give the same matrix rows, words, heading paths and indicators as the text exports.

The PDFs are made once per session with fpdf2 from the real exports; everything else is real:
pypdf reading them, the parser, the CLI, the index and the HTTP API.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ingestion.errors import DocumentError
from ingestion.load import load_corpus, load_document
from ingestion.pdf_read import read_page
from ingestion.pdf_tables import find_tables
from ingestion.pipeline import document_units
from ingestion.text import normalise
from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env
from tests.export_walk import Table, export_events
from tests.pdf_compare import agreement
from tests.pdf_maker import LAYOUTS, make_corpus_pdfs

MATRIX_DOCS = ["pan-bedfordshire", "bedford-borough-2015", "london-2022", "tiers-1-4-matrix"]
TARGET = 0.98


@pytest.fixture(scope="session")
def exports():
    return {doc.doc_id: doc for doc in load_corpus(REPO_ROOT / "corpus").documents}


@pytest.fixture(scope="session")
def pdfs(exports, tmp_path_factory) -> dict[tuple[str, str], Path]:
    return make_corpus_pdfs(list(exports.values()), tmp_path_factory.mktemp("pdfs"))


@pytest.fixture(scope="session")
def read_pdf(exports, pdfs):
    """The PDF of (doc_id, layout) loaded with its document's manifest entry, once."""

    @cache
    def read(doc_id: str, layout: str):
        path = pdfs[(doc_id, layout)]
        return load_document(path, replace(exports[doc_id].info, file=path.name), path.parent)

    return read


def page_texts(path: Path) -> list[str]:
    """Each page's text as plain pypdf extracts it (no layout reading), normalised."""
    return [normalise(page.extract_text() or "") for page in PdfReader(path).pages]


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("doc_id", MATRIX_DOCS)
def test_the_pdf_gives_the_rows_words_and_heading_paths_of_the_text_export(exports, read_pdf, doc_id, layout):
    result = agreement(exports[doc_id], read_pdf(doc_id, layout), layout)
    assert result.rows_export > 50
    assert result.share >= TARGET, (
        f"{result.rows_equal}/{result.rows_export} rows equal; differ: {result.differing_rows}"
    )
    assert abs(result.rows_pdf - result.rows_export) <= (1 - TARGET) * result.rows_export
    assert not result.missing_words
    assert result.paths_equal


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_luton_indicator_lists_under_level_headings_come_back_from_the_pdf(exports, read_pdf, layout):
    result = agreement(exports["luton-2022"], read_pdf("luton-2022", layout), layout)
    assert result.indicators_export > 200
    assert result.indicators_equal == result.indicators_export
    assert not result.missing_words
    assert result.paths_equal


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_generated_pdfs_split_rows_across_pages_and_repeat_the_header(pdfs, layout):
    """The hard cases are really in the PDFs: rows left open at a page end, the header row drawn
    again at the top of the next page, a running footer and page numbers on every page."""
    path = pdfs[("london-2022", layout)]
    reader = PdfReader(path)
    open_rows = tops = 0
    for number, page in enumerate(reader.pages, start=1):
        content = read_page(page, number)
        tables, _ = find_tables(list(content.runs), list(content.rules), number)
        open_rows += sum(band.open_bottom for table in tables for band in table.bands)
        tops += bool(tables) and tables[0].bands[0].cells[0] == "Level 1"
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()
    assert open_rows >= 2
    assert tops >= 5


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_running_footers_headers_page_numbers_and_repeated_headers_are_dropped(exports, read_pdf, layout):
    document = read_pdf("london-2022", layout)
    texts = [line.text for line in document.lines]
    assert not [t for t in texts if "threshold test copy" in t or t.startswith("Page ")]
    tables = [e for e in export_events(exports["london-2022"]) if isinstance(e, Table) and e.header]
    assert len(tables) == 14
    assert texts.count("Level 1\tLevel 2\tLevel 3\tLevel 4") == len(tables)  # once per table, not per page
    headings = [t for t in texts if t.startswith("#")]
    assert headings[:2] == ["# Threshold - Continuum of need matrix", "## Introduction"]


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("doc_id", ["london-2022", "tiers-1-4-matrix"])
def test_every_unit_cites_the_page_its_text_starts_on(exports, pdfs, read_pdf, doc_id, layout):
    pages = page_texts(pdfs[(doc_id, layout)])
    units = document_units(read_pdf(doc_id, layout))
    assert {unit.source.page for unit in units} > {1, 2, 3}
    for unit in units:
        opening = " ".join(normalise(unit.text).split()[:3])
        assert opening in pages[unit.source.page - 1], (unit.id, unit.source.page, opening)
    assert {unit.source.page for unit in document_units(exports[doc_id])} == {None}


# a folder of PDFs with no manifest, through the real CLI ---------------------------------------
def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(THRESHOLD), *args], cwd=REPO_ROOT, env=threshold_env(), capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def pdf_index(pdfs, tmp_path_factory):
    """`threshold ingest` over a folder holding two generated PDFs (no manifest) and a bad one."""
    folder = tmp_path_factory.mktemp("pdf-corpus")
    shutil.copy(pdfs[("london-2022", "A")], folder / "London Threshold 2022.pdf")  # title in its metadata
    shutil.copy(pdfs[("pan-bedfordshire", "B")], folder / "pan-bedfordshire.pdf")  # no metadata title
    (folder / "broken.pdf").write_bytes(pdfs[("tiers-1-4-matrix", "A")].read_bytes()[:3000])
    index = tmp_path_factory.mktemp("pdf-index")
    result = run("ingest", "--corpus", str(folder), "--index", str(index), "--json")
    assert result.returncode == 0, result.stderr
    return folder, index, result


def test_ingesting_a_folder_of_pdfs_names_each_from_its_file_and_skips_the_bad_one(pdf_index):
    _, index, result = pdf_index
    assert "broken.pdf: is not a readable PDF" in result.stderr
    units = json.loads(run("units", "--index", str(index), "--json").stdout)
    assert {unit["doc_id"] for unit in units} == {"london-threshold-2022", "pan-bedfordshire"}
    assert sum(unit["kind"] == "matrix_row" for unit in units) == 62 + 64
    assert all(isinstance(unit["source"]["page"], int) for unit in units)


def test_search_and_ask_cite_the_pdf_page_the_quote_is_on(pdf_index):
    folder, index, _ = pdf_index
    found = json.loads(run("search", "going missing from home", "--index", str(index), "--json").stdout)
    answer = json.loads(run("ask", "A child keeps going missing: what level?", "--index", str(index), "--json").stdout)
    citations = found["results"] + answer["citations"]
    assert answer["citations"] and found["results"]
    files = {"london-threshold-2022": "London Threshold 2022.pdf", "pan-bedfordshire": "pan-bedfordshire.pdf"}
    for citation in citations:
        page = citation["source"]["page"]
        assert isinstance(page, int) and page >= 1, citation
        text = page_texts(folder / files[citation["doc_id"]])[page - 1]
        assert " ".join(normalise(citation["text"]).split()[:3]) in text, citation["id"]


@pytest.fixture(scope="module")
def client(pdf_index):
    from fastapi.testclient import TestClient

    from assistant.config import Settings
    from assistant.core import Assistant
    from assistant.server import create_app

    settings = Settings(index_dir=pdf_index[1])
    return TestClient(create_app(settings, Assistant.open(settings)))


def test_a_pdf_with_no_manifest_entry_is_titled_from_its_metadata_or_else_its_first_heading(client):
    titles = {doc["doc_id"]: doc["title"] for doc in client.get("/api/documents").json()}
    assert titles == {
        "london-threshold-2022": "Threshold — Continuum of need matrix",  # layout A sets /Title
        "pan-bedfordshire": "Pan Bedfordshire",  # layout B does not: its first heading
    }


def test_the_api_gives_a_pdf_unit_with_its_page(pdf_index, client):
    folder = pdf_index[0]
    unit_id = "london-threshold-2022/matrix/health/2/L4"
    body = client.get(f"/api/units/{unit_id}").json()
    page = body["source"]["page"]
    assert body["source"]["file"].endswith("London Threshold 2022.pdf")
    text = page_texts(folder / "London Threshold 2022.pdf")[page - 1]
    assert "carers' level of anxiety regarding their child's health" in text
    assert "carers' level of anxiety regarding their child's health" not in "".join(
        page_texts(folder / "London Threshold 2022.pdf")[: page - 1]
    )


# bad PDFs next to good ones --------------------------------------------------------------------
def test_bad_pdfs_made_from_a_good_one_are_skipped_with_their_reasons_and_the_rest_loads(pdfs, tmp_path):
    good = pdfs[("london-2022", "B")]
    shutil.copy(good, tmp_path / "good.pdf")
    (tmp_path / "truncated.pdf").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(good.read_bytes())))
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(tmp_path / "encrypted.pdf")
    loaded = load_corpus(tmp_path, max_pdf_pages=len(PdfReader(good).pages))
    assert [doc.doc_id for doc in loaded.documents] == ["good"]
    reasons = {error.file: str(error) for error in loaded.skipped}
    assert "not a readable PDF" in reasons["truncated.pdf"] or "no text layer" in reasons["truncated.pdf"]
    assert "encrypted" in reasons["encrypted.pdf"]
    with pytest.raises(DocumentError, match="more than the limit of 5"):
        load_document(tmp_path / "good.pdf", None, tmp_path, max_pdf_pages=5)


def test_the_web_source_panel_shows_the_page_of_a_pdf_citation(pdf_index, tmp_path):
    from playwright.sync_api import sync_playwright

    from tests.conftest import start_server, stop_server
    from tests.test_web_browser import ARGS, CHROMIUM, TIMEOUT_MS

    server = start_server(pdf_index[1], tmp_path / "serve.log")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto(f"{server.url}/#/")
            page.wait_for_selector("body.ready")
            page.fill("#question", "A child keeps going missing: what level?")
            with page.expect_response(lambda r: r.url.endswith("/api/ask")) as response:
                page.click("[data-testid=ask-button]")
            citation = response.value.json()["citations"][0]
            page.locator(f"[data-testid=citation-chip][data-unit-id='{citation['id']}']").first.click()
            panel = page.locator(f"[data-testid=source-panel][data-unit-id='{citation['id']}']")
            panel.wait_for(state="visible")
            shown = panel.get_by_test_id("source-file").inner_text()
            browser.close()
    finally:
        stop_server(server)
    assert shown.endswith(f"page {citation['source']['page']}"), shown
