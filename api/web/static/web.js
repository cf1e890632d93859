// Progressive enhancement for the self-assessment form; the form works without it.
// It narrows the skills to the chosen role as soon as the role changes (without
// JavaScript a button asks the server for the narrowed form) and keeps the
// "N of M rated" counts current. Every control starts at 0 "none", which is not an
// answer: a skill counts as rated when it, or its module, is above none. Hidden
// skills keep their answers: `hidden` does not stop a checked radio from being submitted.
(function () {
  "use strict";
  // The results' print button: printing needs a script; without one the browser's own menu prints the same layout.
  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  var form = document.getElementById("assessment");
  if (!form) return;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // The no-JS "show this role's skills" button is not needed any more; the live counts are.
  all(form, "[data-nojs]").forEach(function (el) { el.hidden = true; });
  all(form, "[data-js]").forEach(function (el) { el.hidden = false; });

  function chosenRole() {
    var checked = form.querySelector('input[name="role"]:checked');
    return checked ? checked.value : "";
  }

  var hint = document.getElementById("narrow-hint");

  function narrow() {
    var role = chosenRole();
    var title = role && form.querySelector('label[for="role-' + role + '"] strong');
    if (hint) {
      hint.textContent = title
        ? "Showing only the skills the " + title.textContent + " role needs."
        : "Choosing a role shows only the skills it needs.";
    }
    all(form, "[data-skill]").forEach(function (row) {
      row.hidden = role !== "" && row.getAttribute("data-roles").split(" ").indexOf(role) < 0;
    });
    all(form, "[data-module]").forEach(function (mod) {
      mod.hidden = !mod.querySelector("[data-skill]:not([hidden])");
    });
    all(form, "[data-track]").forEach(function (track) {
      track.hidden = !track.querySelector("[data-module]:not([hidden])");
    });
  }

  var RATED = ':checked:not([value="0"])';

  function count() {
    var rated = 0;
    var total = 0;
    all(form, "[data-module]").forEach(function (mod) {
      var wholeModule = !!mod.querySelector('input[name^="module."]' + RATED);
      var shown = all(mod, "[data-skill]:not([hidden])");
      var done = shown.filter(function (row) {
        return wholeModule || !!row.querySelector("input" + RATED);
      }).length;
      mod.querySelector("[data-count]").textContent = done + " of " + shown.length + " rated";
      mod.querySelector("[data-n-skills]").textContent = "(" + shown.length + ")";
      rated += done;
      total += shown.length;
    });
    all(form, "[data-rated]").forEach(function (el) { el.textContent = rated; });
    all(form, "[data-total]").forEach(function (el) { el.textContent = total; });
    all(form, "progress").forEach(function (bar) {
      bar.max = Math.max(total, 1);
      bar.value = rated;
    });
  }

  // After a rejected submission, start at the list of what needs another look; each of
  // its links takes the focus to the answer itself (a link alone only scrolls to it).
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    all(summary, 'a[href^="#"]').forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        var control = field && field.querySelector("input:checked, input, select, textarea");
        if (!control) return;
        event.preventDefault();
        var details = control.closest("details");
        if (details) details.open = true;
        control.focus();
      });
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "role") narrow();
    count();
  });
  narrow();
  count();
  // Back and Forward restore the answers after this script has run (or bring the page
  // back from the back/forward cache): narrow and count again once they are in place.
  window.addEventListener("pageshow", function () {
    narrow();
    count();
  });
})();
