"""The generic recipe, as a baseline measured in the same run: LangChain's
RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over the raw documents, the same
MiniLM embeddings, Chroma similarity search top-k."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from evals.metrics import Cited
from ingestion.embed import embed, embed_query
from ingestion.load import load_corpus


class MiniLMEmbeddings(Embeddings):
    """The project's embedder behind LangChain's Embeddings interface."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return embed(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return embed_query(text).tolist()


@dataclass
class Baseline:
    store: object
    folder: tempfile.TemporaryDirectory
    chunks: int

    def search(self, query: str, k: int = 10) -> list[Cited]:
        return [
            Cited(doc_id=d.metadata["doc_id"], text=d.page_content, id=f"chunk-{d.metadata['chunk']}")
            for d in self.store.similarity_search(query, k=k)
        ]

    def close(self) -> None:
        self.folder.cleanup()


def build_baseline(corpus_dir: Path) -> Baseline:
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    documents = []
    for doc in load_corpus(corpus_dir).documents:
        text = "\n".join(line.text for line in doc.lines)
        documents.extend(splitter.create_documents([text], metadatas=[{"doc_id": doc.doc_id}]))
    for i, document in enumerate(documents):
        document.metadata["chunk"] = i
    folder = tempfile.TemporaryDirectory(prefix="threshold-baseline-")
    store = Chroma.from_documents(
        documents, MiniLMEmbeddings(), collection_name="baseline", persist_directory=folder.name
    )
    return Baseline(store, folder, len(documents))
