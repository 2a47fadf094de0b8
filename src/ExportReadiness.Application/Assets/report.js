// The printable report's button: wired here, not inline, so the page runs under a CSP without inline script.
(() => {
  // A result link's fragment (#token=…) has done its work once the page shows: out of the address and history.
  if (window.location.hash.startsWith("#token=")) history.replaceState(null, "", window.location.pathname + window.location.search);
  for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
})();
