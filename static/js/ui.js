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
