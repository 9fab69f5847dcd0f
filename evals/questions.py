"""Eval questions: loading, and checking them against the corpus text (not the parser's output).

JSONL, one question per line (../shared/CONTRACT.md):
{"id", "question", "kind", "area", "doc_strict", "expected": [{"doc_id", "quote", "level"}],
 "match": "any"|"all", "must_say": [...], "answerable": bool, "history": [...], "split": "dev"|"test"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ingestion.text import normalise

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
KINDS = (
    "matrix_level",
    "section",
    "compare",
    "contact",
    "definition",
    "process",
    "unanswerable",
    "urgent",
    "followup",
)


@dataclass(frozen=True)
class Expected:
    doc_id: str
    quote: str
    level: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    kind: str
    expected: tuple[Expected, ...] = ()
    area: str | None = None
    doc_strict: bool = False
    match: str = "any"
    must_say: tuple[str, ...] = ()
    answerable: bool = True
    history: tuple[str, ...] = ()
    split: str = "dev"


def parse_question(data: dict) -> Question:
    return Question(
        id=str(data["id"]),
        question=data["question"],
        kind=data["kind"],
        expected=tuple(Expected(e["doc_id"], e["quote"], e.get("level")) for e in data.get("expected") or []),
        area=data.get("area"),
        doc_strict=bool(data.get("doc_strict", False)),
        match=data.get("match", "any"),
        must_say=tuple(data.get("must_say") or []),
        answerable=bool(data.get("answerable", True)),
        history=tuple(data.get("history") or []),
        split=data.get("split", "dev"),
    )


def load_questions(paths: list[Path] | None = None, split: str | None = None) -> list[Question]:
    files = paths or sorted(QUESTIONS_DIR.glob("*.jsonl"))
    questions = []
    for path in files:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    questions.append(parse_question(json.loads(line)))
                except (KeyError, TypeError, json.JSONDecodeError) as err:
                    raise ValueError(f"{path}:{number}: not a valid question ({err})") from err
    return [q for q in questions if split in (None, "all") or q.split == split]


def corpus_texts(corpus_dir: Path) -> dict[str, str]:
    """Each document's whole text, normalised, keyed by doc_id (from the manifest)."""
    from ingestion.load import load_corpus

    loaded = load_corpus(corpus_dir)
    return {doc.doc_id: normalise("\n".join(line.text for line in doc.lines)) for doc in loaded.documents}


def problems(question: Question, texts: dict[str, str]) -> list[str]:
    """What is wrong with a question, judged against the documents' own text."""
    found = []
    if question.kind not in KINDS:
        found.append(f"unknown kind {question.kind!r}")
    if question.match not in ("any", "all"):
        found.append(f"match must be any or all, not {question.match!r}")
    if question.answerable and question.kind != "unanswerable" and not question.expected:
        found.append("an answerable question needs expected citations")
    if question.kind == "unanswerable" and question.answerable:
        found.append("an unanswerable question must have answerable false")
    if question.kind == "urgent" and "999" not in question.must_say:
        found.append('an urgent question must_say ["999"]')
    if question.kind == "followup" and not question.history:
        found.append("a follow-up needs history")
    for e in question.expected:
        if e.doc_id not in texts:
            found.append(f"unknown doc_id {e.doc_id!r}")
        elif not e.quote.strip() or normalise(e.quote) not in texts[e.doc_id]:
            found.append(f"quote not in {e.doc_id}: {e.quote!r}")
        if e.level is not None and e.level not in (1, 2, 3, 4):
            found.append(f"level must be 1-4: {e.level!r}")
    return found
