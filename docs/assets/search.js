// Site search that works offline and from a folder (file://): the index is a script, matched by fragment.
(function () {
  "use strict";

  var CN = "零一二三四五六七八九";
  var self = document.currentScript || document.querySelector('script[src$="assets/search.js"]');
  var base = self ? self.src.replace(/assets\/search\.js(\?.*)?$/, "") : "";
  var KIND_LABEL = ["事项", "法条", "页面"];
  // Matters are what officers look for; a matter matching as well as an article or page comes first.
  var KIND_WEIGHT = [3, 1, 2];
  var MAX = 20;
  var index = null, loading = false, waiting = [];

  function toCn(n) {
    // 1..9999 as officials write it: 十二, 一百零三, 一百一十.
    var units = [[1000, "千"], [100, "百"], [10, "十"], [1, ""]], out = "", zero = false, i, d;
    for (i = 0; i < units.length; i++) {
      d = Math.floor(n / units[i][0]) % 10;
      if (!d) { zero = out !== ""; continue; }
      if (zero) { out += "零"; zero = false; }
      out += (units[i][0] === 10 && d === 1 && out === "") ? "十" : CN[d] + units[i][1];
    }
    return out;
  }

  // What an officer types, in the forms the index holds: 97条 → 第九十七条, full-width digits → ASCII.
  function normalise(token) {
    token = token.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
    token = token.replace(/[（(]/g, "（").replace(/[）)]/g, "）").toLowerCase();
    token = token.replace(/(\d+)(?=[条款项）])/g, function (m) { return toCn(parseInt(m, 10)); });
    if (/^[零一二三四五六七八九十百千]+条/.test(token)) token = "第" + token;
    return token;
  }

  function tokens(query) {
    return query.split(/[\s,，、]+/).filter(function (t) { return t.length > 0; }).map(normalise);
  }

  function load(done) {
    if (index) { done(); return; }
    waiting.push(done);
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = base + "assets/search-index.js";
    s.onload = function () {
      var raw = window.YJZF_SEARCH;
      index = { texts: raw.texts, docs: raw.docs };
      waiting.splice(0).forEach(function (f) { f(); });
    };
    s.onerror = function () { loading = false; };
    document.head.appendChild(s);
  }

  function scoreToken(doc, token, textHits) {
    var code = doc[3], title = doc[1], best = 0, i;
    if (code) {
      if (code === token) best = 1000;
      else if (/^\d{4,}$/.test(token) && code.slice(-token.length) === token) best = 600;
      else if (code.indexOf(token) >= 0) best = 300;
    }
    if (title.indexOf(token) >= 0) best = Math.max(best, title === token ? 400 : 200);
    if ((" " + doc[7] + " ").indexOf(" " + token + " ") >= 0) best = Math.max(best, 250);
    if (doc[4].indexOf(token) >= 0) best = Math.max(best, 150);
    if (doc[5].indexOf(token) >= 0) best = Math.max(best, 80);
    if (doc[6].indexOf(token) >= 0) best = Math.max(best, 60);
    if (!best) {
      for (i = 0; i < doc[8].length; i++) { if (textHits[doc[8][i]]) { best = 20; break; } }
    }
    return best;
  }

  function search(query) {
    var toks = tokens(query), results = [], hits = [], t, i, j;
    if (!toks.length || toks.join("").length < 2 && !/^\d$/.test(toks[0])) return [];
    // Each long text is scanned once per token, whatever the number of documents sharing it.
    for (t = 0; t < toks.length; t++) {
      hits[t] = {};
      for (j = 0; j < index.texts.length; j++) { if (index.texts[j].indexOf(toks[t]) >= 0) hits[t][j] = true; }
    }
    for (i = 0; i < index.docs.length; i++) {
      var doc = index.docs[i], total = 0, ok = true;
      for (t = 0; t < toks.length && ok; t++) {
        var s = scoreToken(doc, toks[t], hits[t]);
        if (!s) ok = false; else total += s;
      }
      if (ok) results.push({ doc: doc, score: total * KIND_WEIGHT[doc[0]], order: i });
    }
    results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return results;
  }

  function escape(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function mark(text, toks) {
    var out = escape(text);
    toks.forEach(function (t) { if (t) out = out.split(escape(t)).join("<mark>" + escape(t) + "</mark>"); });
    return out;
  }

  function snippet(doc, toks) {
    var i, j, text, at;
    for (i = 0; i < toks.length; i++) {
      for (j = 0; j < doc[8].length; j++) {
        text = index.texts[doc[8][j]];
        at = text.indexOf(toks[i]);
        if (at >= 0) {
          var start = Math.max(0, at - 24);
          return (start ? "…" : "") + mark(text.slice(start, at + toks[i].length + 40), toks) + "…";
        }
      }
    }
    var first = doc[8].length ? index.texts[doc[8][0]] : "";
    return mark(first.slice(0, 60), toks) + (first.length > 60 ? "…" : "");
  }

  function render(list, query, box) {
    var toks = tokens(query);
    if (!query.trim()) { box.hidden = true; box.innerHTML = ""; return; }
    box.hidden = false;
    if (!list.length) { box.innerHTML = '<p class="ys-none">没有找到“' + escape(query) + '”。可以换一个词，或少输几个字。</p>'; return; }
    var html = '<p class="ys-count">找到 ' + list.length + " 条" + (list.length > MAX ? "，显示前 " + MAX + " 条" : "") + "</p><ol>";
    list.slice(0, MAX).forEach(function (r) {
      var d = r.doc;
      html += '<li><a href="' + base + d[2] + '"><span class="ys-kind ys-kind-' + d[0] + '">' + KIND_LABEL[d[0]] + "</span>" +
        (d[3] ? '<span class="ys-code">' + mark(d[3], toks) + "</span>" : "") +
        '<span class="ys-title">' + mark(d[1], toks) + '</span><span class="ys-snippet">' + snippet(d, toks) + "</span></a></li>";
    });
    box.innerHTML = html + "</ol>";
  }

  function init() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".ys-search")) return;
    var form = document.createElement("form");
    form.className = "ys-search";
    form.setAttribute("role", "search");
    form.innerHTML = '<input type="search" class="ys-input" placeholder="搜索：事项代码、名称、条文" aria-label="搜索" autocomplete="off">' +
      '<div class="ys-results" hidden></div>';
    header.appendChild(form);
    var input = form.querySelector("input"), box = form.querySelector(".ys-results"), timer = null;
    function run() { load(function () { render(search(input.value), input.value, box); }); }
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 60); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = box.querySelector("a");
      if (first) window.location.href = first.href; else run();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { box.hidden = true; input.blur(); }
      if (e.key === "/" && document.activeElement !== input && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
        e.preventDefault(); input.focus();
      }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) box.hidden = true; });
    var q = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (q) { input.value = decodeURIComponent(q[1].replace(/\+/g, " ")); run(); }
  }

  window.YJZF = { search: function (q, cb) { load(function () { cb(search(q).map(function (r) { return r.doc[2]; })); }); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
