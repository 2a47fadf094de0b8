// Advisor pages: sort the current page of the list by a column; move a product to a funnel stage; add to and change the
// product's action plan; send a review with
// If-Match; both with the page's antiforgery token (the session cookie alone does not authorize a change: AdvisorAntiforgery).
// Every text shown here comes from the page, in its language (data-not-saved, data-reviewed-meanwhile).
(() => {
  document.querySelectorAll("table.sortable th[data-sort]").forEach((th, column) => {
    const sort = () => {
      const body = th.closest("table").tBodies[0];
      const numeric = th.dataset.sort === "number";
      const ascending = th.dataset.direction !== "asc";
      th.dataset.direction = ascending ? "asc" : "desc";
      th.closest("tr").querySelectorAll("th[aria-sort]").forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (row) => {
        const text = row.cells[column].textContent.trim();
        return numeric ? (text === "—" ? -1 : Number(text)) : text.toLowerCase();
      };
      [...body.rows]
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (ascending ? 1 : -1))
        .forEach((row) => body.appendChild(row));
    };
    // A header sorts from the keyboard too: it takes focus, and Enter or Space sorts as a click does.
    th.tabIndex = 0;
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      sort();
    });
  });

  const token = () => {
    const meta = document.querySelector("meta[name=request-verification-token]");
    return meta ? meta.content : "";
  };
  // "Could not save." in the page's language: the form's own, else any the page carries.
  const notSaved = (form) => form.dataset.notSaved || (document.querySelector("[data-not-saved]") || { dataset: {} }).dataset.notSaved || "";
  // A problem's title and its field errors, for the form's status line.
  const describe = async (response, fallback) => {
    const problem = await response.json().catch(() => ({}));
    const details = problem.errors ? Object.entries(problem.errors).map(([f, m]) => `${f}: ${m.join(" ")}`).join(" ") : problem.detail || "";
    return `${problem.title || fallback} ${details}`;
  };

  // Moving the product to a stage: the same token and reload as the review below.
  const stageForm = document.getElementById("stage-form");
  if (stageForm) {
    const lang = stageForm.dataset.lang;
    stageForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await fetch(`/api/products/${encodeURIComponent(stageForm.dataset.productId)}/stages`, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept-Language": lang, RequestVerificationToken: token() },
        body: JSON.stringify({ stage: stageForm.stage.value, date: stageForm.date.value, note: stageForm.note.value }),
      });
      if (response.ok) {
        window.location.reload();
        return;
      }
      document.getElementById("stage-message").textContent = await describe(response, notSaved(stageForm));
    });
  }

  // The action plan: the SME's forms, sent to the API routes they name (add: POST; status: PUT with the action's If-Match).
  const plan = document.querySelector("#action-plan[data-via-api]");
  if (plan) {
    plan.querySelectorAll("form").forEach((planForm) => {
      planForm.addEventListener("submit", async (event) => {
        event.preventDefault();
        const adding = planForm.id === "action-add";
        const lang = document.documentElement.lang || "sv";
        const headers = { "Content-Type": "application/json", "Accept-Language": lang, RequestVerificationToken: token() };
        if (!adding) headers["If-Match"] = planForm.version.value;
        const body = adding
          ? { gap: planForm.gap.value, owner: planForm.owner.value, dueDate: planForm.dueDate.value }
          : { status: planForm.status.value };
        const response = await fetch(planForm.action, { method: adding ? "POST" : "PUT", headers, credentials: "same-origin", body: JSON.stringify(body) });
        if (response.ok) {
          window.location.reload();
          return;
        }
        document.getElementById("action-plan-message").textContent = await describe(response, notSaved(planForm));
      });
    });
  }

  const form = document.getElementById("review-form");
  if (!form) return;
  const lang = form.dataset.lang;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const message = document.getElementById("review-message");
    const verdict = form.querySelector("input[name=verdict]:checked");
    // Accept-Language: the API's messages in the page's language.
    const headers = { "Content-Type": "application/json", "Accept-Language": lang, RequestVerificationToken: token() };
    if (form.dataset.version) headers["If-Match"] = form.dataset.version;
    const response = await fetch(`/api/assessments/${encodeURIComponent(form.dataset.assessmentId)}/review`, {
      method: "PUT", headers, credentials: "same-origin",
      body: JSON.stringify({ verdict: verdict ? verdict.value : null, note: form.note.value, messageToSme: form.messageToSme.value }),
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    message.textContent = response.status === 412 ? form.dataset.reviewedMeanwhile : await describe(response, notSaved(form));
  });
})();
