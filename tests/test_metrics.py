"""The metrics module on hand-made rankings: the contract's hit rule, ranks, precision, levels."""

from evals.metrics import Cited, citation_precision, first_full_rank, level_correct, reciprocal_rank, row_of, says_all
from evals.questions import Expected, Question

A = Cited(
    "pan-bedfordshire", "Child persistently runs away and/or goes missing.", "pan/matrix/x/1/L3", "matrix_cell", 3
)
B = Cited(
    "london-2022", "Child comes homes on time and does not run away from home.", "lon/matrix/x/1/L1", "matrix_cell", 1
)
C = Cited("luton-2022", "Telephone: 01582 547653", "luton/section/mash/1", "section")


def question(*expected, match="any", doc_strict=False, kind="matrix_level"):
    return Question(id="q", question="?", kind=kind, expected=tuple(expected), match=match, doc_strict=doc_strict)


def test_hit_uses_the_normalised_quote_and_ignores_the_document_unless_strict():
    q = question(Expected("london-2022", "PERSISTENTLY runs away and/or  goes missing"))
    assert first_full_rank(q, [B, A], 10) == 2
    strict = question(Expected("london-2022", "persistently runs away"), doc_strict=True)
    assert first_full_rank(strict, [B, A], 10) is None


def test_match_all_needs_every_expected_item_and_ranks_at_the_last():
    q = question(Expected("pan-bedfordshire", "goes missing"), Expected("luton-2022", "01582 547653"), match="all")
    assert first_full_rank(q, [A, B, C], 10) == 3
    assert first_full_rank(q, [A, B], 10) is None
    assert reciprocal_rank(q, [C, A], 10) == 0.5


def test_precision_counts_cells_of_an_expected_row():
    q = question(Expected("pan-bedfordshire", "goes missing"))
    assert citation_precision(q, [A, B, C], {"lon/matrix/x/1"}) == 2 / 3
    assert row_of("lon/matrix/x/1/L1") == "lon/matrix/x/1"
    assert row_of("luton/section/mash/1") == "luton/section/mash/1"


def test_level_accuracy_reads_the_first_cited_cell():
    q = question(Expected("pan-bedfordshire", "goes missing", 3))
    assert level_correct(q, [C, A, B]) == 1.0
    assert level_correct(q, [B, A]) == 0.0
    assert level_correct(question(Expected("luton-2022", "01582"), kind="contact"), [C]) is None


def test_must_say_is_case_insensitive():
    q = Question(id="q", question="?", kind="urgent", must_say=("999",))
    assert says_all(q, "Call 999 now") == 1.0
    assert says_all(q, "call the police") == 0.0
