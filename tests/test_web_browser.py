"""The web page in a real browser: Debian's chromium driven by Playwright against a real `threshold serve`.

Each test saves a screenshot in test-output/screenshots/ (kept out of git; the path is printed). The browser
is never downloaded: when /usr/bin/chromium is missing these tests fail, because CI installs it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUESTION = "A 15-year-old keeps going missing and comes back with new phones: what level is that?"
PAYLOAD = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's chromium (apt-get install chromium); "
            "CI installs it in .ci/run"
        )
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    folder = Path(__file__).resolve().parents[1] / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


class Page:
    """A fresh browser context and page on the served app, collecting script errors and CSP reports."""

    def __init__(self, browser, served, shots: Path, width: int = 1280, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.url = served.url
        self.shots = shots
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", lambda msg: self.errors.append(f"console: {msg.text}") if msg.type == "error" else None)

    def open(self, hash_: str = "#/") -> None:
        self.page.goto(f"{self.url}/{hash_}")
        self.page.wait_for_selector("body.ready")

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path))
        print(f"screenshot: {path}")
        return path

    def ask(self, question: str) -> dict:
        """Types a question, submits it with the button and returns the API's answer once it is shown."""
        answers = self.page.locator("[data-testid=answer]")
        before = answers.count()
        self.page.fill("#question", question)
        with self.page.expect_response(lambda r: r.url.endswith("/api/ask")) as response:
            self.page.click("[data-testid=ask-button]")
        answers.nth(before).wait_for(state="visible")
        return response.value.json()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def web(browser, served, shots):
    page = Page(browser, served, shots)
    yield page
    errors = list(page.errors)
    page.close()
    assert not errors, f"the page logged errors: {errors}"


def unit(served, unit_id: str, area: str | None = None) -> dict:
    path = "/".join(quote(part, safe="") for part in unit_id.split("/"))
    response = httpx.get(f"{served.url}/api/units/{path}", params={"area": area} if area else None, timeout=30)
    response.raise_for_status()
    return response.json()


def test_ask_shows_answer_with_citation_chips(web):
    web.open()
    assert web.page.get_by_test_id("privacy-notice").is_visible()
    answer = web.ask(QUESTION)
    shown = web.page.locator("[data-testid=answer]").last
    chips = shown.locator("[data-testid=citation-chip]")
    assert answer["citations"], answer
    assert chips.count() >= 1
    assert {int(n) for n in chips.evaluate_all("cs => cs.map(c => c.dataset.n)")} <= {
        c["n"] for c in answer["citations"]
    }
    assert chips.first.evaluate("c => c.tagName") == "BUTTON"
    assert "[1]" not in shown.inner_text()
    web.shot("1-answer")

    # a follow-up carries the conversation's earlier question as history; "New conversation" clears it
    with web.page.expect_request(lambda r: r.url.endswith("/api/ask")) as request:
        web.page.fill("#question", "and what should I do next?")
        web.page.click("[data-testid=ask-button]")
    assert json.loads(request.value.post_data)["history"] == [QUESTION]
    web.page.locator("[data-testid=answer]").nth(1).wait_for()
    web.page.click("[data-testid=new-conversation]")
    assert web.page.locator("[data-testid=turn]").count() == 0
    with web.page.expect_request(lambda r: r.url.endswith("/api/ask")) as request:
        web.page.fill("#question", "Luton MASH phone number")
        web.page.focus("#question")
        web.page.keyboard.press("Enter")
    assert json.loads(request.value.post_data)["history"] == []
    web.page.locator("[data-testid=answer]").first.wait_for()


def test_matrix_citation_opens_row_with_cited_cell(web, served):
    web.open()
    answer = web.ask(QUESTION)
    citation = next(c for c in answer["citations"] if c["kind"] == "matrix_cell")
    chip = web.page.locator(f"[data-testid=answer] [data-testid=citation-chip][data-unit-id='{citation['id']}']").first
    chip.click()
    panel = web.page.locator(f"[data-testid=source-panel][data-unit-id='{citation['id']}']")
    panel.wait_for(state="visible")
    cited = panel.locator("td[aria-current=true]")
    assert cited.count() == 1
    assert "cited" in cited.get_attribute("class")
    assert cited.evaluate("td => td.textContent") == citation["text"]
    assert cited.locator("mark").inner_text() == citation["quote"]
    column = cited.evaluate("td => td.cellIndex")
    header = panel.locator("thead th").nth(column).inner_text()
    assert header == citation["level_label"]
    row = unit(served, citation["id"])
    assert panel.locator("tbody td").count() == 4 == len(row["cells"])
    assert panel.get_by_test_id("source-title").inner_text() == citation["doc_title"]
    assert panel.get_by_test_id("badge").inner_text().lower() in {"current", "earlier edition"}
    web.shot("2-source-panel")

    # Escape closes the panel and gives focus back to the chip that opened it
    web.page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert web.page.evaluate("document.activeElement.dataset.unitId") == citation["id"]

    # "See it in the document" opens the browse view at that row, the cell highlighted there too
    chip.click()
    panel.wait_for(state="visible")
    web.page.get_by_test_id("see-in-document").click()
    target = web.page.locator(f"#view-browse td[data-unit-id='{citation['id']}']")
    target.wait_for(state="visible")
    assert target.get_attribute("aria-current") == "true"
    assert "target" in target.get_attribute("class")
    assert web.page.evaluate("document.activeElement.dataset.unitId") == citation["id"]
    assert target.is_visible() and target.bounding_box()["y"] < 900
    web.shot("2-see-in-document")


def test_instant_search_keyboard(web):
    web.open()
    box = web.page.get_by_test_id("search-input")
    box.click()
    with web.page.expect_response(lambda r: "/api/search" in r.url) as response:
        web.page.keyboard.type("MASH telephone", delay=20)
    options = web.page.locator("[data-testid=search-result]")
    options.first.wait_for(state="visible")
    web.page.wait_for_timeout(300)  # let the debounced request for the full query land
    assert "MASH" in response.value.url or "telephone" in response.value.url
    assert 1 <= options.count() <= 10
    assert box.get_attribute("aria-expanded") == "true"
    web.page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    web.page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    web.page.keyboard.press("ArrowDown")
    web.page.keyboard.press("ArrowUp")
    assert options.first.get_attribute("aria-selected") == "true"
    web.shot("3-search-results")
    chosen = options.first.get_attribute("data-unit-id")
    web.page.keyboard.press("Enter")
    panel = web.page.locator(f"[data-testid=source-panel][data-unit-id='{chosen}']")
    panel.wait_for(state="visible")
    assert panel.get_by_test_id("source-title").inner_text()
    assert "mash" in panel.inner_text().lower()
    web.shot("3-search-opened")
    web.page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert web.page.evaluate("document.activeElement.id") == "search-input"


def test_browse_documents_domain_matrix(web, served):
    web.open("#/browse")
    card = web.page.locator("[data-testid=doc-card][data-doc-id=pan-bedfordshire]")
    card.get_by_test_id("doc-link").click()
    links = web.page.locator("[data-testid=domain-link]")
    links.first.wait_for()
    assert web.page.get_by_test_id("toc").is_visible()
    name = links.first.inner_text()
    links.first.click()
    expect(web.page).to_have_url(f"{served.url}/#/browse/pan-bedfordshire/0")
    expect(web.page.get_by_test_id("browse-heading")).to_have_text(name)
    outline = httpx.get(f"{served.url}/api/documents/pan-bedfordshire", timeout=30).json()
    expected = [row for group in outline["matrix"] if group["domain"] == name for row in group["rows"]]
    table = web.page.locator("#view-browse [data-testid=matrix-table]").first
    assert table.locator("thead th").count() == 4
    rows = web.page.locator("#view-browse [data-testid=matrix-row]")
    assert rows.count() == len(expected) >= 1
    assert rows.first.locator("td").count() == 4
    first_cell = expected[0]["cells"][0]
    assert rows.first.locator("td").first.inner_text().strip() == first_cell["text"].strip()
    web.shot("4-browse-domain")


def test_question_markup_is_inert(web):
    web.open()
    answer = web.ask(PAYLOAD)
    question = web.page.locator("[data-testid=question]").last
    assert question.evaluate("q => q.lastChild.textContent") == PAYLOAD
    assert web.page.locator("#conversation script, #conversation img").count() == 0
    web.page.wait_for_timeout(200)
    assert web.page.evaluate("typeof window.__pwned") == "undefined"
    shown = web.page.locator("[data-testid=answer]").last
    assert shown.get_attribute("data-answerable") == str(answer["answerable"]).lower()
    if not answer["answerable"]:
        assert web.page.get_by_test_id("not-answerable").is_visible()
    web.shot("5-inert-markup")


def test_area_selector_changes_level_names_and_is_remembered(web):
    web.open("#/browse/pan-bedfordshire/0")
    headers = web.page.locator("#view-browse thead th")
    headers.first.wait_for()
    web.page.select_option("[data-testid=area-select]", "Central Bedfordshire")
    expect(headers.nth(1)).to_contain_text("Targeted Support")
    assert "Level 2" in headers.nth(1).inner_text()
    assert web.page.evaluate("localStorage.getItem('threshold.area')") == "Central Bedfordshire"
    web.page.reload()
    web.page.wait_for_selector("body.ready")
    assert web.page.get_by_test_id("area-select").input_value() == "Central Bedfordshire"
    web.page.locator("#view-browse thead th").nth(1).wait_for()
    assert "Targeted Support" in web.page.locator("#view-browse thead th").nth(1).inner_text()
    with web.page.expect_request(lambda r: "/api/search" in r.url) as request:
        web.page.get_by_test_id("search-input").fill("missing")
    assert "area=Central+Bedfordshire" in request.value.url
    web.shot("6-area-central-bedfordshire")


def test_phone_width_has_no_horizontal_scroll(browser, served, shots):
    phone = Page(browser, served, shots, width=375, height=740)
    try:
        phone.open()
        phone.ask(QUESTION)
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375
        phone.shot("7-phone-chat")
        phone.page.locator("[data-testid=answer] [data-testid=citation-chip][data-kind=matrix_cell]").first.click()
        phone.page.locator("[data-testid=source-panel] td[aria-current=true]").wait_for()
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375
        phone.shot("7-phone-source")
        phone.page.keyboard.press("Escape")
        phone.open("#/browse/pan-bedfordshire/0")
        phone.page.locator("#view-browse [data-testid=matrix-row]").first.wait_for()
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375
        phone.shot("7-phone-browse")
        assert not phone.errors, phone.errors
    finally:
        phone.close()


def test_errors_are_shown_from_detail(web):
    web.open()
    detail = "too many requests; try again in 3 seconds"
    web.page.route(
        "**/api/ask",
        lambda route: route.fulfill(status=429, content_type="application/json", body=json.dumps({"detail": detail})),
    )
    web.page.fill("#question", "anything")
    web.page.click("[data-testid=ask-button]")
    error = web.page.get_by_test_id("ask-error")
    error.wait_for(state="visible")
    assert error.inner_text() == "Too many requests; try again in 3 seconds."
    assert web.page.input_value("#question") == "anything"
    web.errors.clear()  # the browser logs the 429 itself
    web.shot("9-error")


def test_time_from_submit_to_first_visible_answer(web):
    web.open()
    web.page.fill("#question", QUESTION)
    started = time.perf_counter()
    web.page.click("[data-testid=ask-button]")
    web.page.locator("[data-testid=answer]").first.wait_for(state="visible")
    elapsed = (time.perf_counter() - started) * 1000
    in_page = web.page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/ask')).map(e => e.duration)[0]"
    )
    print(f"\nsubmit to first visible answer: {elapsed:.0f} ms (the /api/ask request itself: {in_page:.0f} ms)")
    web.shot("8-timed-answer")


def test_quiz_builder_previews_reveals_cites_and_downloads(web, browser, served, shots):
    web.open("#/quiz")
    web.page.get_by_test_id("quiz-form").wait_for()
    assert web.page.get_by_test_id("nav-quiz").get_attribute("aria-current") == "page"
    boxes = web.page.locator("fieldset[data-testid=quiz-types] input[type=checkbox]")
    assert boxes.count() == 7 and all(boxes.nth(i).is_checked() for i in range(7))
    documents = httpx.get(f"{served.url}/api/documents", timeout=30).json()
    expect(web.page.locator("#quiz-doc option")).to_have_count(len(documents) + 1)
    assert web.page.locator("#quiz-doc option").evaluate_all("os => os.map(o => o.value)") == [
        "",
        *(d["doc_id"] for d in documents),
    ]
    web.page.get_by_label("Number of items").fill("5")
    web.page.fill("#quiz-seed", "3")
    with web.page.expect_response(lambda r: r.url.endswith("/api/quiz")) as response:
        web.page.get_by_test_id("quiz-build").click()
    sent = json.loads(response.value.request.post_data)
    assert {k: sent[k] for k in ("count", "seed", "difficulty")} == {"count": 5, "seed": 3, "difficulty": "easy"}
    assert len(sent["types"]) == 7 and "format" not in sent
    data = response.value.json()
    items = web.page.locator("[data-testid=quiz-item]")
    expect(items).to_have_count(5)
    assert len(data["items"]) == 5
    available = web.page.get_by_test_id("quiz-available").inner_text()
    assert f"Which level {data['available']['which_level']}" in available
    assert all(str(n) in available for n in data["available"].values())

    # an answer stays hidden until "Show answer"; then the right option is marked and its sources are chips
    item = data["items"][0]
    first = items.first
    assert first.get_by_test_id("quiz-stem").inner_text().split() == item["stem"].split()
    assert first.locator("[data-testid=quiz-option]").count() == len(item["options"])
    explanation = first.get_by_test_id("quiz-explanation")
    assert not explanation.is_visible()
    first.locator("summary").click()
    expect(explanation).to_be_visible()
    assert explanation.inner_text().split() == item["explanation"].split()
    if item["type"] != "order_escalation":
        correct = first.locator("[data-testid=quiz-option][data-correct=true]")
        assert correct.count() == 1 and "correct" in correct.get_attribute("class")
        assert correct.locator(".quiz-mark").is_visible()
    chips = first.get_by_test_id("citation-chip")
    assert chips.count() == len(item["citations"])
    chips.first.click()
    panel = web.page.locator(f"[data-testid=source-panel][data-unit-id='{item['citations'][0]['id']}']")
    panel.wait_for(state="visible")
    assert panel.get_by_test_id("source-title").inner_text() == item["citations"][0]["doc_title"]
    web.page.keyboard.press("Escape")
    panel.wait_for(state="hidden")

    # a download is the same request with a format, saved under the server's file name
    with web.page.expect_download() as download:
        web.page.locator("[data-testid=quiz-download][data-format=gift]").click()
    assert download.value.suggested_filename == "threshold-quiz-seed3.gift.txt"
    assert "::" in Path(download.value.path()).read_text(encoding="utf-8")
    expect(web.page.get_by_test_id("quiz-download-status")).to_contain_text("threshold-quiz-seed3.gift.txt")
    web.page.get_by_test_id("quiz-result-heading").evaluate("heading => heading.scrollIntoView()")
    web.shot("10-quiz")

    # a bad choice is explained, not sent; at phone width the page does not scroll sideways
    for i in range(7):
        boxes.nth(i).uncheck()
    web.page.get_by_test_id("quiz-build").click()
    expect(web.page.get_by_test_id("quiz-error")).to_have_text("Choose at least one item type.")
    phone = Page(browser, served, shots, width=375, height=740)
    try:
        phone.open("#/quiz")
        phone.page.get_by_label("Number of items").fill("5")
        phone.page.get_by_test_id("quiz-build").click()
        expect(phone.page.locator("[data-testid=quiz-item]")).to_have_count(5)
        phone.page.locator("[data-testid=quiz-answer] summary").first.click()
        assert phone.page.locator("html").evaluate("root => root.scrollWidth") <= 375
        assert not phone.errors, phone.errors
    finally:
        phone.close()
