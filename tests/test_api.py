"""The HTTP API of ../shared/CONTRACT.md through FastAPI's TestClient: every endpoint, every error a
user can cause (a 4xx JSON with a one-sentence `detail`, never a 500), and the guards (token, rate
limit, body limit, security headers, CORS)."""

from __future__ import annotations

import re

import pytest

from assistant.server.security import RateLimiter, TooManyRequests
from ingestion.types import KINDS

DOC_IDS = ["pan-bedfordshire", "london-2022", "luton-2022", "bedford-borough-2015", "tiers-1-4-matrix"]
MATRIX_DOCS = ["pan-bedfordshire", "london-2022", "bedford-borough-2015", "tiers-1-4-matrix"]
CELL_ID = "pan-bedfordshire/matrix/extra-familial-harm/missing/1/L3"
ROW_ID = "pan-bedfordshire/matrix/extra-familial-harm/missing/1"
ANSWER_KEYS = {"question", "answer", "answerable", "urgent", "citations", "timings_ms"}
CITATION_KEYS = {
    "n",
    "id",
    "doc_id",
    "doc_title",
    "doc_date",
    "kind",
    "path",
    "domain",
    "subdomain",
    "row",
    "level",
    "level_label",
    "text",
    "quote",
    "source",
}
QUESTIONS = [
    "15 year old keeps going missing and comes back with new phones",
    "what is a section 47 enquiry",
    "Luton MASH phone number",
    "toddler with unexplained bruises",
    "parent drinking heavily and the children are not fed",
]
CONTRACT_PATHS = ["/api/ask", "/api/search", "/api/units/{unit_id}", "/api/documents", "/api/quiz"]


@pytest.fixture
def client(make_client):
    return make_client()


def ask(client, question: str, **body):
    response = client.post("/api/ask", json={"question": question, **body})
    assert response.status_code == 200, response.text
    return response.json()


def search(client, **params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response, status: int) -> str:
    """A JSON error with this status and a one-sentence string detail; returns the detail."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"detail"}, body
    detail = body["detail"]
    assert isinstance(detail, str) and detail.strip(), body
    assert "\n" not in detail and "Traceback" not in detail
    assert ". " not in detail.rstrip("."), f"more than one sentence: {detail!r}"
    return detail


def assert_citation(citation: dict) -> None:
    assert set(citation) >= CITATION_KEYS, CITATION_KEYS - set(citation)
    assert citation["kind"] in KINDS
    assert citation["doc_id"] in DOC_IDS
    assert citation["text"].strip()
    assert citation["quote"] in citation["text"], "the quote is not a substring of the text"
    assert isinstance(citation["path"], list)
    assert set(citation["source"]) >= {"file", "line_start", "line_end", "page"}
    assert citation["source"]["file"].startswith("corpus/")
    assert 1 <= citation["source"]["line_start"] <= citation["source"]["line_end"]
    if citation["kind"] == "section":
        assert citation["level"] is None and citation["level_label"] is None
    if citation["kind"] in ("matrix_cell", "indicator"):
        assert citation["level"] in (1, 2, 3, 4)
        assert citation["level_label"].startswith(("Level ", "Tier ")), citation["level_label"]
    if citation["kind"] in ("matrix_cell", "matrix_row"):
        assert isinstance(citation["row"], int) and citation["row"] >= 1


# --- POST /api/ask ---------------------------------------------------------------------------


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_answers_in_the_contract_shape(client, question):
    answer = ask(client, question)
    assert set(answer) >= ANSWER_KEYS
    assert answer["question"] == question
    assert isinstance(answer["answer"], str) and answer["answer"].strip()
    assert isinstance(answer["answerable"], bool) and isinstance(answer["urgent"], bool)
    assert isinstance(answer["citations"], list) and answer["citations"]
    assert {"retrieve", "compose", "total"} <= set(answer["timings_ms"])
    assert all(isinstance(v, int | float) and v >= 0 for v in answer["timings_ms"].values())


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_every_marker_in_the_answer_has_its_citation(client, question):
    answer = ask(client, question)
    numbers = [c["n"] for c in answer["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers, "the answer carries no [n] marker"
    assert markers <= set(numbers), f"markers {markers - set(numbers)} have no citation"


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_citations_carry_the_contract_fields(client, question):
    for citation in ask(client, question)["citations"]:
        assert_citation(citation)


@pytest.mark.parametrize(
    ("area", "label"),
    [
        (None, "Level 2 — Emerging Needs"),
        ("Central Bedfordshire", "Level 2 — Targeted Support"),
        ("central bedfordshire", "Level 2 — Targeted Support"),
        ("Luton", "Level 2 — Emerging Needs"),
    ],
)
def test_ask_area_names_the_levels_as_that_area_does(client, area, label):
    answer = ask(client, "child has run away from home once or twice", area=area, doc_id="pan-bedfordshire")
    level_two = [c for c in answer["citations"] if c["doc_id"] == "pan-bedfordshire" and c["level"] == 2]
    assert level_two, [c["id"] for c in answer["citations"]]
    assert {c["level_label"] for c in level_two} == {label}


def test_search_area_names_the_levels_as_that_area_does(client):
    found = search(client, q="missing", doc_id="pan-bedfordshire", level=2, area="Central Bedfordshire", k=5)
    assert found["results"]
    assert {r["level_label"] for r in found["results"]} == {"Level 2 — Targeted Support"}


def test_ask_uses_the_history_for_a_follow_up(client):
    answer = ask(client, "and what would make it level 4?", history=["teenager keeps going missing from home"])
    assert answer["question"] == "and what would make it level 4?"
    assert any("missing" in c["text"].lower() for c in answer["citations"]), [c["id"] for c in answer["citations"]]


@pytest.mark.parametrize(
    "question",
    [
        "a child has been stabbed and is bleeding now",
        "the baby is not breathing",
        "her dad is hitting her right now",
    ],
)
def test_ask_urgent_question_leads_with_999(client, question):
    answer = ask(client, question)
    assert answer["urgent"] is True
    first_sentence = answer["answer"].split(". ")[0]
    assert "999" in first_sentence, answer["answer"][:300]
    assert "[1]" in answer["answer"].split("\n")[0]
    assert "999" in answer["citations"][0]["quote"]


def test_ask_harm_in_the_past_is_not_urgent(client):
    answer = ask(client, "child was hit by a parent last year, what level is that?")
    assert answer["urgent"] is False
    assert not answer["answer"].startswith("If a child is in immediate danger")


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_ask_doc_id_keeps_citations_in_that_document(client, doc_id):
    answer = ask(client, "child going missing from home", doc_id=doc_id)
    assert answer["citations"]
    assert {c["doc_id"] for c in answer["citations"]} == {doc_id}


def test_ask_returns_markup_in_the_question_unchanged(client):
    question = "is <script>alert(1)</script> a worry when a child goes missing?"
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["question"] == question


def test_ask_drops_a_lone_surrogate_rather_than_failing(client):
    response = client.post(
        "/api/ask", content=b'{"question": "missing \\ud800 child"}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["question"] == "missing child"


# --- GET /api/search -------------------------------------------------------------------------


def test_search_returns_ranked_citations(client):
    found = search(client, q="teenager going missing")
    assert found["query"] == "teenager going missing"
    assert [r["rank"] for r in found["results"]] == list(range(1, len(found["results"]) + 1))
    for result in found["results"]:
        assert isinstance(result["score"], float)
        assert_citation(result)


@pytest.mark.parametrize("k", [1, 3, 25, 100])
def test_search_returns_k_results(client, k):
    assert len(search(client, q="neglect", k=k)["results"]) == k


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_search_doc_id_filter(client, doc_id):
    found = search(client, q="school attendance", doc_id=doc_id, k=20)
    assert found["results"]
    assert {r["doc_id"] for r in found["results"]} == {doc_id}


@pytest.mark.parametrize(
    ("area", "docs"),
    [
        ("London", {"london-2022"}),
        ("Luton", {"pan-bedfordshire", "luton-2022"}),
        ("Bedford Borough", {"pan-bedfordshire", "bedford-borough-2015", "tiers-1-4-matrix"}),
    ],
)
def test_search_area_filter_keeps_that_areas_documents(client, area, docs):
    found = search(client, q="domestic abuse", area=area, k=30)
    assert found["results"]
    assert {r["doc_id"] for r in found["results"]} <= docs


@pytest.mark.parametrize("level", [1, 2, 3, 4])
def test_search_level_filter(client, level):
    found = search(client, q="parenting", level=level, k=15)
    assert found["results"]
    assert {r["level"] for r in found["results"]} == {level}


@pytest.mark.parametrize("kind", KINDS)
def test_search_kind_filter(client, kind):
    found = search(client, q="mental health", kind=kind, k=10)
    assert found["results"]
    assert {r["kind"] for r in found["results"]} == {kind}


# --- GET /api/units/{id} ---------------------------------------------------------------------


def test_unit_matrix_cell_comes_with_its_row(client):
    response = client.get(f"/api/units/{CELL_ID}")
    assert response.status_code == 200, response.text
    unit = response.json()
    assert unit["id"] == CELL_ID and unit["kind"] == "matrix_cell" and unit["level"] == 3
    assert unit["row_id"] == ROW_ID
    assert [cell["level"] for cell in unit["cells"]] == [1, 2, 3, 4]
    assert unit["cells"][2]["text"] == unit["text"]
    assert_citation(unit)


def test_unit_area_names_the_levels_of_the_row(client):
    unit = client.get(f"/api/units/{CELL_ID}", params={"area": "Central Bedfordshire"}).json()
    assert unit["level_label"] == "Level 3 — Complex Needs"
    assert unit["cells"][1]["level_label"] == "Level 2 — Targeted Support"


def test_unit_matrix_row_is_its_own_row(client):
    unit = client.get(f"/api/units/{ROW_ID}").json()
    assert unit["kind"] == "matrix_row" and unit["row_id"] == ROW_ID
    assert len(unit["cells"]) == 4


@pytest.mark.parametrize(("doc_id", "part"), [("pan-bedfordshire", "sections"), ("luton-2022", "indicators")])
def test_unit_section_or_indicator_has_no_row(client, doc_id, part):
    unit_id = client.get(f"/api/documents/{doc_id}").json()[part][0]["id"]
    response = client.get(f"/api/units/{unit_id}")
    assert response.status_code == 200, response.text
    unit = response.json()
    assert unit["id"] == unit_id and unit["doc_id"] == doc_id
    assert unit["row_id"] is None and not unit["cells"]
    assert_citation(unit)


@pytest.mark.parametrize(
    "unit_id",
    [
        "nope",
        "pan-bedfordshire/matrix/extra-familial-harm/missing/1/L9",
        "../../etc/passwd",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "..%2f..%2f..%2fassistant%2fconfig.py",
        "%2e%2e/%2e%2e/pyproject.toml",
        "/etc/passwd",
    ],
)
def test_unit_unknown_or_path_traversal_is_404_json(client, unit_id):
    response = client.get(f"/api/units/{unit_id}")
    assert_error(response, 404)
    assert "root:" not in response.text and "[project]" not in response.text


@pytest.mark.parametrize(
    "path", ["/static/../../config.py", "/static/%2e%2e/%2e%2e/config.py", "/static/%2e%2e/core.py"]
)
def test_static_files_do_not_escape_their_folder(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Settings" not in response.text


# --- GET /api/documents ----------------------------------------------------------------------


def test_documents_lists_five_current_first(client):
    response = client.get("/api/documents")
    assert response.status_code == 200
    documents = response.json()
    assert isinstance(documents, list) and len(documents) == 5
    assert sorted(d["doc_id"] for d in documents) == sorted(DOC_IDS)
    current = [d["current"] for d in documents]
    assert current == sorted(current, reverse=True) and current[0]
    assert documents[0]["doc_id"] == "pan-bedfordshire"
    assert all(len(d["level_labels"]) == 4 for d in documents)


def test_documents_area_renames_the_level_labels(client):
    documents = client.get("/api/documents", params={"area": "Central Bedfordshire"}).json()
    pan = next(d for d in documents if d["doc_id"] == "pan-bedfordshire")
    assert pan["level_labels"][1] == "Level 2 — Targeted Support"


@pytest.mark.parametrize("doc_id", MATRIX_DOCS)
def test_document_outline_has_matrix_rows_of_four_cells(client, doc_id):
    response = client.get(f"/api/documents/{doc_id}")
    assert response.status_code == 200
    outline = response.json()
    assert outline["document"]["doc_id"] == doc_id
    assert outline["matrix"] and outline["sections"]
    for table in outline["matrix"]:
        assert table["domain"] and table["rows"]
        for row in table["rows"]:
            assert [cell["level"] for cell in row["cells"]] == [1, 2, 3, 4]
            assert all(cell["id"] in ("", f"{row['id']}/L{cell['level']}") for cell in row["cells"])


def test_document_outline_of_luton_lists_indicators(client):
    outline = client.get("/api/documents/luton-2022").json()
    assert outline["indicators"] and outline["sections"]
    assert {i["level"] for i in outline["indicators"]} <= {1, 2, 3, 4}
    assert all(i["text"].strip() for i in outline["indicators"])


# --- health, docs, the page ------------------------------------------------------------------


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    health = response.json()
    assert health["status"] == "ok" and health["documents"] == 5 and health["units"] > 1000


def test_docs_page_uses_only_local_assets(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert not re.search(r"(https?:)?//[a-z0-9]", html, re.I), "the docs page references a remote URL"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith(("/docs-static/", "/static/")), asset
        assert client.get(asset).status_code == 200, asset


def test_openapi_lists_the_contract_paths(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in CONTRACT_PATHS:
        assert path in paths, path


def test_page_has_no_inline_script(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script\s*>", response.text, re.I | re.S)
    for attributes, body in scripts:
        assert re.search(r"\bsrc\s*=", attributes), f"<script{attributes}> has no src"
        assert not body.strip(), "a <script> has an inline body"
    assert not re.search(r"\son[a-z]+\s*=", response.text, re.I), "inline event handler attribute"


# --- errors: 4xx JSON with a one-sentence detail ---------------------------------------------

JSON = {"content-type": "application/json"}
BAD_REQUESTS = [
    ("empty question", "POST", "/api/ask", {"json": {"question": ""}}, 400),
    ("whitespace question", "POST", "/api/ask", {"json": {"question": "  \n\t  "}}, 400),
    ("control characters only", "POST", "/api/ask", {"json": {"question": "\x00\x01"}}, 400),
    ("over-long question", "POST", "/api/ask", {"json": {"question": "x" * 2001}}, 400),
    ("over-long history turn", "POST", "/api/ask", {"json": {"question": "missing", "history": ["y" * 2001]}}, 400),
    ("question a number", "POST", "/api/ask", {"json": {"question": 5}}, 422),
    ("question null", "POST", "/api/ask", {"json": {"question": None}}, 422),
    ("history a string", "POST", "/api/ask", {"json": {"question": "missing", "history": "x"}}, 422),
    ("history of numbers", "POST", "/api/ask", {"json": {"question": "missing", "history": [1]}}, 422),
    ("missing question", "POST", "/api/ask", {"json": {"history": []}}, 422),
    ("malformed JSON", "POST", "/api/ask", {"content": b'{"question": ', "headers": JSON}, 400),
    ("JSON array body", "POST", "/api/ask", {"content": b'["missing"]', "headers": JSON}, 422),
    ("JSON string body", "POST", "/api/ask", {"content": b'"missing"', "headers": JSON}, 422),
    ("no content-type", "POST", "/api/ask", {"content": b'{"question": "missing"}'}, 422),
    ("empty body", "POST", "/api/ask", {"content": b"", "headers": JSON}, 422),
    ("unknown doc_id", "POST", "/api/ask", {"json": {"question": "missing", "doc_id": "nope"}}, 400),
    ("unknown area", "POST", "/api/ask", {"json": {"question": "missing", "area": "Narnia"}}, 400),
    ("k=0", "GET", "/api/search", {"params": {"q": "missing", "k": "0"}}, 400),
    ("k=1000", "GET", "/api/search", {"params": {"q": "missing", "k": "1000"}}, 400),
    ("k=-1", "GET", "/api/search", {"params": {"q": "missing", "k": "-1"}}, 400),
    ("k=abc", "GET", "/api/search", {"params": {"q": "missing", "k": "abc"}}, 422),
    ("missing q", "GET", "/api/search", {}, 422),
    ("empty q", "GET", "/api/search", {"params": {"q": " "}}, 400),
    ("over-long q", "GET", "/api/search", {"params": {"q": "z" * 2001}}, 400),
    ("search unknown doc_id", "GET", "/api/search", {"params": {"q": "missing", "doc_id": "nope"}}, 400),
    ("search unknown area", "GET", "/api/search", {"params": {"q": "missing", "area": "Narnia"}}, 400),
    ("level=9", "GET", "/api/search", {"params": {"q": "missing", "level": "9"}}, 400),
    ("level=abc", "GET", "/api/search", {"params": {"q": "missing", "level": "abc"}}, 422),
    ("unknown kind", "GET", "/api/search", {"params": {"q": "missing", "kind": "nope"}}, 400),
    ("unit unknown area", "GET", f"/api/units/{CELL_ID}", {"params": {"area": "Narnia"}}, 400),
    ("unknown unit", "GET", "/api/units/no/such/unit", {}, 404),
    ("unknown document", "GET", "/api/documents/nope", {}, 404),
    ("documents unknown area", "GET", "/api/documents", {"params": {"area": "Narnia"}}, 400),
    ("GET on ask", "GET", "/api/ask", {}, 405),
    ("DELETE on documents", "DELETE", "/api/documents", {}, 405),
    ("PUT on search", "PUT", "/api/search", {}, 405),
    ("unknown API path", "GET", "/api/nope", {}, 404),
    ("unknown path", "GET", "/nope", {}, 404),
    ("body over the limit", "POST", "/api/ask", {"content": b"x" * 70_000, "headers": JSON}, 413),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"), [case[1:] for case in BAD_REQUESTS], ids=[case[0] for case in BAD_REQUESTS]
)
def test_bad_request_is_a_4xx_json_with_one_sentence(client, method, path, kwargs, status):
    assert_error(client.request(method, path, **kwargs), status)


def test_over_long_question_says_the_limit(client):
    detail = assert_error(client.post("/api/ask", json={"question": "x" * 2001}), 400)
    assert "2000" in detail


def test_body_under_the_limit_is_judged_on_its_question(client):
    assert_error(client.post("/api/ask", json={"question": "word " * 12_000}), 400)


def test_body_over_a_configured_limit_is_413(make_client):
    client = make_client(max_body_bytes=1000)
    assert_error(client.post("/api/ask", json={"question": "missing " * 200}), 413)
    assert client.post("/api/ask", json={"question": "missing"}).status_code == 200


def test_streamed_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(20):
            yield b"x" * 5000

    response = client.post("/api/ask", content=chunks(), headers=JSON)
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_error(response, 413)


def test_quiz_answers_json(client):
    response = client.post("/api/quiz", json={})
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.json(), dict)


# --- security: token, rate limit, headers, CORS ----------------------------------------------

PROTECTED = [
    ("POST", "/api/ask", {"json": {"question": "child going missing"}}),
    ("GET", "/api/search", {"params": {"q": "missing"}}),
    ("GET", f"/api/units/{CELL_ID}", {}),
    ("GET", "/api/documents", {}),
    ("GET", "/api/documents/luton-2022", {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), PROTECTED, ids=[p[1] for p in PROTECTED])
def test_api_token_is_required_when_configured(make_client, method, path, kwargs):
    client = make_client(api_token="s3cret")
    missing = client.request(method, path, **kwargs)
    assert_error(missing, 401)
    assert missing.headers["www-authenticate"] == "Bearer"
    for wrong in ("Bearer wrong", "Bearer s3cret-not", "Basic s3cret", "s3cret", "Bearer "):
        assert_error(client.request(method, path, headers={"Authorization": wrong}, **kwargs), 401)
    right = client.request(method, path, headers={"Authorization": "Bearer s3cret"}, **kwargs)
    assert right.status_code == 200, right.text


def test_token_and_rate_limit_come_before_the_body_is_read(make_client):
    """A malformed or oversized body must not slip past the guards."""
    guarded = make_client(api_token="s3cret", rate_limit_per_minute=60, rate_limit_burst=2)
    headers = {"content-type": "application/json"}
    assert_error(guarded.post("/api/ask", content=b"{bad", headers=headers), 401)
    assert_error(guarded.post("/api/ask", content=b"x" * 100_000, headers=headers), 401)
    assert_error(guarded.post("/api/ask", content=b"{bad", headers=headers), 429)


def test_api_token_is_not_needed_for_health_and_docs(make_client):
    client = make_client(api_token="s3cret")
    assert client.get("/healthz").status_code == 200
    assert client.get("/docs").status_code == 200


def test_api_token_is_not_needed_for_the_page(make_client):
    assert make_client(api_token="s3cret").get("/").status_code == 200


def test_no_token_configured_needs_none(client):
    assert client.get("/api/documents").status_code == 200


def test_rate_limit_refuses_past_the_burst(make_client):
    client = make_client(rate_limit_per_minute=60, rate_limit_burst=3)
    for _ in range(3):
        assert client.get("/api/documents").status_code == 200
    refused = client.get("/api/documents")
    detail = assert_error(refused, 429)
    assert "try again" in detail
    retry_after = refused.headers["retry-after"]
    assert retry_after.isdigit() and int(retry_after) >= 1
    assert refused.headers["x-content-type-options"] == "nosniff"
    assert client.get("/healthz").status_code == 200, "the rate limit applies to /api only"


def test_rate_limit_counts_every_api_endpoint(make_client):
    client = make_client(rate_limit_per_minute=60, rate_limit_burst=3)
    assert client.get("/api/search", params={"q": "missing"}).status_code == 200
    assert client.post("/api/ask", json={"question": "missing"}).status_code == 200
    assert client.get(f"/api/units/{CELL_ID}").status_code == 200
    assert client.get("/api/documents/luton-2022").status_code == 429


def test_rate_limit_zero_turns_it_off(make_client):
    client = make_client(rate_limit_per_minute=0, rate_limit_burst=1)
    assert all(client.get("/api/documents").status_code == 200 for _ in range(30))


SECURED = [
    ("GET", "/healthz", {}),
    ("GET", "/", {}),
    ("GET", "/docs", {}),
    ("GET", "/api/documents", {}),
    ("POST", "/api/ask", {"json": {"question": ""}}),
    ("GET", "/api/units/nope", {}),
    ("GET", "/nope", {}),
    ("DELETE", "/api/documents", {}),
    ("POST", "/api/ask", {"content": b"x" * 70_000, "headers": JSON}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), SECURED, ids=[f"{m} {p}" for m, p, _ in SECURED])
def test_security_headers_on_every_response(client, method, path, kwargs):
    headers = client.request(method, path, **kwargs).headers
    policy = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in headers["content-security-policy"].split(";")
        if part.strip()
    )
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert "'none'" in policy["frame-ancestors"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"]


def test_cors_is_off_by_default(client):
    response = client.get("/api/documents", headers={"Origin": "https://example.org"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_only_the_configured_origin(make_client):
    client = make_client(cors_origins=["https://example.org"])
    allowed = client.get("/api/documents", headers={"Origin": "https://example.org"})
    assert allowed.headers["access-control-allow-origin"] == "https://example.org"
    other = client.get("/api/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options(
        "/api/ask",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://example.org"


# --- RateLimiter.take ------------------------------------------------------------------------


def refused_for(limiter: RateLimiter, client: str, now: float) -> int | None:
    try:
        limiter.take(client, now)
    except TooManyRequests as refused:
        return refused.retry_after
    return None


def test_rate_limiter_allows_the_burst_then_refuses():
    limiter = RateLimiter(per_minute=60, burst=3)
    assert [refused_for(limiter, "a", 100.0) for _ in range(4)] == [None, None, None, 1]


def test_rate_limiter_refills_at_the_rate():
    limiter = RateLimiter(per_minute=60, burst=3)
    for _ in range(3):
        limiter.take("a", 0.0)
    assert refused_for(limiter, "a", 0.5) == 1
    assert refused_for(limiter, "a", 1.0) is None
    assert refused_for(limiter, "a", 1.0) == 1
    assert [refused_for(limiter, "a", 100.0) for _ in range(4)] == [None, None, None, 1], "refill stops at the burst"


@pytest.mark.parametrize(("now", "retry_after"), [(0.0, 10), (2.5, 8), (5.0, 5), (9.0, 1)])
def test_rate_limiter_retry_after_is_the_wait_for_one_token(now, retry_after):
    limiter = RateLimiter(per_minute=6, burst=1)
    limiter.take("a", 0.0)
    assert refused_for(limiter, "a", now) == retry_after


def test_rate_limiter_keeps_clients_apart():
    limiter = RateLimiter(per_minute=60, burst=1)
    limiter.take("a", 0.0)
    assert refused_for(limiter, "a", 0.0) == 1
    assert refused_for(limiter, "b", 0.0) is None


def test_rate_limiter_zero_is_unlimited():
    limiter = RateLimiter(per_minute=0, burst=1)
    assert all(refused_for(limiter, "a", 0.0) is None for _ in range(1000))


async def _thread_tokens() -> int:
    import anyio.to_thread

    return int(anyio.to_thread.current_default_thread_limiter().total_tokens)


@pytest.mark.parametrize("threads", [1, 3, 16])
def test_the_server_works_on_at_most_server_threads_requests_at_once(make_client, threads):
    with make_client(server_threads=threads) as client:
        assert client.portal.call(_thread_tokens) == threads
        assert client.post("/api/ask", json={"question": "teenager keeps going missing"}).status_code == 200
