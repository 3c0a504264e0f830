// Self-test from the question bank: ten questions at a time, scored in the browser, no network needed.
// One file, two uses: in a page a plain script (window.YJZFQuiz, and the quiz in #quiz); in Node require() gives the
// same functions (tests/js/quiz.test.js). The page is built from elements and text: nothing from the data is markup.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.YJZFQuiz = api;
  api.start(root, root.document);
})(this, function () {
  "use strict";

  // A question of window.YJZF_QUIZ (generator/training_pages.py, quiz_data): its fields, by name.
  var FIELDS = ["id", "kind", "text", "options", "answer", "explain"];
  var PER_ROUND = 10;
  var LETTERS = "ABCD";

  function isText(v) { return typeof v === "string"; }

  function questions(raw) {
    // The well-formed questions of the data: a malformed one is left out rather than shown broken.
    return (Array.isArray(raw) ? raw : []).filter(function (q) {
      return q && isText(q.id) && isText(q.kind) && isText(q.text) && isText(q.explain) &&
        Array.isArray(q.options) && q.options.length >= 2 && q.options.length <= LETTERS.length &&
        q.options.every(isText) && q.answer === Math.floor(q.answer) && q.answer >= 0 && q.answer < q.options.length;
    });
  }

  function pick(all, everything, random) {
    // Every question in bank order (?all=1), or PER_ROUND drawn at random (random() as Math.random).
    var list = all.slice(), i, j, t;
    if (everything) return list;
    for (i = list.length - 1; i > 0; i--) {
      j = Math.floor(random() * (i + 1));
      t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list.slice(0, PER_ROUND);
  }

  function score(round, chosen) {
    // chosen[n]: the option picked for question n (-1 or missing: none). How many are right, and each verdict.
    var right = 0, verdicts = round.map(function (q, n) {
      var ok = chosen[n] === q.answer;
      if (ok) right += 1;
      return { ok: ok, answer: LETTERS.charAt(q.answer) + ". " + q.options[q.answer] };
    });
    return { right: right, total: round.length, verdicts: verdicts, text: "得分：" + right + " / " + round.length };
  }

  function explainHref(base, explain) {
    // The page that explains a question: an address inside the site only (no scheme, no other host), else none.
    if (!isText(explain) || /^[a-z][a-z0-9+.\-]*:|^[\/\\]{2}/i.test(explain.replace(/[\s\u0000-\u001f]+/g, ""))) return "";
    return base + explain;
  }

  function start(window, document) {
    var self = document.currentScript || document.querySelector('script[src$="assets/quiz.js"]');
    var base = self ? self.src.replace(/assets\/quiz\.js(\?.*)?$/, "") : "";

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    }

    function question(q, n) {
      var box = el("fieldset", "quiz-q"), feedback = el("p", "quiz-feedback");
      box.setAttribute("data-id", q.id);
      box.appendChild(el("legend", "", (n + 1) + ". 【" + q.kind + "】" + q.text));
      q.options.forEach(function (o, k) {
        var label = el("label"), input = el("input");
        input.type = "radio";
        input.name = "q" + n;
        input.value = String(k);
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + LETTERS.charAt(k) + ". " + o));
        box.appendChild(label);
      });
      feedback.hidden = true;
      box.appendChild(feedback);
      return box;
    }

    function render(box, all) {
      var round = pick(all, /[?&]all=1/.test(window.location.search), Math.random);
      var form = el("form", "quiz-form"), buttons = el("p"), submit = el("button", "md-button md-button--primary", "交卷");
      var again = el("button", "md-button quiz-again", "换一组"), result = el("p", "quiz-score");
      round.forEach(function (q, n) { form.appendChild(question(q, n)); });
      submit.type = "submit";
      again.type = "button";
      result.setAttribute("role", "status");
      buttons.appendChild(submit);
      buttons.appendChild(document.createTextNode(" "));
      buttons.appendChild(again);
      form.appendChild(buttons);
      form.appendChild(result);
      box.textContent = "";
      box.appendChild(form);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var chosen = round.map(function (q, n) {
          var c = form.querySelector('input[name="q' + n + '"]:checked');
          return c ? Number(c.value) : -1;
        });
        var s = score(round, chosen), feedback = form.querySelectorAll(".quiz-feedback");
        s.verdicts.forEach(function (v, n) {
          var fb = feedback[n], href = explainHref(base, round[n].explain), link;
          fb.hidden = false;
          fb.className = "quiz-feedback " + (v.ok ? "quiz-right" : "quiz-wrong");
          fb.textContent = v.ok ? "正确。" : "不对。正确答案：" + v.answer + "。";
          if (href) {
            link = el("a", "", "讲解");
            link.setAttribute("href", href);
            fb.appendChild(document.createTextNode(" "));
            fb.appendChild(link);
          }
        });
        result.textContent = s.text;
      });
      again.addEventListener("click", function () { render(box, all); });
    }

    function init() {
      var box = document.getElementById("quiz");
      if (!box || box.dataset.ready) return;
      box.dataset.ready = "1";
      var s = document.createElement("script");
      s.src = base + "assets/quiz-data.js";
      s.onload = function () { render(box, questions(window.YJZF_QUIZ)); };
      document.head.appendChild(s);
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  }

  return { FIELDS: FIELDS, PER_ROUND: PER_ROUND, questions: questions, pick: pick, score: score,
           explainHref: explainHref, start: start };
});
