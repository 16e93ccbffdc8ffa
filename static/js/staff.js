/*
 * Staff forms: small progressive enhancements. Every page works without this file
 * (and without htmx): rows are added by submit buttons, the checklist is rendered by
 * the server on every save, the budget sum after every save.
 *
 * 1. A row just added (by htmx or by a full re-render) takes the keyboard focus.
 * 2. Enter in the master-data search box searches instead of saving the form.
 * 3. The fiscal-year amounts of a project are added up as they are typed.
 *
 * The words it shows come from the page (data-text-* attributes, translated by Django).
 */
(function () {
  "use strict";

  function focusNewRow(root) {
    var marker = (root || document).querySelector("#new-row[data-focus]");
    if (!marker) return;
    var field = document.getElementById(marker.getAttribute("data-focus"));
    if (field) {
      field.focus();
    }
  }

  function parseYen(text) {
    var normalized = (text || "")
      .replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); })
      .replace(/[,，円\s]/g, "");
    if (normalized === "") return 0;
    if (!/^\d+$/.test(normalized)) return null;
    return Number(normalized);
  }

  function formatYen(value) {
    return value.toLocaleString("ja-JP") + "円";
  }

  function updateBudgetSum() {
    var output = document.querySelector("[data-budget-sum-value]");
    var box = document.querySelector("[data-budget-sum]");
    if (!output || !box) return;
    var sum = 0;
    var valid = true;
    document.querySelectorAll("#rows-budget .member-row").forEach(function (row) {
      var remove = row.querySelector('input[name$="-DELETE"]');
      if (remove && remove.checked) return;
      var amount = row.querySelector('input[name$="-amount"]');
      if (!amount) return;
      var value = parseYen(amount.value);
      if (value === null) valid = false; else sum += value;
    });
    output.textContent = valid ? formatYen(sum) : box.getAttribute("data-text-invalid");
    var state = document.querySelector("[data-budget-sum-state]");
    var total = document.querySelector('input[name="budget_total"]');
    if (!state || !total) return;
    var totalValue = parseYen(total.value);
    state.classList.remove("budget-sum__state--ok", "budget-sum__state--diff");
    if (!valid || totalValue === null || total.value.trim() === "") {
      state.textContent = "";
    } else if (totalValue === sum) {
      state.textContent = box.getAttribute("data-text-ok");
      state.classList.add("budget-sum__state--ok");
    } else {
      state.textContent = box.getAttribute("data-text-diff");
      state.classList.add("budget-sum__state--diff");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusNewRow(document);
    updateBudgetSum();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    focusNewRow(event.target);
    updateBudgetSum();
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches && target.matches('#rows-budget input, input[name="budget_total"]')) {
      updateBudgetSum();
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('#rows-budget input[name$="-DELETE"]')) {
      updateBudgetSum();
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !target.matches || !target.matches("#master-q")) return;
    event.preventDefault();
    var button = target.form && target.form.querySelector('button[name="search"]');
    if (button) button.click();
  });
})();
