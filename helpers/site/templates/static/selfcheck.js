/* Close Reading Lab: the self-check exercises of a static notebook page, checked without a kernel.
   The data of each form (a <script type="application/json"> inside form.selfcheck) and the design
   (sealed keys, boxes, "Show the answer", what is saved) are described in
   helpers/present/exercises/selfcheck.py. Works from file:// and offline; every text is inserted
   with textContent. On a page without a self-check it does nothing. */
(function () {
  "use strict";
  var forms = Array.prototype.slice.call(document.querySelectorAll("form.selfcheck"));
  var api = {};
  window.CloseReadingSelfcheck = api;

  /* -- fold, exactly as helpers/core/text.py: typographic marks made plain, white space collapsed
        (Python's str.split() white space), case folded (str.casefold for the letters below) -- */
  var PLAIN = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
               "\u201c": "\"", "\u201d": "\"", "\u201e": "\"", "\u201f": "\"", "\u2033": "\"",
               "\u00ab": "\"", "\u00bb": "\"", "\u2013": "-", "\u2014": "-", "\u2212": "-",
               "\u00a0": " ", "\u2009": " ", "\u202f": " "};
  var PLAIN_RE = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2013\u2014\u2212\u00a0\u2009\u202f]/g;
  var SPACE_RE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  /* where str.casefold differs from toLowerCase (full case folding) */
  var FOLD = {"\u00df": "ss", "\u03c2": "\u03c3", "\u017f": "s", "\u00b5": "\u03bc", "\u1e9b": "\u1e61",
              "\u0149": "\u02bcn", "\u01f0": "j\u030c", "\u0390": "\u03b9\u0308\u0301", "\u03b0": "\u03c5\u0308\u0301",
              "\u0587": "\u0565\u0582", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
              "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u03d0": "\u03b2", "\u03d1": "\u03b8",
              "\u03d5": "\u03c6", "\u03d6": "\u03c0", "\u03f0": "\u03ba", "\u03f1": "\u03c1", "\u03f5": "\u03b5",
              "\u1e96": "h\u0331", "\u1e97": "t\u0308", "\u1e98": "w\u030a", "\u1e99": "y\u030a", "\u1e9a": "a\u02be"};
  var FOLD_RE = /[\u00df\u03c2\u017f\u00b5\u1e9b\u0149\u01f0\u0390\u03b0\u0587\ufb00-\ufb06\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u1e96-\u1e9a]/g;

  function fold(text) {
    var plain = String(text).replace(PLAIN_RE, function (c) { return PLAIN[c]; });
    var joined = plain.split(SPACE_RE).filter(function (w) { return w !== ""; }).join(" ");
    return joined.toLowerCase().replace(FOLD_RE, function (c) { return FOLD[c]; });
  }
  api.fold = fold;

  /* -- SHA-256: the browser's (crypto.subtle, in a secure context such as file://), else this one -- */
  var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
           0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
           0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
           0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
           0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
           0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
           0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
           0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  function sha256js(bytes) {
    var n = bytes.length, padded = new Uint8Array(((n + 9 + 63) >> 6) << 6), view = new DataView(padded.buffer);
    padded.set(bytes);
    padded[n] = 0x80;
    view.setUint32(padded.length - 8, Math.floor(n / 0x20000000));
    view.setUint32(padded.length - 4, (n << 3) >>> 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Array(64), i, t;
    var rotr = function (x, r) { return (x >>> r) | (x << (32 - r)); };
    for (var off = 0; off < padded.length; off += 64) {
      for (i = 0; i < 16; i++) { w[i] = view.getUint32(off + 4 * i); }
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (i = 0; i < 64; i++) {
        t = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g; g = f; f = e; e = (d + t) | 0; d = c; c = b; b = a; a = (t + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + k].map(function (x) { return x | 0; });
    }
    var out = new Uint8Array(32), outView = new DataView(out.buffer);
    h.forEach(function (x, j) { outView.setUint32(4 * j, x >>> 0); });
    return out;
  }
  api.sha256js = sha256js;
  api.useFallback = false;  // the tests set it to check the fallback against Python

  function subtle() {
    return !api.useFallback && window.crypto && window.crypto.subtle && window.isSecureContext !== false
      ? window.crypto.subtle : null;
  }

  function sha256(bytes) {
    var s = subtle();
    if (s) {
      return s.digest("SHA-256", bytes).then(function (buf) { return new Uint8Array(buf); });
    }
    return Promise.resolve(sha256js(bytes));
  }

  var encoder = new TextEncoder();
  function utf8(text) { return encoder.encode(text); }
  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
  }
  api.sha256hex = function (text) { return sha256(utf8(text)).then(hex); };

  /* -- sealed keys (helpers/model/keys.py) and boxes (helpers/present/exercises/selfcheck.py) -- */
  function matches(sealed, answer, exercise, item) {
    var rest = String(sealed).slice("sealed:".length), cut = rest.indexOf(":");
    if (answer === null || answer === undefined || cut < 1) { return Promise.resolve(false); }
    var salt = rest.slice(0, cut), digest = rest.slice(cut + 1);
    return sha256(utf8([salt, exercise, item, fold(answer)].join("\0"))).then(function (d) { return hex(d) === digest; });
  }
  api.matches = matches;

  function anyMatch(sealedList, answer, exercise, item) {
    return Promise.all(sealedList.map(function (s) { return matches(s, answer, exercise, item); }))
      .then(function (found) { return found.indexOf(true) >= 0; });
  }

  function openBox(box, keyBytes) {
    var raw = atob(box), data = new Uint8Array(raw.length), blocks = [], counter;
    for (var i = 0; i < raw.length; i++) { data[i] = raw.charCodeAt(i); }
    for (counter = 0; 32 * counter < data.length; counter++) {
      var input = new Uint8Array(keyBytes.length + 4);
      input.set(keyBytes);
      new DataView(input.buffer).setUint32(keyBytes.length, counter);
      blocks.push(sha256(input));
    }
    return Promise.all(blocks).then(function (parts) {
      var plain = new Uint8Array(data.length);
      for (var j = 0; j < data.length; j++) { plain[j] = data[j] ^ parts[j >> 5][j & 31]; }
      return JSON.parse(new TextDecoder("utf-8", {fatal: true}).decode(plain));
    });
  }

  function boxFor(data, item, value) {
    var index = data.options.map(function (o) { return o.value; }).indexOf(String(value));
    if (index < 0 || !item.boxes[index]) { return Promise.resolve(null); }
    return sha256(utf8(["box", data.salt, data.exercise, item.id, fold(value)].join("\0")))
      .then(function (key) { return openBox(item.boxes[index], key); });
  }

  /* -- the check and the ladder, as helpers/present/exercises (base, choice, labels) -- */
  function keyed(data) { return data.items.filter(function (i) { return i.key; }); }

  function check(data, answer) {
    var s = data.strings;
    if (data.kind === "choice") {
      var values = data.options.map(function (o) { return o.value; });
      if (answer === null || answer === undefined || values.indexOf(String(answer)) < 0) {
        return Promise.resolve({correct: false, message: s.empty, hints: []});
      }
      var item = data.items[0];
      return Promise.all([boxFor(data, item, answer), anyMatch(item.accept, answer, data.exercise, "")])
        .then(function (r) { return {correct: r[1], message: r[0].message, hints: r[0].hints}; });
    }
    var given = {};
    Object.keys(answer || {}).forEach(function (k) { if (answer[k]) { given[k] = answer[k]; } });
    if (!Object.keys(given).length) { return Promise.resolve({correct: false, message: s.empty, hints: []}); }
    var items = keyed(data);
    return Promise.all(items.map(function (item) {
      if (!given[item.id]) { return null; }
      return Promise.all([boxFor(data, item, given[item.id]), anyMatch(item.accept, given[item.id], data.exercise, item.id)]);
    })).then(function (results) {
      var lines = [], wrong = [], unlabelled = [], right = 0, ladders = {};
      items.forEach(function (item, n) {
        var r = results[n];
        if (r === null) { unlabelled.push(item.id); return; }
        var box = r[0] || {line: "- " + item.id + ": you said \u201c" + given[item.id] + "\u201d: not this label.", hints: []};
        lines.push(box.line);
        if (r[1]) { right += 1; } else { wrong.push(item.id); ladders[item.id] = box.hints; }
      });
      if (unlabelled.length) {
        var m = unlabelled.length;
        var shown = unlabelled.slice(0, 6).join(", ") + (m > 6 ? ", \u2026" : ".");
        lines.push("- " + m + " " + (m === 1 ? "sentence" : "sentences") + " not labelled yet: " + shown);
      }
      var hints = [];
      if (wrong.length) {
        var steps = Math.max.apply(null, wrong.map(function (i) { return ladders[i].length; }));
        for (var k = 0; k < steps; k++) {
          hints.push(wrong.map(function (i) {
            var ladder = ladders[i];
            return "- " + i + ": " + ladder[Math.min(k, ladder.length - 1)];
          }).join("\n"));
        }
      }
      return {correct: right === items.length,
              message: right + " of " + items.length + " right.\n\n" + lines.join("\n"), hints: hints};
    });
  }

  function feedbackText(data, fb, step) {
    var text = fb.message, hints = fb.hints || [];
    if (data.drafted && fb.correct !== null) { text += "\n\n*Note: " + data.strings.draft + ".*"; }
    if (fb.correct === true) { return text; }
    if (hints.length) {
      var n = Math.min(Math.max(step, 1), hints.length), hint = hints[n - 1];
      if (hint) {
        var label = hints.length > 1 ? "Hint " + n + " of " + hints.length : "Hint";
        text += "\n\n**" + label + ":**" + (/^\s*- /.test(hint) ? "\n\n" : " ") + hint;
      }
      if (fb.correct === false && step >= hints.length) {
        text += "\n\n*Try again, or press \u201c" + data.strings.reveal + "\u201d.*";
      }
    }
    return text;
  }

  function solution(data) {
    var items = keyed(data);
    return Promise.all(items.map(function (item) {
      return Promise.all(data.options.map(function (o) { return matches(item.key, o.value, data.exercise, item.id); }))
        .then(function (found) { var i = found.indexOf(true); return i < 0 ? null : data.options[i].value; });
    })).then(function (rights) {
      if (rights.indexOf(null) >= 0) { throw new Error("no option matches the key"); }
      var parts = ["solution", data.salt, data.exercise].concat(rights.map(fold));
      return sha256(utf8(parts.join("\0"))).then(function (key) { return openBox(data.solution, key); });
    });
  }

  function tries(n) { return n + " " + (n === 1 ? "try" : "tries"); }
  function progressLine(n, correct, rightAt, revealedAfter, saved) {
    if (!saved && !n && (revealedAfter === null || revealedAfter === undefined)) { return ""; }
    var parts = [];
    if (rightAt && correct === true) { parts.push("right at try " + rightAt); }
    else if (n) { parts.push(tries(n) + (rightAt ? " (right at try " + rightAt + ")" : "")); }
    if (revealedAfter !== null && revealedAfter !== undefined) {
      parts.push(revealedAfter === 0 ? "answer shown before any try" : "answer shown after " + tries(revealedAfter));
    }
    return parts.length ? "Saved: " + parts.join(", ") : "Saved.";
  }
  api.progressLine = progressLine;

  /* -- Markdown, the little the feedback uses (paragraphs, "- " lists, **strong**, *em*), as DOM -- */
  function inline(el, text) {
    String(text).split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/).forEach(function (part) {
      if (!part) { return; }
      var m = /^\*\*([^*]+)\*\*$/.exec(part) || null, e = /^\*([^*]+)\*$/.exec(part);
      if (m || e) {
        var node = document.createElement(m ? "strong" : "em");
        node.textContent = (m || e)[1];
        el.appendChild(node);
      } else {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function renderMarkdown(el, text) {
    el.textContent = "";
    String(text).split(/\n{2,}/).forEach(function (block) {
      var list = null, para = null;
      block.split("\n").forEach(function (line) {
        if (/^- /.test(line)) {
          para = null;
          if (!list) { list = el.appendChild(document.createElement("ul")); }
          inline(list.appendChild(document.createElement("li")), line.slice(2));
        } else if (line.trim()) {
          list = null;
          if (para) { para.appendChild(document.createElement("br")); }
          else { para = el.appendChild(document.createElement("p")); }
          inline(para, line);
        }
      });
    });
  }

  /* -- saved in this browser -- */
  var article = (document.querySelector('meta[name="close-reading:article"]') || {}).content || "";
  var notebook = decodeURIComponent(location.pathname.split("/").pop() || "").replace(/\.html$/, "");
  function storageKey(exercise) { return ["close-reading:selfcheck", article, notebook, exercise].join(":"); }

  function load(exercise) {
    try { return JSON.parse(window.localStorage.getItem(storageKey(exercise)) || "null") || null; }
    catch (err) { return null; }
  }

  function store(exercise, entry) {
    try { window.localStorage.setItem(storageKey(exercise), JSON.stringify(entry)); return null; }
    catch (err) { return String(err && err.message || err); }
  }

  function now() {  // as Python's datetime.now(timezone.utc).isoformat()
    var iso = new Date().toISOString();
    return iso.replace(/\.(\d{3})Z$/, ".$1000+00:00");
  }

  /* -- one form -- */
  var all = [];

  function setUp(form) {
    var script = form.querySelector("script.selfcheck-data");
    var data = JSON.parse(script.textContent);
    var feedback = form.querySelector(".selfcheck-feedback"), status = form.querySelector(".selfcheck-saved");
    var state = {tries: 0, right_at: null, revealed_after: null, asked: false, unsaved: false};
    var ex = {data: data, form: form, state: state};
    all.push(ex);

    function read() {
      if (data.kind === "choice") {
        var checked = form.querySelector("input[type=radio]:checked");
        return checked ? checked.value : null;
      }
      var answer = {};
      Array.prototype.forEach.call(form.querySelectorAll("select[data-item]"), function (sel) {
        if (sel.value) { answer[sel.getAttribute("data-item")] = sel.value; }
      });
      return answer;
    }

    function write(answer) {
      if (data.kind === "choice") {
        Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (r) { r.checked = r.value === answer; });
        return;
      }
      Array.prototype.forEach.call(form.querySelectorAll("select[data-item]"), function (sel) {
        var v = (answer || {})[sel.getAttribute("data-item")];
        sel.value = data.options.some(function (o) { return o.value === v; }) ? v : "";
      });
    }

    function present(answer) {
      return data.kind === "choice" ? answer !== null : Object.keys(answer).length > 0;
    }

    function showStatus(problem) {
      var e = load(data.exercise);
      var line = progressLine(e ? e.tries || 0 : 0, e ? e.correct : null, e ? e.right_at : null,
                              e ? e.revealed_after : null, !!e);
      line = line.replace(/^Saved/, "Saved in this browser");
      if (problem) { line = (line ? line + " \u2014 " : "") + "not saved in this browser (" + problem + ")"; }
      status.textContent = line;
    }

    function save(answer, correct) {
      var entry = {answer: answer, correct: correct, saved: now()};
      ["tries", "right_at", "revealed_after"].forEach(function (k) {
        if (state[k] !== null && state[k] !== undefined) { entry[k] = state[k]; }
      });
      return store(data.exercise, entry);
    }

    function say(text) {
      renderMarkdown(feedback, text);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answer = read(), counted = present(answer);
      check(data, answer).then(function (fb) {
        if (counted) {
          state.tries += 1;
          if (fb.correct === true && state.right_at === null) { state.right_at = state.tries; }
        }
        say(feedbackText(data, fb, Math.max(state.tries, 1)));
        showStatus(counted ? save(answer, fb.correct) : null);
      }).catch(function (err) { say("This answer could not be checked here: " + err); });
    });

    form.querySelector(".selfcheck-reveal").addEventListener("click", function () {
      if (state.tries === 0 && state.revealed_after === null && !state.asked) {
        state.asked = true;
        say(data.strings.confirm);
        return;
      }
      state.asked = false;
      solution(data).then(function (text) {
        var problem = null;
        if (state.revealed_after === null) {
          state.revealed_after = state.tries;
          var entry = load(data.exercise) || {answer: null, correct: null, saved: now()};
          if (entry.revealed_after === null || entry.revealed_after === undefined) { entry.revealed_after = state.tries; }
          problem = store(data.exercise, entry);
        }
        say(text);
        showStatus(problem);
      }).catch(function (err) { say("The answer could not be shown here: " + err); });
    });

    var saved = load(data.exercise);
    if (saved) {
      state.tries = parseInt(saved.tries || 0, 10);
      state.right_at = saved.right_at === undefined ? null : saved.right_at;
      state.revealed_after = saved.revealed_after === undefined ? null : saved.revealed_after;
      if (saved.answer !== null && saved.answer !== undefined) { write(saved.answer); }
    }
    showStatus(null);
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = false; });
    form.classList.add("selfcheck-ready");
  }

  /* -- export: the W3C Web Annotation collection of helpers.present.exercises.selfcheck.export_answers -- */
  function uuid4() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = hex(b);
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  function progressWords(entry) {
    var line = progressLine(parseInt(entry.tries || 0, 10), entry.correct, entry.right_at, entry.revealed_after, true);
    return line.replace(/^Saved: /, "").replace(/^Saved\./, "").trim();
  }

  function annotationsOf(data, entry) {
    if (!entry || entry.answer === null || entry.answer === undefined) { return []; }
    var chosen = [];
    if (data.kind === "choice") {
      var option = data.options.filter(function (o) { return o.value === String(entry.answer); })[0];
      chosen.push(["", option ? option.label : String(entry.answer), option ? option.target : null]);
    } else {
      data.items.forEach(function (item) {
        var v = (entry.answer || {})[item.id];
        if (v) { chosen.push([item.id, String(v), item.target]); }
      });
    }
    var progress = progressWords(entry), source = "urn:close-reading:" + article;
    return chosen.map(function (c) {
      var note = data.title + " (" + data.exercise + ")" + (c[0] ? ", " + c[0] : "") + ": " + c[1] +
        (progress ? "; " + progress : "") + ".";
      var target = c[2] ? {source: source, selector: [
        {type: "TextQuoteSelector", exact: c[2].exact, prefix: c[2].prefix, suffix: c[2].suffix},
        {type: "TextPositionSelector", start: c[2].start, end: c[2].end}]} : {source: source};
      return {id: "urn:uuid:" + uuid4(), type: "Annotation", motivation: "commenting", created: String(entry.saved || ""),
              target: target, body: [{type: "TextualBody", value: note, format: "text/plain", purpose: "commenting"},
                                     {type: "TextualBody", value: c[1], purpose: "tagging"}]};
    });
  }

  function exportAnswers() {
    var items = [];
    all.forEach(function (ex) { items = items.concat(annotationsOf(ex.data, load(ex.data.exercise))); });
    var urn = "urn:close-reading:" + article;
    return {"@context": "http://www.w3.org/ns/anno.jsonld", id: urn + ":annotations", type: "AnnotationCollection",
            label: "Annotations on " + article, total: items.length,
            first: {type: "AnnotationPage", startIndex: 0, items: items}};
  }

  function addExport(after) {
    var box = document.createElement("div"), button = document.createElement("button"), note = document.createElement("p");
    box.className = "selfcheck-export";
    button.type = "button";
    button.textContent = "Export my answers";
    note.className = "selfcheck-export-note";
    note.setAttribute("role", "status");
    note.textContent = "Your answers on this page are kept in this browser; export them as W3C Web Annotations " +
      "(the format the notebooks' export writes) to keep or hand in.";
    button.addEventListener("click", function () {
      var data = exportAnswers(), name = article + "." + notebook + ".annotations.jsonld";
      var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], {type: "application/ld+json"}));
      var link = document.createElement("a");
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      note.textContent = "Exported " + data.total + " answer" + (data.total === 1 ? "" : "s") + " as " + name + ".";
    });
    box.appendChild(button);
    box.appendChild(note);
    after.parentNode.insertBefore(box, after.nextSibling);
  }

  /* for the tests: the same feedback and export the page gives */
  api.feedback = function (exercise, answer, step) {
    var ex = all.filter(function (e) { return e.data.exercise === exercise; })[0];
    return check(ex.data, answer).then(function (fb) { return feedbackText(ex.data, fb, step); });
  };
  api.solution = function (exercise) {
    return solution(all.filter(function (e) { return e.data.exercise === exercise; })[0].data);
  };
  api.exportAnswers = exportAnswers;
  api.storageKey = storageKey;

  forms.forEach(function (form) {
    try { setUp(form); } catch (err) {
      var out = form.querySelector(".selfcheck-feedback");
      if (out) { out.textContent = "This self-check could not start: " + err; }
    }
  });
  if (all.length) { addExport(all[all.length - 1].form.closest(".selfcheck-output") || all[all.length - 1].form); }
})();
