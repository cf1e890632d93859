// Progressive enhancement for the self-assessment form; the form works without it.
// It narrows the skills to the chosen role as soon as the role changes (without
// JavaScript a button asks the server for the narrowed form), keeps the "N of M
// rated" counts current, and clears a module's answers when its tick is taken off.
// A skill control starts at 0 "none", which is not an answer: a skill counts as rated
// when it is above none, or its module is (by its own scale, or by its tick when the
// scale has no answer). Hidden skills keep their answers: `hidden` does not stop a
// checked radio from being submitted.
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
        ? "Skills one by one: only those the " + title.textContent + " role needs."
        : "Choosing a role leaves only its skills to rate one by one.";
    }
    all(form, "[data-skill]").forEach(function (row) {
      row.hidden = role !== "" && row.getAttribute("data-roles").split(" ").indexOf(role) < 0;
    });
    all(form, "[data-module]").forEach(function (mod) {
      mod.querySelector("details.skills").hidden = !mod.querySelector("[data-skill]:not([hidden])");
    });
  }

  var RATED = ':checked:not([value="0"])';

  // A module's own scale wins; a tick stands for a level only while that scale has no answer.
  function moduleRated(mod) {
    var own = mod.querySelector('input[name^="module."]:checked');
    if (own) return own.value !== "0";
    return !!mod.querySelector('input[name="done"]:checked');
  }

  function count() {
    var rated = 0;
    var total = 0;
    all(form, "[data-module]").forEach(function (mod) {
      var wholeModule = moduleRated(mod);
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

  // Taking a tick off means "not done": the module's scale goes back to no answer and its skills to none.
  function untick(box) {
    var mod = box.closest("[data-module]");
    all(mod, 'input[name^="module."]').forEach(function (radio) { radio.checked = false; });
    all(mod, 'input[name^="skill."][value="0"]').forEach(function (radio) { radio.checked = true; });
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
        while (details) {
          details.open = true;
          details = details.parentElement.closest("details");
        }
        control.focus();
      });
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "role") narrow();
    if (event.target.name === "done" && !event.target.checked) untick(event.target);
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
