"""POST /api/quiz through FastAPI's TestClient: the contract's JSON, the same quiz for the same seed,
the filters, every download format (media type, file name, content), and every bad input a 4xx JSON
with a one-sentence `detail`, never a 500."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from assistant.quiz.model import ITEM_TYPES
from tests.test_api import CITATION_KEYS, assert_citation, assert_error

ITEM_KEYS = {"id", "type", "stem", "options", "answer", "explanation", "citations"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# format -> (media type prefix, file name suffix)
DOWNLOADS = {
    "gift": ("text/plain", ".gift.txt"),
    "aiken": ("text/plain", ".aiken.txt"),
    "moodle-xml": ("application/xml", ".moodle.xml"),
    "csv": ("text/csv", ".csv"),
    "md": ("text/markdown", ".md"),
    "html": ("text/html", ".html"),
    "kahoot": (XLSX, ".kahoot.xlsx"),
    "quizizz": (XLSX, ".quizizz.xlsx"),
}
BASE = {"count": 8, "seed": 3}


@pytest.fixture
def client(make_client):
    return make_client()


def quiz(client, **body) -> dict:
    response = client.post("/api/quiz", json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def filename(response) -> str:
    header = response.headers["content-disposition"]
    match = re.fullmatch(r'attachment; filename="([^"/\\]+)"', header)
    assert match, header
    return match.group(1)


# --- the contract's JSON ---------------------------------------------------------------------------


def test_quiz_returns_the_contract_json(client):
    data = quiz(client, count=12, seed=3)
    assert data.keys() >= {"seed", "items", "available"}
    assert data["seed"] == 3
    assert len(data["items"]) == 12
    assert len({item["id"] for item in data["items"]}) == 12
    for item in data["items"]:
        assert item.keys() >= ITEM_KEYS, ITEM_KEYS - item.keys()
        assert item["type"] in ITEM_TYPES
        assert item["stem"].strip() and item["explanation"].strip()
        assert len(item["options"]) >= 2 and all(o.strip() for o in item["options"])
        assert item["answer"] and all(0 <= i < len(item["options"]) for i in item["answer"])
        if item["type"] == "order_escalation":
            assert sorted(item["answer"]) == list(range(len(item["options"]))) == [0, 1, 2, 3]
        else:
            assert len(item["answer"]) == 1
        assert item["citations"], item["id"]
        assert [c["n"] for c in item["citations"]] == list(range(1, len(item["citations"]) + 1))
        for citation in item["citations"]:
            assert set(citation) >= CITATION_KEYS
            assert_citation(citation)
    assert set(data["available"]) <= set(ITEM_TYPES)
    assert all(isinstance(n, int) and n >= 0 for n in data["available"].values())
    assert {item["type"] for item in data["items"]} <= {t for t, n in data["available"].items() if n}


def test_defaults_give_ten_items_with_seed_7(client):
    data = quiz(client)
    assert data["seed"] == 7 and len(data["items"]) == 10


def test_the_same_seed_gives_the_same_quiz_and_another_seed_another(client):
    first = client.post("/api/quiz", json=BASE)
    again = client.post("/api/quiz", json=BASE)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    other = quiz(client, **{**BASE, "seed": 4})
    assert other["items"] != first.json()["items"]


def test_types_filter(client):
    data = quiz(client, count=10, seed=1, types=["true_false", "order_escalation"])
    assert data["items"] and {item["type"] for item in data["items"]} <= {"true_false", "order_escalation"}
    assert set(data["available"]) == {"true_false", "order_escalation"}
    for item in data["items"]:
        if item["type"] == "true_false":
            assert item["options"] == ["True", "False"]


@pytest.mark.parametrize(
    ("body", "holds"),
    [
        (
            {"doc_id": "london-2022"},
            lambda i: i["doc_id"] == "london-2022" and {c["doc_id"] for c in i["citations"]} == {"london-2022"},
        ),
        ({"domain": "health"}, lambda i: "health" in (i["domain"] or "").lower()),
        ({"level": 3}, lambda i: i["level"] == 3),
        ({"area": "Luton"}, lambda i: i["doc_id"] in ("pan-bedfordshire", "luton-2022")),
        ({"difficulty": "hard"}, lambda i: i["difficulty"] == "hard"),
    ],
    ids=["doc", "domain", "level", "area", "difficulty"],
)
def test_filters_are_respected(client, body, holds):
    data = quiz(client, count=20, seed=5, **body)
    assert data["items"]
    bad = [item["id"] for item in data["items"] if not holds(item)]
    assert not bad, bad


def test_area_names_the_levels_as_that_area_does(client):
    data = quiz(client, count=20, seed=2, area="Central Bedfordshire", types=["which_level"])
    labels = {c["level_label"] for item in data["items"] for c in item["citations"] if c["level_label"]}
    assert any("Targeted Support" in label for label in labels), labels


# --- downloads ---------------------------------------------------------------------------------------


def test_json_format_equals_the_default_response(client):
    default = client.post("/api/quiz", json=BASE)
    explicit = client.post("/api/quiz", json={**BASE, "format": "json"})
    assert default.status_code == explicit.status_code == 200
    assert explicit.headers["content-type"].startswith("application/json")
    assert explicit.content == default.content
    assert json.loads(explicit.content)["seed"] == 3
    assert default.headers["x-quiz-left-out"] == "0"


@pytest.mark.parametrize("fmt", list(DOWNLOADS))
def test_each_format_is_a_file_to_download(client, fmt):
    media_type, suffix = DOWNLOADS[fmt]
    response = client.post("/api/quiz", json={**BASE, "format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media_type)
    assert filename(response) == f"threshold-quiz-seed3{suffix}"
    assert response.content
    assert int(response.headers["x-quiz-left-out"]) >= 0
    if suffix.endswith(".xlsx"):
        assert response.content[:4] == b"PK\x03\x04"
        assert load_workbook(io.BytesIO(response.content)).worksheets
    else:
        response.content.decode("utf-8")


def test_downloads_say_what_they_hold(client):
    body = {**BASE, "types": ["which_level", "true_false", "order_escalation"]}
    stems = [item["stem"] for item in quiz(client, **body)["items"]]
    gift = client.post("/api/quiz", json={**body, "format": "gift"}).text
    assert gift.count("::q") >= 1 and "{" in gift
    rows = list(csv.reader(io.StringIO(client.post("/api/quiz", json={**body, "format": "csv"}).text)))
    assert len(rows) == len(stems) + 1
    root = ET.fromstring(client.post("/api/quiz", json={**body, "format": "moodle-xml"}).content)
    assert root.tag == "quiz" and root.findall("question")
    page = client.post("/api/quiz", json={**body, "format": "html"}).text
    assert "<script" not in page.lower()
    handout = client.post("/api/quiz", json={**body, "format": "md"}).text
    assert handout.strip()


def test_every_item_asked_for_is_in_the_file_or_counted_as_left_out(client):
    """Aiken holds no ordering question: each of the items asked for is either a question in the file or
    counted in X-Quiz-Left-Out (whether the server leaves such items out or draws others in their place)."""
    body = {"count": 6, "seed": 1, "types": ["which_level", "order_escalation"]}
    response = client.post("/api/quiz", json={**body, "format": "aiken"})
    assert response.status_code == 200, response.text
    questions = response.text.count("\nANSWER: ")
    assert questions >= 1
    assert questions + int(response.headers["x-quiz-left-out"]) == 6
    kept = client.post("/api/quiz", json={**body, "format": "moodle-xml"})
    assert kept.headers["x-quiz-left-out"] == "0"
    assert len(ET.fromstring(kept.content).findall("question[@type]")) >= 6


# --- bad input -------------------------------------------------------------------------------------

BAD = [
    ({"count": 0}, 422, "count"),
    ({"count": 500}, 422, "count"),
    ({"count": -1}, 422, "count"),
    ({"count": "ten"}, 422, "count"),
    ({"count": 2.5}, 422, "count"),
    ({"types": ["essay"]}, 422, "types"),
    ({"types": "which_level"}, 422, "types"),
    ({"format": "pdf"}, 400, "unknown format"),
    ({"format": 3}, 422, "format"),
    ({"doc_id": "nope"}, 400, "unknown doc id"),
    ({"area": "Mars"}, 400, "unknown area"),
    ({"domain": "zzzz-no-such-domain"}, 400, "no quiz items"),
    ({"colour": "blue"}, 422, "colour"),
    ({"level": 9}, 422, "level"),
    ({"level": 0}, 422, "level"),
    ({"level": "three"}, 422, "level"),
    ({"difficulty": "medium"}, 422, "difficulty"),
    ({"seed": -1}, 422, "seed"),
    ({"seed": "abc"}, 422, "seed"),
    ({"doc_id": 5}, 422, "doc_id"),
]


@pytest.mark.parametrize(("body", "status", "says"), BAD, ids=[json.dumps(b) for b, _, _ in BAD])
def test_bad_input_is_a_4xx_json_with_one_sentence(client, body, status, says):
    detail = assert_error(client.post("/api/quiz", json={"count": 3, **body}), status)
    assert says in detail.lower(), detail


@pytest.mark.parametrize("content", [b"[1, 2]", b'"quiz"', b"{not json"], ids=["array", "string", "broken"])
def test_a_body_that_is_not_an_object_is_refused(client, content):
    response = client.post("/api/quiz", content=content, headers={"Content-Type": "application/json"})
    assert_error(response, 400 if content == b"{not json" else 422)


def test_get_is_not_allowed(client):
    assert_error(client.get("/api/quiz"), 405)
