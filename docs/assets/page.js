// Every page: a print button (not printed itself), and tables that become labelled cards on a phone.
(function () {
  "use strict";

  function printButton(article) {
    if (article.querySelector(".print-button")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "print-button";
    button.textContent = "打印本页";
    button.addEventListener("click", function () { window.print(); });
    article.insertBefore(button, article.firstChild);
  }

  function stack(table) {
    if (table.hasAttribute("data-stacked") || !table.tHead) return;
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return (th.textContent || "").trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (td, i) {
          if (heads[i]) td.setAttribute("data-label", heads[i]);
        });
      });
    });
    table.setAttribute("data-stacked", "");
  }

  function init() {
    var article = document.querySelector(".md-content__inner");
    if (!article) return;
    printButton(article);
    // Cards only on a narrow screen (site.css); on paper and on a PC every table keeps its grid.
    Array.prototype.forEach.call(article.querySelectorAll("table"), stack);
  }

  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
