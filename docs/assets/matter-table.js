// Filter and sort the list of matters in the browser, with no network and no library.
// A long list's page holds its first rows only (what the eye sees first, quick on an old PC); the filter, the sort
// and "显示更多" then work over every matter, from the rows script (generator/pages/listings.py, matter_rows),
// loaded when first needed as a plain script, so that it works from a folder (file://) too.
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
  // The rows script's format (listings.matter_rows): rows of [code, name, category index, [cite index], [cite index]].
  var ROWS_VERSION = 1;
  var PAGE = 200;  // rows shown at a time from the rows script
  // What a link from the rows script may be: a page of the site, from its root (never javascript: or another site).
  var SAFE_URL = /^[A-Za-z0-9_\-]+(\/[A-Za-z0-9_\-]+)*\.html(#[A-Za-z0-9_\-]+)?$/;

  function prepare(data) {
    // The rows script's data as rows of cells ({text} or {links: [[label, url]]}), or null if it is not that format.
    if (!data || data.version !== ROWS_VERSION || !Array.isArray(data.rows)) return null;
    var cats = Array.isArray(data.categories) ? data.categories : [], cites = Array.isArray(data.cites) ? data.cites : [];
    function link(pair) {
      return Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string" ? [pair[0], pair[1]] : null;
    }
    function links(list, from) {
      return (Array.isArray(list) ? list : []).map(function (i) { return link(from[i]); })
        .filter(function (l) { return l; });
    }
    return data.rows.filter(function (r) { return Array.isArray(r) && typeof r[0] === "string"; }).map(function (r) {
      var cat = link(cats[r[2]]);
      var cells = [{ links: [[r[0], "matters/" + r[0] + ".html"]] }, { text: String(r[1] || "") },
                   { links: cat ? [cat] : [] }, { links: links(r[3], cites) }, { links: links(r[4], cites) }];
      var texts = cells.map(cellText);
      return { cells: cells, texts: texts, text: texts.join(" "), category: cat ? cat[0] : "" };
    });
  }

  function cellText(cell) {
    return cell.links ? cell.links.map(function (l) { return l[0]; }).join("、") : cell.text;
  }

  function select(rows, query, category, order) {
    // The rows a filter keeps, in the order asked for ({col, asc}, or null: the list's own order).
    var kept = rows.filter(function (r) { return shown(r.text, r.category, query, category); });
    if (order) kept.sort(function (a, b) { return compare(a.texts[order.col], b.texts[order.col], order.asc); });
    return kept;
  }

  function safeUrl(url) {
    return typeof url === "string" && SAFE_URL.test(url);
  }

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

    function el(tag, cls, content) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (content !== undefined) e.textContent = content;
      return e;
    }

    function rowNode(row, root) {
      // Made from text nodes and checked links: nothing from the data becomes markup or leaves the site.
      var tr = document.createElement("tr");
      row.cells.forEach(function (cell) {
        var td = document.createElement("td");
        if (cell.links) {
          cell.links.forEach(function (l, i) {
            if (i) td.appendChild(document.createTextNode("、"));
            if (!safeUrl(l[1])) { td.appendChild(document.createTextNode(l[0])); return; }
            var a = el("a", "", l[0]);
            a.href = root + l[1];
            td.appendChild(a);
          });
        } else {
          td.textContent = cell.text;
        }
        tr.appendChild(td);
      });
      return tr;
    }

    function enhance(box) {
      var table = box.querySelector("table");
      if (!table || box.dataset.ready) return;
      box.dataset.ready = "1";
      var tbody = table.tBodies[0];
      var rows = Array.prototype.slice.call(tbody.rows);
      var total = parseInt(box.dataset.total || "", 10) || rows.length;
      var source = box.dataset.rows || "";
      var partial = total > rows.length && source !== "";  // the page holds the first rows only
      var root = source.replace(/assets\/matter-rows\.js$/, "");
      var all = null, loading = false, waiting = [], order = null, limit = PAGE;

      var bar = document.createElement("div");
      bar.className = "matter-filter";
      var input = document.createElement("input");
      input.type = "search";
      input.placeholder = "输入事项代码、名称或条文字词筛选";
      input.setAttribute("aria-label", "筛选事项");
      var select_ = document.createElement("select");
      select_.setAttribute("aria-label", "按类别筛选");
      select_.add(new window.Option("全部类别", ""));
      categories(box.dataset.categories).forEach(function (c) {
        select_.add(new window.Option(c, c));
      });
      var count = el("span", "matter-count");
      count.setAttribute("role", "status");
      var none = el("p", "matter-none", "没有符合条件的事项。请减少筛选的字词，或选“全部类别”。");
      none.hidden = true;
      var more = el("button", "matter-more md-button", "显示更多");
      more.type = "button";
      more.hidden = true;
      bar.appendChild(input);
      bar.appendChild(select_);
      bar.appendChild(count);
      box.insertBefore(bar, box.firstChild);
      bar.parentNode.insertBefore(none, bar.nextSibling);
      box.appendChild(more);

      function load(then) {
        // The rows script, once; what asked for it runs when it is in.
        if (all) { then(); return; }
        waiting.push(then);
        if (loading) return;
        loading = true;
        count.textContent = "正在载入全部 " + total + " 项…";
        var s = document.createElement("script");
        s.src = source;
        function failed() { loading = false; count.textContent = "未能载入全部事项，表中只有前 " + rows.length + " 项"; }
        s.onload = function () {
          all = prepare(window.YJZF_MATTERS);
          if (!all) { failed(); return; }
          waiting.splice(0).forEach(function (f) { f(); });
        };
        s.onerror = failed;
        document.head.appendChild(s);
      }

      function applyRows() {
        var visible = 0;
        rows.forEach(function (row) {
          var ok = shown(text(row), text(row.cells[CATEGORY_COLUMN]), input.value, select_.value);
          row.hidden = !ok;
          if (ok) visible += 1;
        });
        count.textContent = "显示 " + visible + " / " + rows.length + " 项";
        none.hidden = visible > 0;
      }

      function applyAll() {
        var kept = select(all, input.value, select_.value, order);
        var fragment = document.createDocumentFragment();
        kept.slice(0, limit).forEach(function (r) { fragment.appendChild(rowNode(r, root)); });
        tbody.textContent = "";
        tbody.appendChild(fragment);
        var showing = Math.min(limit, kept.length);
        count.textContent = "显示 " + showing + " / " + kept.length + " 项" + (kept.length < total ? "（共 " + total + " 项）" : "");
        none.hidden = kept.length > 0;
        more.hidden = showing >= kept.length;
        more.textContent = "显示更多（还有 " + (kept.length - showing) + " 项）";
      }

      function apply() {
        if (!partial) { applyRows(); return; }
        if (all) { applyAll(); return; }
        if (!input.value.trim() && !select_.value && !order) {
          count.textContent = "显示前 " + rows.length + " 项，共 " + total + " 项";
          none.hidden = true;
          more.hidden = false;
          more.textContent = "显示更多（还有 " + (total - rows.length) + " 项）";
          return;
        }
        load(applyAll);
      }
      function filter() { limit = PAGE; apply(); }
      input.addEventListener("input", filter);
      select_.addEventListener("change", filter);
      more.addEventListener("click", function () {
        limit = all ? limit + PAGE : PAGE;
        load(applyAll);
      });

      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        th.tabIndex = 0;
        th.title = "点击排序";
        function sort() {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          if (partial) { order = { col: col, asc: asc }; apply(); return; }
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

  return { CATEGORY_COLUMN: CATEGORY_COLUMN, ROWS_VERSION: ROWS_VERSION, PAGE: PAGE, categories: categories,
           squash: squash, shown: shown, compare: compare, prepare: prepare, select: select, safeUrl: safeUrl,
           start: start };
});
