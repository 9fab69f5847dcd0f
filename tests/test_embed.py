"""The embedder gives sentence-transformers' vectors for all-MiniLM-L6-v2, from the packaged model."""

import numpy as np

from ingestion.embed import DIMENSIONS, embed, model_path, set_precision


def test_vectors_match_sentence_transformers():
    from sentence_transformers import SentenceTransformer

    texts = [
        "teenager keeps going missing overnight",
        "Luton MASH phone number",
        "Child persistently runs away and/or goes missing. " * 40,  # longer than the 256-token limit
        "",
    ]
    reference = SentenceTransformer(model_path(), device="cpu").encode(texts, normalize_embeddings=True)
    set_precision("fp32")
    try:
        exact = embed(texts)
    finally:
        set_precision("auto")
    assert exact.shape == (len(texts), DIMENSIONS)
    assert np.abs(exact - reference).max() < 1e-4
    fast = embed(texts)  # bfloat16 where the CPU has it
    assert (fast * reference).sum(axis=1).min() > 0.9995


def test_batching_does_not_change_a_vector():
    texts = ["short", "a somewhat longer sentence about neglect and missing immunisations", "mid length text"]
    together = embed(texts, batch_size=2)
    alone = np.stack([embed([t])[0] for t in texts])
    assert np.abs(together - alone).max() < 1e-5
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_queries_asked_at_once_from_many_threads_each_get_their_own_vector(monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from ingestion import embed as embedder

    questions = [f"question {i}: a child of {i} keeps missing school and going missing at night" for i in range(40)]
    alone = embed(questions, batch_size=1)
    batches = []
    encode = embedder._encode
    monkeypatch.setattr(embedder, "_encode", lambda texts: batches.append(len(texts)) or encode(texts))
    with ThreadPoolExecutor(max_workers=16) as pool:
        together = np.stack(list(pool.map(embedder.embed_query, questions)))
    assert (together * alone).sum(axis=1).min() > 0.9995
    assert sum(batches) == len(questions)
    assert max(batches) > 1, "concurrent queries should have been embedded together"
    assert max(batches) <= embedder.MAX_QUERY_BATCH
