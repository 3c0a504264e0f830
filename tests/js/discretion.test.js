// discretion.js as a module: the walk along the answers, the bands of the stage chosen, and the 裁量说明 draft.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const D = require("../../docs/assets/discretion.js");

// A small path like generator/decisionpath.py's: sx → bc1 → (jd: stage) → jz (bands of that stage) → outcome.
const STEPS = [{ id: "sx" }, { id: "bc1" }, { id: "jd" }, { id: D.BAND_STEP }];
const ANSWERS = {
  sx: { go: "bc1", finding: "在期限内发现。" },
  bc1: { go: "jd", finding: "当事人有{items}规定的情形。" },
  jd: { go: D.BAND_STEP, stage: "一般", finding: "属一般情形；" },
  [D.BAND_STEP]: { outcome: "band-2", stage: "较重", finding: "按第二档处罚。" },
};

test("the walk follows the answers to an outcome, the draft made of their findings", () => {
  const stages = [];
  const path = D.follow(STEPS, (step, stage) => { stages.push(stage); return ANSWERS[step.id]; });
  assert.deepEqual(path, { shown: ["sx", "bc1", "jd", "jz"], done: true, outcome: "band-2",
    draft: "在期限内发现。当事人有{items}规定的情形。属一般情形；按第二档处罚。" });
  assert.deepEqual(stages, ["", "", "", "一般"]);  // the band step's own stage does not change the stage
});

test("an unanswered step ends the walk there, with no outcome and no draft", () => {
  const path = D.follow(STEPS, (step) => (step.id === "bc1" ? null : ANSWERS[step.id]));
  assert.deepEqual(path, { shown: ["sx", "bc1"], done: false, outcome: "", draft: "" });
});

test("a loop in the data, or an answer leading to no step, ends the walk unfinished", () => {
  const loop = D.follow([{ id: "a" }, { id: "b" }], (step) => ({ go: step.id === "a" ? "b" : "a" }));
  assert.deepEqual(loop, { shown: ["a", "b"], done: false, outcome: "", draft: "" });
  const nowhere = D.follow([{ id: "a" }], () => ({ go: "missing" }));
  assert.deepEqual(nowhere.shown, ["a"]);
  assert.equal(nowhere.done, false);
  assert.deepEqual(D.follow([], () => null), { shown: [], done: false, outcome: "", draft: "" });
});

test("the band step offers only the bands of the stage chosen before it", () => {
  assert.ok(D.bandShown("jz", "", "较重"));
  assert.ok(D.bandShown("jz", "一般", "一般"));
  assert.ok(!D.bandShown("jz", "一般", "较重"));
  assert.ok(!D.bandShown("jz", "一般", ""));
  assert.ok(D.bandShown("sx", "一般", "较重"));
});

test("ticked items fill the finding as text, a blank when none is ticked", () => {
  assert.equal(D.fill("当事人有{items}规定的情形。", ["主动消除", "受他人胁迫"]), "当事人有主动消除、受他人胁迫规定的情形。");
  assert.equal(D.fill("有{items}。", []), "有＿＿＿＿（请勾选所列情形）。");
  // A $ in an item stays as written (String.replace would read $& and $' as patterns).
  assert.equal(D.fill("有{items}。", ["$&", "$'"]), "有$&、$'。");
  assert.equal(D.fill("没有占位。", ["x"]), "没有占位。");
});
