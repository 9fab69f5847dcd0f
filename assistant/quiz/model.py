"""The quiz's shapes: what is asked for, and the items (the contract's JSON, with a few more fields)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.types import Citation

ITEM_TYPES = (
    "which_level",
    "which_domain",
    "true_false",
    "order_escalation",
    "scenario",
    "level_name",
    "section_fact",
)
ItemType = Literal[
    "which_level", "which_domain", "true_false", "order_escalation", "scenario", "level_name", "section_fact"
]
Difficulty = Literal["easy", "hard"]


class QuizRequest(BaseModel):
    """What a trainer asks for. Filters narrow the guidance the items are drawn from."""

    model_config = ConfigDict(extra="forbid")

    count: int = Field(default=10, ge=1, le=200)
    seed: int = Field(default=7, ge=0, le=2**31 - 1)
    types: list[ItemType] = Field(default_factory=lambda: list(ITEM_TYPES))
    doc_id: str | None = None
    domain: str | None = Field(default=None, description="Only items from domains whose name contains this text.")
    level: int | None = Field(default=None, ge=1, le=4)
    area: str | None = Field(default=None, description="Use this area's documents and level names.")
    difficulty: Difficulty = "easy"


class QuizItem(BaseModel):
    """One question. `answer` holds 0-based indexes into `options`: one for single-choice types; for
    order_escalation, the options' indexes in order from Level 1 to Level 4."""

    id: str
    type: ItemType
    stem: str
    options: list[str]
    answer: list[int]
    explanation: str
    citations: list[Citation]
    doc_id: str
    domain: str | None = None
    level: int | None = None
    difficulty: Difficulty = "easy"


class Quiz(BaseModel):
    seed: int
    items: list[QuizItem]
    available: dict[str, int] = Field(default_factory=dict)
    """How many distinct items each type could have given under the request's filters."""
    left_out: dict[str, int] = Field(default_factory=dict)
    """Items the chosen format cannot hold, by reason (they were not chosen)."""
