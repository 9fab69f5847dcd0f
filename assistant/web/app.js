// The page: chat with cited answers, the source panel, instant search, the area choice and the
// hash router (#/ chat, #/browse/..., #/quiz). No framework; every piece of user or corpus text is a text node.
import {
  api,
  appendMarked,
  docName,
  el,
  levelLabels,
  loadDocuments,
  matrixTable,
  qs,
  renderBrowse,
  state,
  statusBadge,
  unitPath,
} from "./browse.js";
import { showQuiz } from "./quiz.js";

const $ = (id) => document.getElementById(id);
const AREA_KEY = "threshold.area";
const MAX_HISTORY = 10;

// ---- Area ---------------------------------------------------------------------------------

function storedArea() {
  try {
    return localStorage.getItem(AREA_KEY) || "";
  } catch {
    return "";
  }
}

function setupArea() {
  const select = $("area");
  const saved = storedArea();
  if ([...select.options].some((o) => o.value === saved)) select.value = saved;
  state.area = select.value;
  select.addEventListener("change", async () => {
    state.area = select.value;
    try {
      if (state.area) localStorage.setItem(AREA_KEY, state.area);
      else localStorage.removeItem(AREA_KEY);
    } catch {
      // storage may be disabled; the choice still holds for this visit
    }
    state.outlines.clear();
    clearSearch();
    try {
      await loadDocuments();
    } catch {
      // the views below report their own errors
    }
    if (currentRoute().browse) route({ keepFocus: true });
    if (panel.citation) openSource(panel.citation, panel.opener, { keepFocus: true });
  });
}

// ---- Chat ---------------------------------------------------------------------------------

const conversation = [];
let askSeq = 0;

function describe(citation) {
  const where = [...(citation.path || [])];
  if (citation.row) where.push(`row ${citation.row}`);
  return [docName(citation.doc_id, citation.doc_title), citation.level_label, where.join(" › ")].filter(Boolean).join(", ");
}

function chip(citation) {
  return el(
    "button",
    {
      type: "button",
      class: "chip",
      "data-testid": "citation-chip",
      "data-n": citation.n,
      "data-kind": citation.kind,
      "data-unit-id": citation.id,
      "aria-label": `Source ${citation.n}: ${describe(citation)}`,
      onclick: (event) => openSource(citation, event.currentTarget),
    },
    String(citation.n),
  );
}

/** A line of answer text with each [n] turned into a chip for citation n. */
function inline(text, citations) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    const citation = citations.get(Number(match[1]));
    if (!citation) continue;
    nodes.push(text.slice(last, match.index), chip(citation));
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes.filter((n) => n !== "");
}

function sourcesList(answer) {
  if (!answer.citations.length) return null;
  const items = answer.citations.map((c) =>
    el(
      "li",
      {},
      el(
        "button",
        { type: "button", class: "source-link", "data-testid": "source-item", "data-unit-id": c.id, onclick: (e) => openSource(c, e.currentTarget) },
        el("span", { class: "chip-static", "aria-hidden": "true" }, String(c.n)),
        el("span", {}, describe(c), c.doc_status === "earlier" ? el("span", { class: "badge badge-earlier" }, "Earlier edition") : null),
      ),
    ),
  );
  return el("div", { class: "sources" }, el("h3", {}, "Sources"), el("ol", {}, items));
}

function renderAnswer(turn, answer) {
  const citations = new Map(answer.citations.map((c) => [c.n, c]));
  const lines = answer.answer.split("\n").filter((line) => line.trim() !== "");
  const box = el("div", {
    class: `answer${answer.answerable ? "" : " unanswerable"}${answer.urgent ? " urgent-answer" : ""}`,
    "data-testid": "answer",
    "data-answerable": String(answer.answerable),
    "data-urgent": String(answer.urgent),
  });
  box.append(el("p", { class: "visually-hidden" }, "Answer:"));
  if (answer.urgent && lines.length) {
    box.append(
      el(
        "div",
        { class: "urgent", role: "alert", "data-testid": "urgent-banner" },
        el("p", { class: "urgent-title" }, "Immediate danger: call 999"),
        el("p", {}, inline(lines.shift(), citations)),
      ),
    );
  }
  if (!answer.answerable) {
    box.append(
      el(
        "p",
        { class: "not-answerable", "data-testid": "not-answerable" },
        el("strong", {}, "Not covered: "),
        "the guidance does not answer this question directly. The nearest passages are shown for reference only.",
      ),
    );
  }
  let list = null;
  for (const line of lines) {
    if (line.startsWith("- ")) {
      if (!list) box.append((list = el("ul", {})));
      list.append(el("li", {}, inline(line.slice(2), citations)));
    } else {
      list = null;
      box.append(el("p", {}, inline(line, citations)));
    }
  }
  box.append(sourcesList(answer) || "");
  turn.append(box);
}

function setLoading(on) {
  const loading = $("loading");
  loading.textContent = on ? "Searching the guidance…" : "";
  loading.classList.toggle("active", on);
  $("ask-button").disabled = on;
  $("ask-form").setAttribute("aria-busy", String(on));
}

function showError(target, message) {
  target.textContent = message || "";
  target.hidden = !message;
}

async function ask(event) {
  event.preventDefault();
  const input = $("question");
  const question = input.value.trim();
  if (!question) {
    showError($("ask-error"), "Type a question first.");
    input.focus();
    return;
  }
  const seq = ++askSeq;
  showError($("ask-error"), "");
  const turn = el(
    "li",
    { class: "turn", "data-testid": "turn" },
    el("div", { class: "question", "data-testid": "question" }, el("span", { class: "visually-hidden" }, "You asked: "), question),
  );
  $("conversation").append(turn);
  input.value = "";
  setLoading(true);
  try {
    const answer = await api("/api/ask", {
      method: "POST",
      body: { question, history: conversation.slice(-MAX_HISTORY), area: state.area || null, doc_id: null },
    });
    if (seq !== askSeq) return;
    conversation.push(question);
    renderAnswer(turn, answer);
    turn.scrollIntoView({ block: "start", behavior: "smooth" });
  } catch (error) {
    if (seq !== askSeq) return;
    turn.remove();
    if (!input.value) input.value = question;
    showError($("ask-error"), error.message);
  } finally {
    if (seq === askSeq) setLoading(false);
  }
}

function newConversation() {
  askSeq += 1;
  conversation.length = 0;
  $("conversation").replaceChildren();
  setLoading(false);
  showError($("ask-error"), "");
  $("question").value = "";
  $("question").focus();
}

function setupChat() {
  $("ask-form").addEventListener("submit", ask);
  $("new-conversation").addEventListener("click", newConversation);
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("ask-form").requestSubmit();
    }
  });
}

// ---- Source panel -------------------------------------------------------------------------

const panel = { citation: null, opener: null, seq: 0 };

function metaList(unit) {
  const rows = [
    ["Edition", unit.edition],
    ["Date", unit.doc_date],
  ];
  if (unit.level_label) rows.push(["Level", unit.level_label]);
  const where = [...(unit.path || [])];
  if (unit.row) where.push(`row ${unit.row}`);
  if (where.length) rows.push(["Heading", where.join(" › ")]);
  const lines = unit.source?.line_start ? `line ${unit.source.line_start}${unit.source.line_end > unit.source.line_start ? `–${unit.source.line_end}` : ""}` : "";
  if (unit.source?.file) rows.push(["File", [unit.source.file, lines, unit.source.page ? `page ${unit.source.page}` : ""].filter(Boolean).join(", ")]);
  return el(
    "dl",
    { class: "meta" },
    rows.map(([term, value]) => [el("dt", {}, term), el("dd", { "data-testid": `source-${term.toLowerCase()}` }, value)]),
  );
}

function renderSource(unit, citation) {
  const quote = citation.quote || unit.quote;
  $("source-title").textContent = unit.doc_title;
  const body = [el("p", { class: "panel-status" }, statusBadge(unit.current), " ", docName(unit.doc_id, unit.doc_title)), metaList(unit)];
  if (unit.cells && unit.cells.length) {
    const labels = levelLabels(unit.doc_id, unit.cells);
    const row = { id: unit.row_id, cells: unit.cells.map((c) => ({ ...c, id: null })) };
    const targetLevel = unit.kind === "matrix_cell" ? unit.level : null;
    body.push(el("h3", {}, "The matrix row"));
    body.push(matrixTable(labels, [row], { targetLevel, quote, label: "The matrix row, four levels" }));
  } else {
    body.push(el("h3", {}, unit.kind === "indicator" ? "The indicator" : "The passage"));
    const text = el("blockquote", { class: "source-text", "data-testid": "source-text" });
    appendMarked(text, unit.text, quote);
    body.push(text);
  }
  const href = `#/browse/${encodeURIComponent(unit.doc_id)}?unit=${encodeURIComponent(unit.id)}`;
  body.push(
    el(
      "p",
      { class: "panel-actions" },
      el(
        "a",
        {
          href,
          class: "button secondary",
          "data-testid": "see-in-document",
          onclick: () => {
            state.focusQuote = { unit: unit.id, quote };
            closeSource({ restoreFocus: false });
            if (location.hash === href) route(); // no hashchange when already there
          },
        },
        "See it in the document",
      ),
    ),
  );
  $("source-body").replaceChildren(...body);
  $("source-panel").dataset.unitId = unit.id;
}

async function openSource(citation, opener, { keepFocus = false } = {}) {
  panel.citation = citation;
  panel.opener = opener || document.activeElement;
  const seq = ++panel.seq;
  const box = $("source-panel");
  box.hidden = false;
  box.dataset.unitId = "";
  document.body.classList.add("panel-open");
  $("source-title").textContent = citation.doc_title || "Source";
  $("source-body").replaceChildren(el("p", { class: "muted", role: "status" }, "Loading the source…"));
  if (!keepFocus) $("source-title").focus();
  try {
    const unit = await api(`/api/units/${unitPath(citation.id)}${qs({ area: state.area })}`);
    if (seq === panel.seq) renderSource(unit, citation);
  } catch (error) {
    if (seq === panel.seq) $("source-body").replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
  }
}

function closeSource({ restoreFocus = true } = {}) {
  const box = $("source-panel");
  if (box.hidden) return;
  box.hidden = true;
  document.body.classList.remove("panel-open");
  panel.seq += 1;
  const opener = panel.opener;
  panel.citation = null;
  panel.opener = null;
  if (restoreFocus && opener && opener.isConnected) opener.focus();
}

// ---- Instant search (ARIA combobox with a listbox popup) ------------------------------------

const search = { results: [], active: -1, timer: 0, controller: null };

function listOpen() {
  return !$("search-results").hidden;
}

function setExpanded(open) {
  $("search-results").hidden = !open;
  $("search-input").setAttribute("aria-expanded", String(open));
  if (!open) {
    search.active = -1;
    $("search-input").removeAttribute("aria-activedescendant");
  }
}

function clearSearch() {
  search.results = [];
  search.controller?.abort();
  $("search-results").replaceChildren();
  setExpanded(false);
}

function highlight(index) {
  search.active = index;
  const options = $("search-results").querySelectorAll("[role=option]");
  options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
  const input = $("search-input");
  if (index >= 0 && options[index]) {
    input.setAttribute("aria-activedescendant", options[index].id);
    options[index].scrollIntoView({ block: "nearest" });
  } else {
    input.removeAttribute("aria-activedescendant");
  }
}

function showResults(results) {
  search.results = results;
  const list = $("search-results");
  list.replaceChildren(
    ...results.map((r, i) =>
      el(
        "li",
        {
          id: `search-option-${i}`,
          role: "option",
          "aria-selected": "false",
          "data-testid": "search-result",
          "data-unit-id": r.id,
          onmousedown: (event) => event.preventDefault(),
          onclick: () => chooseResult(i),
        },
        el("span", { class: "result-title" }, [r.level_label, (r.path || []).join(" › ")].filter(Boolean).join(" · ") || r.doc_title),
        el("span", { class: "result-doc" }, docName(r.doc_id, r.doc_title), r.doc_status === "earlier" ? " (earlier edition)" : ""),
        el("span", { class: "result-text" }, truncate(r.quote || r.text, 160)),
      ),
    ),
  );
  $("search-status").textContent = results.length
    ? `${results.length} result${results.length === 1 ? "" : "s"}. Use the arrow keys to choose.`
    : "No matches.";
  if (!results.length) {
    list.append(el("li", { class: "no-results", role: "option", "aria-disabled": "true", "aria-selected": "false", id: "search-none" }, "No matches in the guidance."));
  }
  setExpanded(true);
  highlight(-1);
}

function truncate(text, limit) {
  const flat = String(text).replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

async function runSearch() {
  const query = $("search-input").value.trim();
  search.controller?.abort();
  if (query.length < 2) {
    clearSearch();
    $("search-status").textContent = "";
    return;
  }
  const controller = new AbortController();
  search.controller = controller;
  try {
    const data = await api(`/api/search${qs({ q: query, k: 10, area: state.area })}`, { signal: controller.signal });
    if (search.controller === controller) showResults(data.results);
  } catch (error) {
    if (error.name === "AbortError") return;
    search.results = [];
    $("search-results").replaceChildren(el("li", { class: "no-results", role: "option", "aria-disabled": "true", "aria-selected": "false", id: "search-error" }, error.message));
    $("search-status").textContent = error.message;
    setExpanded(true);
  }
}

function chooseResult(index) {
  const result = search.results[index];
  if (!result) return;
  setExpanded(false);
  openSource(result, $("search-input"));
}

function setupSearch() {
  const input = $("search-input");
  input.addEventListener("input", () => {
    clearTimeout(search.timer);
    search.timer = setTimeout(runSearch, 200);
  });
  input.addEventListener("keydown", (event) => {
    const count = search.results.length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!count) return;
      if (!listOpen()) setExpanded(true);
      highlight(Math.min(search.active + 1, count - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (!count) return;
      if (!listOpen()) setExpanded(true);
      highlight(search.active <= 0 ? 0 : search.active - 1);
    } else if (event.key === "Enter") {
      if (listOpen() && search.active >= 0) {
        event.preventDefault();
        chooseResult(search.active);
      }
    } else if (event.key === "Escape") {
      if (listOpen()) {
        event.preventDefault();
        event.stopPropagation();
        setExpanded(false);
      } else if (input.value) {
        event.preventDefault();
        event.stopPropagation();
        input.value = "";
        clearSearch();
      }
    }
  });
  input.addEventListener("focus", () => {
    if (search.results.length && input.value.trim()) setExpanded(true);
  });
  input.addEventListener("blur", () => setExpanded(false));
}

// ---- Router -------------------------------------------------------------------------------

let routeSeq = 0;

function currentRoute() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query = ""] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  const unit = new URLSearchParams(query).get("unit");
  return { browse: parts[0] === "browse", quiz: parts[0] === "quiz", doc: parts[1], part: parts[2], unit };
}

async function route({ initial = false, keepFocus = false } = {}) {
  const where = currentRoute();
  $("view-chat").hidden = where.browse || where.quiz;
  $("view-browse").hidden = !where.browse;
  $("view-quiz").hidden = !where.quiz;
  for (const [id, on] of [["nav-ask", !where.browse && !where.quiz], ["nav-browse", where.browse], ["nav-quiz", where.quiz]]) {
    if (on) $(id).setAttribute("aria-current", "page");
    else $(id).removeAttribute("aria-current");
  }
  if (where.quiz) {
    document.title = "Quiz · Threshold guidance assistant";
    showQuiz($("view-quiz"), { openSource, initial, keepFocus });
    return;
  }
  if (!where.browse) {
    document.title = "Ask · Threshold guidance assistant";
    if (!initial && !keepFocus) $("chat-heading").focus();
    return;
  }
  const seq = ++routeSeq;
  const view = $("view-browse");
  view.setAttribute("aria-busy", "true");
  try {
    const quote = state.focusQuote?.unit === where.unit ? state.focusQuote.quote : null;
    const result = await renderBrowse({ ...where, quote });
    if (seq !== routeSeq) return;
    view.replaceChildren(...result.nodes);
    document.title = `${result.title} · Threshold guidance assistant`;
    if (result.target) {
      result.target.scrollIntoView({ block: "center" });
      result.target.focus({ preventScroll: true });
    } else if (!initial && !keepFocus) {
      result.focus.focus();
      window.scrollTo(0, 0);
    }
  } catch (error) {
    if (seq !== routeSeq) return;
    view.replaceChildren(el("h1", { tabindex: "-1" }, "Browse"), el("p", { class: "error", role: "alert" }, error.message));
  } finally {
    if (seq === routeSeq) view.removeAttribute("aria-busy");
  }
}

// ---- Start --------------------------------------------------------------------------------

function start() {
  setupArea();
  setupChat();
  setupSearch();
  $("source-close").addEventListener("click", () => closeSource());
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("source-panel").hidden) {
      event.preventDefault();
      closeSource();
    }
  });
  window.addEventListener("hashchange", () => route());
  loadDocuments()
    .catch(() => null)
    .finally(() => route({ initial: true }));
  document.body.classList.add("ready");
}

start();
