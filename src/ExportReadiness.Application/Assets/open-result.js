// The result link carries the SME's token in its fragment (#token=…): browsers never send a fragment, so no server,
// proxy or log sees it. This takes it out of the address (history too) and posts it, with the page's antiforgery
// field, to /result/{id}/open, which answers with the page's HttpOnly cookie and a redirect to the result.
(() => {
  const match = /^#token=([^&]+)/.exec(window.location.hash);
  if (!match) return;
  history.replaceState(null, "", window.location.pathname + window.location.search);
  const form = document.getElementById("open-result");
  if (!form) return; // the result page itself (the cookie was already held): only the address needed cleaning
  form.querySelector("input[name=token]").value = decodeURIComponent(match[1]);
  form.submit();
})();
