// Keyboard access to highlighted claims: a claim highlighted in a letter takes focus (Tab) and
// Enter opens it (its data-href, else its claim page). Clicking keeps its page-specific meaning.
(function () {
  "use strict";
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.ctrlKey || e.metaKey || e.altKey) return;
    const mark = e.target.closest && e.target.closest("mark[data-claim]");
    if (!mark) return;
    e.preventDefault();
    window.location.href = mark.dataset.href || "/claims/" + encodeURIComponent(mark.dataset.claim) + "/";
  });
})();

// A table or chart wider than the screen scrolls inside its own box; such a box must be
// reachable by keyboard to scroll it (axe: scrollable-region-focusable).
(function () {
  "use strict";
  function focusableScrollers() {
    document.querySelectorAll("main table, .table-scroll, .timeline-scroll").forEach((el) => {
      if (el.scrollWidth > el.clientWidth + 1) {
        if (!el.hasAttribute("tabindex")) el.tabIndex = 0;
      } else if (el.tabIndex === 0 && !el.matches("a, button, input, select, textarea")) {
        el.removeAttribute("tabindex");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", focusableScrollers);
  window.addEventListener("resize", focusableScrollers);
  document.addEventListener("timeline:drawn", focusableScrollers);
})();
