// The quiz builder (#/quiz): a form for POST /api/quiz, a preview of the items with their answers,
// explanations and citation chips (which open the source panel), and one download button per export
// format. Everything from the server goes into the page as text nodes, never as HTML.
import { docName, el, loadDocuments, sentence, state } from "./browse.js";

const TYPES = [
  ["which_level", "Which level", "an indicator or cell: which level is it?"],
  ["which_domain", "Which heading", "an indicator: under which domain or heading?"],
  ["true_false", "True or false", "an indicator at a level and heading"],
  ["order_escalation", "Put in order", "a matrix row's four cells, Level 1 to Level 4"],
  ["scenario", "Scenario", "a short vignette of indicators at one level"],
  ["level_name", "Level names", "what an area calls each level"],
  ["section_fact", "Fact from the text", "a sentence with a number, timescale or term blanked"],
];
const TYPE_NAMES = new Map(TYPES.map(([value, name]) => [value, name]));
const FORMATS = [
  ["json", "JSON", "json"],
  ["gift", "GIFT", "gift.txt"],
  ["aiken", "Aiken", "aiken.txt"],
  ["moodle-xml", "Moodle XML", "moodle.xml"],
  ["csv", "CSV", "csv"],
  ["md", "Markdown", "md"],
  ["html", "Printable HTML", "html"],
  ["kahoot", "Kahoot .xlsx", "kahoot.xlsx"],
  ["quizizz", "Quizizz .xlsx", "quizizz.xlsx"],
];
const MAX_COUNT = 200;
const MAX_SEED = 2 ** 31 - 1;

const quiz = { view: null, openSource: null, request: null, seq: 0, downloads: 0 };
const $ = (id) => document.getElementById(id);

// ---- The form ---------------------------------------------------------------------------------

function field(id, label, control, hint) {
  return el(
    "div",
    { class: "quiz-field" },
    el("label", { for: id }, label),
    control,
    hint ? el("p", { id: `${id}-hint`, class: "hint" }, hint) : null,
  );
}

function typeBoxes() {
  return el(
    "fieldset",
    { class: "quiz-types", "data-testid": "quiz-types" },
    el("legend", {}, "Item types"),
    el(
      "ul",
      {},
      TYPES.map(([value, name, about]) =>
        el(
          "li",
          {},
          el("input", { type: "checkbox", id: `quiz-type-${value}`, name: "types", value, checked: true, "data-testid": "quiz-type" }),
          el("label", { for: `quiz-type-${value}` }, el("span", { class: "quiz-type-name" }, name), el("span", { class: "quiz-type-about" }, ` — ${about}`)),
        ),
      ),
    ),
  );
}

function newSeed() {
  const value = new Uint32Array(1);
  crypto.getRandomValues(value);
  $("quiz-seed").value = String(value[0] % (MAX_SEED + 1));
}

function form() {
  const levels = el("select", { id: "quiz-level", "data-testid": "quiz-level" }, el("option", { value: "" }, "Any level"), [1, 2, 3, 4].map((n) => el("option", { value: n }, `Level ${n}`)));
  const difficulty = el(
    "select",
    { id: "quiz-difficulty", "data-testid": "quiz-difficulty", "aria-describedby": "quiz-difficulty-hint" },
    el("option", { value: "easy" }, "Easy"),
    el("option", { value: "hard" }, "Hard"),
  );
  const seedRow = el(
    "div",
    { class: "quiz-seed-row" },
    el("input", { type: "number", id: "quiz-seed", "data-testid": "quiz-seed", min: 0, max: MAX_SEED, step: 1, value: 7, inputmode: "numeric", "aria-describedby": "quiz-seed-hint" }),
    el("button", { type: "button", class: "button secondary", "data-testid": "quiz-new-seed", onclick: newSeed }, "New seed"),
  );
  return el(
    "form",
    { id: "quiz-form", class: "quiz-form", "data-testid": "quiz-form", novalidate: true, onsubmit: build },
    el(
      "div",
      { class: "quiz-fields" },
      field("quiz-count", "Number of items", el("input", { type: "number", id: "quiz-count", "data-testid": "quiz-count", min: 1, max: MAX_COUNT, step: 1, value: 10, inputmode: "numeric", "aria-describedby": "quiz-count-hint" }), `1 to ${MAX_COUNT}.`),
      field("quiz-doc", "Document", el("select", { id: "quiz-doc", "data-testid": "quiz-doc" }, el("option", { value: "" }, "Any document"))),
      field("quiz-domain", "Domain", el("input", { type: "text", id: "quiz-domain", "data-testid": "quiz-domain", maxlength: 200, autocomplete: "off", spellcheck: "false", "aria-describedby": "quiz-domain-hint" }), "Only domains whose name contains this, e.g. “neglect”."),
      field("quiz-level", "Level", levels),
      field("quiz-difficulty", "Difficulty", difficulty, "Hard: wrong options are close to the right one (a neighbouring level)."),
      field("quiz-seed", "Seed", seedRow, "The same seed and choices give the same quiz."),
    ),
    typeBoxes(),
    el("p", { id: "quiz-area-note", class: "hint", "data-testid": "quiz-area-note" }),
    el(
      "div",
      { class: "form-actions" },
      el("button", { type: "submit", id: "quiz-build", class: "button primary", "data-testid": "quiz-build" }, "Build quiz"),
    ),
  );
}

function areaNote() {
  const note = $("quiz-area-note");
  if (note) {
    note.textContent = state.area
      ? `Area: ${state.area} (the area chosen at the top of the page): its documents and level names.`
      : "Area: any (choose one at the top of the page for its documents and level names).";
  }
}

async function fillDocuments() {
  const select = $("quiz-doc");
  if (!state.docs.size) {
    try {
      await loadDocuments();
    } catch {
      return; // "Any document" still works
    }
  }
  const chosen = select.value;
  select.replaceChildren(
    el("option", { value: "" }, "Any document"),
    ...[...state.docs.values()].map((doc) => el("option", { value: doc.doc_id }, doc.current ? docName(doc.doc_id, doc.title) : `${docName(doc.doc_id, doc.title)} (earlier edition)`)),
  );
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

/** The request the form describes, or a message saying what to fix. */
function request() {
  const count = $("quiz-count").valueAsNumber;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return { problem: `Enter a number of items from 1 to ${MAX_COUNT}.`, focus: "quiz-count" };
  const seed = $("quiz-seed").valueAsNumber;
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return { problem: "Enter a seed: a whole number from 0 upwards, or press “New seed”.", focus: "quiz-seed" };
  const types = [...quiz.view.querySelectorAll("input[name=types]:checked")].map((box) => box.value);
  if (!types.length) return { problem: "Choose at least one item type.", focus: `quiz-type-${TYPES[0][0]}` };
  const level = $("quiz-level").value;
  return {
    body: {
      count,
      seed,
      types,
      doc_id: $("quiz-doc").value || null,
      domain: $("quiz-domain").value.trim() || null,
      level: level ? Number(level) : null,
      area: state.area || null,
      difficulty: $("quiz-difficulty").value,
    },
  };
}

// ---- Talking to the API -------------------------------------------------------------------------

/** POST /api/quiz; a failure becomes an Error whose message is the server's one-sentence detail. */
async function post(body) {
  let response;
  try {
    response = await fetch("/api/quiz", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new Error("The server could not be reached. Check your connection and try again.");
  }
  if (!response.ok) {
    let detail = null;
    try {
      detail = (await response.json()).detail;
    } catch {
      detail = null;
    }
    throw new Error(sentence(typeof detail === "string" ? detail : `the server answered ${response.status}`));
  }
  return response;
}

function showError(message, focusId) {
  const box = $("quiz-error");
  box.textContent = message || "";
  box.hidden = !message;
  if (focusId) $(focusId)?.focus();
}

async function build(event) {
  event.preventDefault();
  const { body, problem, focus } = request();
  if (problem) {
    showError(problem, focus);
    return;
  }
  showError("");
  const seq = ++quiz.seq;
  const button = $("quiz-build");
  button.disabled = true;
  $("quiz-form").setAttribute("aria-busy", "true");
  $("quiz-loading").textContent = "Building the quiz…";
  $("quiz-loading").classList.add("active");
  try {
    const data = await (await post(body)).json();
    if (seq !== quiz.seq) return;
    quiz.request = body;
    renderResult(data, body);
    $("quiz-result-heading").focus();
  } catch (error) {
    if (seq === quiz.seq) showError(error.message);
  } finally {
    if (seq === quiz.seq) {
      button.disabled = false;
      $("quiz-form").removeAttribute("aria-busy");
      $("quiz-loading").textContent = "";
      $("quiz-loading").classList.remove("active");
    }
  }
}

/** The file name from a Content-Disposition header, without any folder part. */
function filenameOf(header) {
  const match = /filename\*=UTF-8''([^;]+)|filename="([^"]+)"|filename=([^;]+)/i.exec(header || "");
  if (!match) return null;
  let name = match[2] || match[3] || "";
  if (match[1]) {
    try {
      name = decodeURIComponent(match[1]);
    } catch {
      name = match[1];
    }
  }
  name = name.trim().split(/[\\/]/).pop();
  return name || null;
}

async function download(format, suffix, button) {
  if (!quiz.request) return;
  const status = $("quiz-download-status");
  const seq = ++quiz.downloads;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  status.classList.remove("error");
  status.textContent = "Preparing the file…";
  try {
    const response = await post({ ...quiz.request, format });
    const blob = await response.blob();
    const name = filenameOf(response.headers.get("Content-Disposition")) || `threshold-quiz-seed${quiz.request.seed}.${suffix}`;
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1500);
    const left = Number(response.headers.get("X-Quiz-Left-Out") || 0);
    if (seq === quiz.downloads) {
      status.textContent = `Downloaded ${name}.${left > 0 ? ` ${left} item${left === 1 ? "" : "s"} left out (limits of this format).` : ""}`;
      status.dataset.leftOut = String(left);
    }
  } catch (error) {
    if (seq === quiz.downloads) {
      status.textContent = error.message;
      status.classList.add("error");
    }
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

// ---- The preview --------------------------------------------------------------------------------

const letter = (i) => String.fromCharCode(65 + i);

function levelLabelsOf(item) {
  const known = new Map();
  for (const c of item.citations) {
    if (c.level && c.level_label && !known.has(c.level)) known.set(c.level, c.level_label);
  }
  return [1, 2, 3, 4].map((level) => known.get(level) || `Level ${level}`);
}

function describe(citation) {
  const where = [...(citation.path || [])];
  if (citation.row) where.push(`row ${citation.row}`);
  return [docName(citation.doc_id, citation.doc_title), citation.level_label, where.join(" › ")].filter(Boolean).join(", ");
}

function sources(item) {
  if (!item.citations.length) return null;
  return el(
    "div",
    { class: "sources" },
    el("h4", {}, "Sources"),
    el(
      "ol",
      {},
      item.citations.map((c) =>
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "source-link",
              "data-testid": "citation-chip",
              "data-n": c.n,
              "data-kind": c.kind,
              "data-unit-id": c.id,
              onclick: (event) => quiz.openSource(c, event.currentTarget),
            },
            el("span", { class: "chip-static", "aria-hidden": "true" }, String(c.n)),
            el("span", {}, el("span", { class: "visually-hidden" }, `Source ${c.n}: `), describe(c)),
          ),
        ),
      ),
    ),
  );
}

function options(item, labels) {
  const order = item.type === "order_escalation";
  return el(
    "ol",
    { class: "quiz-options", "data-testid": "quiz-options" },
    item.options.map((text, i) => {
      const position = item.answer.indexOf(i);
      const correct = !order && position >= 0;
      return el(
        "li",
        { class: `quiz-option${correct ? " correct" : ""}`, "data-testid": "quiz-option", "data-correct": order ? null : String(correct) },
        el("span", { class: "quiz-letter", "aria-hidden": "true" }, `${letter(i)}.`),
        el("span", { class: "visually-hidden" }, `Option ${letter(i)}: `),
        el("span", { class: "quiz-option-text" }, text),
        order && position >= 0
          ? el("span", { class: "quiz-mark" }, ` ${labels[position]}`)
          : correct
            ? el("span", { class: "quiz-mark" }, " Correct answer")
            : null,
      );
    }),
  );
}

function answerText(item, labels) {
  if (item.type === "order_escalation") {
    return el(
      "ol",
      { class: "quiz-order", "aria-label": "The right order" },
      item.answer.map((i, position) => el("li", {}, el("strong", {}, `${labels[position]}: `), `${letter(i)}. ${item.options[i]}`)),
    );
  }
  const picks = item.answer.map((i) => `${letter(i)}. ${item.options[i]}`);
  return el("p", { class: "quiz-correct", "data-testid": "quiz-correct" }, el("strong", {}, item.answer.length > 1 ? "Answers: " : "Answer: "), picks.join("; "));
}

function itemView(item, n) {
  const labels = levelLabelsOf(item);
  const box = el("li", { class: "quiz-item", "data-testid": "quiz-item", "data-type": item.type, "data-item-id": item.id });
  const answer = el(
    "details",
    {
      class: "quiz-answer",
      "data-testid": "quiz-answer",
      ontoggle: (event) => {
        const open = event.currentTarget.open;
        box.classList.toggle("revealed", open);
        event.currentTarget.querySelector(".quiz-toggle").textContent = open ? "Hide answer" : "Show answer";
      },
    },
    el("summary", {}, el("span", { class: "quiz-toggle" }, "Show answer"), el("span", { class: "visually-hidden" }, ` to question ${n}`)),
    answerText(item, labels),
    el("p", { class: "quiz-explanation", "data-testid": "quiz-explanation" }, item.explanation),
    sources(item),
  );
  box.append(
    el(
      "h3",
      { class: "quiz-item-head" },
      `Question ${n}`,
      el("span", { class: "quiz-kind", "data-testid": "quiz-kind" }, TYPE_NAMES.get(item.type) || item.type),
      item.difficulty === "hard" ? el("span", { class: "quiz-kind quiz-hard" }, "Hard") : null,
    ),
    el("p", { class: "quiz-stem", "data-testid": "quiz-stem" }, item.stem),
    options(item, labels),
    answer,
  );
  return box;
}

function availableLine(available) {
  const parts = Object.entries(available || {}).map(([type, n]) => `${TYPE_NAMES.get(type) || type} ${n}`);
  return el("p", { class: "hint quiz-available", "data-testid": "quiz-available" }, "Items available under these choices: ", parts.join(" · ") || "none", ".");
}

function renderResult(data, body) {
  const count = data.items.length;
  const summary = [`${count} item${count === 1 ? "" : "s"}`, `seed ${data.seed}`, body.difficulty];
  if (body.area) summary.push(body.area);
  const downloads = el(
    "div",
    { class: "quiz-downloads", role: "group", "aria-labelledby": "quiz-downloads-heading" },
    el("h3", { id: "quiz-downloads-heading" }, "Download this quiz"),
    el(
      "ul",
      { class: "quiz-download-list" },
      FORMATS.map(([format, name, suffix]) =>
        el(
          "li",
          {},
          el(
            "button",
            {
              type: "button",
              class: "button secondary",
              "data-testid": "quiz-download",
              "data-format": format,
              onclick: (event) => download(format, suffix, event.currentTarget),
            },
            name,
          ),
        ),
      ),
    ),
    el(
      "p",
      { class: "hint" },
      "Aiken, Kahoot and Quizizz cannot hold every question (no ordering questions; Kahoot also limits lengths), so their files are drawn from the items that fit and can differ from this preview.",
    ),
    el("p", { id: "quiz-download-status", class: "quiz-download-status", "data-testid": "quiz-download-status", role: "status", "aria-live": "polite" }),
  );
  $("quiz-result").replaceChildren(
    el("h2", { id: "quiz-result-heading", tabindex: "-1", "data-testid": "quiz-result-heading" }, "The quiz"),
    el("p", { class: "quiz-summary", "data-testid": "quiz-summary" }, summary.join(" · ")),
    availableLine(data.available),
    downloads,
    el("ol", { class: "quiz-items", "data-testid": "quiz-items", "aria-label": "Questions" }, data.items.map((item, i) => itemView(item, i + 1))),
  );
}

// ---- The view -----------------------------------------------------------------------------------

function page() {
  return [
    el("h1", { id: "quiz-heading", tabindex: "-1", "data-testid": "quiz-heading" }, "Build a quiz"),
    el(
      "p",
      { class: "intro" },
      "Questions for training sessions, drawn from the threshold guidance. Every answer is cited to the document, matrix row and level it comes from; preview the items here, then download them for your training platform.",
    ),
    form(),
    el("p", { id: "quiz-loading", class: "loading", "data-testid": "quiz-loading", role: "status", "aria-live": "polite" }),
    el("p", { id: "quiz-error", class: "error", "data-testid": "quiz-error", role: "alert", hidden: true }),
    el("section", { id: "quiz-result", class: "quiz-result", "data-testid": "quiz-result", "aria-labelledby": "quiz-result-heading" }),
  ];
}

/** Shows the quiz builder in `view`; built once, so the form and the preview stay between visits. */
export function showQuiz(view, { openSource, initial = false, keepFocus = false }) {
  quiz.openSource = openSource;
  if (!quiz.view) {
    quiz.view = view;
    view.replaceChildren(...page());
    $("area").addEventListener("change", areaNote);
  }
  areaNote();
  fillDocuments();
  if (!initial && !keepFocus) $("quiz-heading").focus();
}
