"""A document covering several areas (Pan Bedfordshire) has a part of its own for each council: the
area filter keeps out the other councils' parts, and a comparison of two of its areas shows each
area's part."""

import pytest

from assistant.guidance import named_areas
from assistant.query import about_level_itself
from assistant.types import Filters

PAN_BEDS = "pan-bedfordshire"
AREAS = ["Bedford Borough", "Central Bedfordshire", "Luton"]


def test_each_council_part_of_the_pan_bedfordshire_guidance_is_found(core):
    engine = core.engine
    parts = {engine.part_of(u) for u in engine.units if u.doc_id == PAN_BEDS}
    assert set(AREAS) <= parts
    assert all(engine.part_of(u) is None for u in engine.units if u.doc_id == PAN_BEDS and u.kind == "matrix_cell")
    assert all(engine.part_of(u) is None for u in engine.units if u.doc_id != PAN_BEDS)


@pytest.mark.parametrize("area", AREAS)
def test_the_area_filter_keeps_out_the_other_councils_parts(core, area):
    results = core.search("what does level 3 mean and who supports the family", 30, Filters(area=area)).results
    parts = {core.engine.part_of(core.engine.unit(r.id)) for r in results}
    assert parts <= {None, area}
    assert area in parts


def test_a_comparison_of_two_councils_in_one_document_shows_each_councils_part(core):
    answer = core.ask("How does Luton describe level 3 compared with Central Beds?")
    parts = {core.engine.part_of(core.engine.unit(c.id)) for c in answer.citations if c.doc_id == PAN_BEDS}
    assert {"Luton", "Central Bedfordshire"} <= parts
    assert "Pan Bedfordshire guidance, Luton" in answer.answer


def test_areas_are_named_in_the_order_asked_and_by_their_short_names(core):
    assert named_areas(core.engine, "Central Beds or Luton?") == ["Central Bedfordshire", "Luton"]
    assert named_areas(core.engine, "Luton, then Bedford Borough") == ["Luton", "Bedford Borough"]
    assert named_areas(core.engine, "two beds in one room") == []


@pytest.mark.parametrize(
    ("topic", "itself"),
    [
        ("What does call level 2, and how does that differ from 's level 2?", True),
        ("How does describe level 3 compared with ?", True),
        ("Is a young carer at level 3 described the same way in the and the ?", False),
        ("What is level 4 for a child who goes missing?", False),
        ("What does the guidance say about neglect?", False),
    ],
)
def test_a_question_about_a_level_itself_is_told_from_one_about_indicators_at_it(topic, itself):
    from assistant.query import named_levels

    assert about_level_itself(topic, named_levels(topic, {})) is itself
