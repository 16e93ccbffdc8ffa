/*
 * Staff forms: small progressive enhancements. Every page works without this file
 * (and without htmx): rows are added by submit buttons, the checklist is rendered by
 * the server on every save.
 *
 * 1. A row just added (by htmx or by a full re-render) takes the keyboard focus; after a
 *    member picked from the search results, the focus goes back to the search box (text
 *    selected), so that the next name can be typed at once. After a failed save, the error
 *    summary at the top takes the focus (it also has autofocus, for pages without this file).
 * 2. Enter in the master-data search box searches instead of saving the form.
 * (The budget grid of a project has its own script, budget.js.)
 *
 * The words it shows come from the page (data-text-* attributes, translated by Django).
 */
(function () {
  "use strict";

  function focusNewRow(root) {
    var marker = (root || document).querySelector("#new-row[data-focus]");
    if (!marker) return false;
    var field = document.getElementById(marker.getAttribute("data-focus"));
    if (!field) return false;
    field.focus();
    if (field.type === "search" && field.select) field.select();
    return true;
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary][data-focus-summary]");
    if (!summary) return;
    summary.focus();
    summary.scrollIntoView({ block: "start" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!focusNewRow(document)) focusErrorSummary();
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    focusNewRow(event.target);
  });

  // A link of the error summary: focus its field (opening a folded <details>) and show the
  // field's label with it, not just the input at the very top of the screen.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    var details = field.closest("details");
    if (details) details.open = true;
    var choice = field.type === "checkbox" || field.type === "radio";
    var label = choice ? null : document.querySelector('label[for="' + field.id + '"]');
    var group = field.closest(".form-field, fieldset");
    (label || group || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !target.matches || !target.matches("#master-q")) return;
    event.preventDefault();
    var button = target.form && target.form.querySelector('button[name="search"]');
    if (button) button.click();
  });
})();
