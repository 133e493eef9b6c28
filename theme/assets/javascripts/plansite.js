// Material's search dialog has no accessible name (axe: aria-dialog-name);
// give it the label of its own search field so screen readers announce it.
document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
  if (!dialog.getAttribute("aria-label")) {
    var input = dialog.querySelector("input");
    dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }
});
