// Site search that works offline and from a folder (file://): the index is a script (no fetch, no worker).
// A query is split into words and cited places (安全生产法第97条 → 安全生产法 + 第九十七条); every part must match a
// result, as a whole fragment, through a synonym (data/synonyms.yaml), or by its overlapping words (character pairs:
// 应急预案 finds 应急救援预案). Each result says why it matched. Text from the index is shown as text, never as markup.
//
// One file, two uses: in a page it is a plain script (window.YJZFSearch, and the search box in the header); in Node
// (tests/js/search.test.js, tests/searchquery.py) require() gives the same functions, with no page needed.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.YJZFSearch = api;
  api.start(root, root.document);
})(this, function () {
  "use strict";

  // The index's format (generator/search.py, index_payload): an object of named lists; `docs` an object of named
  // columns, one entry per document. A column named like a top-level list holds indexes into that list.
  var VERSION = 3;
  var DOC_COLUMNS = ["kind", "title", "url", "code", "refs", "laws", "category", "cuts", "texts", "roles"];
  var LISTS = ["kinds", "roles", "laws", "categories", "synonyms", "texts"];

  var CN = "零一二三四五六七八九";
  var CN_VALUE = { "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var CN_UNIT = { "十": 10, "百": 100, "千": 1000 };
  var NUM = "[0-9零〇一二两三四五六七八九十百千]+";
  // A cited place as officers type it: 第97条, 97条, 九十七条第七项, 第97条第1款第(7)项, 97条7项.
  var PLACE = new RegExp("第?(" + NUM + ")条(?:第?(" + NUM + ")款)?(?:第?[（(]?(" + NUM + ")[）)]?项)?", "g");
  // 97条 第7项 is one place, as 97条第7项 is.
  var JOIN = new RegExp("([条款])\\s+(?=第?[（(]?" + NUM + "[）)]?[款项])", "g");
  var SPLIT = /[\s,，、;；。:：《》〈〉“”"'‘’【】\[\]（）()]+/;
  // Matters are what officers look for; a matter matching as well as an article or page comes first.
  var KIND_WEIGHT = [3, 1, 2];
  var MAX = 20, MAX_PAIRS = 24;

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

  function number(text) {
    // 97, 九十七, 一百零三, 十二 → the integer; 0 when it is not a number.
    if (/^\d+$/.test(text)) return parseInt(text, 10);
    var total = 0, digit = -1, i, c;
    for (i = 0; i < text.length; i++) {
      c = text.charAt(i);
      if (c in CN_VALUE) digit = CN_VALUE[c];
      else if (c in CN_UNIT) { total += (digit < 0 ? 1 : digit) * CN_UNIT[c]; digit = -1; } else return 0;
    }
    return total + (digit < 0 ? 0 : digit);
  }

  function lower(c) {
    var l = c.toLowerCase();
    return l.length === 1 ? l : c;
  }

  // Characters no case mapping changes (ASCII but A-Z, Latin-1 signs, punctuation, CJK, full-width signs): a text
  // of these alone folds to itself, and is not scanned twice more (a fresh page folds every title at once).
  var CASELESS = /^[\u0000-\u0040\u005b-\u00bf\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uff20\uff3b-\uff40\uff5b-\uffef]*$/;
  var FULL_WIDTH = "[０-９Ａ-Ｚａ-ｚ]", HAS_FULL_WIDTH = new RegExp(FULL_WIDTH), EACH_FULL_WIDTH = new RegExp(FULL_WIDTH, "g");

  function fold(text) {
    // Full-width digits and letters as ASCII, lower case: what the index and an officer's typing share. Always
    // as long as the text (İ lower-cases to two characters: it stays), so a place found in the folded text is
    // the same place in the text shown.
    if (CASELESS.test(text) && !HAS_FULL_WIDTH.test(text)) return text;
    var t = text.replace(EACH_FULL_WIDTH, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
    var l = t.toLowerCase();
    return l.length === t.length ? l : t.replace(/[^\s]/g, lower);
  }

  function placeLabel(p) {
    return "第" + toCn(p.a) + "条" + (p.p ? "第" + toCn(p.p) + "款" : "") + (p.i ? "第（" + toCn(p.i) + "）项" : "");
  }

  // The query as parts: cited places ({a, p, i}) and words, each word with its synonyms (groups of folded words).
  function parse(query, synonyms) {
    var places = [], text = fold(query).replace(JOIN, "$1");
    text = text.replace(PLACE, function (m, a, p, i) {
      var place = { a: number(a), p: p ? number(p) : 0, i: i ? number(i) : 0 };
      if (place.a) { place.text = "第" + toCn(place.a) + "条"; place.label = placeLabel(place); places.push(place); }
      return " ";
    });
    var words = text.split(SPLIT).filter(function (w) { return w.length > 0; })
      .map(function (w) { return word(w, synonyms || []); });
    return { places: places, words: words, size: places.length + words.length };
  }

  function word(text, synonyms) {
    // A word of the query, with what else to look for: the word with each synonym it contains replaced, alone
    // and together (受限空间警示牌 → 有限空间警示牌, 受限空间警示标志, 有限空间警示标志); at most 16 forms.
    var alts = [{ text: text, why: [] }], seen = {}, g, i, j, a, n, group, alt, from;
    seen[text] = true;
    for (g = 0; g < synonyms.length; g++) {
      group = synonyms[g];
      for (a = 0, n = alts.length; a < n; a++) {
        from = alts[a];
        for (i = 0; i < group.length; i++) {
          if (from.text.indexOf(group[i]) < 0) continue;
          for (j = 0; j < group.length && alts.length < 16; j++) {
            alt = from.text.split(group[i]).join(group[j]);
            if (j === i || seen[alt]) continue;
            seen[alt] = true;
            alts.push({ text: alt, why: from.why.concat([group[i] + "→" + group[j]]) });
          }
        }
      }
    }
    alts.forEach(function (x) { x.why = x.why.length ? "同义词 " + x.why.join("、") : ""; x.pairs = pairs(x.text); });
    return { text: text, alts: alts };
  }

  function pairs(text) {
    // The overlapping character pairs of a word of three or more characters (not a number): its "near words".
    var out = [], seen = {}, i, p;
    if (text.length < 3 || /^\d+$/.test(text)) return out;
    for (i = 0; i + 1 < text.length && out.length < MAX_PAIRS; i++) {
      p = text.substr(i, 2);
      if (!seen[p]) { seen[p] = true; out.push(p); }
    }
    return out;
  }

  function parseRefs(refs) {
    // "97.1.7 81" → [{a: 97, p: 1, i: 7}, {a: 81, p: 0, i: 0}]; "99..1" leaves the 款 out.
    return refs ? refs.split(" ").map(function (s) {
      var n = s.split(".");
      return { a: parseInt(n[0], 10), p: n[1] ? parseInt(n[1], 10) : 0, i: n[2] ? parseInt(n[2], 10) : 0 };
    }) : [];
  }

  var ASTRAL = /^[\ud800-\udbff][\udc00-\udfff]$/;  // one character written as two units (𠀀): not a word of two

  function titleWords(title, cuts) {
    // " 规定 从业人员 " : the title's words of two or more characters, cut where the index's `cuts` say (each a
    // word's length, one base-36 digit), each once, between spaces for whole-word lookup.
    var out = " ", seen = Object.create(null), at = 0, i, n, w;  // a word "constructor" is a word too
    for (i = 0; i < cuts.length; i++) {
      n = parseInt(cuts.charAt(i), 36);
      w = title.substr(at, n);
      at += n;
      if (w.length > 1 && !ASTRAL.test(w) && !seen[w]) { seen[w] = true; out += w + " "; }
    }
    return out;
  }

  function refsOf(doc) {
    if (doc.refs === null) doc.refs = parseRefs(doc.refText);
    return doc.refs;
  }

  function wordsOf(doc) {
    if (doc.words === null) doc.words = titleWords(doc.folded, doc.cuts);
    return doc.words;
  }

  function hasWord(doc, t) {
    // Whether t is one of the title's words (wordsOf), found without making them: a fresh page's first query
    // asks it of every title holding t.
    if (doc.words !== null) return doc.words.indexOf(" " + t + " ") >= 0;
    if (t.length < 2 || ASTRAL.test(t) || t.indexOf(" ") >= 0) return false;
    for (var at = 0, i = 0, n; i < doc.cuts.length; i++, at += n) {
      n = parseInt(doc.cuts.charAt(i), 36);
      if (n >= t.length && doc.folded.substr(at, n) === t) return true;  // (a word at the end may be cut short)
    }
    return false;
  }

  function prepare(raw) {
    // The index object (format VERSION) as documents ready to match; a wrong format is said, not half-read.
    if (!raw || raw.v !== VERSION) throw new Error("搜索索引格式不符：需要第 " + VERSION + " 版，实际为 " + (raw && raw.v));
    var c = raw.docs, docs = [], i, n = c.kind.length, laws;
    LISTS.concat(DOC_COLUMNS.map(function (name) { return "docs." + name; })).forEach(function (name) {
      var value = name.indexOf("docs.") === 0 ? c[name.slice(5)] : raw[name];
      if (!Array.isArray(value) || (name.indexOf("docs.") === 0 && value.length !== n)) {
        throw new Error("搜索索引缺少或不符：" + name);
      }
    });
    var lawNames = raw.laws.map(function (names) { return names.join(" "); });
    for (i = 0; i < n; i++) {
      laws = c.laws[i];
      // refs and words are read by few queries for few documents: made when first read (refsOf, wordsOf), which
      // halves the time from the index loaded to the first result at 10,000 matters.
      docs.push({
        kind: c.kind[i], title: c.title[i], folded: fold(c.title[i]), code: c.code[i],
        url: c.url[i] || "matters/" + c.code[i] + ".html",
        refText: c.refs[i], refs: null,
        laws: laws.length === 1 ? lawNames[laws[0]] : laws.map(function (l) { return lawNames[l]; }).join(" "),
        category: c.category[i] >= 0 ? raw.categories[c.category[i]] : "",
        // The texts it holds (indexes into texts) and each one's role (into roles), as the index lists them.
        cuts: c.cuts[i], words: null, texts: c.texts[i], roles: c.roles[i], order: i
      });
    }
    return { docs: docs, texts: raw.texts, folded: raw.texts.map(fold), roles: raw.roles, kinds: raw.kinds,
             synonyms: raw.synonyms.map(function (g) { return g.map(fold); }) };
  }

  // Which texts hold a needle: each long text is scanned once per needle, whatever the number of documents sharing it.
  function textHits(q, needle) {
    if (q.hits[needle]) return q.hits[needle];
    var hits = {}, j, texts = q.index.folded;
    for (j = 0; j < texts.length; j++) { if (texts[j].indexOf(needle) >= 0) hits[j] = true; }
    q.hits[needle] = hits;
    return hits;
  }

  function exact(q, doc, alt) {
    // A whole fragment in a field of the document: {score, why, needles, text}, or null. Nothing is allocated
    // for a document that does not match: this runs for every document on every key stroke.
    var t = alt.text, code = doc.code, score = 0, why = "", text, hits, k;
    if (code) {
      if (code === t) { score = 1000; why = "代码"; }
      else if (/^\d{4,}$/.test(t) && code.slice(-t.length) === t) { score = 600; why = "代码后 " + t.length + " 位"; }
      else if (code.indexOf(t) >= 0) { score = 300; why = "代码"; }
    }
    if (score < 400 && doc.folded.indexOf(t) >= 0) {
      if (doc.folded === t) { score = 400; why = "名称"; }
      else if (hasWord(doc, t)) { if (score < 250) { score = 250; why = "名称"; } }
      else if (score < 200) { score = 200; why = "名称"; }
    }
    if (score < 80 && doc.laws.indexOf(t) >= 0) { score = 80; why = "法律名称"; }
    if (score < 60 && doc.category.indexOf(t) >= 0) { score = 60; why = "类别"; }
    if (!score) {
      hits = textHits(q, t);
      for (k = 0; k < doc.texts.length; k++) {
        if (hits[doc.texts[k]]) { score = 20; why = q.index.roles[doc.roles[k]]; text = doc.texts[k]; break; }
      }
    }
    if (!score) return null;
    if (alt.why) { score = Math.round(score * 0.9); why = alt.why + "；" + why; }
    return { score: score, why: why, needles: [t], text: text };
  }

  function nearTexts(q, w) {
    // For a word's character pairs: each text holding enough of them, with the pairs it holds (once per query).
    if (w.texts) return w.texts;
    var ps = w.pairs, n = ps.length, counts = {}, out = {}, j, key, hits, found;
    for (j = 0; j < n; j++) {
      hits = textHits(q, ps[j]);
      for (key in hits) (counts[key] = counts[key] || []).push(ps[j]);
    }
    for (key in counts) {
      if (!enough(counts[key].length, n)) continue;
      found = close(q.index.folded[key], counts[key], n);
      if (found) out[key] = found;
    }
    w.texts = out;
    return out;
  }

  function close(text, found, n) {
    // The pairs found near each other (within about twice the word's length): scattered over a long page
    // they are not the word an officer typed.
    var span = 2 * (n + 1) + 4, i, at, tries, win, got;
    for (i = 0; i < found.length; i++) {
      for (at = text.indexOf(found[i]), tries = 0; at >= 0 && tries < 40; at = text.indexOf(found[i], at + 1), tries++) {
        win = text.slice(Math.max(0, at - span), at + span);
        got = found.filter(function (p) { return win.indexOf(p) >= 0; });
        if (enough(got.length, n)) return got;
      }
    }
    return null;
  }

  function enough(found, n) {
    return found >= 2 && found * 2 >= n;
  }

  function near(q, doc, w) {
    // By overlapping words (of the word or of one of its synonym forms): at least half of its character pairs
    // (two or more), in one field.
    var ps = w.pairs, n = ps.length, k, j, count = 0, found, texts;
    if (n < 2) return null;
    for (j = 0; j < n; j++) if (doc.folded.indexOf(ps[j]) >= 0) count++;
    var syn = w.why ? w.why + "；" : "", factor = w.why ? 0.9 : 1;
    if (enough(count, n)) {
      found = ps.filter(function (p) { return doc.folded.indexOf(p) >= 0; });
      return { score: Math.round(150 * factor * count / n), why: syn + "名称（相近：" + join(found) + "）", needles: found };
    }
    texts = nearTexts(q, w);
    for (k = 0; k < doc.texts.length; k++) {
      found = texts[doc.texts[k]];
      if (found) {
        return { score: Math.round(15 * factor * found.length / n), why: syn + q.index.roles[doc.roles[k]] + "（相近：" + join(found) + "）",
                 needles: found, text: doc.texts[k] };
      }
    }
    return null;
  }

  function join(found) {
    // 应急、预案 out of 应急 急救 预案: the pairs found, joined where they overlap.
    var out = [], k;
    for (k = 0; k < found.length; k++) {
      var last = out[out.length - 1];
      if (last && last.charAt(last.length - 1) === found[k].charAt(0) && k > 0) out[out.length - 1] = last + found[k].charAt(1);
      else out.push(found[k]);
    }
    return out.join("、");
  }

  function matchWord(q, doc, w) {
    var best = null, a, m;
    for (a = 0; a < w.alts.length; a++) {
      m = exact(q, doc, w.alts[a]);
      if (m && (!best || m.score > best.score)) best = m;
    }
    if (best) return best;
    for (a = 0; a < w.alts.length; a++) {
      m = near(q, doc, w.alts[a]);
      if (m && (!best || m.score > best.score)) best = m;
    }
    return best;
  }

  function matchPlace(q, doc, place) {
    // A cited place: the document cites (or is) that article, and that 款 and 项 when the query names them.
    var k, r, score = 0, hits, cites = false, refs = refsOf(doc);
    if (!refs.length && !doc.texts.length) return null;
    for (k = 0; k < refs.length; k++) {
      r = refs[k];
      if (r.a !== place.a) continue;
      cites = true;
      if ((place.p && r.p && r.p !== place.p) || (place.i && r.i && r.i !== place.i)) continue;
      score = Math.max(score, (place.p && !r.p) || (place.i && !r.i) ? 90 : 150);
    }
    if (score) return { score: score, why: "法条 " + place.label, needles: [place.text] };
    if (cites) return null;  // it cites another 款 or 项 of that article: not what was asked for
    hits = textHits(q, place.text);
    for (k = 0; k < doc.texts.length; k++) {
      if (hits[doc.texts[k]]) {
        return { score: 20, why: q.index.roles[doc.roles[k]] + " " + place.text, needles: [place.text], text: doc.texts[k] };
      }
    }
    return null;
  }

  function search(index, query) {
    // The documents matching every part of the query, best first: [{doc, score, why, needles, text}].
    var parsed = parse(query, index.synonyms), results = [], q = { index: index, hits: {} }, i, k, m, doc, matches;
    var typed = parsed.words.map(function (w) { return w.text; }).join("");
    if (!parsed.size || (!parsed.places.length && typed.length < 2 && !/^\d$/.test(typed))) return [];
    function match(doc, k) {
      return k < parsed.places.length ? matchPlace(q, doc, parsed.places[k])
        : matchWord(q, doc, parsed.words[k - parsed.places.length]);
    }
    for (i = 0; i < index.docs.length; i++) {
      doc = index.docs[i];
      m = match(doc, 0);
      if (!m) continue;
      matches = [m];
      for (k = 1; k < parsed.size && m; k++) { m = match(doc, k); matches.push(m); }
      if (m) results.push(result(doc, matches));
    }
    results.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return results;
  }

  function result(doc, matches) {
    // A document every part of the query matched: its score, the reasons, what to highlight, the text to quote.
    var total = 0, why = [], needles = [], text = -1;
    matches.forEach(function (m) {
      total += m.score;
      if (why.indexOf(m.why) < 0) why.push(m.why);
      needles = needles.concat(m.needles);
      if (text < 0 && m.text !== undefined) text = m.text;
    });
    return { doc: doc, score: total * KIND_WEIGHT[doc.kind], why: why, needles: needles, text: text };
  }

  function highlight(text, needles) {
    // The text as pieces [{text, mark}], each needle (folded) a marked piece: the page makes text nodes of them.
    var folded = fold(text), at = 0, out = [], i, next, len, hit;
    var list = needles.filter(function (n) { return n; }).sort(function (a, b) { return b.length - a.length; });
    while (at < text.length) {
      next = -1; len = 0;
      for (i = 0; i < list.length; i++) {
        hit = folded.indexOf(list[i], at);
        if (hit >= 0 && (next < 0 || hit < next)) { next = hit; len = list[i].length; }
      }
      if (next < 0) { out.push({ text: text.slice(at), mark: false }); break; }
      if (next > at) out.push({ text: text.slice(at, next), mark: false });
      out.push({ text: text.slice(next, next + len), mark: true });
      at = next + len;
    }
    return out;
  }

  function snippet(index, r) {
    // Around the first highlighted place in the text that matched (or any text of the document).
    var ids = r.text >= 0 ? [r.text] : r.doc.texts, i, j, at, text;
    for (i = 0; i < ids.length; i++) {
      text = index.texts[ids[i]];
      for (j = 0; j < r.needles.length; j++) {
        at = index.folded[ids[i]].indexOf(r.needles[j]);
        if (at >= 0) {
          var start = Math.max(0, at - 24);
          return (start ? "…" : "") + text.slice(start, at + r.needles[j].length + 40) + "…";
        }
      }
    }
    text = r.doc.texts.length ? index.texts[r.doc.texts[0]] : "";
    return text.slice(0, 60) + (text.length > 60 ? "…" : "");
  }

  function start(window, document) {
    // The search box in the page header, its results, and window.YJZF for tests and benchmarks.
    var self = document.currentScript || document.querySelector('script[src$="assets/search.js"]');
    var base = self ? self.src.replace(/assets\/search\.js(\?.*)?$/, "") : "";
    var index = null, loading = false, waiting = [];

    function load(done) {
      if (!index && window.YJZF_SEARCH) index = prepare(window.YJZF_SEARCH);
      if (index) { done(); return; }
      waiting.push(done);
      if (loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = base + "assets/search-index.js";
      s.onload = function () {
        index = prepare(window.YJZF_SEARCH);
        waiting.splice(0).forEach(function (f) { f(); });
      };
      s.onerror = function () { loading = false; };
      document.head.appendChild(s);
    }

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    function marked(parent, text, needles) {
      // Built from text nodes: nothing from the index or the query becomes markup.
      highlight(text, needles).forEach(function (piece) {
        parent.appendChild(piece.mark ? el("mark", "", piece.text) : document.createTextNode(piece.text));
      });
      return parent;
    }

    function render(list, query, box) {
      box.textContent = "";
      if (!query.trim()) { box.hidden = true; return; }
      box.hidden = false;
      if (!list.length) { box.appendChild(el("p", "ys-none", "没有找到“" + query + "”。可以换一个词，或少输几个字。")); return; }
      box.appendChild(el("p", "ys-count", "找到 " + list.length + " 条" + (list.length > MAX ? "，显示前 " + MAX + " 条" : "")));
      var ol = el("ol");
      list.slice(0, MAX).forEach(function (r) {
        var d = r.doc, li = el("li"), a = el("a");
        a.setAttribute("href", base + d.url);
        a.appendChild(el("span", "ys-kind ys-kind-" + d.kind, index.kinds[d.kind]));
        if (d.code) a.appendChild(marked(el("span", "ys-code"), d.code, r.needles));
        a.appendChild(marked(el("span", "ys-title"), d.title, r.needles));
        a.appendChild(marked(el("span", "ys-snippet"), snippet(index, r), r.needles));
        a.appendChild(el("span", "ys-why", "匹配：" + r.why.join(" / ")));
        li.appendChild(a);
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }

    function init() {
      var header = document.querySelector(".md-header__inner");
      if (!header || document.querySelector(".ys-search")) return;
      var form = el("form", "ys-search"), input = el("input", "ys-input"), box = el("div", "ys-results"), timer = null;
      form.setAttribute("role", "search");
      input.type = "search";
      input.placeholder = "搜索：事项代码、名称、条文";
      input.setAttribute("aria-label", "搜索");
      input.setAttribute("autocomplete", "off");
      box.hidden = true;
      form.appendChild(input);
      form.appendChild(box);
      header.appendChild(form);
      function run() { load(function () { render(search(index, input.value), input.value, box); }); }
      // The index is read from the first sign of a search (the pointer on the box, a touch, focus): by the time a
      // query is typed it is mostly loaded. Never on page load: most pages are opened to be read, not searched.
      ["mouseenter", "touchstart", "focus"].forEach(function (name) {
        input.addEventListener(name, function () { load(function () {}); }, name === "touchstart" ? { passive: true } : false);
      });
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
      if (q) { input.value = decoded(q[1].replace(/\+/g, " ")); run(); }
    }

    // For tests and benchmarks: the results' addresses, and the same with why each matched.
    window.YJZF = {
      search: function (q, cb) { load(function () { cb(search(index, q).map(function (r) { return r.doc.url; })); }); },
      explain: function (q, cb) {
        load(function () { cb(explain(index, q)); });
      }
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }

  function decoded(text) {
    // A ?q= from a link typed or cut short (%E0%A4%A): the text as it came, rather than an error stopping the page.
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  function explain(index, query) {
    // The results as tests read them: address, reasons, score.
    return search(index, query).map(function (r) { return { url: r.doc.url, why: r.why, score: r.score }; });
  }

  return {
    VERSION: VERSION, DOC_COLUMNS: DOC_COLUMNS, LISTS: LISTS, MAX: MAX,
    toCn: toCn, number: number, fold: fold, parse: parse, pairs: pairs, parseRefs: parseRefs, titleWords: titleWords, prepare: prepare,
    refsOf: refsOf, wordsOf: wordsOf, hasWord: hasWord,
    search: search, explain: explain, decoded: decoded, highlight: highlight, snippet: snippet, start: start
  };
});
