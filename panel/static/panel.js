// ctdesk · panel: small conveniences only; every page works without it.
// The queue's filters apply as soon as a choice changes.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.filters select, form.inline-filter select").forEach(function (s) {
    s.addEventListener("change", function () { s.form.requestSubmit(); });
  });
  // A form is sent once: its button waits for the answer.
  document.querySelectorAll("form[method=post]").forEach(function (f) {
    f.addEventListener("submit", function () {
      f.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
});
