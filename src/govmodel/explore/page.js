// govmodel explorer: the tree on a chosen date, search, and each body's history and lineage.
// Every value from the data is written with textContent (never as markup). The data's shape
// is described in govmodel/explore/data.py.
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("gm-data").textContent);
  const V_FROM = 0, V_TO = 1, V_NAME = 2, V_PARENT = 3, V_KIND = 4, V_DECS = 5, V_CHANGED = 6,
    V_SHORT = 7, V_LEVEL = 8;
  const E_SOURCE = 0, E_TARGET = 1, E_KIND = 2, E_ON = 3, E_DEC = 4, E_DEFAULT = 5;

  // Maps, not objects: an id such as "constructor" or "__proto__" stays an ordinary key.
  const ORGS = new Map(Object.entries(DATA.orgs));
  const CHANGES = new Map(Object.entries(DATA.changes));
  const ALIASES = new Map(Object.entries(DATA.aliases));
  const DECISIONS = DATA.decisions;
  const DAYS = DATA.days;
  const IDS = Array.from(ORGS.keys()).sort();

  // ---------------------------------------------------------------- folding (govmodel.vn.fold)
  // Lower case, no diacritics, "đ" -> "d", single spaces: the same steps as the Python fold.
  const D_LIKE = new Map([["\u0110", "D"], ["\u0111", "d"], ["\u00d0", "D"], ["\u00f0", "d"],
    ["\u0189", "D"], ["\u0256", "d"]]);
  const CASEFOLD = new Map([["\u00df", "ss"], ["\u1e9e", "ss"], ["\u03c2", "\u03c3"]]);
  // The characters Python's str.split() splits on.
  const SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  const stripMarks = (s) => s.normalize("NFD").replace(/\p{M}/gu, "");
  function fold(text) {
    let f = stripMarks(text).toLowerCase().replace(/[\u00df\u1e9e\u03c2]/g, (c) => CASEFOLD.get(c));
    f = stripMarks(f).replace(/[\u0110\u0111\u00d0\u00f0\u0189\u0256]/g, (c) => D_LIKE.get(c));
    return f.toLowerCase().split(SPACE).filter(Boolean).join(" ");
  }
  const foldCache = new Map();
  function folded(text) {
    let f = foldCache.get(text);
    if (f === undefined) { f = fold(text); foldCache.set(text, f); }
    return f;
  }
  // Python compares text by code point; "<" compares UTF-16 units, which differs only where
  // a surrogate (a character above U+FFFF) meets U+E000..U+FFFF: lift surrogates above those.
  const unit = (u) => (u >= 0xd800 && u <= 0xdfff ? u + 0x2000 : u >= 0xe000 ? u - 0x800 : u);
  function cmpText(a, b) {
    if (a === b) return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return unit(x) - unit(y);
    }
    return a.length - b.length;
  }

  // ---------------------------------------------------------------- versions on a date
  let current = DATA.on || (DAYS.length ? DAYS[DAYS.length - 1] : null);
  let selected = DATA.org !== null && ORGS.has(DATA.org) ? DATA.org : null;

  function holds(v, day) {
    if (day === null) return v[V_FROM] === null;
    return (v[V_FROM] === null || v[V_FROM] <= day) && (v[V_TO] === null || day < v[V_TO]);
  }
  function versionOn(id, day) {
    for (const v of ORGS.get(id).v) if (holds(v, day)) return v;
    return null;
  }
  // The name on *day*, else the last one held before it, else the first.
  function nameOf(id, day) {
    const org = ORGS.get(id);
    if (!org) return id;
    let best = org.v[0];
    for (const v of org.v) {
      if (holds(v, day)) return v[V_NAME];
      if (day !== null && v[V_FROM] !== null && v[V_FROM] <= day) best = v;
    }
    return best[V_NAME];
  }
  function byName(day) {
    return (a, b) => cmpText(folded(a.v[V_NAME]), folded(b.v[V_NAME])) || cmpText(a.id, b.id);
  }
  // The organisation tree on *day*: roots and children, each sorted by folded name, then id
  // (the order of Snapshot.children).
  function state(day) {
    const alive = new Map();
    for (const id of IDS) {
      const v = versionOn(id, day);
      if (v) alive.set(id, { id: id, v: v, kids: [] });
    }
    const roots = [];
    for (const node of alive.values()) {
      const parent = node.v[V_PARENT];
      if (parent !== null && alive.has(parent)) alive.get(parent).kids.push(node);
      else roots.push(node);
    }
    const order = byName(day);
    for (const node of alive.values()) node.kids.sort(order);
    roots.sort(order);
    return { roots: roots, count: alive.size };
  }

  // ---------------------------------------------------------------- small DOM helpers
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function dayText(iso) {
    if (iso === null || iso === undefined) return "\u2026";
    const p = iso.split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : iso;
  }
  const kindText = (k) => (k === null ? "" : String(k).replace(/_/g, " "));
  function decisionEl(i) {
    const d = DECISIONS[i];
    const e = el("span", "gm-dec", d.number);
    const issuer = ORGS.has(d.issuer) ? nameOf(d.issuer, d.effective_on) : d.issuer;
    let tip = d.doc_type + " " + d.number + " \u2014 " + (d.title || "(no title)") + "\n" + issuer;
    if (d.signed_on) tip += "\nsigned " + dayText(d.signed_on);
    tip += "\nin force from " + dayText(d.effective_on) + (d.ends ? " to " + dayText(d.ends) : "");
    e.title = tip;
    e.dataset.decision = String(i);
    return e;
  }
  function orgLink(id, day) {
    if (id === null || !ORGS.has(id)) return el("span", null, id === null ? "\u2014" : id);
    const a = el("span", "gm-link", nameOf(id, day));
    a.dataset.org = id;
    a.tabIndex = 0;
    a.title = id;
    return a;
  }
  function append(parent, ...parts) {
    for (const p of parts) parent.appendChild(typeof p === "string" ? document.createTextNode(p) : p);
    return parent;
  }

  // ---------------------------------------------------------------- the tree
  const tree = document.getElementById("gm-tree");
  function nodeEl(node, day) {
    const li = el("li");
    li.dataset.id = node.id;
    const box = el("span", "gm-node");
    box.tabIndex = 0;
    box.setAttribute("role", "button");
    box.appendChild(el("span", "gm-name", node.v[V_NAME]));
    box.appendChild(el("span", "gm-kind", kindText(node.v[V_KIND])));
    if (node.v[V_FROM] !== null) for (const i of node.v[V_DECS]) box.appendChild(decisionEl(i));
    if (day !== null && node.v[V_FROM] === day) box.classList.add("gm-new");
    if (node.id === selected) box.classList.add("gm-selected");
    li.appendChild(box);
    if (node.kids.length) {
      const ul = el("ul");
      for (const k of node.kids) ul.appendChild(nodeEl(k, day));
      li.appendChild(ul);
    }
    return li;
  }
  function drawTree() {
    const s = state(current);
    clear(tree);
    for (const r of s.roots) tree.appendChild(nodeEl(r, current));
    document.getElementById("gm-count").textContent =
      s.count + " bodies on " + (current === null ? "the first day" : dayText(current));
  }

  // ---------------------------------------------------------------- the day's changes
  function prevDay(iso) {
    const i = DAYS.indexOf(iso);
    return i > 0 ? DAYS[i - 1] : iso;
  }
  const ENDINGS = new Set(["merged", "absorbed", "split", "dissolved"]);
  function value(x) {
    if (x === null || x === undefined) return "\u2014";
    return Array.isArray(x) ? (x.map(value).join(", ") || "\u2014") : String(x);
  }
  function changeEl(row, day) {
    const [id, attr, before, after, dec] = row;
    const li = el("li");
    const prev = prevDay(day);
    append(li, orgLink(id, day), ": ");
    if (attr === "established") append(li, "established");
    else if (attr === "name") append(li, "renamed from \u201c" + value(before) + "\u201d");
    else if (attr === "parent") append(li, "moved from ", orgLink(before, prev), " to ", orgLink(after, day));
    else if (ENDINGS.has(attr)) {
      append(li, attr);
      if (Array.isArray(after) && after.length) {
        append(li, " into ");
        after.forEach((t, k) => { if (k) append(li, ", "); append(li, orgLink(t, day)); });
      }
    } else if (attr === "mandate" || attr === "composition") append(li, attr + " changed");
    else append(li, kindText(attr) + ": " + value(before) + " \u2192 " + value(after));
    if (dec !== null) append(li, " ", decisionEl(dec));
    return li;
  }
  function drawChanges() {
    const box = document.getElementById("gm-changes");
    clear(box);
    const rows = current === null ? undefined : CHANGES.get(current);
    const taking = DECISIONS.map((d, i) => [d, i]).filter(([d]) => d.effective_on === current);
    if (!rows && !taking.length) return;
    box.appendChild(el("h2", null, "Changes on " + dayText(current)));
    if (taking.length) {
      const p = el("p", "gm-muted", "Taking effect: ");
      taking.forEach(([d, i], k) => { if (k) append(p, "; "); append(p, decisionEl(i), " " + d.title); });
      box.appendChild(p);
    }
    if (rows) {
      const ul = el("ul");
      for (const r of rows) ul.appendChild(changeEl(r, current));
      box.appendChild(ul);
    }
  }

  // ---------------------------------------------------------------- the side panel
  const panel = document.getElementById("gm-panel");
  function lifeSpan(org) {
    const first = org.v[0][V_FROM], last = org.v[org.v.length - 1][V_TO];
    return (first === null ? "before the data begins" : "from " + dayText(first)) +
      (last === null ? ", still in place" : " to " + dayText(last) + " (exclusive)");
  }
  // One entry per version: its interval, deciding decisions, name, parent, kind and what
  // it changed; the version holding on the chosen day is marked.
  function historyList(org) {
    const list = el("ol", "gm-history");
    for (const v of org.v) {
      const li = el("li", holds(v, current) ? "gm-now" : null);
      const when = el("div", "gm-when-line");
      const from = el("span", v[V_FROM] === null ? "gm-from" : "gm-from gm-link", dayText(v[V_FROM]));
      if (v[V_FROM] !== null) from.dataset.day = v[V_FROM];
      append(when, from, " \u2192 " + dayText(v[V_TO]) + " ");
      for (const i of v[V_DECS]) append(when, decisionEl(i), " ");
      li.appendChild(when);
      li.appendChild(el("div", "gm-vname", v[V_NAME]));
      if (v[V_SHORT].length) li.appendChild(el("div", "gm-muted", v[V_SHORT].join("; ")));
      const about = el("div", "gm-muted");
      if (v[V_PARENT] !== null) {
        append(about, "under ", orgLink(v[V_PARENT], v[V_FROM] === null ? current : v[V_FROM]), " \u00b7 ");
      }
      append(about, kindText(v[V_KIND]) + (v[V_LEVEL] ? " (" + v[V_LEVEL] + ")" : ""));
      if (v[V_CHANGED].length) append(about, " \u00b7 set: " + v[V_CHANGED].map(kindText).join(", "));
      li.appendChild(about);
      list.appendChild(li);
    }
    return list;
  }
  function edgeEl(e, id) {
    const li = el("li");
    li.dataset.kind = e[E_KIND];
    if (e[E_SOURCE] === id && (e[E_TARGET] === id || e[E_TARGET] === null)) {
      append(li, e[E_KIND] + " on " + dayText(e[E_ON]));
      const was = versionOn(id, prevDay(e[E_ON])), is = versionOn(id, e[E_ON]);
      if (e[E_KIND] === "renamed" && was && is && was !== is) {
        append(li, " from \u201c" + was[V_NAME] + "\u201d to \u201c" + is[V_NAME] + "\u201d");
      }
    } else if (e[E_SOURCE] === id) {
      append(li, e[E_KIND] + " \u2192 ", orgLink(e[E_TARGET], e[E_ON]), " on " + dayText(e[E_ON]));
    } else {
      append(li, "\u2190 ", orgLink(e[E_SOURCE], e[E_ON]), " " + e[E_KIND] + " into this on " +
        dayText(e[E_ON]));
    }
    if (e[E_DEFAULT]) append(li, " (default successor)");
    if (e[E_DEC] !== null) append(li, " ", decisionEl(e[E_DEC]));
    return li;
  }
  function drawPanel() {
    clear(panel);
    if (selected === null) return;
    const org = ORGS.get(selected);
    const v = versionOn(selected, current);
    panel.appendChild(el("h2", "gm-title", nameOf(selected, current)));
    panel.appendChild(el("p", "gm-muted", selected + " \u00b7 " + org.type + " \u00b7 " + lifeSpan(org)));
    if (!v) {
      const p = el("p", "gm-absent", "Not in place on " + dayText(current) + ". ");
      // The nearest change day it was in place: the last before the chosen day, else the first.
      const when = DAYS.filter((d) => versionOn(selected, d));
      const before = when.filter((d) => d <= current);
      const day = before.length ? before[before.length - 1] : when[0];
      if (day !== undefined) {
        const go = el("span", "gm-link", "Show it on " + dayText(day));
        go.dataset.day = day;
        p.appendChild(go);
      }
      panel.appendChild(p);
    }
    panel.appendChild(el("h3", null, "History"));
    panel.appendChild(historyList(org));
    if (org.end) {
      const [kind, on, into, dec, dflt] = org.end;
      const p = el("p", "gm-end", "Ended on " + dayText(on) + ": " + kind);
      if (into.length && !(into.length === 1 && into[0] === selected)) {
        append(p, " into ");
        into.forEach((t, k) => { if (k) append(p, ", "); append(p, orgLink(t, on)); });
      }
      if (dflt && into.length > 1) append(p, " (default: ", orgLink(dflt, on), ")");
      if (dec !== null) append(p, " ", decisionEl(dec));
      panel.appendChild(p);
    }
    const edges = DATA.edges.filter((e) => e[E_SOURCE] === selected || e[E_TARGET] === selected);
    panel.appendChild(el("h3", null, "Lineage"));
    if (!edges.length) panel.appendChild(el("p", "gm-muted", "No merges, splits, renames or transfers recorded."));
    else {
      const ul = el("ul", "gm-lineage");
      for (const e of edges) ul.appendChild(edgeEl(e, selected));
      panel.appendChild(ul);
    }
  }

  // ---------------------------------------------------------------- search
  const KEYS = new Map(IDS.map((id) => [id, ORGS.get(id).keys.map((k) => k.split(" "))]));
  const WORD = /[0-9a-z]+/g;
  // The query's words: folded; a known abbreviation ("tttt", "cds", "ubnd") spelled out.
  function queryWords(text) {
    const out = [];
    for (const chunk of fold(text).split(" ")) {
      const words = chunk.match(WORD) || [];
      const expansion = ALIASES.get(words.join(""));
      out.push(...(expansion === undefined ? words : expansion.match(WORD)));
    }
    return out;
  }
  // Ids whose names (any one name, former ones too) hold every query word as a word's start.
  function search(text) {
    const words = queryWords(text);
    if (!words.length) return [];
    const found = IDS.filter((id) => KEYS.get(id).some((name) =>
      words.every((w) => name.some((x) => x.startsWith(w)))));
    const alive = (id) => (versionOn(id, current) ? 0 : 1);
    return found.sort((a, b) => alive(a) - alive(b) ||
      cmpText(folded(nameOf(a, current)), folded(nameOf(b, current))) || cmpText(a, b));
  }
  const box = document.getElementById("gm-search");
  const results = document.getElementById("gm-results");
  function drawResults() {
    clear(results);
    if (!box.value.trim()) return;
    const found = search(box.value);
    if (!found.length) { results.appendChild(el("li", "gm-none", "Nothing matches.")); return; }
    for (const id of found.slice(0, 60)) {
      const li = el("li", "gm-result");
      li.dataset.org = id;
      li.tabIndex = 0;
      li.appendChild(el("span", "gm-name", nameOf(id, current)));
      const org = ORGS.get(id);
      li.appendChild(el("span", "gm-muted", " \u00b7 " + (versionOn(id, current) ? "" : "not in place \u00b7 ") + lifeSpan(org)));
      results.appendChild(li);
    }
  }

  // ---------------------------------------------------------------- state and events
  const slider = document.getElementById("gm-slider");
  const dateBox = document.getElementById("gm-date");
  function sliderIndex(day) {
    let k = 0;
    for (let i = 0; i < DAYS.length; i++) if (DAYS[i] <= day) k = i;
    return k;
  }
  function saveHash() {
    const parts = [];
    if (current !== null) parts.push("on=" + encodeURIComponent(current));
    if (selected !== null) parts.push("org=" + encodeURIComponent(selected));
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (err) { /* file: pages may refuse */ }
  }
  function draw() {
    document.getElementById("gm-day").textContent = current === null ? "\u2014" : dayText(current);
    if (current !== null) dateBox.value = current;
    drawChanges();
    drawTree();
    drawPanel();
    drawResults();
    saveHash();
  }
  function setDay(day, fromSlider) {
    if (day === null || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    current = day;
    if (!fromSlider) slider.value = String(sliderIndex(day));
    draw();
  }
  function select(id) {
    if (!ORGS.has(id)) return;
    selected = id;
    draw();
    const node = tree.querySelector(".gm-selected");
    if (node && node.scrollIntoView) node.scrollIntoView({ block: "nearest" });
  }
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const on = params.get("on"), org = params.get("org");
    if (org !== null && ORGS.has(org)) selected = org;
    if (on !== null && /^\d{4}-\d{2}-\d{2}$/.test(on)) setDay(on, false);
    else draw();
  }

  slider.max = String(Math.max(DAYS.length - 1, 0));
  slider.disabled = DAYS.length < 2;
  slider.value = String(current === null ? 0 : sliderIndex(current));
  slider.addEventListener("input", () => setDay(DAYS[Number(slider.value)], true));
  dateBox.addEventListener("change", () => setDay(dateBox.value, false));
  box.addEventListener("input", drawResults);
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const first = results.querySelector("li[data-org]");
      if (first) select(first.dataset.org);
    }
  });
  function activate(ev) {
    const t = ev.target.closest("[data-org], [data-day], li[data-id] > .gm-node");
    if (!t) return;
    if (t.dataset.org !== undefined) select(t.dataset.org);
    else if (t.dataset.day !== undefined) setDay(t.dataset.day, false);
    else select(t.parentElement.dataset.id);
  }
  document.addEventListener("click", activate);
  document.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && ev.target !== box) activate(ev); });
  window.addEventListener("hashchange", readHash);

  document.getElementById("gm-dataset").textContent = DATA.dataset
    ? DATA.dataset + " \u00b7 " + DECISIONS.length + " decisions \u00b7 " + IDS.length + " bodies" : "";
  if (DATA.title) document.title = DATA.title;
  window.govmodelExplorer = { fold: fold, search: search, state: state, setDay: setDay, select: select };
  readHash();
})();
