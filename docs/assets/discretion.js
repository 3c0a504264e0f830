// The discretion path on a matter page: shows one question at a time along the answers chosen, the outcome,
// and a 裁量说明 draft made of the chosen answers' findings. Works from a folder (file://), no network.
// Without this script the page shows every question, each answer saying where it leads.
// One file, two uses: in a page a plain script (window.YJZFDiscretion); in Node require() gives the path logic
// (tests/js/discretion.test.js) without a page.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.YJZFDiscretion = api;
  api.start(root, root.document);
})(this, function () {
  "use strict";

  // The step whose answers are the bands of a ladder stage (generator/decisionpath.py): it lists only the bands
  // of the stage chosen before it.
  var BAND_STEP = "jz";
  var NO_ITEMS = "＿＿＿＿（请勾选所列情形）";

  function itemsText(items) {
    // The ticked items, as the finding quotes them; a blank to fill in when none is ticked.
    return items.length ? items.join("、") : NO_ITEMS;
  }

  function fill(finding, items) {
    // The finding with the ticked items in place of {items}: as text (a $ in an item is no replacement pattern).
    return finding.split("{items}").join(itemsText(items));
  }

  function bandShown(stepId, stage, bandStage) {
    // Whether an answer of a step is offered: on the band step, only the bands of the stage chosen (all before).
    return stepId !== BAND_STEP || stage === "" || bandStage === stage;
  }

  function follow(steps, choose) {
    // Walks the steps ([{id}], the first is the start) along the answers: choose(step, stage) gives the answer
    // picked there ({go, outcome, stage, finding}) or null. What shows: the steps on the way, whether the walk
    // came to an end (an answer leading nowhere further), its outcome, and the draft made of the findings. A step
    // seen twice ends the walk unfinished (a loop in the data).
    var byId = {}, seen = {}, shown = [], findings = [], stage = "", step = steps[0], pick;
    steps.forEach(function (s) { byId[s.id] = s; });
    while (step && !seen[step.id]) {
      seen[step.id] = true;
      shown.push(step.id);
      pick = choose(step, stage);
      if (!pick) break;
      if (pick.stage && step.id !== BAND_STEP) stage = pick.stage;
      if (pick.finding) findings.push(pick.finding);
      if (pick.go) { step = byId[pick.go]; continue; }
      return { shown: shown, done: true, outcome: pick.outcome || "", draft: findings.join("") };
    }
    return { shown: shown, done: false, outcome: "", draft: "" };
  }

  function start(window, document) {
    function steps(root) {
      return Array.prototype.map.call(root.querySelectorAll(".zyc-step"), function (el) {
        return { id: el.dataset.step, el: el };
      });
    }

    function chosen(step) {
      var inputs = step.querySelectorAll('input[type="radio"]');
      for (var i = 0; i < inputs.length; i++) {
        if (inputs[i].checked && !inputs[i].closest("li").hidden) return inputs[i];
      }
      return null;
    }

    function ticked(step) {
      var out = [];
      step.querySelectorAll('input[type="checkbox"]:checked').forEach(function (c) { out.push(c.dataset.finding); });
      return out;
    }

    function walk(root) {
      var all = steps(root);
      all.forEach(function (s) { s.el.hidden = true; });
      root.querySelectorAll(".zyc-outcome").forEach(function (o) { o.hidden = true; });
      var draft = root.querySelector(".zyc-draft");
      draft.hidden = true;
      var path = follow(all, function (step, stage) {
        step.el.hidden = false;
        step.el.querySelectorAll("li").forEach(function (li) {
          li.hidden = !bandShown(step.id, stage, li.querySelector("input").dataset.stage || "");
        });
        var pick = chosen(step.el);
        if (!pick) return null;
        var d = pick.dataset;
        return { go: d.go, outcome: d.outcome, stage: d.stage, finding: d.finding ? fill(d.finding, ticked(step.el)) : "" };
      });
      if (!path.done) return;
      var end = path.outcome && root.querySelector('.zyc-outcome[data-outcome-id="' + path.outcome + '"]');
      if (end) end.hidden = false;
      root.querySelector(".zyc-text").value = path.draft;
      draft.hidden = false;
    }

    function copy(root) {
      var box = root.querySelector(".zyc-text");
      box.select();
      if (window.navigator.clipboard && window.isSecureContext) {
        window.navigator.clipboard.writeText(box.value).catch(function () { document.execCommand("copy"); });
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
  }

  return { BAND_STEP: BAND_STEP, itemsText: itemsText, fill: fill, bandShown: bandShown, follow: follow, start: start };
});
