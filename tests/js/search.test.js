// search.js as a module: numbers, folding, query parsing, the index format, ranking, highlighting, and the search
// box built on a stand-in document. The index is tests/js/fixtures/search-index.json (format 3; its shape is
// checked against what the generator writes by tests/test_search.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const S = require("../../docs/assets/search.js");
const { makeDocument, tags } = require("./fakedom.js");

const RAW = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "search-index.json"), "utf8"));
const index = S.prepare(RAW);
const urls = (q) => S.search(index, q).map((r) => r.doc.url);
const clone = () => JSON.parse(JSON.stringify(RAW));

test("numbers as officials write them, both ways", () => {
  assert.deepEqual([1, 10, 12, 97, 103, 110, 1000].map(S.toCn), ["一", "十", "十二", "九十七", "一百零三", "一百一十", "一千"]);
  assert.deepEqual(["97", "九十七", "一百零三", "十二", "两百", "第"].map(S.number), [97, 97, 103, 12, 200, 0]);
});

test("folding keeps the text's length, so highlights land where the text is", () => {
  assert.equal(S.fold("ＡＢｃ１２ Abc"), "abc12 abc");
  for (const t of ["İstanbul 第97条", "ＡİＢ", "应急预案"]) assert.equal(S.fold(t).length, t.length);
  // Texts of caseless characters alone are returned as they are; any other character is folded as ever.
  assert.equal(S.fold("应急预案（第97条）"), "应急预案（第97条）");
  for (let u = 0; u < 0x10000; u++) {  // the fast way never skips a character folding would change
    const ch = String.fromCharCode(u);
    if (u < 0xd800 || u > 0xdfff) assert.equal(S.fold(ch), S.fold(ch + "A").slice(0, 1), `U+${u.toString(16)}`);
  }
  for (const [t, f] of [["应急ΑΒΓ", "应急αβγ"], ["ПРИКАЗ", "приказ"], ["Ⅻ号", "ⅻ号"], ["应急１", "应急1"], ["À", "à"]]) {
    assert.equal(S.fold(t), f);
  }
});

test("a query is cited places and words, however the place is typed", () => {
  const q = S.parse("安全生产法第97条第1款第(7)项", []);
  assert.deepEqual(q.places.map((p) => [p.a, p.p, p.i, p.label]), [[97, 1, 7, "第九十七条第一款第（七）项"]]);
  assert.deepEqual(q.words.map((w) => w.text), ["安全生产法"]);
  assert.deepEqual(S.parse("97条 第7项", []).places.map((p) => p.label), ["第九十七条第（七）项"]);
  assert.deepEqual(S.parse("九十七条七项", []).places.map((p) => [p.a, p.i]), [[97, 7]]);
  const w = S.parse("受限空间警示牌", [["警示牌", "警示标志"], ["受限空间", "有限空间"]]).words[0];
  assert.deepEqual(w.alts.map((a) => a.text), ["受限空间警示牌", "受限空间警示标志", "有限空间警示牌", "有限空间警示标志"]);
  assert.equal(w.alts[3].why, "同义词 警示牌→警示标志、受限空间→有限空间");
});

test("near words are overlapping character pairs, not of numbers or short words", () => {
  assert.deepEqual(S.pairs("应急预案"), ["应急", "急预", "预案"]);
  assert.deepEqual(S.pairs("预案"), []);
  assert.deepEqual(S.pairs("002014"), []);
});

test("cited places in the index: 条.款.项, parts left out when not given", () => {
  assert.deepEqual(S.parseRefs("97.1.7 81 99..1"), [{ a: 97, p: 1, i: 7 }, { a: 81, p: 0, i: 0 }, { a: 99, p: 0, i: 1 }]);
  assert.deepEqual(S.parseRefs(""), []);
});

test("the index is read by its named fields", () => {
  const d = index.docs;
  assert.deepEqual(d.map((x) => x.url), ["matters/330225002022.html", "matters/330225002038.html",
    "laws/aqscf.html#a97", "stages/check.html"]);
  assert.equal(d[0].category, "安全生产综合监管类");
  assert.equal(d[2].category, "");
  assert.equal(d[0].laws, "中华人民共和国安全生产法 安全生产法");
  assert.deepEqual([d[1].texts, d[1].roles], [[1], [2]]);
  assert.deepEqual(S.refsOf(d[1]), [{ a: 97, p: 0, i: 0 }, { a: 81, p: 0, i: 0 }]);
  assert.equal(S.wordsOf(d[0]), S.titleWords(d[0].folded, d[0].cuts));
});

test("a whole word of a title is found as wordsOf finds it, without making the words", () => {
  const titles = [["未按规定对从业人员进行", "1121222"], ["从业人员从业", "222"], ["𠀀甲乙𠀀乙", "2222"], ["甲乙丙", "z"],
    ["甲乙丙丁", "13"], ["", ""],
    ["constructor 与 __proto__", "b1119"]];
  for (const [folded, cuts] of titles) {
    const words = S.titleWords(folded, cuts);
    for (let i = 0; i <= folded.length; i++) {
      for (let j = i; j <= folded.length; j++) {
        const t = folded.slice(i, j), doc = { folded: folded, cuts: cuts, words: null };
        assert.equal(S.hasWord(doc, t), words.indexOf(" " + t + " ") >= 0, `${folded} ${cuts} ${t}`);
        doc.words = words;
        assert.equal(S.hasWord(doc, t), words.indexOf(" " + t + " ") >= 0);
      }
    }
  }
});

test("an index of another format or missing a field is refused, not half read", () => {
  const old = clone(); old.v = 2;
  assert.throws(() => S.prepare(old), /格式不符/);
  const missing = clone(); delete missing.docs.roles;
  assert.throws(() => S.prepare(missing), /docs\.roles/);
  const short = clone(); short.docs.title.pop();
  assert.throws(() => S.prepare(short), /docs\.title/);
  const noTexts = clone(); delete noTexts.texts;
  assert.throws(() => S.prepare(noTexts), /texts/);
});

test("a code, its tail, a name, a law, a place and a synonym each find the matter and say why", () => {
  const why = (q, url) => S.explain(index, q).find((r) => r.url === url).why.join(" / ");
  assert.equal(why("330225002022", "matters/330225002022.html"), "代码");
  assert.equal(why("002022", "matters/330225002022.html"), "代码后 6 位");
  assert.equal(why("安全警示", "matters/330225002022.html"), "名称");
  assert.equal(why("97条第7项", "matters/330225002022.html"), "法条 第九十七条第（七）项");
  assert.equal(why("警示牌", "matters/330225002022.html"), "同义词 警示牌→警示标志；名称");
  assert.equal(why("应急救援", "matters/330225002038.html"), "检查要点");
  assert.equal(why("应急救援计划", "matters/330225002038.html"), "检查要点（相近：应急救援）");
});

test("a cited item does not find matters citing another item; a matter ranks above its article", () => {
  assert.deepEqual(urls("97条第1款第8项"), ["matters/330225002038.html", "laws/aqscf.html#a97"]);
  assert.deepEqual(urls("第九十七条").slice(0, 2), ["matters/330225002022.html", "matters/330225002038.html"]);
});

test("nothing typed, one character, or nonsense finds nothing", () => {
  assert.deepEqual(urls(""), []);
  assert.deepEqual(urls("  "), []);
  assert.deepEqual(urls("安"), []);
  assert.deepEqual(urls("不存在的词语组合"), []);
});

test("a tag-like word is searched and highlighted as text", () => {
  for (const q of ["<b>", "<script>", "</b>"]) {
    const hits = S.search(index, q);
    assert.ok(hits.length > 0, q);
    const r = hits[0];
    const pieces = S.highlight(r.doc.title, r.needles);
    assert.equal(pieces.map((p) => p.text).join(""), r.doc.title);
    assert.ok(pieces.some((p) => p.mark && p.text === q), q);
  }
});

test("highlighting: longest needle first, case and width folded, the text itself kept", () => {
  assert.deepEqual(S.highlight("ＡＢ应急救援预案", ["ab", "应急", "应急救援"]),
    [{ text: "ＡＢ", mark: true }, { text: "应急救援", mark: true }, { text: "预案", mark: false }]);
  assert.deepEqual(S.highlight("İİ应急", ["应急"]), [{ text: "İİ", mark: false }, { text: "应急", mark: true }]);
  assert.deepEqual(S.highlight("无", ["", "有"]), [{ text: "无", mark: false }]);
});

test("a snippet quotes the matching text around the first highlight", () => {
  const r = S.search(index, "<script>").find((x) => x.doc.kind === 2);
  assert.match(S.snippet(index, r), /<script>alert\(1\)<\/script>/);
});

function page(query) {
  // A page with a header, the index already loaded, opened with ?q=: the box runs the query at once.
  const doc = makeDocument();
  const header = doc.createElement("div");
  header.className = "md-header__inner";
  doc.body.appendChild(header);
  const win = { document: doc, YJZF_SEARCH: clone(), location: { search: "?q=" + query, href: "" } };
  S.start(win, doc);
  return { doc, win, box: doc.querySelector(".ys-results") };
}

test("the search box shows a tag-like query and hostile index text as text, never markup", () => {
  for (const q of ["%3Cb%3E", "%3Cscript%3E", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"]) {
    const { box } = page(q);
    assert.ok(tags(box).every((t) => ["p", "ol", "li", "a", "span", "mark"].includes(t)), tags(box).join());
    assert.ok(box.textContent.includes(decodeURIComponent(q)), box.textContent);
  }
  const { box } = page("%3Cb%3E");
  assert.equal(box.querySelectorAll("mark")[0].textContent, "<b>");
  assert.equal(box.querySelector("a").getAttribute("href"), "matters/330225002038.html");
});

test("a malformed ?q= leaves the search box working", () => {
  const { doc, win } = page("%E0%A4%A");
  const input = doc.querySelector(".ys-input");
  assert.equal(input.value, "%E0%A4%A");
  assert.equal(typeof win.YJZF.search, "function");
});

test("window.YJZF answers tests and benchmarks with addresses", () => {
  const { win } = page("");
  let got = null;
  win.YJZF.search("002022", (r) => { got = r; });
  assert.deepEqual(got, ["matters/330225002022.html"]);
});

test("a title's words come from the index's cut lengths: whole words rank above fragments", () => {
  assert.equal(S.titleWords("未按规定对从业人员进行", "1121222"), " 规定 从业 人员 进行 ");
  assert.equal(S.titleWords("从业人员从业", "222"), " 从业 人员 ");
  assert.equal(S.titleWords("x".repeat(36), "z1"), " " + "x".repeat(35) + " ");
  assert.equal(S.titleWords("任何标题", ""), " ");
  assert.equal(index.docs[0].words, " 设置 安全 警示 标志 ");
  const name = (q) => S.search(index, q).find((r) => r.doc.code === "330225002022").score;
  assert.ok(name("警示") > name("全警"));  // 警示 is a word of the title, 全警 only a fragment
});
