"""A child's stated age against the age bounds the matrix cells set (assistant/ages.py), on the real
index's cells and through the real answers."""

from __future__ import annotations

import pytest

from assistant.ages import Ages


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Year 8 girl, she's 12, just told me she's pregnant", 12, 12),
        ("15yo asking for the pill", 15, 15),
        ("a 14-year-old boy", 14, 14),
        ("16 years old and pregnant", 16, 16),
        ("child aged 9 with bruises", 9, 9),
        ("Y7 boy hanging round with older kids", 11, 12),
        ("6 week old baby, bruise on cheek", 0, 0),
    ],
)
def test_a_stated_age_or_school_year_is_read(text, low, high):
    assert Ages.of(text) == Ages(low, high)


@pytest.mark.parametrize(
    "text",
    [
        "she is 30 weeks pregnant",
        "mum and dad keep arguing",
        "level 3 in tier 2",
        "dad has been drinking for 2 years",
        "she left care 3 years ago",
    ],
)
def test_no_age_is_read_where_none_is_stated(text):
    assert Ages.of(text) is None


@pytest.fixture(scope="module")
def bounded_cells(core):
    """The real cells that set an age bound, by the bound they set."""
    cells = [u for u in core.engine.units if u.kind == "matrix_cell"]
    return {
        "under 13": next(u.text for u in cells if "Pregnancy in a child under 13" in u.text),
        "over 13 and under 16": next(u.text for u in cells if "over 13 years old" in u.text and "under 16" in u.text),
    }


@pytest.mark.parametrize(
    ("age", "bound", "fit"),
    [(12, "under 13", 1), (13, "under 13", -1), (16, "under 13", -1), (15, "over 13 and under 16", 1)]
    + [(12, "over 13 and under 16", -1), (16, "over 13 and under 16", -1)],
)
def test_a_cell_fits_the_ages_that_meet_every_bound_it_sets(bounded_cells, age, bound, fit):
    assert Ages(age, age).fit(bounded_cells[bound]) == fit


def test_a_school_year_meets_a_bound_one_of_its_ages_meets(bounded_cells):
    assert Ages.of("Year 8 pupil").fit(bounded_cells["under 13"]) == 1


def _first_cell(answer):
    return next(c for c in answer.citations if c.kind == "matrix_cell")


def test_a_pregnant_12_year_old_leads_with_the_under_13_cell_quoting_its_bound(core):
    first = _first_cell(core.ask("My 12 year old pupil has told me she is pregnant. What level?"))
    assert first.level == 4 and "under 13" in first.quote


def test_a_pregnant_15_year_old_is_not_led_by_the_under_13_cell(core):
    first = _first_cell(core.ask("A 15-year-old has told me she is pregnant. What level?"))
    assert "under 13" not in first.text
