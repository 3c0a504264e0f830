// Self-test from the question bank: ten questions at a time, scored in the browser, no network needed.
(function () {
  "use strict";

  var PER_ROUND = 10;
  var self = document.currentScript || document.querySelector('script[src$="assets/quiz.js"]');
  var base = self ? self.src.replace(/assets\/quiz\.js(\?.*)?$/, "") : "";

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  function pick(all) {
    var list = all.slice();
    if (/[?&]all=1/.test(window.location.search)) return list;  // every question, in bank order
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i]; list[i] = list[j]; list[j] = t;
    }
    return list.slice(0, PER_ROUND);
  }

  function render(box, all) {
    var round = pick(all);
    var html = '<form class="quiz-form">';
    round.forEach(function (q, n) {
      html += '<fieldset class="quiz-q" data-id="' + esc(q.id) + '"><legend>' + (n + 1) + ". 【" + esc(q.kind) + "】" +
        esc(q.text) + "</legend>";
      q.options.forEach(function (o, k) {
        html += '<label><input type="radio" name="q' + n + '" value="' + k + '"> ' + "ABCD".charAt(k) + ". " + esc(o) + "</label>";
      });
      html += '<p class="quiz-feedback" hidden></p></fieldset>';
    });
    html += '<p><button type="submit" class="md-button md-button--primary">交卷</button> ' +
      '<button type="button" class="md-button quiz-again">换一组</button></p><p class="quiz-score" role="status"></p></form>';
    box.innerHTML = html;
    var form = box.querySelector("form");
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var right = 0;
      round.forEach(function (q, n) {
        var chosen = form.querySelector('input[name="q' + n + '"]:checked');
        var ok = chosen && Number(chosen.value) === q.answer;
        if (ok) right += 1;
        var fb = form.querySelectorAll(".quiz-feedback")[n];
        fb.hidden = false;
        fb.className = "quiz-feedback " + (ok ? "quiz-right" : "quiz-wrong");
        fb.innerHTML = (ok ? "正确。" : "不对。正确答案：" + "ABCD".charAt(q.answer) + ". " + esc(q.options[q.answer]) + "。") +
          ' <a href="' + base + esc(q.explain) + '">讲解</a>';
      });
      form.querySelector(".quiz-score").textContent = "得分：" + right + " / " + round.length;
    });
    form.querySelector(".quiz-again").addEventListener("click", function () { render(box, all); });
  }

  function init() {
    var box = document.getElementById("quiz");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    var s = document.createElement("script");
    s.src = base + "assets/quiz-data.js";
    s.onload = function () { render(box, window.YJZF_QUIZ || []); };
    document.head.appendChild(s);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
