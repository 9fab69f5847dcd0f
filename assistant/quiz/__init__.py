"""Quiz material for trainers, built from the parsed guidance: every answer true by construction,
cited, and exported to the formats training platforms import."""

from assistant.quiz.model import ITEM_TYPES, Quiz, QuizItem, QuizRequest

__all__ = ["ITEM_TYPES", "Quiz", "QuizItem", "QuizRequest"]
