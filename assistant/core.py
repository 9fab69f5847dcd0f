"""The functions every front end calls: ask, search, units. Validation lives here, once."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, replace

from assistant.browse import DocumentSummary, Outline, UnitView, list_documents, outline, unit_view
from assistant.cells import with_rows_as_cells
from assistant.citations import make_citation
from assistant.compose import INDICATOR_KINDS, compose
from assistant.compose import Request as ComposeRequest
from assistant.config import Settings
from assistant.coverage import covered
from assistant.engine import Engine, open_engine
from assistant.guidance import named_area, named_areas
from assistant.llm import chat_model, maybe_rephrase
from assistant.privacy import has_personal_details
from assistant.query import (
    Understanding,
    about_level_itself,
    compared_documents,
    interleave,
    is_comparison,
    understand,
    without_document_names,
)
from assistant.quiz.build import make_quiz
from assistant.quiz.export import FORMATS, unfit
from assistant.quiz.model import Quiz, QuizRequest
from assistant.rerank import Form
from assistant.retrieve import search
from assistant.situation import leading_indicators
from assistant.types import Answer, Filters, Hit, SearchResponse, SearchResult
from assistant.urgent import examples as urgent_examples
from assistant.urgent import is_urgent
from ingestion.embed import embed_query
from ingestion.errors import BadInput
from ingestion.store import unit_to_json

ANSWER_KINDS = ("matrix_cell", "indicator", "section")
MAX_EMERGENCY = 2
PER_DOCUMENT = 2
"""For a comparison, the best units of each document it names come first, this many each."""


def _must(hit: Hit) -> str:
    """The words a quote must hold: an emergency instruction is quoted where it says 999."""
    return "999" if hit.why == "emergency" else ""


_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|</?[a-zA-Z][^<>]{0,300}>|<!--.*?-->", re.IGNORECASE | re.DOTALL)


def clean_question(text: object, settings: Settings, what: str = "question") -> str:
    """A usable question, or BadInput saying what is wrong with it."""
    if not isinstance(text, str):
        raise BadInput(f"the {what} must be text")
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" else ch for ch in text)
    text = " ".join(text.split())
    if not text:
        raise BadInput(f"the {what} is empty")
    if len(text) > settings.max_question_chars:
        raise BadInput(f"the {what} is {len(text)} characters long; the limit is {settings.max_question_chars}")
    return text


def words_of(question: str) -> str:
    """The question without HTML tags (and whole scripts and styles), as text pasted from a web
    page or a case system brings them: they are not what is asked and only dilute the search
    ("age < 5" is left alone). The answer still echoes the question as it was asked."""
    return " ".join(_MARKUP.sub(" ", question).split()) or question


_ASKING = re.compile(
    r"\b(what (should|do|can|must) (i|we) do( now| next| about (it|this|that))?|what now|what next"
    r"|what are (the|my) next steps|next steps|any (advice|ideas|thoughts|help)|advice (please|needed)"
    r"|please help|help please|thoughts)\W*$",
    re.IGNORECASE,
)
"""Closing words that ask for help and say nothing of the situation ("what should I do?", "any advice?"):
embedded with a two-line vignette they dilute it, and its similarity fell below the abstention floor
for 12 of the dev split's 72 vignettes given "What should I do?" in place of "what level?" (3 with
these words left out of the search)."""


def retrieval_query(question: str, history: list[str]) -> str:
    """What is searched for: the question less any words that only ask for help, with the turn
    before it for a follow-up's context."""
    described = _ASKING.sub(" ", question).strip().rstrip("-–,;: ")
    return " ".join([*history[-1:], described if len(described.split()) >= 3 else question])


@dataclass
class Assistant:
    settings: Settings
    engine: Engine
    llm: object | None = None
    """The optional chat model (THRESHOLD_LLM) that rephrases grounded answers, held to their citations."""

    @classmethod
    def open(cls, settings: Settings | None = None, progress=None) -> Assistant:
        """The index (built first when there is none) and the optional LLM; a bad LLM setting is
        refused here, before any question."""
        settings = settings or Settings()
        llm = chat_model(settings)
        return cls(settings, open_engine(settings, progress=progress), llm)

    def warm_up(self) -> None:
        """Load the embedding model, the typo mender's words (and, for a large index, its
        shortlist) now rather than on the first question."""
        embed_query("warm up")
        urgent_examples()
        _ = self.engine.speller
        _ = self.engine.shortlist

    def retrieve(self, query: str, filters: Filters, k: int, urgent: bool | None = None) -> list[Hit]:
        """The k best units for a question: understood (acronyms, named documents), searched, with
        the 999 instruction first when it signals immediate danger and, for a comparison, the best
        unit of each document it names near the top."""
        understood = understand(query, self.engine.documents)
        return self._retrieve(query, understood, embed_query(understood.query), filters, k, urgent)

    def _retrieve(
        self, query: str, understood: Understanding, vector, filters: Filters, k: int, urgent: bool | None
    ) -> list[Hit]:
        hits = search(
            self.engine,
            understood.query,
            filters,
            k,
            understood.docs,
            understood.levels,
            vector,
            rerank=self.settings.rerank,
            form=Form.of(query),
        )
        if len(understood.docs) > 1 and (len(understood.named) > 1 or is_comparison(query)) and not filters.doc_id:
            sides = compared_documents(understood)
            hits = interleave(
                self._per_document(query, understood, sides, filters), [h for h in hits if h.unit.doc_id in sides]
            )
        if is_urgent(query, self._own_vector(query, understood, vector)) if urgent is None else urgent:
            hits = self._emergency_first(hits)
        return hits[:k]

    @staticmethod
    def _own_vector(question: str, understood: Understanding, vector):
        """The question's own embedding, for reading it as an emergency (the searched query's
        added words, "physical chastisement implement", would blur it)."""
        return vector if understood.query == question else embed_query(question)

    def _per_document(self, query: str, understood, sides: frozenset[str], filters: Filters) -> list[list[Hit]]:
        """For a comparison: the best units of each document it names (of each area's own part,
        for a document covering several areas the question names), searched for what it asks
        about (the documents' names taken out). In the fused order: the rerank's weights were fit
        on whole searches, and on these two-per-document ones it cost compare answers (test 0.375
        -> 0.125)."""
        asked = without_document_names(query, self.engine.documents)
        topic = understand(asked, self.engine.documents)
        vector = embed_query(topic.query)
        cells = not about_level_itself(asked, topic.levels)
        return [
            search(
                self.engine,
                topic.query,
                scope,
                PER_DOCUMENT,
                frozenset(),
                topic.levels,
                vector,
                level_cells=cells,
                rerank=False,
            )
            for scope in self._scopes(query, sides, filters)
        ]

    def _scopes(self, query: str, docs: frozenset[str], filters: Filters) -> list[Filters]:
        areas = named_areas(self.engine, query)
        scopes = []
        for doc in sorted(docs):
            own = [a for a in areas if a in self.engine.document(doc).areas] if not filters.area else []
            if len(self.engine.document(doc).areas) > 1 and len(own) > 1:
                scopes += [replace(filters, doc_id=doc, area=area) for area in own]
            else:
                scopes.append(replace(filters, doc_id=doc))
        return scopes

    def _emergency_first(self, hits: list[Hit]) -> list[Hit]:
        top = max((h.score for h in hits), default=1.0)
        emergency = [Hit(u, top, 1.0, 0.0, "emergency") for u in self.engine.emergency_units[:MAX_EMERGENCY]]
        chosen = {h.unit.id for h in emergency}
        return emergency + [h for h in hits if h.unit.id not in chosen]

    def search(self, query: str, k: int | None = None, filters: Filters = Filters()) -> SearchResponse:
        asked = clean_question(query, self.settings, "query")
        query = self.engine.speller.correct(words_of(asked))
        k = self.settings.search_k if k is None else k
        if not 1 <= k <= 100:
            raise BadInput(f"k must be between 1 and 100, not {k}")
        self.engine.check(filters)
        hits = self.retrieve(query, filters, k)
        results = [
            make_citation(
                self.engine,
                hit.unit,
                i,
                query,
                filters.area,
                _must(hit),
                SearchResult,
                rank=i,
                score=round(hit.score, 6),
            )
            for i, hit in enumerate(hits, start=1)
        ]
        return SearchResponse(query=asked, results=results)

    def ask(
        self, question: str, history: list[str] | None = None, area: str | None = None, doc_id: str | None = None
    ) -> Answer:
        started = time.perf_counter()
        asked = clean_question(question, self.settings)
        mend = self.engine.speller.correct
        question = mend(words_of(asked))
        turns = [mend(words_of(clean_question(turn, self.settings, "history turn"))) for turn in (history or [])][
            -self.settings.max_history_turns :
        ]
        filters = Filters(doc_id=doc_id, area=area)
        self.engine.check(filters)
        context = retrieval_query(question, turns)
        understood = understand(context, self.engine.documents)
        vector = embed_query(understood.query)
        urgent = is_urgent(question, self._own_vector(question, understood, vector))
        candidates = self._retrieve(context, understood, vector, filters, self.settings.answer_k * 4, urgent)
        emergency = [h.unit for h in candidates if h.why == "emergency"]
        ranked = [h for h in candidates if h.unit not in emergency]
        hits = [h for h in ranked if h.unit.kind in ANSWER_KINDS]
        cells = with_rows_as_cells(self.engine, ranked, understood.query, vector, context)
        named = self.engine.canonical_area(area) if area else self._named_area(question, turns)
        floors = (self.settings.abstain_below_about_a_child, self.settings.abstain_below)
        answerable = covered(self.engine, question, hits, named, floors, context)
        retrieved = time.perf_counter()
        request = ComposeRequest(
            question,
            hits[: self.settings.answer_k],
            emergency,
            answerable,
            named,
            comparison=self._compares(question),
            personal_details=has_personal_details(question),
            doc_id=doc_id,
            indicators=leading_indicators([h for h in cells if h.unit.kind in INDICATOR_KINDS], self.settings.answer_k),
        )
        composition = compose(self.engine, request)
        done = time.perf_counter()
        grounded = Answer(
            question=asked,
            answer=composition.text,
            answerable=answerable,
            urgent=urgent,
            citations=composition.citations,
            personal_details=request.personal_details,
            timings_ms={
                "retrieve": round((retrieved - started) * 1000, 2),
                "compose": round((done - retrieved) * 1000, 2),
                "total": round((done - started) * 1000, 2),
            },
        )
        titles = {doc: info.short_title or info.title for doc, info in self.engine.documents.items()}
        return maybe_rephrase(self.llm, question, grounded, titles)

    def _named_area(self, question: str, turns: list[str]) -> str | None:
        """The area the question names, else the one the latest earlier turn named."""
        for text in [question, *reversed(turns)]:
            found = named_area(self.engine, text)
            if found:
                return found
        return None

    def _compares(self, question: str) -> bool:
        understood = understand(question, self.engine.documents)
        return len(understood.docs) > 1 and (len(understood.named) > 1 or is_comparison(question))

    def documents(self, area: str | None = None) -> list[DocumentSummary]:
        self.engine.check(Filters(area=area))
        return list_documents(self.engine, self._area(area))

    def outline(self, doc_id: str, area: str | None = None) -> Outline:
        self.engine.check(Filters(area=area))
        return outline(self.engine, doc_id, self._area(area))

    def unit(self, unit_id: str, area: str | None = None) -> UnitView:
        self.engine.check(Filters(area=area))
        return unit_view(self.engine, unit_id, area)

    def quiz(self, request: QuizRequest, fmt: str = "json") -> Quiz:
        """Quiz items drawn from the guidance the request's filters leave, chosen among those the
        format can hold (BadInput when none)."""
        if fmt not in FORMATS:
            raise BadInput(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
        quiz = make_quiz(self.engine, request, lambda item: unfit(item, fmt))
        if not quiz.items and quiz.left_out:
            reasons = "; ".join(sorted(quiz.left_out))
            raise BadInput(f"the {fmt} format cannot hold any of the items these filters give ({reasons})")
        if not quiz.items:
            raise BadInput("no quiz items match those filters; widen the document, domain, level or types")
        return quiz

    def _area(self, area: str | None) -> str | None:
        return self.engine.canonical_area(area) if area else None

    def units(self, doc_id: str | None = None, kind: str | None = None) -> list[dict]:
        self.engine.check(Filters(doc_id=doc_id, kind=kind))
        return [
            {k: v for k, v in unit_to_json(u).items() if k != "embed_text"}
            for u in self.engine.units
            if (doc_id is None or u.doc_id == doc_id) and (kind is None or u.kind == kind)
        ]
