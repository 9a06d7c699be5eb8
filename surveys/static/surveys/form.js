// Show a question only when the yes/no question it depends on is answered "ja".
// The server renders the same state; this keeps it right while the user answers.
(function () {
  function applyShowIf() {
    document.querySelectorAll("[data-show-if]").forEach(function (field) {
      var yes = document.querySelector(
        'input[name="' + field.dataset.showIf + '"][value="ja"]'
      );
      if (yes) {
        field.hidden = !yes.checked;
      }
    });
  }
  document.addEventListener("change", applyShowIf);
  document.addEventListener("htmx:afterSettle", applyShowIf);
})();
