// matter-table.js as a module: the category list, the filter and the sort order of the list of matters.
// The columns are generator/templates/matters.md.j2's (tests/test_render.py checks the category column).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const T = require("../../docs/assets/matter-table.js");

test("the category names come from a JSON list; anything else gives none", () => {
  assert.deepEqual(T.categories('["安全生产综合监管类","a|b","",3]'), ["安全生产综合监管类", "a|b"]);
  for (const bad of ["", undefined, "{", '{"a":1}', '"类"', "null"]) assert.deepEqual(T.categories(bad), [], String(bad));
});

test("the filter finds typed words anywhere in a row, spaces, width and case aside", () => {
  const row = "330225002014 未按规定 对从业人员进行安全生产教育和培训 安全生产综合监管类 《安全生产法》第二十八条";
  assert.ok(T.shown(row, "安全生产综合监管类", "", ""));
  assert.ok(T.shown(row, "安全生产综合监管类", "002014", ""));
  assert.ok(T.shown(row, "安全生产综合监管类", "００２０１４", ""));
  assert.ok(T.shown(row, "安全生产综合监管类", "从业 人员", ""));
  assert.ok(T.shown(row, "安全生产综合监管类", "未按规定对从业", ""));
  assert.ok(!T.shown(row, "安全生产综合监管类", "危险化学品", ""));
  assert.ok(T.shown(row, "安全生产综合监管类", "教育", "安全生产综合监管类"));
  assert.ok(!T.shown(row, "安全生产综合监管类", "教育", "危险化学品类"));
  assert.ok(T.shown("ABC 类", "类", "abc", ""));
});

test("a typed word with characters special elsewhere is only text", () => {
  assert.ok(T.shown("a.*b (c) [d] <b>", "", ".*", ""));
  assert.ok(!T.shown("ab", "", ".*", ""));
  assert.ok(T.shown("名称<b>加粗</b>", "", "<b>", ""));
});

test("sorting: codes and article numbers by their value, both ways", () => {
  const codes = ["330225002022", "330225002014", "330225008001"];
  assert.deepEqual(codes.slice().sort((a, b) => T.compare(a, b, true)), ["330225002014", "330225002022", "330225008001"]);
  assert.deepEqual(codes.slice().sort((a, b) => T.compare(a, b, false)), ["330225008001", "330225002022", "330225002014"]);
  assert.deepEqual(["第10条", "第9条"].sort((a, b) => T.compare(a, b, true)), ["第9条", "第10条"]);
});

// The rows script of a long list (generator/pages/listings.py, matter_rows): its format, read on this side.
const DATA = {
  version: 1,
  categories: [["安全生产综合监管类", "categories/zhjg.html"], ["危险化学品类", "categories/whp.html"]],
  cites: [["《安全生产法》第二十八条第一款", "laws/aqscf.html#a28-1"], ["《安全生产法》第九十七条第（三）项", "laws/aqscf.html#a97-3"],
          ["坏链接", "javascript:alert(1)"]],
  rows: [["330225002022", "名称乙", 0, [0], [1]], ["330225002014", "名称<b>甲</b>", 1, [0, 2], [1]]],
};

test("the rows script becomes rows of cells: links by index, text as text", () => {
  const rows = T.prepare(DATA);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0].cells, [
    { links: [["330225002022", "matters/330225002022.html"]] }, { text: "名称乙" },
    { links: [["安全生产综合监管类", "categories/zhjg.html"]] }, { links: [["《安全生产法》第二十八条第一款", "laws/aqscf.html#a28-1"]] },
    { links: [["《安全生产法》第九十七条第（三）项", "laws/aqscf.html#a97-3"]] }]);
  assert.equal(rows[1].texts[1], "名称<b>甲</b>");
  assert.equal(rows[1].texts[3], "《安全生产法》第二十八条第一款、坏链接");
  assert.equal(rows[1].category, "危险化学品类");
  for (const bad of [null, {}, { version: 2, rows: [] }, { version: 1 }]) assert.equal(T.prepare(bad), null);
});

test("a filter over every row of the script, in the list's order or sorted by a column", () => {
  const rows = T.prepare(DATA);
  assert.deepEqual(T.select(rows, "", "", null).map((r) => r.texts[0]), ["330225002022", "330225002014"]);
  assert.deepEqual(T.select(rows, "第九十七条", "", { col: 0, asc: true }).map((r) => r.texts[0]),
                   ["330225002014", "330225002022"]);
  assert.deepEqual(T.select(rows, "", "危险化学品类", null).map((r) => r.texts[0]), ["330225002014"]);
  assert.deepEqual(T.select(rows, "<b>", "", null).map((r) => r.texts[0]), ["330225002014"]);
  assert.deepEqual(T.select(rows, "没有的词", "", null), []);
});

test("only links to the site's own pages are made links", () => {
  for (const ok of ["matters/330225002014.html", "laws/aqscf.html#a97-3", "categories/zhjg.html", "index.html"]) {
    assert.ok(T.safeUrl(ok), ok);
  }
  for (const bad of ["javascript:alert(1)", "https://example.org/x.html", "//x.html", "../x.html", "a b.html",
                     "laws/a.html#a\"b", "", undefined]) {
    assert.ok(!T.safeUrl(bad), String(bad));
  }
});
