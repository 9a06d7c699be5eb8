// One submission per form: a double click (or an impatient second click) on a form
// marked data-once sends it once; its submit buttons are disabled while it is sent.
// The server checks the form's one-time token as well, so this is a courtesy, not the
// guard.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("form[data-once]")) {
    return;
  }
  if (form.dataset.sending === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  form.setAttribute("aria-busy", "true");
  // Disabled after this tick, so the click that submits still counts.
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(
      function (button) {
        button.disabled = true;
      }
    );
  }, 0);
});
// Back from the browser's page cache: the form may be used again.
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) {
    return;
  }
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(
      function (button) {
        button.disabled = false;
      }
    );
  });
});
