"""Check question files against the corpus: `python -m evals.validate [FILE ...]`.

Quotes must be in the document's text (after the contract's normalisation); a quote given a level
must sit in a matrix cell or indicator of that level.
"""

from __future__ import annotations

import sys
from pathlib import Path

from evals.questions import QUESTIONS_DIR, corpus_texts, load_questions, problems
from ingestion.pipeline import corpus_units
from ingestion.text import normalise

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def level_problems(questions, units) -> list[str]:
    leveled = [u for u in units if u.kind in ("matrix_cell", "indicator")]
    found = []
    for q in questions:
        for e in q.expected:
            if e.level is None:
                continue
            holders = [u for u in leveled if u.doc_id == e.doc_id and normalise(e.quote) in normalise(u.text)]
            if not holders:
                found.append(f"{q.id}: quote with a level is in no matrix cell or indicator: {e.quote!r}")
            elif all(u.level != e.level for u in holders):
                found.append(f"{q.id}: quote is at level {sorted({u.level for u in holders})}, not {e.level}")
    return found


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(QUESTIONS_DIR.glob("*.jsonl"))
    questions = load_questions(files)
    texts = corpus_texts(CORPUS)
    issues = [f"{q.id}: {p}" for q in questions for p in problems(q, texts)]
    issues += level_problems(questions, corpus_units(CORPUS))
    ids = [q.id for q in questions]
    issues += [f"duplicate id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for issue in issues:
        print(issue)
    print(f"{len(questions)} questions, {len(issues)} problems")
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
