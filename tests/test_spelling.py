"""The odd typo mended before searching (assistant/spelling.py), by the guidance's own words, on
the real index; real words, short words and a document's name are left as typed."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def speller(core):
    return core.engine.speller


@pytest.mark.parametrize(
    ("typed", "mended"),
    [
        ("bullyng", "bullying"),
        ("exlusions", "exclusions"),
        ("dissability", "disability"),
        ("Negelct", "Neglect"),
    ],
)
def test_a_letter_left_out_added_or_swapped_is_mended_to_the_guidance_word(speller, typed, mended):
    assert speller.correct(f"Y9 {typed}, what level?") == f"Y9 {mended}, what level?"


@pytest.mark.parametrize(
    "typed",
    [
        "she shamed the family",  # a real word a changed letter would make "shared"
        "the wording of level 2",  # likewise "working"
        "the Tiers 1-4 matrix",  # a document's name: "tier" is the same stem
        "mum has nits",  # too short to mend
        "whats a TAF",  # "what" is no search word
    ],
)
def test_real_words_short_words_and_same_stem_words_are_left_as_typed(speller, typed):
    assert speller.correct(typed) == typed


def test_a_typo_finds_what_the_word_spelled_right_finds(core):
    typed = core.search("learning dissability needing constant supervision", 5)
    spelled = core.search("learning disability needing constant supervision", 5)
    assert [r.id for r in typed.results] == [r.id for r in spelled.results]
    assert typed.query == "learning dissability needing constant supervision"


def test_the_answer_echoes_the_question_as_typed(core):
    question = "Y7 bullyng at school every day, what level?"
    answer = core.ask(question)
    assert answer.question == question
    assert any("bullying" in c.quote.lower() for c in answer.citations)
