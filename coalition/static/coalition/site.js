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
