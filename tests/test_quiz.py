"""Quiz items are true by construction: every answer is re-checked here against the parsed matrix
(the parser run on the corpus again, not the index the quiz was built from), over many seeds,
difficulties and filters. An item must never have a wrong, ambiguous or uncited answer."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.quiz.model import ITEM_TYPES, QuizItem, QuizRequest
from ingestion.errors import BadInput
from ingestion.load import load_corpus
from ingestion.parse import parse_document
from ingestion.text import normalise

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
AREAS = ["Bedford Borough", "Central Bedfordshire", "Luton", "London"]


def plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", normalise(text)))


@dataclass
class Truth:
    """What the parser says, independently of the index: each document's indicators as
    (text, level, heading), its rows' four cells, its full text, and its level labels."""

    indicators: dict[str, list[tuple[str, int, str]]]
    rows: dict[str, list[tuple[str, ...]]]
    text: dict[str, str]
    info: dict

    def levels_of(self, doc: str, text: str) -> set[int]:
        return {level for cell, level, _ in self.indicators[doc] if plain(cell) == plain(text)}

    def headings_of(self, doc: str, text: str) -> set[str]:
        return {heading for cell, _, heading in self.indicators[doc] if plain(cell) == plain(text)}


@pytest.fixture(scope="module")
def truth() -> Truth:
    indicators, rows, text, info = {}, {}, {}, {}
    for document in load_corpus(CORPUS).documents:
        parsed = parse_document(document)
        doc = document.doc_id
        info[doc] = document.info
        indicators[doc] = [
            (cell, level, row.subdomain or row.domain)
            for row in parsed.rows
            for level, cell in enumerate(row.cells, start=1)
            if cell
        ] + [(i.text, i.level, i.domain) for i in parsed.indicators]
        rows[doc] = [row.cells for row in parsed.rows]
        text[doc] = plain("\n".join(line.text for line in document.lines))
    return Truth(indicators, rows, text, info)


def quoted_texts(text: str) -> list[str]:
    return re.findall(r'"([^"]+)"', text)


def check_which_level(item: QuizItem, truth: Truth, labels: list[str]) -> None:
    cited = item.citations[0]
    if item.options == labels:
        assert f'"{cited.text}"' in item.stem
        assert truth.levels_of(item.doc_id, cited.text) == {item.answer[0] + 1}, "one level in its document"
        return
    wanted = {plain(o) for o in item.options}
    row = next(r for r in truth.rows[item.doc_id] if wanted <= {plain(c) for c in r if c})
    level = [plain(c) for c in row].index(plain(item.options[item.answer[0]])) + 1
    assert labels[level - 1] in item.stem


def check_true_false(item: QuizItem, truth: Truth, labels: list[str]) -> None:
    cited = item.citations[0]
    claimed = next(lv for lv, label in enumerate(labels, start=1) if f"is a {label} " in item.stem)
    assert truth.levels_of(item.doc_id, cited.text) == {cited.level}
    assert item.answer == ([0] if claimed == cited.level else [1])


def check_which_domain(item: QuizItem, truth: Truth) -> None:
    cited = item.citations[0]
    assert truth.headings_of(item.doc_id, cited.text) == {item.options[item.answer[0]]}
    assert len(set(item.options)) == len(item.options)


def check_order(item: QuizItem, truth: Truth) -> None:
    in_order = [plain(item.options[i]) for i in item.answer]
    assert tuple(in_order) in {tuple(plain(c) for c in row) for row in truth.rows[item.doc_id]}
    assert sorted(item.answer) == [0, 1, 2, 3]


def check_scenario(item: QuizItem, truth: Truth) -> None:
    assert 2 <= len(item.citations) <= 3
    for cited in item.citations:
        assert plain(cited.text) in plain(item.stem)
        assert truth.levels_of(item.doc_id, cited.text) == {item.answer[0] + 1}


def check_level_name(item: QuizItem, truth: Truth) -> None:
    info = truth.info[item.doc_id]
    level = item.level
    heading = item.citations[0].path[-1]
    assert f"{info.level_word} {level}".lower() in heading.lower()
    right = item.options[item.answer[0]]
    assert right.lower() in heading.lower() or right == f"{info.level_word} {level}"
    assert len({o.lower() for o in item.options}) == len(item.options), "no option equal to the answer"


def check_section_fact(item: QuizItem, truth: Truth) -> None:
    cloze = quoted_texts(item.stem)[-1]
    filled = [plain(cloze.replace("_____", option)) for option in item.options]
    text = truth.text[item.doc_id]
    assert filled[item.answer[0]] in text
    for i, sentence in enumerate(filled):
        assert i == item.answer[0] or sentence not in text, f"distractor {item.options[i]!r} is also true"


def assert_item_true(item: QuizItem, truth: Truth, area: str | None) -> None:
    assert item.citations, f"{item.id} is uncited"
    assert min(item.answer) >= 0 and max(item.answer) < len(item.options)
    assert all(c.quote in c.text for c in item.citations)
    info = truth.info[item.doc_id]
    labels = [info.level_label(level, area) for level in (1, 2, 3, 4)]
    if item.type in ("which_level", "which_domain", "true_false", "scenario", "order_escalation"):
        for cited in item.citations:
            assert f'"{cited.text}"' in item.explanation, "the explanation quotes what it cites"
    check = {
        "which_level": lambda: check_which_level(item, truth, labels),
        "true_false": lambda: check_true_false(item, truth, labels),
        "which_domain": lambda: check_which_domain(item, truth),
        "order_escalation": lambda: check_order(item, truth),
        "scenario": lambda: check_scenario(item, truth),
        "level_name": lambda: check_level_name(item, truth),
        "section_fact": lambda: check_section_fact(item, truth),
    }
    check[item.type]()


def make_quiz_pools(core, request):
    import random

    from assistant.quiz.build import candidates

    return candidates(core.engine, request, random.Random(request.seed))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(0, 10_000),
    difficulty=st.sampled_from(["easy", "hard"]),
    area=st.sampled_from([None, *AREAS]),
    types=st.lists(st.sampled_from(ITEM_TYPES), min_size=1, max_size=3, unique=True),
)
def test_no_item_ever_has_a_wrong_ambiguous_or_uncited_answer(core, truth, seed, difficulty, area, types):
    request = QuizRequest(count=30, seed=seed, difficulty=difficulty, area=area, types=types)
    try:
        quiz = core.quiz(request)
    except BadInput as refused:
        assert "no quiz items" in str(refused)
        assert not any(make_quiz_pools(core, request).values())
        return
    assert len({item.stem for item in quiz.items}) == len(quiz.items), "no duplicate stems"
    for item in quiz.items:
        assert item.type in types
        assert_item_true(item, truth, area)


@pytest.mark.parametrize("kind", ITEM_TYPES)
@pytest.mark.parametrize("difficulty", ["easy", "hard"])
def test_every_type_gives_items_and_each_is_true(core, truth, kind, difficulty):
    quiz = core.quiz(QuizRequest(count=25, seed=11, types=[kind], difficulty=difficulty))
    assert quiz.items and all(item.type == kind for item in quiz.items)
    for item in quiz.items:
        assert_item_true(item, truth, None)


def test_the_same_seed_gives_the_same_quiz_and_another_seed_another(core):
    request = QuizRequest(count=20, seed=42)
    assert core.quiz(request) == core.quiz(request)
    assert core.quiz(request).items != core.quiz(QuizRequest(count=20, seed=43)).items


def test_levels_and_headings_are_balanced(core):
    quiz = core.quiz(QuizRequest(count=40, seed=3, types=["which_level"]))
    levels = Counter(item.level for item in quiz.items)
    assert set(levels) == {1, 2, 3, 4} and max(levels.values()) - min(levels.values()) <= 1
    headings = Counter((item.doc_id, item.domain) for item in quiz.items)
    assert max(headings.values()) <= 2


@pytest.mark.parametrize(
    ("filters", "holds"),
    [
        ({"doc_id": "london-2022"}, lambda item: item.doc_id == "london-2022"),
        ({"domain": "health"}, lambda item: "health" in (item.domain or "").lower()),
        ({"level": 3}, lambda item: item.level == 3),
        ({"area": "Luton"}, lambda item: item.doc_id in ("pan-bedfordshire", "luton-2022")),
    ],
    ids=["doc", "domain", "level", "area"],
)
def test_filters_narrow_the_items(core, filters, holds):
    quiz = core.quiz(QuizRequest(count=30, seed=5, **filters))
    assert quiz.items and all(holds(item) for item in quiz.items)


def test_central_bedfordshire_items_use_its_level_names(core):
    quiz = core.quiz(QuizRequest(count=30, seed=2, area="Central Bedfordshire", types=["which_level", "level_name"]))
    options = {option for item in quiz.items for option in item.options}
    assert "Level 2 — Targeted Support" in options or "Targeted Support" in options
    assert "Level 2 — Emerging Needs" not in options


def test_hard_true_false_claims_a_neighbouring_level_and_easy_a_far_one(core, truth):
    for difficulty, near in (("hard", True), ("easy", False)):
        quiz = core.quiz(QuizRequest(count=40, seed=9, types=["true_false"], difficulty=difficulty))
        for item in (i for i in quiz.items if i.answer == [1]):
            labels = [truth.info[item.doc_id].level_label(lv) for lv in (1, 2, 3, 4)]
            claimed = next(lv for lv, label in enumerate(labels, start=1) if f"is a {label} " in item.stem)
            assert (abs(claimed - item.citations[0].level) == 1) == near


def test_wording_at_another_level_in_another_document_makes_the_item_name_its_document(core, truth):
    named = 0
    for seed in range(3):
        for item in core.quiz(QuizRequest(count=200, seed=seed, types=["which_level", "true_false"])).items:
            cited = plain(item.citations[0].text)
            elsewhere = {
                level
                for doc in truth.indicators
                if doc != item.doc_id
                for text, level, _ in truth.indicators[doc]
                if cited == plain(text) or (" " in cited and f" {cited} " in f" {plain(text)} ")
            } - {item.citations[0].level}
            if elsewhere:
                assert truth.info[item.doc_id].short_title in item.stem
                named += 1
    assert named, "the corpus repeats wording across documents at other levels; some item should show it"


@pytest.mark.parametrize(
    ("request_fields", "message"),
    [
        ({"doc_id": "nope"}, "unknown doc id"),
        ({"area": "Mars"}, "unknown area"),
        ({"domain": "zzz"}, "no quiz items"),
        ({"doc_id": "luton-2022", "area": "London"}, "not guidance for London"),
    ],
)
def test_filters_that_match_nothing_are_refused_with_a_reason(core, request_fields, message):
    with pytest.raises(BadInput, match=message):
        core.quiz(QuizRequest(count=5, **request_fields))


@pytest.mark.parametrize(("seed", "difficulty"), [(0, "easy"), (1, "hard"), (2, "easy")])
def test_real_quizzes_round_trip_through_every_export_format(core, seed, difficulty):
    from tests.quiz_formats import check_round_trip

    check_round_trip(core.quiz(QuizRequest(count=40, seed=seed, difficulty=difficulty)))


@pytest.mark.parametrize("fmt", ["kahoot", "quizizz", "aiken"])
def test_a_quiz_for_a_format_with_limits_is_chosen_from_items_that_fit(core, fmt):
    from assistant.quiz.export import export, unfit

    quiz = core.quiz(QuizRequest(count=30, seed=4), fmt)
    assert len(quiz.items) == 30
    assert all(unfit(item, fmt) is None for item in quiz.items)
    assert export(quiz, fmt).skipped == ()
    if fmt == "kahoot":
        assert quiz.left_out, "the corpus has questions over Kahoot's limits; they are counted"


def test_a_format_that_cannot_hold_the_chosen_types_says_so(core):
    with pytest.raises(BadInput, match="aiken format cannot hold"):
        core.quiz(QuizRequest(count=3, types=["order_escalation"]), "aiken")
