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
// read out; each link in it moves the focus to its field (not just the scroll). Without
// one, an error message after a redirect gets the focus.
(function () {
  var summary =
    document.querySelector("[data-error-summary]") ||
    document.querySelector("[data-error-message]");
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
// A table box that scrolls sideways (on a narrow screen) can be reached and scrolled
// with the keyboard (WCAG 2.1.1), named by its table's caption. Boxes a template already
// made focusable are left as they are; the others only while they scroll.
(function () {
  var queued = false;
  function reach() {
    queued = false;
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      var ours = box.hasAttribute("data-scroll-box");
      if (!ours && box.hasAttribute("tabindex")) {
        return;
      }
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !ours) {
        var caption = box.querySelector("caption");
        var name = caption && caption.textContent.replace(/\s+/g, " ").trim();
        box.setAttribute("data-scroll-box", "");
        box.tabIndex = 0;
        if (name && !box.hasAttribute("role")) {
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", name);
          box.setAttribute("data-scroll-box", "named");
        }
      } else if (!scrolls && ours) {
        if (box.getAttribute("data-scroll-box") === "named") {
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
        box.removeAttribute("tabindex");
        box.removeAttribute("data-scroll-box");
      }
    });
  }
  function later() {
    if (!queued) {
      queued = true;
      window.requestAnimationFrame(reach);
    }
  }
  reach();
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", later);
})();
