// Filter and sort the list of matters in the browser, with no network and no library.
(function () {
  "use strict";

  function text(cell) { return (cell.textContent || "").trim(); }

  // The category names, as a JSON list (a name may hold any character, | included).
  function categories(box) {
    try {
      var list = JSON.parse(box.dataset.categories || "[]");
      return Array.isArray(list) ? list.filter(function (c) { return typeof c === "string" && c; }) : [];
    } catch (e) {
      return [];
    }
  }

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
    select.add(new Option("全部类别", ""));
    categories(box).forEach(function (c) {
      select.add(new Option(c, c));
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
      var q = input.value.replace(/\s+/g, "");
      var cat = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var all = text(row).replace(/\s+/g, "");
        var ok = (!q || all.indexOf(q) >= 0) && (!cat || text(row.cells[2]) === cat);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = "显示 " + shown + " / " + rows.length + " 项";
      none.hidden = shown > 0;
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
        rows.sort(function (a, b) {
          var r = text(a.cells[col]).localeCompare(text(b.cells[col]), "zh-CN", { numeric: true });
          return asc ? r : -r;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
    });
    apply();
  }

  function init() { document.querySelectorAll(".matter-table").forEach(enhance); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
