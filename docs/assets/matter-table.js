// Filter and sort the list of matters in the browser, with no network and no library.
// One file, two uses: in a page a plain script (window.YJZFMatterTable, and every .matter-table made filterable);
// in Node require() gives the same functions (tests/js/matter-table.test.js).
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; return; }
  root.YJZFMatterTable = api;
  api.start(root, root.document);
})(this, function () {
  "use strict";

  // The columns of the table (generator/templates/matters.md.j2): the category is the third.
  var CATEGORY_COLUMN = 2;

  function categories(json) {
    // The category names, from the box's data-categories: a JSON list (a name may hold any character, | included).
    try {
      var list = JSON.parse(json || "[]");
      return Array.isArray(list) ? list.filter(function (c) { return typeof c === "string" && c; }) : [];
    } catch (e) {
      return [];
    }
  }

  function squash(text) {
    // What the filter compares: no white space, full-width digits and letters as ASCII, lower case.
    return text.replace(/\s+/g, "")
      .replace(/[０-９Ａ-Ｚａ-ｚ]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .toLowerCase();
  }

  function shown(rowText, rowCategory, query, category) {
    // A row stays when it holds the typed words (anywhere in the row) and is of the chosen category.
    var q = squash(query);
    return (!q || squash(rowText).indexOf(q) >= 0) && (!category || rowCategory === category);
  }

  function compare(a, b, ascending) {
    // Cells as a reader sorts them: 330225002014 before 330225002022, 第9条 before 第10条, Chinese by pinyin.
    var r = a.localeCompare(b, "zh-CN", { numeric: true });
    return ascending ? r : -r;
  }

  function start(window, document) {
    function text(cell) { return (cell.textContent || "").trim(); }

    function enhance(box) {
      var table = box.querySelector("table");
      if (!table || box.dataset.ready) return;
      box.dataset.ready = "1";
      var tbody = table.tBodies[0];
      var rows = Array.prototype.slice.call(tbody.rows);

      var bar = document.createElement("div");
      bar.className = "matter-filter";
      var input = document.createElement("input");
      input.type = "search";
      input.placeholder = "输入事项代码、名称或条文字词筛选";
      input.setAttribute("aria-label", "筛选事项");
      var select = document.createElement("select");
      select.setAttribute("aria-label", "按类别筛选");
      select.add(new window.Option("全部类别", ""));
      categories(box.dataset.categories).forEach(function (c) {
        select.add(new window.Option(c, c));
      });
      var count = document.createElement("span");
      count.className = "matter-count";
      count.setAttribute("role", "status");
      var none = document.createElement("p");
      none.className = "matter-none";
      none.textContent = "没有符合条件的事项。请减少筛选的字词，或选“全部类别”。";
      none.hidden = true;
      bar.appendChild(input);
      bar.appendChild(select);
      bar.appendChild(count);
      box.insertBefore(bar, box.firstChild);
      bar.parentNode.insertBefore(none, bar.nextSibling);

      function apply() {
        var visible = 0;
        rows.forEach(function (row) {
          var ok = shown(text(row), text(row.cells[CATEGORY_COLUMN]), input.value, select.value);
          row.hidden = !ok;
          if (ok) visible += 1;
        });
        count.textContent = "显示 " + visible + " / " + rows.length + " 项";
        none.hidden = visible > 0;
      }
      input.addEventListener("input", apply);
      select.addEventListener("change", apply);

      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        th.tabIndex = 0;
        th.title = "点击排序";
        function sort() {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          rows.sort(function (a, b) { return compare(text(a.cells[col]), text(b.cells[col]), asc); });
          rows.forEach(function (row) { tbody.appendChild(row); });
        }
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
      });
      apply();
    }

    function init() { document.querySelectorAll(".matter-table").forEach(enhance); }
    if (typeof window.document$ !== "undefined") { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
  }

  return { CATEGORY_COLUMN: CATEGORY_COLUMN, categories: categories, squash: squash, shown: shown, compare: compare,
           start: start };
});
