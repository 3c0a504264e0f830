// quiz.js as a module: reading the question data by its named fields, drawing a round, scoring, the explanation
// link, and the quiz built on a stand-in document. The data is tests/js/fixtures/quiz-data.json (its shape is
// checked against what the generator writes by tests/test_training.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const Q = require("../../docs/assets/quiz.js");
const { makeDocument, tags } = require("./fakedom.js");

const RAW = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "quiz-data.json"), "utf8"));

test("questions are read by their named fields; a malformed one is left out", () => {
  assert.deepEqual(Q.questions(RAW).map((q) => q.id), ["q1", "q2", "q3"]);
  const bad = [
    { ...RAW[0], answer: 4 }, { ...RAW[0], answer: 1.5 }, { ...RAW[0], options: ["只有一个"] },
    { ...RAW[0], options: ["A", 2] }, { ...RAW[0], text: undefined }, null, "q", { ...RAW[0], id: "ok" },
  ];
  assert.deepEqual(Q.questions(bad).map((q) => q.id), ["ok"]);
  assert.deepEqual(Q.questions(undefined), []);
  assert.deepEqual(Q.questions({ q1: RAW[0] }), []);
});

test("a round is ten drawn at random, or every question in bank order", () => {
  const bank = Array.from({ length: 25 }, (_, i) => ({ id: "q" + i }));
  assert.deepEqual(Q.pick(bank, true, Math.random).map((q) => q.id), bank.map((q) => q.id));
  const round = Q.pick(bank, false, () => 0.5);
  assert.equal(round.length, Q.PER_ROUND);
  assert.equal(new Set(round.map((q) => q.id)).size, Q.PER_ROUND);
  assert.deepEqual(Q.pick(bank, false, () => 0.5), round);  // the same draws, the same round
  assert.equal(Q.pick(bank.slice(0, 3), false, Math.random).length, 3);
  assert.equal(bank.length, 25);  // the bank itself is not shuffled
});

test("scoring: right, wrong and unanswered, with the right option to show", () => {
  const s = Q.score(Q.questions(RAW), [0, 1]);
  assert.equal(s.right, 1);
  assert.equal(s.text, "得分：1 / 3");
  assert.deepEqual(s.verdicts.map((v) => v.ok), [true, false, false]);
  assert.equal(s.verdicts[1].answer, "A. 是");
  assert.equal(s.verdicts[2].answer, "B. B");
  assert.equal(Q.score([], []).text, "得分：0 / 0");
});

test("an explanation link stays inside the site", () => {
  assert.equal(Q.explainHref("../", "matters/330225002022.html#chufa"), "../matters/330225002022.html#chufa");
  for (const bad of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:x", "https://example.com/",
                     "//example.com/x", "\\\\host\\x", "data:text/html,x", undefined]) {
    assert.equal(Q.explainHref("../", bad), "", String(bad));
  }
});

function quizPage(search) {
  const doc = makeDocument();
  const box = doc.createElement("div");
  box.id = "quiz";
  doc.body.appendChild(box);
  const win = { document: doc, location: { search: search } };
  Q.start(win, doc);
  win.YJZF_QUIZ = RAW;
  doc.head.querySelector("script").onload();  // the data script arrives
  return { doc, box };
}

test("the quiz shows question text as text and scores what is picked", () => {
  const { doc, box } = quizPage("?all=1");
  assert.ok(tags(box).every((t) => ["form", "fieldset", "legend", "label", "input", "p", "button"].includes(t)),
    tags(box).join());
  const sets = box.querySelectorAll(".quiz-q");
  assert.deepEqual(sets.map((f) => f.getAttribute("data-id")), ["q1", "q2", "q3"]);
  assert.equal(sets[2].querySelector("legend").textContent, "3. 【单选】<img src=x onerror=alert(1)>");
  assert.equal(sets[2].querySelectorAll("label")[0].textContent, " A. <script>alert(1)</script>");
  box.querySelectorAll("input").filter((i) => i.name === "q0")[0].checked = true;
  box.querySelectorAll("input").filter((i) => i.name === "q2")[0].checked = true;
  doc.body.querySelector("form").dispatch("submit");
  assert.equal(box.querySelector(".quiz-score").textContent, "得分：1 / 3");
  const fb = box.querySelectorAll(".quiz-feedback");
  assert.deepEqual(fb.map((f) => f.className), ["quiz-feedback quiz-right", "quiz-feedback quiz-wrong",
    "quiz-feedback quiz-wrong"]);
  assert.equal(fb[0].querySelector("a").getAttribute("href"), "matters/330225002022.html#chufa");
  assert.equal(fb[2].querySelector("a"), null);  // javascript: is no link
  assert.equal(fb[2].textContent, "不对。正确答案：B. B。");
});
