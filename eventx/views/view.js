// eventx HTML view: a click on a table row (or Enter on its link) scrolls to its mentions and highlights them;
// a click on a marked trigger or source highlights its rows and roles.  The marking itself needs no script.
(function () {
  "use strict";
  var smooth = !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  function highlight(doc, ids) {
    doc.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
    ids.forEach(function (id) {
      doc.querySelectorAll('[data-m~="' + id + '"]').forEach(function (el) { el.classList.add("active"); });
    });
  }

  function indices(el) {
    return (el.getAttribute("data-m") || "").split(" ").filter(Boolean);
  }

  function showRow(doc, row) {
    highlight(doc, indices(row));
    var id = row.getAttribute("data-target");
    var mark = id ? document.getElementById(id) : null;
    if (mark) {
      mark.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
      mark.focus({ preventScroll: true });
    }
  }

  document.querySelectorAll(".eventx-view .doc:not([data-bound])").forEach(function (doc) {
    doc.setAttribute("data-bound", "");
    doc.addEventListener("click", function (event) {
      var row = event.target.closest("tbody tr[data-m]");
      if (row && doc.contains(row)) {
        event.preventDefault();
        showRow(doc, row);
        return;
      }
      var mark = event.target.closest(".trigger[data-m], .source[data-m], .role[data-m]");
      if (mark && doc.contains(mark)) {
        highlight(doc, indices(mark));
      }
    });
    doc.addEventListener("keydown", function (event) {
      var mark = event.target.closest && event.target.closest(".trigger[data-m], .role[data-m]");
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        highlight(doc, indices(mark));
      }
    });
  });
})();
