/*
 * No lost input on the staff edit forms (declaration, vision, project; ADR 0095).
 *
 * - Warn before leaving: a field changed (typed, ticked, a row added by htmx) and not yet
 *   saved makes the browser ask before the page is left (beforeunload). Submitting the
 *   form (保存, 送付) clears it; an htmx "add a row" request does not.
 * - Autosave: every 30 seconds when something changed, and when the page is hidden or left
 *   (visibilitychange, pagehide), the form is posted to its data-autosave-url, the same
 *   lenient save as the 保存 button. The answer's version and base replace the form's
 *   hidden ones, so the next manual save is not a conflict with one's own autosave.
 *   「自動保存しました（HH:MM）」 is told in the polite live region [data-autosave-status].
 *   A conflict (another editor saved) stops the autosave and says so: nothing is
 *   overwritten; pressing 保存 merges field by field. While the page shows fields both
 *   editors changed (#merge-conflicts), there is no autosave: the choice comes first.
 *
 * The words come from the page (data-text-* of the status element, translated there).
 * Progressive enhancement only: without JavaScript the forms work as before.
 */
(function () {
  "use strict";

  var INTERVAL = 30000;

  function setUp(form) {
    var url = form.getAttribute("data-autosave-url");
    var status = form.querySelector("[data-autosave-status]");
    var changes = 0; // changes made on this page
    var tried = 0; // the changes an autosave was last sent for
    var saved = 0; // the changes the server has
    var sending = false;
    var stopped = false;
    var leaving = false;

    function words(name, values) {
      var text = (status && status.getAttribute("data-text-" + name)) || "";
      Object.keys(values || {}).forEach(function (key) {
        text = text.split("{" + key + "}").join(values[key]);
      });
      return text;
    }

    function tell(text, isError) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("autosave-status--error", !!isError);
    }

    function ignored(element) {
      return !element || !element.closest || element.closest("[data-unsaved-ignore]");
    }

    function belongs(element) {
      return element && (element.form === form || form.contains(element));
    }

    function changed(event) {
      var target = event.target;
      if (!belongs(target) || ignored(target)) return;
      changes += 1;
    }

    document.addEventListener("input", changed, true);
    document.addEventListener("change", changed, true);

    // a row added (or removed) in place by htmx is input not yet saved
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var detail = event.detail || {};
      var verb = detail.requestConfig && detail.requestConfig.verb;
      if (verb && verb.toLowerCase() === "post" && belongs(event.target)) {
        changes += 1;
      }
    });

    form.addEventListener("submit", function (event) {
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute("hx-post")) return;
      leaving = true; // the server saves what is posted
    });

    window.addEventListener("beforeunload", function (event) {
      if (leaving || changes === saved) return undefined;
      event.preventDefault();
      event.returnValue = "";
      return "";
    });

    var conflicts = document.getElementById("merge-conflicts");
    if (conflicts) {
      stopped = true;
      tell(words("waiting"));
      if (!document.activeElement || document.activeElement === document.body) {
        conflicts.focus();
      }
    }
    if (!url) return;

    function now() {
      var date = new Date();
      return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
    }

    function answered(response, sent) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (answer) {
          if (response.ok && answer.version !== undefined) {
            saved = sent;
            document.querySelectorAll('input[type="hidden"][name="version"]').forEach(function (input) {
              input.value = String(answer.version);
            });
            var base = form.querySelector('input[name="base"]');
            if (base && answer.base) base.value = answer.base;
            tell(answer.message || words("saved", { time: now() }), false);
            return;
          }
          if (response.status === 409) stopped = true;
          tell(words("failed", { time: now(), reason: answer.error || words("retry") }), true);
        });
    }

    function autosave(keepalive) {
      if (stopped || sending || leaving || changes === tried) return;
      var sent = changes;
      tried = sent;
      sending = true;
      var options = {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      };
      if (keepalive) options.keepalive = true;
      fetch(url, options)
        .then(function (response) {
          return answered(response, sent);
        })
        .catch(function () {
          tried = saved; // try again with the next interval
          tell(words("offline", { time: now() }), true);
        })
        .then(function () {
          sending = false;
        });
    }

    window.setInterval(function () {
      autosave(false);
    }, INTERVAL);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") autosave(true);
    });
    window.addEventListener("pagehide", function () {
      autosave(true);
    });
  }

  function start() {
    document.querySelectorAll("form[data-autosave-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
