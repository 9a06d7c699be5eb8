// The "Afdrukken" button of the A4 page (no inline script: CSP).
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});
