"""One settings object, read once from the environment (prefix THRESHOLD_) and passed down."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_corpus_dir() -> Path:
    """The bundled corpus: the repository's corpus/ (or the copy a wheel installs under share/)."""
    for candidate in (REPO_ROOT / "corpus", Path(sys.prefix) / "share" / "threshold" / "corpus"):
        if candidate.is_dir():
            return candidate
    return REPO_ROOT / "corpus"


def default_index_dir() -> Path:
    """A per-user data folder: $XDG_DATA_HOME/threshold/index (~/.local/share/threshold/index)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "threshold" / "index"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="THRESHOLD_", extra="ignore")

    index_dir: Path = Field(default_factory=default_index_dir)
    corpus_dir: Path = Field(default_factory=default_corpus_dir)
    max_question_chars: int = 2000
    max_history_turns: int = 10
    search_k: int = 10
    answer_k: int = 5
    rerank: bool = True
    """Give the fused shortlist a second look (assistant.rerank); off only to measure what it adds."""
    abstain_below: float = 0.36
    """Top dense similarity under which the guidance is taken not to cover a question."""
    abstain_below_about_a_child: float = 0.27
    """The same for a question about a child or family. A vignette told without the word "level"
    (which every matrix cell's embedded text holds) scores lower: 0.28-0.33 for eight written in
    session 16 ("Dad drinks most nights and the 8yo often puts himself to bed"), 0.325 at least for
    the dev split's vignettes with their "what level?" taken off; off-topic questions score under
    0.27 unless they speak of a child ("which GCSE subjects should my daughter pick", 0.30)."""
    chroma_url: str | None = None
    """A Chroma server (http://host:port) holding the index, for more than one process; none by default."""
    max_pdf_pages: int = 1000
    embed_precision: Literal["auto", "fp32", "bf16"] = "auto"
    """auto (bfloat16 where the CPU has it), fp32 or bf16."""

    api_token: SecretStr | None = None
    """When set, every /api request needs `Authorization: Bearer <token>`."""
    max_body_bytes: int = 65536
    rate_limit_per_minute: int = 240
    """Requests per minute each client may make to /api (0 turns the limit off)."""
    rate_limit_burst: int = 40
    server_threads: int = Field(16, ge=1)
    """Requests a server process works on at once; the rest wait their turn. Past about 16 more
    threads add no throughput (the work is CPU-bound), only memory that grows with how many were
    ever busy at once (measured under 50 clients: 8 threads 140 req/s, 16: 179, 32: 180, and
    anyio's default of 40 kept memory creeping up under 100 clients)."""
    cors_origins: list[str] = []
    """Origins allowed to call the API from a browser; none unless configured."""

    llm: str | None = None
    """The optional chat model that rephrases answers: "ollama:MODEL", "openai:MODEL" (with llm_base_url
    for any OpenAI-compatible server) or "llamacpp:/path/model.gguf"; none by default."""
    llm_base_url: str | None = None
    """The model server's URL (Ollama's or an OpenAI-compatible /v1 endpoint); the client's default if unset."""
    llm_api_key: SecretStr | None = None
    """The key for an openai: model's server (a local server without one needs none)."""
    llm_timeout_s: float = 30.0
    """Seconds to wait for the model before answering with the grounded answer."""
    llm_temperature: float = 0.0
    """How freely the model words its answer: 0.0, the default, keeps it as literal as it can be."""
