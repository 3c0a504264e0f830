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
