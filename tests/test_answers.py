"""The grounded answer a practitioner reads: its shape for a situation, a fact, a comparison and
what the guidance does not cover; urgent first; the asker's area's level names; earlier editions
said so; personal details flagged. On the real index, through the core Assistant."""

from __future__ import annotations

import re
import subprocess
import uuid

import pytest

from assistant import guidance
from assistant.citations import unit_quote
from assistant.compose import FACT_LINES, FACT_SHARE, compose
from assistant.compose import Request as ComposeRequest
from assistant.query import ASKS_LEVEL
from assistant.types import Hit
from ingestion.text import normalise, sentences
from tests.conftest import REPO_ROOT, THRESHOLD, threshold_env

SITUATION = "A 15-year-old keeps going missing and comes back with new phones: what level is that?"
LEVEL_2_SITUATION = "Parent is often critical of their 6 year old and lacks warmth. What level?"
QUESTIONS = [
    SITUATION,
    "Luton MASH phone number",
    "what is section 47?",
    "Pan Bedfordshire vs London: missing children level 3",
    "a child has been stabbed and is bleeding now",
    "What does Central Bedfordshire call Level 2?",
]


def markers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_marker_has_its_citation_and_every_citation_is_used(core, question):
    answer = core.ask(question)
    numbers = [c.n for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert markers(answer.answer) == set(numbers)
    assert all(c.quote in c.text for c in answer.citations)


def test_a_situation_gets_an_orientation_indicators_by_level_and_what_to_do(core):
    answer = core.ask(SITUATION, area="Central Bedfordshire")
    lines = answer.answer.split("\n")
    assert lines[0].startswith("What you describe matches Level ")
    assert "Pan Bedfordshire guidance" in lines[0] and markers(lines[0])
    cells = [c for c in answer.citations if c.kind in ("matrix_cell", "indicator")]
    assert cells and all(
        re.search(rf"- {c.level_label}( \(for comparison\))?:", answer.answer)
        for c in cells
        if f"[{c.n}] (" in answer.answer
    )
    labels = {c.level_label for c in cells if c.doc_id == "pan-bedfordshire"}
    assert labels <= {f"Level {n} — {name}" for n, name in enumerate(CENTRAL_BEDS, start=1)}
    step = next(line for line in lines if line.startswith("What to do at Level"))
    cited = answer.citations[max(markers(step)) - 1]
    assert cited.kind == "section" and "Central Bedfordshire" in " ".join(cited.path)
    assert lines[-1].startswith("This guidance supports your professional judgement")


REMINDER = re.compile(r"tick[- ]?box|not a checklist", re.IGNORECASE)


def test_a_level_2_match_quotes_the_reminder_and_what_several_level_2_indicators_may_mean(core):
    answer = core.ask(LEVEL_2_SITUATION, area="Central Bedfordshire")
    assert answer.citations[0].level == 2
    reminder = next(c for c in answer.citations if REMINDER.search(c.quote))
    line = next(line for line in answer.answer.split("\n") if line.startswith("The guidance reminds you: "))
    assert f"[{reminder.n}]" in line and re.search(r"several Level 2 indicators", line, re.IGNORECASE)


def test_a_higher_match_leaves_the_reminder_to_the_judgement_line(core):
    answer = core.ask(SITUATION, area="Central Bedfordshire")
    assert answer.citations[0].level > 2
    assert not any(REMINDER.search(c.quote) for c in answer.citations)
    assert answer.answer.split("\n")[-1].startswith("This guidance supports your professional judgement")


def test_a_needs_met_cell_beside_a_concern_in_its_row_is_shown_for_comparison_not_called_a_match(core):
    answer = core.ask(SITUATION)
    orientation, *lines = answer.answer.split("\n")
    level_1 = [c for c in answer.citations if c.kind == "matrix_cell" and c.level == 1]
    heading = [(c, line) for c in level_1 for line in lines if line.startswith("- ") and f"[{c.n}] (" in line]
    assert heading
    for citation, line in heading:
        assert any(c.level > 1 and c.doc_id == citation.doc_id and c.row == citation.row for c in answer.citations)
        assert line.startswith(f"- {citation.level_label} (for comparison): ")
    assert "matches Level 1" not in orientation
    assert re.search(r"shown for comparison (\[\d+\])+\.$", orientation)


def test_a_needs_met_cell_is_a_match_when_the_question_says_things_are_well(core):
    answer = core.ask("Child is healthy, up to date with immunisations, no concerns - what level?")
    orientation = answer.answer.split("\n")[0]
    assert "Level 1" in orientation and "for comparison" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        SITUATION,
        "Baby is feeding well, gaining weight, mum attends all her appointments. Level?",
        "Dad has depression but takes his meds, sees his GP and the kids are fine - level?",
        "Y9 has been sharing nudes of his girlfriend round the year group - what level",
    ],
)
def test_the_orientation_and_the_indicators_lead_with_the_best_match(core, question):
    answer = core.ask(question)
    orientation, *lines = answer.answer.split("\n")
    best = next(
        c
        for c in answer.citations
        if c.kind in ("matrix_cell", "indicator") and f'(for comparison): "{c.quote}" [{c.n}]' not in answer.answer
    )
    assert orientation.startswith(f"What you describe matches {best.level_label} indicators")
    bullets = [line for line in lines if line.startswith("- ")]
    assert f"({core.engine.document(best.doc_id).short_title}" in bullets[0]


CENTRAL_BEDS = ["Universal Services", "Targeted Support", "Complex Needs", "Child Protection"]


@pytest.mark.parametrize(
    "question",
    [
        SITUATION,
        "Dad hit his 9yo and left bruises on her arm. What level?",
        "Using Luton's indicators: Y5 boy anxious since his parents split. Which level?",
    ],
)
def test_a_situation_shows_answer_k_distinct_indicators_with_the_same_wording_elsewhere_beside_them(core, question):
    answer = core.ask(question)
    bullets = [line for line in answer.answer.split("\n") if line.startswith("- ")]
    assert len(bullets) == core.settings.answer_k
    quoted = [
        c.quote for c in answer.citations if c.kind in ("matrix_cell", "indicator") and f"[{c.n}] (" in answer.answer
    ]
    assert len(quoted) == len(set(quoted)) == len(bullets)


@pytest.mark.parametrize(
    "question",
    [
        "A 15-year-old keeps going missing and comes back with new phones",
        "6-week-old baby, bruise on his cheek, parents can't say how it happened",
    ],
)
def test_a_vignette_not_asking_for_a_level_is_still_answered_as_a_situation(core, question):
    assert core.ask(question).answer.startswith("What you describe matches Level ")


def test_a_question_whose_best_match_is_a_passage_is_answered_from_the_passages(core):
    question = "family keep cancelling and only engage enough for us to close the case - pattern of closure?"
    assert core.search(question, 1).results[0].kind == "section"
    answer = core.ask(question)
    assert not answer.answer.startswith("What you describe")
    assert "pattern of closure" in answer.citations[0].quote


def test_asking_about_one_document_cites_nothing_from_another(core):
    question = "developmental milestones are not being met which will require support of targeted/specialist services"
    answer = core.ask(question, doc_id="bedford-borough-2015")
    assert {c.doc_id for c in answer.citations} == {"bedford-borough-2015"}


def test_luton_2022_levels_are_named_as_that_strategy_names_them(core):
    answer = core.ask(
        "child is not attending school and the family needs a lot of support - what level?", doc_id="luton-2022"
    )
    labels = {c.level_label for c in answer.citations if c.level_label}
    assert labels and labels <= {
        "Level 1 — Universal",
        "Level 2 — Additional",
        "Level 3 — Intensive",
        "Level 4 — Specialist",
    }


def test_a_fact_question_gets_the_key_sentences_and_no_padding(core):
    answer = core.ask("Luton MASH phone number")
    assert answer.answerable
    assert "01582 547653" in answer.citations[0].quote
    assert not answer.answer.startswith("What you describe")
    assert "professional judgement" not in answer.answer
    assert len(answer.citations) <= 3


@pytest.mark.parametrize("question", ["TAF meaning", "What is an EHA?", "court welfare checklist", "signs of neglect"])
def test_a_fact_shows_later_passages_only_while_the_search_rates_them_near_the_first(core, question):
    found = core.search(question, 10).results
    hits = [Hit(core.engine.unit(r.id), r.score, 0.0, 0.0) for r in found]
    composed = compose(core.engine, ComposeRequest(question, hits, [], True, None))
    cited = {c.id for c in composed.citations}
    near = [r.id for r in found if r.score >= FACT_SHARE * found[0].score]
    assert found[0].id in cited
    assert cited <= set(near)
    assert len(cited) == min(len({unit_quote(core.engine.unit(i), question) for i in near}), FACT_LINES)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("15yo keeps going missing - what level is that?", True),
        ("Domestic abuse level 1?", True),
        ("That's level 1 isn't it?", True),
        ("is this a level 3 or a 4?", True),
        ("any concerns level-wise?", True),
        ("does she meet the threshold for a referral", True),
        ("where does this sit in the matrix?", True),
        ("would this be level 3 or 4", True),
        ("could it be a tier 2", True),
        ("what happens at level 3 in Luton", False),
        ("examples of level 2 early help services", False),
        ("Central Bedfordshire's description of level 2", False),
    ],
)
def test_asking_for_a_level_is_told_apart_from_naming_one(question, asks):
    assert bool(ASKS_LEVEL.search(question)) is asks


def test_what_happens_at_a_named_level_is_answered_from_the_passages_not_as_a_situation(core):
    answer = core.ask("what happens at level 4 in Bedford Borough?")
    assert answer.answerable and not answer.answer.startswith("What you describe")
    assert all(c.kind == "section" for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    ["what is child sexual exploitation?", "who do I refer a child to in Luton?", "define neglect"],
)
def test_asking_what_something_is_or_who_to_turn_to_gets_a_fact_not_a_level(core, question):
    """Such questions find indicators that mention their subject, but ask for no level."""
    answer = core.ask(question)
    assert answer.answerable
    assert not answer.answer.startswith("What you describe matches")


def test_a_comparison_is_side_by_side_per_document_with_edition(core):
    answer = core.ask("Pan Bedfordshire vs London: missing children level 3")
    assert "Pan Bedfordshire guidance (current guidance)" in answer.answer
    assert "London continuum of need matrix (2022) (current guidance, 2022)" in answer.answer
    assert {c.doc_id for c in answer.citations} >= {"pan-bedfordshire", "london-2022"}


def test_a_comparison_naming_two_documents_cites_those_two_only(core):
    """Every pair of documents, named outright: no third document's passage is a side, though an
    area one of them covers (Bedford Borough, Luton) is covered by another as well."""
    infos = list(core.engine.documents.values())
    pairs = [(a, b) for i, a in enumerate(infos) for b in infos[i + 1 :]]
    assert len(pairs) >= 10
    for a, b in pairs:
        question = f"Compare neglect at level 3 in the {a.short_title} with the {b.short_title}"
        answer = core.ask(question)
        assert {c.doc_id for c in answer.citations} == {a.doc_id, b.doc_id}, question


def test_an_earlier_editions_indicator_says_so_and_shows_the_current_guidance(core):
    """Asked in the words of each Bedford 2015 cell that the current guidance does not repeat but
    has a closest indicator for: the answers say "earlier edition" and cite that current cell."""
    engine = core.engine
    current = [normalise(u.text) for u in engine.units if u.doc_id == "pan-bedfordshire"]
    earlier = [
        u
        for u in engine.units
        if u.doc_id == "bedford-borough-2015"
        and u.kind == "matrix_cell"
        and guidance.current_counterpart(engine, u) is not None
        and not any(normalise(u.text) in c or c in normalise(u.text) for c in current)
    ]
    shown = 0
    for unit in earlier:
        answer = core.ask(unit.text, area="Bedford Borough")
        line = next((ln for ln in answer.answer.split("\n") if "Closest in the current Pan Bedfordshire" in ln), None)
        if line is None:
            continue
        assert "earlier edition (" in line
        closest = line.split("Closest in the current Pan Bedfordshire", 1)[1]
        counterpart = answer.citations[int(re.search(r"\[(\d+)\]", closest).group(1)) - 1]
        assert counterpart.doc_id == "pan-bedfordshire" and counterpart.kind == "matrix_cell"
        shown += 1
    assert len(earlier) >= 40 and shown >= 0.8 * len(earlier)


def test_urgent_answers_begin_with_the_cited_999_instruction_and_the_areas_mash_contact(core):
    answer = core.ask("a child has been stabbed and is bleeding now", area="Luton")
    assert answer.urgent
    assert answer.answer.startswith("If a child is in immediate danger, call 999")
    assert "999" in answer.citations[0].quote
    contact = next(line for line in answer.answer.split("\n") if line.startswith("The MASH contact for Luton"))
    assert "01582 547653" in answer.citations[max(markers(contact)) - 1].quote


@pytest.mark.parametrize("area", [None, "Bedford Borough", "Luton"])
def test_an_emergencys_mash_contact_is_a_phone_number_the_guidance_gives_for_the_mash(core, area):
    """Bedford Borough's 2015 guidance names the MASH in the passage giving the Early Help
    Service's number: that number is not the MASH's. In an emergency one calls: the MASH's email
    inbox is given only with a Level 4 answer, after the indicators."""
    lines = core.ask("a child has been stabbed and is bleeding now", area=area).answer.split("\n")
    contacts = [line for line in lines if line.startswith("The MASH contact for")]
    first = [line for line in lines[1:3] if line.startswith("The MASH contact for")]
    assert [line.split(":")[0] for line in first] == (
        [] if area == "Bedford Borough" else ["The MASH contact for Luton"]
    )
    assert first and "01582 547653" in first[0] or area == "Bedford Borough"
    assert contacts and all("Early Help" not in line for line in contacts)


def test_the_mash_contact_is_the_mash_address_not_the_inbox_beside_it(core):
    unit, given = guidance.contact(core.engine, "Bedford Borough")
    assert given.lower().startswith("mash@") and given in unit.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the phone number for the Bedford Borough MASH?",
        "What are the safeguarding thresholds for a 78-year-old with dementia who is being financially abused?",
        "How much is the weekly allowance for a special guardian in Luton?",
        "What is the maximum dose of paracetamol for a 4 year old?",
        "At what age can you legally leave a child home alone overnight?",
        "How old must a child be before they can babysit a sibling?",
    ],
)
def test_what_the_guidance_does_not_give_is_said_plainly(core, question):
    answer = core.ask(question)
    assert not answer.answerable
    assert "does not appear to cover this question" in answer.answer


def test_an_amount_the_guidance_gives_is_answered_with_it(core):
    answer = core.ask("How many working days can a single assessment be extended to in Luton?")
    assert answer.answerable
    assert any("45 working days" in c.text for c in answer.citations)


def test_a_follow_up_asking_for_the_number_uses_the_turn_before(core):
    answer = core.ask("what about the phone number?", history=["How do I contact the Luton MASH?"])
    assert answer.answerable
    assert any("01582 547653" in c.quote for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "flagged"),
    [
        ("Jayden Okonkwo-Smith keeps going missing, what level?", True),
        ("child born 12/03/2015 keeps missing school", True),
        ("NHS number 943 476 5919, baby not gaining weight", True),
        ("family at 14 Park Road LU1 2AB, house is dirty", True),
        (SITUATION, False),
        ("What does Central Bedfordshire call Level 2?", False),
        ("Compare Luton's level 4 'Child Protection' with Luton's 2022 'Specialist' category.", False),
        ("Tell me about Amy Jones's school attendance", True),
    ],
)
def test_personal_details_get_a_reminder_to_deidentify(core, question, flagged):
    answer = core.ask(question)
    assert answer.personal_details is flagged
    assert ("without anything that identifies" in answer.answer) is flagged


def test_asking_writes_nothing_of_the_question_to_disk(built_index, tmp_path):
    marker = f"Zebediah{uuid.uuid4().hex[:8]}"
    home = tmp_path / "home"
    home.mkdir()
    before = {p: p.stat().st_mtime_ns for p in built_index.rglob("*")}
    result = subprocess.run(
        [str(THRESHOLD), "ask", f"{marker} keeps going missing", "--index", str(built_index), "--json"],
        cwd=REPO_ROOT,
        env=threshold_env(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache")),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert marker not in result.stderr
    assert {p: p.stat().st_mtime_ns for p in built_index.rglob("*")} == before
    for path in [p for p in home.rglob("*") if p.is_file()]:
        assert marker.encode() not in path.read_bytes(), f"{path} holds the question"


def test_a_configured_model_rephrases_and_one_that_strays_is_replaced_by_the_grounded_answer(core):
    from dataclasses import replace

    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    grounded = core.ask(SITUATION)
    faithful = " ".join(f'The guidance lists "{c.quote}" [{c.n}].' for c in grounded.citations)
    rephrased = replace(core, llm=FakeListChatModel(responses=[faithful])).ask(SITUATION)
    assert rephrased.answered_by.startswith("llm:") and rephrased.llm_rejected is None
    assert rephrased.citations == grounded.citations
    strayed = replace(core, llm=FakeListChatModel(responses=["Call 0800 000 0000 now [1]."])).ask(SITUATION)
    assert strayed.answered_by == "grounded" and strayed.llm_rejected
    assert strayed.answer == grounded.answer


LONDON_PAN = {"london-2022", "pan-bedfordshire"}


@pytest.mark.parametrize(
    ("question", "level", "documents"),
    [
        ("London vs Pan Bedfordshire: a child missing from home at level 2", 2, LONDON_PAN),
        ("How do the London and Pan Bedfordshire matrices word level 4 for domestic abuse?", 4, LONDON_PAN),
        ("Pan Bedfordshire vs London: self-harm at level 3", 3, LONDON_PAN),
        (
            "How does the Tiers 1-4 matrix describe level 2 substance misuse compared with Pan Bedfordshire?",
            2,
            {"tiers-1-4-matrix", "pan-bedfordshire"},
        ),
    ],
)
def test_a_comparison_naming_a_level_cites_each_documents_indicators_at_that_level(core, question, level, documents):
    answer = core.ask(question)
    at_level = {c.doc_id for c in answer.citations if c.kind == "matrix_cell" and c.level == level}
    assert at_level == documents


def test_no_quote_stops_at_an_abbreviation(core):
    """ "e.g." and "i.e." end no sentence: a quote cut there ("All the child's needs (e.g.") says
    nothing. On every unit of the real index that uses them."""
    using = [u for u in core.engine.units if re.search(r"\b(e\.g|i\.e)\.", u.text, re.IGNORECASE)]
    assert len(using) >= 20
    for unit in using:
        cut = [s for s in sentences(unit.text) if re.search(r"\b(e\.g|i\.e)\.$", s, re.IGNORECASE)]
        assert not cut, unit.id
        assert not re.search(r"\b(e\.g|i\.e)\.$", unit_quote(unit, "e.g."), re.IGNORECASE), unit.id
