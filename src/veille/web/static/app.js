// The page of `veille serve`: a map, a timeline, a table and a record panel over the API.
//
// Safety rule: every value that comes from the data (article text, actor names, outlets...)
// enters the DOM as text (textContent, createTextNode) or as a plain attribute value; never
// through innerHTML. Article text is untrusted input.
"use strict";

// ACLED event types and their colours (also the timeline's stacking order).
const TYPES = [
  ["Battles", "#d32f2f"],
  ["Explosions/Remote violence", "#f57c00"],
  ["Violence against civilians", "#7b1fa2"],
  ["Protests", "#1976d2"],
  ["Riots", "#00897b"],
  ["Strategic developments", "#5d4037"],
];
const COLOUR = new Map(TYPES);
const OTHER = "#757575";
// The filters of GET /events the form holds, in the order of the URL's query string.
const FILTERS = ["since", "until", "event_type", "sub_event_type", "actor", "country", "admin1",
                 "min_fatalities", "q", "acled"];
// Fields a correction may change (the store's TRACKED fields that a person can type).
const CORRECTABLE = ["fatalities", "event_date", "event_type", "sub_event_type", "actor1",
                     "actor2", "location", "admin1", "admin2", "country", "latitude",
                     "longitude", "sub_location"];
const MAX_PAGES = 20;  // at most 20,000 events are drawn: enough for a view, cheap for a browser
const DAY = 86400000;

const $ = (selector) => document.querySelector(selector);
let map, cluster, events = [];

// --- small DOM helpers --------------------------------------------------------------------

/** An element with a class and children (strings become text nodes, never HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** A value as people read it: tolls as low–best–high, lists joined, null as a dash. */
function show(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join("; ") : "—";
  if (typeof value === "object" && "best" in value) {
    const {low, best, high} = value;
    if (low === best && best === high) return String(best ?? "—");
    return `${best ?? "?"} (${low ?? "?"}–${high ?? "?"})`;
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

async function getJSON(url, options) {
  const response = await fetch(url, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body?.error ? `${body.error.code}: ${body.error.message}` : response.statusText;
    throw new Error(message);
  }
  return body;
}

// --- filters and the URL ------------------------------------------------------------------

/** The filters of the URL's query string (so a shared URL reproduces the view). */
function filtersFromURL() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const name of FILTERS) if (params.get(name)) filters[name] = params.get(name);
  return filters;
}

function setForm(filters) {
  const form = $("#filters");
  for (const name of FILTERS) form.elements[name].value = filters[name] ?? "";
}

function formFilters() {
  const form = $("#filters");
  const filters = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** Write the filters to the URL (replaceState: no history entry per keystroke) and reload. */
function apply(filters) {
  setForm(filters);
  const query = new URLSearchParams(filters).toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  load(filters);
}

// --- data ---------------------------------------------------------------------------------

/** Every event the filters select, following the cursor pages. */
async function fetchEvents(filters) {
  const found = [];
  let cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = new URLSearchParams({...filters, limit: "1000"});
    if (cursor) params.set("cursor", cursor);
    const body = await getJSON(`/events?${params}`);
    found.push(...body.events);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return {found, truncated: Boolean(cursor)};
}

async function load(filters) {
  const status = $("#status");
  status.textContent = "Loading…";
  try {
    const {found, truncated} = await fetchEvents(filters);
    events = found;
    const located = events.filter(hasPoint).length;
    status.textContent = `${events.length} events, ${located} on the map` +
                         (truncated ? " (first pages only)" : "");
  } catch (error) {
    events = [];
    status.textContent = `Error: ${error.message}`;
  }
  drawMap();
  drawTimeline(filters);
  drawTable();
  subTypes();
  const feed = new URLSearchParams(filters).toString();
  $("#atom").href = feed ? `/events.atom?${feed}` : "/events.atom";
  await drawSources();
  document.body.dataset.loaded = "true";  // tests wait for this
}

const hasPoint = (e) => e.latitude !== null && e.longitude !== null;

// --- map ----------------------------------------------------------------------------------

function initMap() {
  // No tile layer: the basemap is world-atlas's country outlines, served with the page.
  // maxZoom: there is no tile layer to tell it, and the clustering needs it.
  map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 12}).setView([30, 20], 2);
  map.attributionControl.addAttribution("Natural Earth (world-atlas)");
  // The outlines get a pane of their own below the dots, whenever they finish loading.
  map.createPane("basemap").style.zIndex = 300;
  fetch("/static/countries-50m.json").then((r) => r.json()).then((world) => {
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, {interactive: false, pane: "basemap", renderer: L.svg({pane: "basemap"}),
      style: {color: "#a8a8a8", weight: 0.7, fillColor: "#f4f2ec", fillOpacity: 1}}).addTo(map);
  });
  // No animations: the map is settled (and testable) as soon as it is drawn.
  cluster = L.markerClusterGroup({maxClusterRadius: 25, showCoverageOnHover: false,
                                  animate: false});
  map.addLayer(cluster);
  const legend = $("#legend");
  for (const [type, colour] of TYPES) {
    const swatch = el("span", {class: "swatch"});
    swatch.style.background = colour;  // CSSOM, not a style attribute: allowed by the CSP
    legend.append(el("li", {}, swatch, type));
  }
}

/** Radius in pixels: area grows with the toll; a small fixed size when it is unknown. */
function radius(event) {
  const best = event.fatalities?.best;
  if (best === null || best === undefined) return 4;
  return Math.min(28, 5 + 2.5 * Math.sqrt(best));
}

function drawMap() {
  cluster.clearLayers();
  const markers = [];
  for (const event of events.filter(hasPoint)) {
    const marker = L.circleMarker([event.latitude, event.longitude], {
      radius: radius(event), color: "#fff", weight: 1, fillOpacity: 0.85,
      fillColor: COLOUR.get(event.event_type) ?? OTHER, className: "veille-dot"});
    // A node, not a string: Leaflet would put a string into the tooltip as HTML.
    marker.bindTooltip(el("span", {}, `${show(event.event_date)} · ${show(event.location)}`));
    marker.on("click", () => openRecord(event.event_id));
    marker.on("add", () => marker.getElement()?.setAttribute("data-event-id", event.event_id));
    markers.push(marker);
  }
  cluster.addLayers(markers);
  if (markers.length) map.fitBounds(cluster.getBounds().pad(0.1), {maxZoom: 8, animate: false});
}

// --- timeline -----------------------------------------------------------------------------

const dayOf = (iso) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Events per day stacked by type, as SVG; dragging across it sets since/until. */
function drawTimeline(filters) {
  const chart = $("#timeline");
  chart.replaceChildren();
  const dated = events.filter((e) => e.event_date);
  const width = chart.clientWidth || 800, height = chart.clientHeight || 90, axis = 14;
  if (!dated.length) return;
  const days = dated.map((e) => dayOf(e.event_date));
  const first = Math.min(...days), last = Math.max(...days) + DAY;
  const perDay = new Map();  // day -> Map(type -> count)
  for (const e of dated) {
    const day = dayOf(e.event_date);
    const counts = perDay.get(day) ?? new Map();
    counts.set(e.event_type, (counts.get(e.event_type) ?? 0) + 1);
    perDay.set(day, counts);
  }
  const most = Math.max(...[...perDay.values()].map((c) => [...c.values()].reduce((a, b) => a + b)));
  const x = (ms) => ((ms - first) / (last - first)) * width;
  const barWidth = Math.max(1, x(first + DAY) - 1);
  const order = [...TYPES.map(([t]) => t), null];
  for (const [day, counts] of perDay) {
    let y = height - axis;
    for (const type of order) {
      const n = type === null ? sumOthers(counts) : (counts.get(type) ?? 0);
      if (!n) continue;
      const h = (n / most) * (height - axis - 4);
      y -= h;
      const bar = svg("rect", {x: x(day), y, width: barWidth, height: h,
                               fill: type === null ? OTHER : COLOUR.get(type)});
      bar.append(svg("title"));
      bar.firstChild.textContent = `${isoOf(day)}: ${n} ${type ?? "other"}`;
      chart.append(bar);
    }
  }
  for (const [ms, anchor] of [[first, "start"], [last - DAY, "end"]]) {
    const label = svg("text", {x: anchor === "start" ? 0 : width, y: height - 2,
                               "text-anchor": anchor, class: "axis"});
    label.textContent = isoOf(ms);
    chart.append(label);
  }
  brush(chart, (a, b) => {
    const since = isoOf(first + Math.floor((Math.min(a, b) / width) * (last - first) / DAY) * DAY);
    const until = isoOf(first + Math.floor((Math.max(a, b) / width) * (last - first) / DAY) * DAY);
    apply({...filters, ...formFilters(), since, until});
  });
}

function sumOthers(counts) {
  let n = 0;
  for (const [type, count] of counts) if (!COLOUR.has(type)) n += count;
  return n;
}

/** Mouse drag over `chart`: a rectangle follows the mouse; `done(x1, x2)` on release. */
function brush(chart, done) {
  const box = svg("rect", {class: "brush", y: 0, height: "100%", width: 0});
  chart.append(box);
  const at = (event) => event.clientX - chart.getBoundingClientRect().left;
  chart.onmousedown = (down) => {
    const start = at(down);
    box.setAttribute("x", start);
    chart.onmousemove = (move) => {
      box.setAttribute("x", Math.min(start, at(move)));
      box.setAttribute("width", Math.abs(at(move) - start));
    };
    window.onmouseup = (up) => {
      chart.onmousemove = window.onmouseup = null;
      if (Math.abs(at(up) - start) > 3) done(start, at(up));  // a click is not a range
      else box.setAttribute("width", 0);
    };
  };
}

// --- table --------------------------------------------------------------------------------

function drawTable() {
  const body = $("#events tbody");
  body.replaceChildren();
  for (const e of events) {
    const row = el("tr", {"data-event-id": e.event_id},
      el("td", {}, show(e.event_date)), el("td", {}, e.event_type),
      el("td", {}, e.sub_event_type), el("td", {}, show(e.actor1)), el("td", {}, show(e.actor2)),
      el("td", {}, show(e.location)), el("td", {}, show(e.admin1)), el("td", {}, show(e.country)),
      el("td", {}, show(e.fatalities)), el("td", {}, acledIds(e)));
    row.addEventListener("click", () => openRecord(e.event_id));
    body.append(row);
  }
}

/** The sources `veille watch` polls, with their health (GET /sources). */
async function drawSources() {
  const body = $("#sources tbody");
  body.replaceChildren();
  let found = [];
  try {
    found = (await getJSON("/sources")).sources;
  } catch (error) {
    body.append(el("tr", {}, el("td", {colspan: "7"}, `Error: ${error.message}`)));
    return;
  }
  const when = (stamp) => (stamp ? stamp.slice(0, 16).replace("T", " ") : "–");
  for (const s of found) {
    body.append(el("tr", {"data-url": s.url, class: s.errors ? "failing" : ""},
      el("td", {title: s.url}, s.name), el("td", {}, when(s.last_poll)),
      el("td", {}, when(s.last_new)), el("td", {}, String(s.articles)),
      el("td", {}, String(s.errors)), el("td", {}, when(s.next_poll)),
      el("td", {}, show(s.last_error))));
  }
  $("#sources-area").hidden = found.length === 0;
}

function subTypes() {
  const known = [...new Set(events.map((e) => e.sub_event_type))].sort();
  $("#sub-types").replaceChildren(...known.map((t) => el("option", {value: t})));
}

// --- record panel -------------------------------------------------------------------------

async function openRecord(eventId) {
  const panel = $("#record"), body = $("#record-body");
  panel.hidden = false;
  panel.dataset.eventId = eventId;
  for (const row of document.querySelectorAll("#events tr.selected")) row.classList.remove("selected");
  document.querySelector(`#events tr[data-event-id="${CSS.escape(eventId)}"]`)?.classList.add("selected");
  body.replaceChildren(el("p", {}, "Loading…"));
  let detail;
  try {
    detail = await getJSON(`/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    body.replaceChildren(el("p", {class: "error"}, error.message));
    return;
  }
  const articles = await Promise.all([...new Set(detail.event.sources.map((s) => s.article_id))]
    .map((id) => getJSON(`/articles/${encodeURIComponent(id)}`).catch(() => null)));
  const e = detail.event;
  body.replaceChildren(
    el("h2", {}, `${e.event_type} · ${e.sub_event_type}`),
    el("h3", {}, "Fields"), fields(e),
    el("h3", {}, "Sources"), ...e.sources.map(source),
    el("h3", {}, "Evidence in the articles"),
    ...articles.filter(Boolean).map((a) => articleText(a, detail.evidence)),
    el("h3", {}, "Casualty reports"), ...casualties(articles.filter(Boolean)),
    el("h3", {}, "Revisions"), revisions(detail.revisions),
    el("h3", {}, "Correct a field"), correctionForm(e));
  panel.dataset.loaded = eventId;  // tests wait for this
}

function fields(e) {
  const list = el("dl", {class: "fields"});
  for (const [name, value] of Object.entries(e)) {
    if (name === "sources" || name === "evidence") continue;
    list.append(el("dt", {}, name), el("dd", {"data-field": name}, show(value)));
  }
  return list;
}

/** The ids ACLED's data gives the event (`veille import acled`), or a dash. */
function acledIds(e) {
  const ids = e.sources.map((s) => s.acled_event_id).filter(Boolean);
  return ids.length ? ids.join(", ") : "–";
}

function source(s) {
  return el("div", {class: "source"},
    el("strong", {}, s.outlet ?? `article ${s.article_id}`), ` · ${show(s.published)} `,
    s.acled_event_id ? ` · ACLED event ${s.acled_event_id}` : "",
    s.title ? el("em", {}, ` · ${s.title}`) : null,
    s.attributed_to ? ` · according to ${s.attributed_to}` : "",
    s.url ? el("div", {}, el("small", {}, s.url)) : null);  // shown, not linked: no navigation
}

/** The article's text as text nodes, with <mark> around each evidence span of this event. */
function articleText(article, evidence) {
  const text = article.text;
  // Spans sorted and clipped so they never overlap: each character is marked at most once.
  const spans = evidence.filter((s) => s.article_id === article.id && s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const block = el("div", {class: "article-text", "data-article-id": article.id});
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at), end = Math.min(span.end, text.length);
    if (end <= start) continue;
    block.append(document.createTextNode(text.slice(at, start)));
    block.append(el("mark", {title: span.field, "data-field": span.field}, text.slice(start, end)));
    at = end;
  }
  block.append(document.createTextNode(text.slice(at)));
  return el("div", {}, el("div", {class: "source"}, el("strong", {}, show(article.outlet)), " · ",
                         show(article.title ?? article.id)), block);
}

function casualties(articles) {
  const reports = articles.flatMap((a) => a.casualty_reports);
  if (!reports.length) return [el("p", {class: "casualty"}, "None.")];
  return reports.map((r) => el("div", {class: "casualty"},
    `${r.outcome}: ${show(r.total)}${r.cumulative ? " (running total)" : ""}`,
    r.attributed_to ? ` · according to ${r.attributed_to}` : "",
    r.breakdown.length ? ` · ${r.breakdown.map((b) => `${b.party}: ${b.count}`).join(", ")}` : ""));
}

function revisions(list) {
  const box = el("div", {class: "revisions"});
  if (!list.length) box.append(el("p", {class: "revision"}, "None."));
  for (const r of list) {
    const who = r.author ? `by ${r.author}` : `from article ${r.article_id}`;
    const changes = Object.entries(r.changes)
      .map(([name, c]) => `${name}: ${show(c.old)} → ${show(c.new)}`).join("; ");
    box.append(el("div", {class: "revision"}, el("strong", {}, `${r.at.slice(0, 19)} ${who}`),
                  ` ${changes}`, r.reason ? el("em", {}, ` (${r.reason})`) : null));
  }
  return box;
}

/** PATCH /events/{id}; the token stays in this tab's sessionStorage, never in the URL. */
function correctionForm(e) {
  const form = el("form", {id: "correct"});
  const field = el("select", {name: "field"}, ...CORRECTABLE.map((f) => el("option", {value: f}, f)));
  const value = el("input", {name: "value", placeholder: '{"low": 3, "best": 4, "high": 4}'});
  const reason = el("input", {name: "reason"});
  const token = el("input", {name: "token", type: "password", autocomplete: "off"});
  token.value = sessionStorage.getItem("veille-token") ?? "";
  const message = el("p", {class: "message", role: "status"});
  form.append(el("label", {for: "c-field"}, "Field"), field, el("label", {}, "New value"), value,
              el("label", {}, "Reason"), reason, el("label", {}, "Token"), token,
              el("button", {type: "submit"}, "Correct"), message);
  field.id = "c-field";
  form.addEventListener("submit", async (submit) => {
    submit.preventDefault();
    sessionStorage.setItem("veille-token", token.value);
    let parsed = value.value;
    // Tolls and coordinates are JSON ({"best": 4} or 36.2); other fields are plain text.
    if (["fatalities", "latitude", "longitude"].includes(field.value)) {
      try { parsed = JSON.parse(value.value); } catch {
        message.className = "message error";
        message.textContent = "The value must be JSON, like {\"low\": 3, \"best\": 4, \"high\": 4}.";
        return;
      }
    }
    const headers = {"Content-Type": "application/json"};
    if (token.value) headers.Authorization = `Bearer ${token.value}`;
    try {
      await getJSON(`/events/${encodeURIComponent(e.event_id)}`, {method: "PATCH", headers,
        body: JSON.stringify({values: {[field.value]: parsed}, reason: reason.value || null})});
    } catch (error) {
      message.className = "message error";
      message.textContent = `Refused: ${error.message}`;
      return;
    }
    await openRecord(e.event_id);  // shows the new revision
    const done = $("#correct .message");
    done.className = "message ok";
    done.textContent = `Saved: ${field.value} corrected.`;
    load(formFilters());
  });
  return form;
}

// --- start --------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  initMap();
  $("#filters").addEventListener("submit", (submit) => {
    submit.preventDefault();
    apply(formFilters());
  });
  $("#reset").addEventListener("click", () => apply({}));
  $("#close-record").addEventListener("click", () => { $("#record").hidden = true; });
  window.addEventListener("resize", () => drawTimeline(formFilters()));
  const filters = filtersFromURL();
  setForm(filters);
  load(filters);
});
