// The class board: draws GET /api/class and follows /api/stream (server-sent events).
// Every word comes from /strings.json (src/class/strings.rs: the catalogue's board-* messages)
// in the page's language (<html lang>, chosen by the server: src/class/server/words.rs). Text
// is always set with textContent, never parsed as HTML.
"use strict";
(() => {
  const key = new URLSearchParams(location.search).get("key") || "";
  const q = "key=" + encodeURIComponent(key);
  const $ = (id) => document.getElementById(id);
  let T = {};
  // "1 learner", "2 learners": the singular word where the page's language says a count is
  // singular (Intl.PluralRules), else the plural one.
  const counted = (n, one, other) =>
    n + " " + (new Intl.PluralRules(T.lang || "en").select(n) === "one" ? one : other);
  let view = null;          // the last whole board
  let rows = new Map();     // learner id -> row data
  let receivedAt = Date.now();
  let open = null;          // the learner whose details are open

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  };
  const dur = (s) => s >= 60 ? Math.floor(s / 60) + T.minutes + " " + String(s % 60).padStart(2, "0") + T.seconds : s + T.seconds;

  function order(a, b) {
    if (a.stuck !== b.stuck) return a.stuck ? -1 : 1;
    if (a.stuck_seconds !== b.stuck_seconds) return b.stuck_seconds - a.stuck_seconds;
    return a.name.toLowerCase().localeCompare(b.name.toLowerCase());
  }

  function drawHeader() {
    $("title").textContent = view.title;
    document.title = view.title + " · " + T.board;
    $("lab").textContent = view.lab ? view.lab.title + " (" + view.lab.id + ")" : "";
    const n = rows.size;
    $("count-learners").textContent = counted(n, T.learners_one, T.learners);
    $("count-stuck").textContent = view.stuck + " " + T.stuck;
    $("count-finished").textContent = counted(view.finished, T.finished_one, T.finished);
  }

  function drawSteps() {
    const box = $("steps");
    box.replaceChildren();
    const n = rows.size;
    view.steps.forEach((s, i) => {
      const d = el("div", "step");
      d.dataset.step = s.id;
      d.title = s.title;
      d.append(el("span", "n", i + 1 + "."), el("span", "id", s.id));
      const c = el("span", "count", s.past + "/" + n);
      c.dataset.stepCount = s.id;
      c.title = s.past + "/" + n + " " + T.past + " " + s.id;
      d.append(c);
      if (s.failed > 0) d.append(el("span", "count failed", s.failed + " " + T.failed));
      box.append(d);
    });
  }

  function drawRow(l) {
    const r = el("div", "row");
    r.tabIndex = 0;
    r.dataset.learner = l.name;
    r.dataset.current = l.current || "";
    r.dataset.run = l.run || "";
    if (l.stuck) r.classList.add("stuck");
    if (!l.online) r.classList.add("offline");
    const name = el("div", "name", l.name);
    if (l.source === "pull") name.append(el("span", "badge", T.pull));
    else if (!l.online) name.append(el("span", "badge", T.offline));
    const cells = el("div", "cells");
    l.cells.forEach((c, i) => {
      const step = view.steps[i];
      const cell = el("span", "cell");
      cell.dataset.step = step ? step.id : "";
      cell.dataset.state = c.state;
      const why = c.reason || (c.note ? T[c.note] : "");
      cell.title = (i + 1) + ". " + (step ? step.id : "") + ": " + T[c.state] + (why ? " (" + why + ")" : "");
      if (step && step.id === l.current) cell.classList.add("current");
      cells.append(cell);
    });
    const where = el("div", "where");
    if (l.current) where.append(el("span", "step", (l.current_index ? l.current_index + ". " : "") + l.current));
    let state = l.run ? (T[l.run] || l.run) : "";
    if (l.stuck) state = T.stuck + (l.failure ? ": " + l.failure.expected : l.check ? ": " + T.waiting_on + " " + l.check.description : "");
    else if (l.check) state = T.waiting_on + " " + l.check.description;
    where.append(el("span", "state", state));
    const time = el("div", "time");
    time.dataset.seconds = l.seconds_on_step == null ? "" : l.seconds_on_step;
    r.append(name, cells, where, time);
    r.addEventListener("click", () => showDetail(l.id));
    r.addEventListener("keydown", (e) => { if (e.key === "Enter") showDetail(l.id); });
    return r;
  }

  function drawGrid() {
    const grid = $("grid");
    const list = [...rows.values()].sort(order);
    grid.replaceChildren(...list.map(drawRow));
    $("empty").hidden = list.length > 0;
    tick();
  }

  function tick() {
    const extra = Math.floor((Date.now() - receivedAt) / 1000);
    document.querySelectorAll(".row .time").forEach((t) => {
      const s = t.dataset.seconds;
      t.textContent = s === "" ? "" : dur(Number(s) + extra);
    });
  }

  function drawAnnouncements(list) {
    const ol = $("announcements");
    ol.replaceChildren(...list.slice().reverse().map((a) => el("li", null, a.text)));
  }

  function showDetail(id) {
    const l = rows.get(id);
    if (!l) return;
    open = id;
    const body = $("detail-body");
    body.replaceChildren();
    body.append(el("h2", null, l.name));
    const dl = el("dl");
    const add = (label, value, cls) => {
      if (value === undefined || value === null || value === "") return;
      dl.append(el("dt", null, label));
      const dd = el("dd", cls, value);
      dl.append(dd);
    };
    if (l.current) add(T.on_step, (l.current_index ? l.current_index + ". " : "") + l.current + (l.seconds_on_step != null ? " · " + dur(l.seconds_on_step) : ""));
    if (l.check) add(T.waiting_on, l.check.description + (l.check.observed ? " (" + l.check.observed + ")" : ""), "waiting");
    const f = l.failure;
    if (f) {
      add(T.diagnosis, f.diagnosis, "diagnosis");
      add(T.expected, f.expected, "expected");
      add(T.observed, f.observed, "observed");
      add(T.hint, f.hint, "hint");
      if (f.events && f.events.length) add(T.events, f.events.join("\n"), "events");
    }
    body.append(dl);
    const d = $("detail");
    if (!d.open) d.showModal();
  }

  function applyView(v) {
    view = v;
    receivedAt = Date.now();
    rows = new Map(v.learners.map((l) => [l.id, l]));
    drawHeader(); drawSteps(); drawGrid(); drawAnnouncements(v.announcements);
    if (open !== null && $("detail").open) showDetail(open);
  }

  function applyUpdate(u) {
    if (!view) return;
    const ids = u.steps.map((s) => s.id).join(" ");
    if (ids !== view.steps.map((s) => s.id).join(" ")) { load(); return; }
    view.steps = u.steps; view.stuck = u.stuck; view.finished = u.finished;
    receivedAt = Date.now();
    u.learners.forEach((l) => rows.set(l.id, l));
    if (u.announcements.length) {
      view.announcements = view.announcements.concat(u.announcements);
      drawAnnouncements(view.announcements);
    }
    drawHeader(); drawSteps(); drawGrid();
    if (open !== null && $("detail").open) showDetail(open);
  }

  function problem(text) {
    const p = $("problem");
    p.hidden = !text;
    p.textContent = text || "";
  }

  async function load() {
    const r = await fetch("api/class?" + q);
    if (!r.ok) {
      const b = await r.json().catch(() => ({}));
      // A refusal the board knows (its code) is said in the board's language.
      const known = b.code ? T[b.code.replace(/-/g, "_")] : undefined;
      problem(known || ((b.error || r.statusText) + (b.hint ? " — " + b.hint : "")));
      return false;
    }
    problem("");
    applyView(await r.json());
    return true;
  }

  function follow() {
    const es = new EventSource("api/stream?" + q);
    es.addEventListener("class", (e) => { applyView(JSON.parse(e.data)); $("live").className = "live on"; $("live").textContent = T.live; });
    es.addEventListener("update", (e) => applyUpdate(JSON.parse(e.data)));
    es.onerror = () => { $("live").className = "live off"; $("live").textContent = T.reconnecting; };
  }

  async function main() {
    T = await (await fetch("strings.json?lang=" + encodeURIComponent(document.documentElement.lang))).json();
    document.documentElement.lang = T.lang;
    $("steps").setAttribute("aria-label", T.steps);
    $("grid").setAttribute("aria-label", T.learners);
    $("announce-text").setAttribute("aria-label", T.announce);
    $("empty").textContent = T.no_learners;
    $("announce-text").placeholder = T.announce_placeholder;
    $("announce-send").textContent = T.announce;
    $("detail-close").textContent = T.close;
    $("live").textContent = T.reconnecting;
    $("announce").addEventListener("submit", async (e) => {
      e.preventDefault();
      const text = $("announce-text").value.trim();
      if (!text) return;
      const r = await fetch("api/announcements?" + q, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
      if (r.ok) $("announce-text").value = "";
    });
    $("detail").addEventListener("close", () => { open = null; });
    if (await load()) follow();
    setInterval(tick, 1000);
  }
  main();
})();
