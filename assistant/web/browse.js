// Shared helpers (DOM building, the API, the chosen area, the four-column matrix table) and the
// browse views: documents, then a document's domains, indicators and contents, then the matrix.
// Everything from the user or the corpus goes into the page as text nodes, never as HTML.

export const state = { area: "", docs: new Map(), outlines: new Map(), focusQuote: null };

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function qs(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Unit ids contain slashes: encode each segment, keep the slashes. */
export const unitPath = (id) => id.split("/").map(encodeURIComponent).join("/");

export function sentence(text) {
  const trimmed = String(text).trim();
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** JSON from the API; a failure becomes an Error whose message is the server's one-sentence detail. */
export async function api(path, { method = "GET", body, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new Error("The server could not be reached. Check your connection and try again.");
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const detail = data && typeof data.detail === "string" ? data.detail : `the server answered ${response.status}`;
    throw new Error(sentence(detail));
  }
  return data;
}

export async function loadDocuments() {
  const list = await api(`/api/documents${qs({ area: state.area })}`);
  state.docs = new Map(list.map((doc) => [doc.doc_id, doc]));
  return list;
}

async function documents() {
  return state.docs.size ? [...state.docs.values()] : loadDocuments();
}

async function outline(docId) {
  const key = `${docId}|${state.area}`;
  if (!state.outlines.has(key)) {
    const data = await api(`/api/documents/${encodeURIComponent(docId)}${qs({ area: state.area })}`);
    state.outlines.set(key, data);
  }
  return state.outlines.get(key);
}

export const docName = (docId, fallback) => state.docs.get(docId)?.short_title || fallback || docId;

export function statusBadge(current) {
  return current
    ? el("span", { class: "badge badge-current", "data-testid": "badge" }, "Current")
    : el("span", { class: "badge badge-earlier", "data-testid": "badge" }, "Earlier edition");
}

export function levelLabels(docId, cells) {
  const labels = state.docs.get(docId)?.level_labels;
  if (labels && labels.length === 4) return labels;
  return [1, 2, 3, 4].map((level) => cells?.find((c) => c.level === level)?.level_label || `Level ${level}`);
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Appends `text` to `parent` with `quote` inside a <mark>; whitespace differences are forgiven. */
export function appendMarked(parent, text, quote) {
  let start = -1;
  let length = 0;
  if (quote) {
    start = text.indexOf(quote);
    length = quote.length;
    if (start < 0) {
      const words = quote.trim().split(/\s+/).map(escapeRegExp);
      const found = words.length ? new RegExp(words.join("\\s+")).exec(text) : null;
      if (found) [start, length] = [found.index, found[0].length];
    }
  }
  if (start < 0) {
    parent.append(text);
    return false;
  }
  parent.append(text.slice(0, start), el("mark", {}, text.slice(start, start + length)), text.slice(start + length));
  return true;
}

/**
 * The familiar four-column table: one column per level, headed by the document's level labels.
 * `target` (a unit id) or `targetLevel` picks the cited cell: class "cited" and aria-current="true".
 */
export function matrixTable(labels, rows, { caption, target, targetLevel, quote, label } = {}) {
  const head = el(
    "tr",
    {},
    labels.map((text, i) => el("th", { scope: "col", class: `level level-${i + 1}` }, text)),
  );
  const body = rows.map((row) => {
    const tr = el("tr", { "data-unit-id": row.id, "data-testid": "matrix-row" });
    if (target && row.id === target) tr.classList.add("cited-row");
    for (let level = 1; level <= 4; level += 1) {
      const cell = row.cells.find((c) => c.level === level);
      const td = el("td", { class: `level-${level}`, "data-level": level, "data-label": labels[level - 1] });
      if (cell?.id) td.dataset.unitId = cell.id;
      const cited = Boolean(cell) && ((target && cell.id === target) || targetLevel === level);
      if (!cell || !cell.text) {
        td.classList.add("empty");
        td.append(el("span", { class: "visually-hidden" }, "No entry"));
      } else if (cited) {
        td.classList.add("cited");
        td.setAttribute("aria-current", "true");
        td.dataset.testid = "cited-cell";
        appendMarked(td, cell.text, quote);
      } else if (!target && !targetLevel && quote) {
        appendMarked(td, cell.text, quote);
      } else {
        td.append(cell.text);
      }
      tr.append(td);
    }
    return tr;
  });
  const table = el(
    "table",
    { class: "matrix", "data-testid": "matrix-table" },
    caption ? el("caption", {}, caption) : null,
    el("thead", {}, head),
    el("tbody", {}, body),
  );
  return el("div", { class: "table-scroll", role: "region", tabindex: "0", "aria-label": label || caption || "Matrix" }, table);
}

// ---- Browse views -------------------------------------------------------------------------

const docHref = (docId, part) => `#/browse/${encodeURIComponent(docId)}${part === undefined ? "" : `/${part}`}`;

function domainsOf(doc) {
  const names = [];
  for (const group of doc.matrix) if (!names.includes(group.domain)) names.push(group.domain);
  return names;
}

function crumbs(items) {
  return el(
    "nav",
    { class: "crumbs", "aria-label": "Breadcrumb" },
    el(
      "ol",
      {},
      items.map(([text, href], i) =>
        el("li", {}, href && i < items.length - 1 ? el("a", { href }, text) : el("span", { "aria-current": "page" }, text)),
      ),
    ),
  );
}

function heading(text) {
  return el("h1", { tabindex: "-1", "data-testid": "browse-heading" }, text);
}

function docMeta(doc) {
  return el(
    "p",
    { class: "doc-meta" },
    statusBadge(doc.current),
    ` ${doc.publisher} · ${doc.date} · edition: ${doc.edition} · areas: ${doc.areas.join(", ")}`,
  );
}

function countsText(counts) {
  const parts = [];
  if (counts.matrix_row) parts.push(`${counts.matrix_row} matrix rows`);
  if (counts.indicator) parts.push(`${counts.indicator} indicators`);
  if (counts.section) parts.push(`${counts.section} sections`);
  return parts.join(" · ");
}

function documentList(list) {
  const h1 = heading("Browse the guidance");
  const items = list.map((doc) =>
    el(
      "li",
      { class: "doc-card", "data-testid": "doc-card", "data-doc-id": doc.doc_id },
      el("h2", {}, el("a", { href: docHref(doc.doc_id), "data-testid": "doc-link" }, doc.title)),
      el("p", { class: "doc-short" }, doc.short_title),
      docMeta(doc),
      el("p", { class: "muted" }, countsText(doc.counts)),
    ),
  );
  const intro = el(
    "p",
    { class: "intro" },
    "The threshold documents this assistant answers from. Current guidance is listed first; earlier editions are kept for reference.",
  );
  return { nodes: [h1, intro, el("ul", { class: "doc-list" }, items)], focus: h1, title: "Browse" };
}

/** Groups consecutive sections under the same heading path into one contents entry. */
function contents(sections) {
  const entries = [];
  for (const section of sections) {
    const key = section.path.join(" › ");
    if (!entries.length || entries[entries.length - 1].key !== key) entries.push({ key, path: section.path, id: section.id });
  }
  return entries;
}

function documentOverview(doc) {
  const summary = doc.document;
  const h1 = heading(summary.title);
  const nodes = [crumbs([["Browse", "#/browse"], [summary.short_title]]), h1, docMeta(summary)];
  const domains = domainsOf(doc);
  if (domains.length) {
    nodes.push(el("h2", {}, "Matrix domains"));
    nodes.push(
      el(
        "ul",
        { class: "domain-list", "data-testid": "domain-list" },
        domains.map((name, i) => {
          const groups = doc.matrix.filter((g) => g.domain === name);
          const rows = groups.reduce((sum, g) => sum + g.rows.length, 0);
          const subs = groups.map((g) => g.subdomain).filter(Boolean);
          return el(
            "li",
            {},
            el("a", { href: docHref(summary.doc_id, i), "data-testid": "domain-link" }, name),
            el("span", { class: "muted" }, ` ${rows} row${rows === 1 ? "" : "s"}${subs.length ? ` · ${subs.join(", ")}` : ""}`),
          );
        }),
      ),
    );
  }
  if (doc.indicators.length) {
    nodes.push(el("h2", {}, "Indicators of need"));
    nodes.push(
      el(
        "p",
        {},
        el("a", { href: docHref(summary.doc_id, "indicators"), "data-testid": "indicators-link" }, "Indicators by level"),
        el("span", { class: "muted" }, ` ${doc.indicators.length} indicators, shown as the four levels side by side`),
      ),
    );
  }
  if (doc.sections.length) {
    nodes.push(el("h2", {}, "Contents"));
    const items = contents(doc.sections).map((entry) =>
      el(
        "li",
        { class: `toc-depth-${Math.min(entry.path.length, 3)}` },
        el("a", { href: `${docHref(summary.doc_id, "sections")}?unit=${encodeURIComponent(entry.id)}` }, entry.path[entry.path.length - 1] || "Untitled"),
      ),
    );
    nodes.push(el("ol", { class: "toc", "data-testid": "toc" }, items));
  }
  return { nodes, focus: h1, title: summary.short_title };
}

function domainView(doc, index, target, quote) {
  const summary = doc.document;
  const domains = domainsOf(doc);
  const name = domains[index];
  if (name === undefined) throw new Error(`This document has no domain number ${index}.`);
  const labels = summary.level_labels;
  const h1 = heading(name);
  const nodes = [crumbs([["Browse", "#/browse"], [summary.short_title, docHref(summary.doc_id)], [name]]), h1, docMeta(summary)];
  for (const group of doc.matrix.filter((g) => g.domain === name)) {
    if (group.subdomain) nodes.push(el("h2", { class: "subdomain" }, group.subdomain));
    const caption = group.subdomain ? `${name} › ${group.subdomain}` : name;
    nodes.push(matrixTable(labels, group.rows, { target, quote, label: caption }));
  }
  const pager = el("nav", { class: "pager", "aria-label": "Domains" });
  if (index > 0) pager.append(el("a", { href: docHref(summary.doc_id, index - 1), rel: "prev" }, `← ${domains[index - 1]}`));
  if (index < domains.length - 1) pager.append(el("a", { href: docHref(summary.doc_id, index + 1), rel: "next" }, `${domains[index + 1]} →`));
  nodes.push(pager);
  return { nodes, focus: h1, title: name };
}

function indicatorView(doc, target) {
  const summary = doc.document;
  const labels = summary.level_labels;
  const h1 = heading("Indicators of need");
  const nodes = [crumbs([["Browse", "#/browse"], [summary.short_title, docHref(summary.doc_id)], ["Indicators"]]), h1, docMeta(summary)];
  const names = [];
  for (const item of doc.indicators) if (!names.includes(item.domain)) names.push(item.domain);
  for (const name of names) {
    nodes.push(el("h2", { class: "subdomain" }, name));
    const row = el("tr", {});
    for (let level = 1; level <= 4; level += 1) {
      const items = doc.indicators.filter((i) => i.domain === name && i.level === level);
      const list = el(
        "ul",
        { class: "indicators" },
        items.map((item) => {
          const li = el("li", { "data-unit-id": item.id }, item.text);
          if (item.id === target) {
            li.classList.add("cited");
            li.setAttribute("aria-current", "true");
          }
          return li;
        }),
      );
      row.append(el("td", { class: `level-${level}`, "data-label": labels[level - 1] }, items.length ? list : el("span", { class: "visually-hidden" }, "None listed")));
    }
    const table = el(
      "table",
      { class: "matrix" },
      el("thead", {}, el("tr", {}, labels.map((text, i) => el("th", { scope: "col", class: `level level-${i + 1}` }, text)))),
      el("tbody", {}, row),
    );
    nodes.push(el("div", { class: "table-scroll", role: "region", tabindex: "0", "aria-label": name }, table));
  }
  return { nodes, focus: h1, title: "Indicators" };
}

function sectionView(doc, target, quote) {
  const summary = doc.document;
  const h1 = heading(`${summary.short_title}: sections`);
  const nodes = [crumbs([["Browse", "#/browse"], [summary.short_title, docHref(summary.doc_id)], ["Sections"]]), h1, docMeta(summary)];
  let lastKey = null;
  for (const section of doc.sections) {
    const key = section.path.join(" › ");
    const title = section.path[section.path.length - 1] || "";
    if (key !== lastKey) {
      const level = Math.min(section.path.length + 1, 4);
      nodes.push(el(`h${level}`, { class: "section-heading" }, title));
      lastKey = key;
    }
    let text = section.text;
    const [first, ...rest] = text.split("\n");
    if (rest.length && first.trim() === title.trim()) text = rest.join("\n");
    const block = el("div", { class: "passage", "data-unit-id": section.id });
    if (section.id === target) {
      block.classList.add("cited");
      block.setAttribute("aria-current", "true");
      appendMarked(block, text, quote);
    } else {
      block.append(text);
    }
    nodes.push(block);
  }
  return { nodes, focus: h1, title: "Sections" };
}

function locate(doc, unitId) {
  const domains = domainsOf(doc);
  for (const group of doc.matrix) {
    for (const row of group.rows) {
      if (row.id === unitId || row.cells.some((c) => c.id === unitId)) return String(domains.indexOf(group.domain));
    }
  }
  if (doc.indicators.some((i) => i.id === unitId)) return "indicators";
  if (doc.sections.some((s) => s.id === unitId)) return "sections";
  return null;
}

/**
 * Builds the browse view for a route without touching the page: {nodes, focus, title, target}.
 * With `unit`, the view holding that unit is chosen and the unit is highlighted.
 */
export async function renderBrowse({ doc: docId, part, unit, quote }) {
  await documents();
  if (!docId) return documentList([...state.docs.values()]);
  const doc = await outline(docId);
  let view = part;
  if (unit && view === undefined) view = locate(doc, unit);
  let result;
  if (view === undefined || view === null) result = documentOverview(doc);
  else if (view === "indicators") result = indicatorView(doc, unit);
  else if (view === "sections") result = sectionView(doc, unit, quote);
  else if (/^\d+$/.test(view)) result = domainView(doc, Number(view), unit, quote);
  else throw new Error(`There is no page called "${view}" in this document.`);
  if (unit) {
    const found = result.nodes.flatMap((node) => [node, ...node.querySelectorAll("[data-unit-id]")]).find((n) => n.dataset?.unitId === unit);
    if (found) {
      found.classList.add("target");
      found.tabIndex = -1;
      result.target = found;
    } else {
      result.nodes.splice(2, 0, el("p", { class: "error", role: "alert" }, "That passage could not be found in this document."));
    }
  }
  return result;
}
