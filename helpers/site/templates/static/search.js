/* Close Reading Lab: search over every page of the site, offline.
 *
 * The header's form (templates/site/search_box.html.j2) names the site root and the index the
 * page searches: "student" (the pages every student may read), "instructor" (every page) or
 * "auto" (the student index when this page is one of its pages, else every page). When the box
 * is first used, this script loads the index (_static/search-index-<edition>.js, written by
 * helpers/site/search.py) and MiniSearch (_static/minisearch.js, when the index says the site has
 * it) with <script src> elements, which work from file:// as well as over HTTP, and builds the
 * MiniSearch index from the index's documents (one per section of a page).
 *
 * Everything taken from the index goes into the page as text (textContent, text nodes), never
 * as HTML. Keys: ArrowDown moves from the box to the results and down them, ArrowUp back up,
 * Enter in the box opens the first result, Escape clears the search.
 */
(function () {
  "use strict";

  var GLOBAL = "closeReadingSearchIndex";
  var MAX_RESULTS = 10;
  var MIN_CHARS = 2;
  var DELAY_MS = 120;
  var SNIPPET_BEFORE = 60;
  var SNIPPET_AFTER = 140;

  // a heading without an id gets the id its section has in the index (helpers/site/search.py:
  // "search-section-<n>", n counting every heading of <main> in document order), so that a
  // result can link to it
  var headings = document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6");
  var assigned = false;
  for (var i = 0; i < headings.length; i++) {
    if (!headings[i].id) {
      headings[i].id = "search-section-" + (i + 1);
      assigned = true;
    }
  }
  if (assigned && location.hash.indexOf("#search-section-") === 0) {
    var target = document.getElementById(location.hash.slice(1));
    if (target) target.scrollIntoView();
  }

  var form = document.querySelector("form.site-search");
  if (!form) return;
  var input = form.querySelector(".site-search-input");
  var status = form.querySelector(".site-search-status");
  var list = form.querySelector(".site-search-results");
  var root = form.getAttribute("data-root") || "";
  var wanted = form.getAttribute("data-index") || "student";

  var search = {state: "idle", engine: null, docs: null, waiting: [], timings: {}};
  window.closeReadingSearch = search;  // for the site's tests: state and timings

  function setState(state) {
    search.state = state;
    form.setAttribute("data-state", state);
  }

  function loadScript(src, done, failed) {
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.addEventListener("load", done);
    script.addEventListener("error", failed);
    document.head.appendChild(script);
  }

  function loadEngine(done, failed) {
    if (typeof window.MiniSearch === "function") return done(window.MiniSearch);
    var src = root + "_static/minisearch.js";
    // pages with widgets have require.js: MiniSearch's UMD build then defines an AMD module,
    // which must be loaded through require (a plain <script> would be an anonymous define)
    if (typeof window.define === "function" && window.define.amd && typeof window.require === "function") {
      window.require([src], done, failed);
    } else {
      loadScript(src, function () { done(window.MiniSearch); }, failed);
    }
  }

  function currentPage() {
    var parts = location.pathname.split("/");
    var depth = (root.match(/\.\.\//g) || []).length;
    var file = parts[parts.length - 1] || "index.html";
    var rel = parts.slice(Math.max(0, parts.length - 1 - depth), parts.length - 1).concat([file]).join("/");
    try { return decodeURIComponent(rel); } catch (e) { return rel; }
  }

  function loadIndex(edition, done, failed) {
    var have = window[GLOBAL] && window[GLOBAL][edition];
    if (have) return done(have);
    loadScript(root + "_static/search-index-" + edition + ".js", function () {
      var data = window[GLOBAL] && window[GLOBAL][edition];
      if (data) done(data); else failed();
    }, failed);
  }

  function unavailable() {
    setState("unavailable");
    say("Search is not available: this copy of the site lacks its search files.");
    search.waiting = [];
  }

  function start() {
    if (search.state !== "idle") return;
    setState("loading");
    var t0 = performance.now();
    var first = wanted === "auto" ? "student" : wanted;
    // the index first: it says whether the site has the engine (no request for a file it lacks)
    loadIndex(first, function (data) {
      if (wanted === "auto" && data.pages.indexOf(currentPage()) < 0) {
        loadIndex("instructor", withEngine, unavailable);
      } else {
        withEngine(data);
      }
    }, unavailable);

    function withEngine(data) {
      if (data.engine === false) return unavailable();
      var t1 = performance.now();
      loadEngine(function (MiniSearch) {
        if (typeof MiniSearch !== "function") return unavailable();
        build(MiniSearch, data, t0, t1);
      }, unavailable);
    }
  }

  function build(MiniSearch, data, t0, t1) {
    var t2 = performance.now();
    var engine = new MiniSearch({
      fields: ["title", "heading", "text"],
      storeFields: [],
      searchOptions: {
        boost: {heading: 3, title: 2},
        prefix: function (term, i, terms) { return i === terms.length - 1; },  // the word being typed
        fuzzy: function (term) { return term.length > 4 ? 0.2 : false; },
        combineWith: "AND"
      }
    });
    engine.addAll(data.documents);
    var t3 = performance.now();
    search.engine = engine;
    search.docs = data.documents;
    search.edition = data.edition;
    search.timings = {index: t1 - t0, engine: t2 - t1, build: t3 - t2, total: t3 - t0,
                      documents: data.documents.length};
    setState("ready");
    var waiting = search.waiting;
    search.waiting = [];
    waiting.forEach(function (fn) { fn(); });
  }

  function whenReady(fn) {
    if (search.state === "ready") return fn();
    if (search.state === "unavailable") return;
    search.waiting.push(fn);
    start();
  }

  // -- results
  function say(text) {
    status.textContent = text;
  }

  function clearResults() {
    while (list.firstChild) list.removeChild(list.firstChild);
    list.hidden = true;
  }

  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function termPattern(terms) {
    var alternatives = terms.filter(function (t) { return t; }).map(escapeRegExp)
      .sort(function (a, b) { return b.length - a.length; }).join("|");
    if (!alternatives) return null;
    try {  // a match at the start of a word
      return new RegExp("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")", "giu");
    } catch (e) {  // no lookbehind in this browser
      return new RegExp("(?:" + alternatives + ")", "gi");
    }
  }

  // the text around the first match (of a word as typed, else of a near one), its matches marked;
  // built of text nodes and <mark> elements
  function snippet(text, terms, queryTerms) {
    var p = element("p", "site-search-snippet");
    var pattern = termPattern(terms);
    var typed = termPattern(terms.filter(function (t) {
      return queryTerms.some(function (q) { return t.indexOf(q) === 0; });
    }));
    var at = -1;
    [typed, pattern].forEach(function (re) {
      if (re && at < 0) {
        re.lastIndex = 0;
        var m = re.exec(text);
        if (m) at = m.index;
      }
    });
    var from = 0, to = Math.min(text.length, SNIPPET_AFTER + SNIPPET_BEFORE);
    if (at > SNIPPET_BEFORE) {
      from = text.lastIndexOf(" ", at - SNIPPET_BEFORE);
      from = from < 0 ? at - SNIPPET_BEFORE : from + 1;
      to = Math.min(text.length, at + SNIPPET_AFTER);
    }
    if (to < text.length) {
      var space = text.indexOf(" ", to);
      to = space < 0 || space - to > 20 ? to : space;
    }
    var part = (from > 0 ? "\u2026" : "") + text.slice(from, to) + (to < text.length ? "\u2026" : "");
    var last = 0;
    if (pattern) {
      pattern.lastIndex = 0;
      var match;
      while ((match = pattern.exec(part)) !== null) {
        if (match[0].length === 0) { pattern.lastIndex++; continue; }
        p.appendChild(document.createTextNode(part.slice(last, match.index)));
        p.appendChild(element("mark", null, match[0]));
        last = match.index + match[0].length;
      }
    }
    p.appendChild(document.createTextNode(part.slice(last)));
    return p;
  }

  function show(query) {
    var results = search.engine.search(query);
    clearResults();
    var shown = results.slice(0, MAX_RESULTS);
    shown.forEach(function (result) {
      var doc = search.docs[result.id];
      var item = element("li", "site-search-result");
      var link = element("a", "site-search-link");
      link.href = root + doc.page + (doc.anchor ? "#" + doc.anchor : "");
      link.appendChild(element("span", "site-search-title", doc.title));
      if (doc.heading) {
        link.appendChild(document.createTextNode(" \u2014 "));
        link.appendChild(element("span", "site-search-section", doc.heading));
      }
      link.appendChild(element("span", "visually-hidden", ", "));
      link.appendChild(element("span", "site-search-kind", doc.kind));
      item.appendChild(link);
      item.appendChild(snippet(doc.text || doc.heading || "", result.terms || [], result.queryTerms || []));
      list.appendChild(item);
    });
    list.hidden = shown.length === 0;
    var count = results.length;
    if (count === 0) {
      say("No results for \u201c" + query + "\u201d.");
    } else if (count > shown.length) {
      say(count + " results for \u201c" + query + "\u201d; the first " + shown.length +
          " are listed. Press the down arrow to move through them.");
    } else {
      say(count + (count === 1 ? " result" : " results") + " for \u201c" + query +
          "\u201d. Press the down arrow to move through them.");
    }
  }

  var timer = null;

  function update(now) {
    if (timer) { clearTimeout(timer); timer = null; }
    var query = input.value.trim();
    if (query.length < MIN_CHARS) {
      clearResults();
      say(query ? "Type at least " + MIN_CHARS + " letters." : "");
      return;
    }
    var run = function () {
      if (input.value.trim() === query) show(query);
    };
    if (search.state === "unavailable") return unavailable();   // it failed on focus: keep saying so
    if (search.state !== "ready") say("Loading the search index\u2026");
    if (now) whenReady(run); else timer = setTimeout(function () { timer = null; whenReady(run); }, DELAY_MS);
  }

  function reset() {
    if (timer) { clearTimeout(timer); timer = null; }
    input.value = "";
    clearResults();
    say("");
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.site-search-link"));
  }

  input.addEventListener("focus", start);
  form.addEventListener("pointerover", start);
  input.addEventListener("input", function () { update(false); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var all = links();
      if (all.length) { event.preventDefault(); all[0].focus(); }
    } else if (event.key === "Escape") {
      if (input.value) { event.preventDefault(); reset(); }
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    if (query.length < MIN_CHARS) return update(true);
    whenReady(function () {
      if (input.value.trim() !== query) return;
      show(query);
      var all = links();
      if (all.length) all[0].click();
    });
  });
  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      all[event.key === "Home" ? 0 : all.length - 1].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      reset();
      input.focus();
    }
  });

  form.hidden = false;
  setState("idle");
})();
