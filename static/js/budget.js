/*
 * The budget grid of a project (オ 事業費, ADR 0097): the sum of the 年度 and its match with
 * 総事業費 follow the amounts as they are typed. The page works without this file: the server
 * renders the same sum after every save or re-render. The amounts are read as the server
 * reads them (filing/amounts.py): 全角 digits, commas, spaces, 「1億8千万」「180,000千円」,
 * a bare number in the grid's unit (data-unit: 1 or 1000). A cell that cannot be read makes
 * the sum 「（計算できません）」; the server names the cell when saving.
 * After an htmx swap of the grid (unit switch, period re-laid out) the button pressed keeps
 * the keyboard focus. The words shown come from the page (data-text-* attributes).
 */
(function () {
  "use strict";

  var DIGITS = { "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var SMALL = { "十": 10, "百": 100, "千": 1000 };
  var BIG = { "万": 1e4, "億": 1e8, "兆": 1e12 };
  var TOKEN = /[0-9]+(?:\.[0-9]+)?|[〇零一二三四五六七八九]+|[十百千万億兆]/g;

  function normalize(text) {
    return (text || "")
      .normalize("NFKC")
      .replace(/[\s,、]+/g, "");
  }

  function number(token) {
    if (DIGITS.hasOwnProperty(token.charAt(0))) {
      return Number(token.split("").map(function (c) { return DIGITS[c]; }).join(""));
    }
    return Number(token);
  }

  function withUnits(text) {
    var tokens = text.match(TOKEN) || [];
    if (tokens.join("") !== text) return null;
    var total = 0, group = 0, current = null, smallLimit = null, bigLimit = null;
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i];
      if (SMALL.hasOwnProperty(token)) {
        var small = SMALL[token];
        var piece = (current === null ? 1 : current) * small;
        if (smallLimit !== null && (small >= smallLimit || piece >= smallLimit)) return null;
        group += piece; current = null; smallLimit = small;
      } else if (BIG.hasOwnProperty(token)) {
        var big = BIG[token];
        var value = group + (current || 0);
        if (value === 0 || (bigLimit !== null && (big >= bigLimit || value * big >= bigLimit))) return null;
        total += value * big;
        group = 0; current = null; smallLimit = null; bigLimit = big;
      } else {
        if (current !== null) return null;
        current = number(token);
        if (smallLimit !== null && current >= smallLimit) return null;
      }
    }
    var rest = group + (current || 0);
    if (bigLimit !== null && rest >= bigLimit) return null;
    return total + rest;
  }

  /* Whole yen, 0 for a blank cell, null for one that cannot be read. */
  function parseAmount(typed, unit) {
    var text = normalize(typed);
    if (text === "") return 0;
    var stated = false;
    if (text.charAt(0) === "¥") { text = text.slice(1); stated = true; }
    if (text.slice(-1) === "円") { text = text.slice(0, -1); stated = true; }
    if (text === "") return null;
    var value = /^[0-9]+(?:\.[0-9]+)?$/.test(text) ? Number(text) * (stated ? 1 : unit) : withUnits(text);
    if (value === null || !isFinite(value)) return null;
    value = Math.round(value * 1000) / 1000;  // 1.5 × 1000 without floating-point noise
    return Number.isInteger(value) && value >= 0 ? value : null;
  }

  function formatAmount(amount, unit) {
    var whole = Math.floor(amount / unit);
    var rest = amount - whole * unit;
    var text = whole.toLocaleString("ja-JP");
    if (rest) text += "." + String(rest + unit).slice(1).replace(/0+$/, "");
    return text;
  }

  function update(grid) {
    var unit = Number(grid.getAttribute("data-unit")) || 1;
    var unitName = grid.getAttribute("data-unit-name") || "";
    var sum = 0, valid = true;
    grid.querySelectorAll("tbody input").forEach(function (input) {
      var value = parseAmount(input.value, unit);
      if (value === null) valid = false; else sum += value;
    });
    var output = grid.querySelector("[data-budget-grid-sum]");
    if (output) {
      var words = grid.getAttribute(unit === 1 ? "data-text-sum-yen" : "data-text-sum-both") || "";
      output.textContent = !valid
        ? grid.getAttribute("data-text-invalid")
        : words
            .replace("{amount}", formatAmount(sum, unit))
            .replace("{unit}", unitName)
            .replace("{yen}", formatAmount(sum, 1));
    }
    var state = grid.querySelector("[data-budget-grid-state]");
    var total = grid.querySelector('input[name="budget_total"]');
    if (!state || !total) return;
    var expected = parseAmount(total.value, unit);
    state.classList.remove("budget-sum__state--ok", "budget-sum__state--diff");
    if (!valid || expected === null || normalize(total.value) === "") {
      state.textContent = "";
    } else if (expected === sum) {
      state.textContent = grid.getAttribute("data-text-ok");
      state.classList.add("budget-sum__state--ok");
    } else {
      state.textContent = grid.getAttribute("data-text-diff");
      state.classList.add("budget-sum__state--diff");
    }
  }

  function updateAll() {
    document.querySelectorAll("[data-budget-grid]").forEach(update);
  }

  var pressed = null;

  document.addEventListener("DOMContentLoaded", updateAll);

  document.addEventListener("input", function (event) {
    var grid = event.target.closest && event.target.closest("[data-budget-grid]");
    if (grid) update(grid);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    pressed = elt && elt.closest && elt.closest("[data-budget-grid]") ? elt.name : null;
  });

  document.addEventListener("htmx:afterSwap", function () {
    updateAll();
    if (!pressed) return;
    var button = document.querySelector('#budget-grid button[name="' + pressed + '"]');
    pressed = null;
    if (button) button.focus();
  });

  window.portalBudget = { parseAmount: parseAmount, formatAmount: formatAmount };
})();
