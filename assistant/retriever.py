"""The hybrid search behind LangChain's retriever interface, for chains and optional LLMs.

Kept apart from assistant.retrieve so that answering a question does not import LangChain.
"""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever

from assistant.rerank import Form
from assistant.retrieve import search
from assistant.types import Filters


class ThresholdRetriever(BaseRetriever):
    """The same hybrid search behind LangChain's retriever interface (for chains and LLMs)."""

    engine: object
    filters: Filters = Filters()
    k: int = 5

    model_config = {"arbitrary_types_allowed": True}

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [
            LCDocument(
                page_content=hit.unit.text,
                metadata={"id": hit.unit.id, "doc_id": hit.unit.doc_id, "kind": hit.unit.kind, "score": hit.score},
            )
            for hit in search(self.engine, query, self.filters, self.k, form=Form.of(query))
        ]
