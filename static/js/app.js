// Behaviour shared by every page. No inline handlers anywhere: pages opt in
// with data attributes so a Content Security Policy can forbid inline script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]")) el.form.requestSubmit();
  });

  function wireToasts(root) {
    root.querySelectorAll(".toast").forEach(function (toast) {
      if (toast.dataset.wired) return;
      toast.dataset.wired = "1";
      var close = function () { toast.remove(); };
      toast.querySelector(".toast-close").addEventListener("click", close);
      setTimeout(close, 6000);
    });
  }

  // "Resend code in 42 s": counts down, then enables the resend button.
  function wireCountdowns(root) {
    root.querySelectorAll("[data-countdown]").forEach(function (el) {
      if (el.dataset.wired) return;
      el.dataset.wired = "1";
      var left = parseInt(el.dataset.countdown, 10) || 0;
      var target = document.getElementById(el.dataset.countdownTarget);
      var label = el.querySelector("[data-countdown-seconds]");
      function tick() {
        if (left <= 0) {
          el.hidden = true;
          if (target) target.disabled = false;
          return;
        }
        if (label) label.textContent = left;
        left -= 1;
        setTimeout(tick, 1000);
      }
      if (target && left > 0) target.disabled = true;
      tick();
    });
  }

  function wireAll(root) {
    wireToasts(root);
    wireCountdowns(root);
    var focus = root.querySelector("[data-autofocus]");
    if (focus) focus.focus();
  }

  document.addEventListener("DOMContentLoaded", function () { wireAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { wireAll(event.target); });

  // Close a dialog: clear the dialog root (Cancel buttons carry data-dialog-close).
  document.addEventListener("click", function (event) {
    var closer = event.target.closest && event.target.closest("[data-dialog-close]");
    if (!closer) return;
    var root = document.getElementById("dialog-root");
    if (root && root.contains(closer)) {
      event.preventDefault();
      root.innerHTML = "";
    }
  });
})();

// A search box that filters a list of labels: <input data-filter-list="id-of-list">.
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-filter-list]")) return;
    var list = document.getElementById(input.dataset.filterList);
    if (!list) return;
    var needle = input.value.trim().toLowerCase();
    list.querySelectorAll("label").forEach(function (label) {
      label.hidden = needle !== "" && label.textContent.toLowerCase().indexOf(needle) === -1;
    });
  });
})();
