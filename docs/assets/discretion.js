// The discretion path on a matter page: shows one question at a time along the answers chosen, the outcome,
// and a 裁量说明 draft made of the chosen answers' findings. Works from a folder (file://), no network.
// Without this script the page shows every question, each answer saying where it leads.
(function () {
  "use strict";

  function steps(root) { return Array.prototype.slice.call(root.querySelectorAll(".zyc-step")); }

  function chosen(step) {
    var inputs = step.querySelectorAll('input[type="radio"]');
    for (var i = 0; i < inputs.length; i++) {
      if (inputs[i].checked && !inputs[i].closest("li").hidden) return inputs[i];
    }
    return null;
  }

  function items(step) {
    var out = [];
    step.querySelectorAll('input[type="checkbox"]:checked').forEach(function (c) { out.push(c.dataset.finding); });
    return out.length ? out.join("、") : "＿＿＿＿（请勾选所列情形）";
  }

  function walk(root) {
    var all = steps(root);
    var byId = {};
    all.forEach(function (s) { byId[s.dataset.step] = s; s.hidden = true; });
    root.querySelectorAll(".zyc-outcome").forEach(function (o) { o.hidden = true; });
    var draft = root.querySelector(".zyc-draft");
    draft.hidden = true;
    var findings = [];
    var stage = "";
    var step = all[0];
    var seen = {};
    while (step && !seen[step.dataset.step]) {
      seen[step.dataset.step] = true;
      step.hidden = false;
      // A band step lists only the bands of the ladder stage chosen before it.
      step.querySelectorAll("li").forEach(function (li) {
        var s = li.querySelector("input").dataset.stage;
        li.hidden = step.dataset.step === "jz" && stage !== "" && s !== stage;
      });
      var pick = chosen(step);
      if (!pick) return;
      if (pick.dataset.stage && step.dataset.step !== "jz") stage = pick.dataset.stage;
      if (pick.dataset.finding) findings.push(pick.dataset.finding.replace("{items}", items(step)));
      if (pick.dataset.go) { step = byId[pick.dataset.go]; continue; }
      var end = root.querySelector('.zyc-outcome[data-outcome-id="' + pick.dataset.outcome + '"]');
      if (end) end.hidden = false;
      root.querySelector(".zyc-text").value = findings.join("");
      draft.hidden = false;
      return;
    }
  }

  function copy(root) {
    var box = root.querySelector(".zyc-text");
    box.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).catch(function () { document.execCommand("copy"); });
    } else {
      document.execCommand("copy");
    }
  }

  function init() {
    document.querySelectorAll("[data-zyc]").forEach(function (root) {
      if (root.dataset.ready) return;
      root.dataset.ready = "1";
      root.classList.add("zyc-js");
      root.addEventListener("change", function () { walk(root); });
      root.querySelector(".zyc-copy").addEventListener("click", function () { copy(root); });
      root.querySelector(".zyc-reset").addEventListener("click", function () {
        root.querySelectorAll("input").forEach(function (i) { i.checked = false; });
        walk(root);
      });
      walk(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  // Material's instant navigation replaces the page without a load event.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
})();
