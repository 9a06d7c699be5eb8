// Small behaviour without inline scripts (the CSP allows none).
document.addEventListener("change", function (event) {
  if (event.target.matches("[data-autosubmit]")) {
    event.target.form.requestSubmit();
  }
});
document.addEventListener("click", function (event) {
  var toggle = event.target.closest("[data-check-all]");
  if (toggle) {
    document.querySelectorAll(toggle.dataset.checkAll).forEach(function (box) {
      box.checked = toggle.checked;
    });
  }
});
// A form that came back with errors: the focus goes to its error summary, which is
// read out; each link in it moves the focus to its field (not just the scroll).
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-focus-field]");
    var field = link && document.getElementById(link.dataset.focusField);
    if (field) {
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  });
})();
