"""PDF ingestion figures: the corpus drawn as PDFs in both layouts (tests/pdf_maker.py), read back
with pypdf, and compared with the text exports.

Prints the agreement table (document, layout, pages, rows in the export, rows equal, share, words
missing, heading paths equal, indicators equal) and the PDF ingest time per page: layout reading
alone (pypdf positions and rules -> dialect lines) and with parsing and units.

    .venv/bin/python benchmarks/pdf.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingestion.load import load_corpus, load_document  # noqa: E402
from ingestion.pipeline import document_units  # noqa: E402
from tests.pdf_compare import agreement  # noqa: E402
from tests.pdf_maker import make_corpus_pdfs  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per PDF (the best is kept)")
    args = parser.parse_args()
    exports = {doc.doc_id: doc for doc in load_corpus(REPO / "corpus").documents}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        pdfs = make_corpus_pdfs(list(exports.values()), Path(tmp))
        print(f"made {len(pdfs)} PDFs in {time.perf_counter() - started:.1f} s\n")
        header = f"{'document':22} {'layout':6} {'pages':>5} {'rows':>5} {'equal':>5} {'share':>7} "
        print(
            header
            + f"{'missing words':>13} {'paths equal':>11} {'indicators':>11} {'read ms/p':>9} {'+parse ms/p':>11}"
        )
        total_pages = total_read = total_parse = 0.0
        for (doc_id, layout), path in sorted(pdfs.items()):
            info = replace(exports[doc_id].info, file=path.name)
            read, parse, document = _timed(path, info, args.repeat)
            result = agreement(exports[doc_id], document, layout)
            indicators = f"{result.indicators_equal}/{result.indicators_export}" if result.indicators_export else "-"
            share = f"{result.share:.1%}" if result.rows_export else "-"
            print(
                f"{doc_id:22} {layout:6} {result.pages:>5} {result.rows_export:>5} {result.rows_equal:>5} "
                f"{share:>7} {len(result.missing_words):>13} {str(result.paths_equal):>11} {indicators:>11} "
                f"{1000 * read / result.pages:>9.1f} {1000 * parse / result.pages:>11.1f}"
            )
            total_pages += result.pages
            total_read += read
            total_parse += parse
        print(
            f"\nall: {int(total_pages)} pages, {1000 * total_read / total_pages:.1f} ms/page reading the layout, "
            f"{1000 * total_parse / total_pages:.1f} ms/page with parsing and units"
        )


def _timed(path: Path, info, repeat: int):
    """Best of `repeat`: seconds to load (pypdf + layout), seconds to load, parse and make units."""
    read = parse = float("inf")
    document = None
    for _ in range(repeat):
        started = time.perf_counter()
        document = load_document(path, info, path.parent)
        middle = time.perf_counter()
        document_units(document)
        ended = time.perf_counter()
        read, parse = min(read, middle - started), min(parse, ended - started)
    return read, parse, document


if __name__ == "__main__":
    main()
