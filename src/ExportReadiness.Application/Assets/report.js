// The printable report's button: wired here, not inline, so the page runs under a CSP without inline script.
(() => {
  for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
})();
