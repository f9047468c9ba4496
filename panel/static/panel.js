// ctdesk · panel: small conveniences only; every page works without it.
// The queue's filters apply as soon as a choice changes.
document.addEventListener("DOMContentLoaded", function () {
  // On a wide screen every filter shows; on a phone the others fold away
  // unless one of them is in use.
  var more = document.getElementById("mas");
  if (more) {
    var used = Array.prototype.some.call(more.querySelectorAll("select, input"), function (e) { return e.value !== ""; });
    more.open = used || window.matchMedia("(min-width: 761px)").matches;
  }
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
