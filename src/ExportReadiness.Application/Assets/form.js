// The SME questionnaire: shows the sector's module, tracks progress, submits JSON and shows the API's
// problem details next to the fields they name.
(() => {
  const form = document.getElementById("assessment");
  if (!form) return;
  const lang = form.dataset.lang;
  const sector = form.querySelector('[name="company.sector"]');
  const t = (sv, en) => (lang === "en" ? en : sv);

  const applies = (el) => !el.dataset.appliesTo || el.dataset.appliesTo.split(" ").includes(sector.value);

  function updateVisibility() {
    form.querySelectorAll("[data-applies-to]").forEach((el) => {
      const on = applies(el);
      el.hidden = !on;
      el.querySelectorAll("input").forEach((i) => (i.disabled = !on));
    });
    updateProgress();
  }

  function answered(field) {
    const inputs = [...field.querySelectorAll("input, select, textarea")];
    return inputs.some((i) => (i.type === "radio" ? i.checked : i.value.trim() !== ""));
  }

  function updateProgress() {
    const required = [...form.querySelectorAll('[data-required="true"]')].filter((f) => !f.hidden);
    const done = required.filter(answered).length;
    const pct = required.length ? Math.round((100 * done) / required.length) : 0;
    document.getElementById("progress-bar").style.width = pct + "%";
    document.getElementById("progress-text").textContent = `${done} / ${required.length} ${t("besvarade", "answered")}`;
  }

  function value(name) {
    const el = form.querySelector(`[name="${name}"]`);
    return el && el.value.trim() !== "" ? el.value.trim() : null;
  }

  function number(name) {
    const v = value(name);
    return v === null ? null : Number.isNaN(Number(v)) ? v : Number(v);
  }

  function body() {
    const answers = {};
    form.querySelectorAll(".question").forEach((q) => {
      if (q.hidden) return;
      const id = q.dataset.field.slice("answers.".length);
      const checked = q.querySelector("input[type=radio]:checked");
      const num = q.querySelector("input[type=number]");
      if (checked) answers[id] = checked.dataset.kind === "yesNo" ? checked.value === "true" : checked.value;
      else if (num && num.value.trim() !== "") answers[id] = Number(num.value);
    });
    const result = {
      schemaVersion: Number(form.dataset.schemaVersion),
      company: {
        name: value("company.name"), sector: value("company.sector"), employees: number("company.employees"),
        turnoverSek: number("company.turnoverSek"), yearFounded: number("company.yearFounded"),
        region: value("company.region"), exportSharePercent: number("company.exportSharePercent"),
      },
      product: { name: value("product.name"), description: value("product.description") },
      answers,
    };
    if (value("programme")) result.programme = value("programme");
    // A re-assessment names the assessment it follows; the header below proves the SME holds that one's token.
    if (form.dataset.previousAssessmentId) result.previousAssessmentId = form.dataset.previousAssessmentId;
    return result;
  }

  function clearErrors() {
    form.querySelectorAll(".invalid").forEach((f) => f.classList.remove("invalid"));
    form.querySelectorAll("small.error").forEach((s) => (s.textContent = ""));
    const summary = document.getElementById("form-errors");
    summary.hidden = true;
    summary.textContent = "";
  }

  function showProblem(problem) {
    const summary = document.getElementById("form-errors");
    const errors = problem.errors || {};
    let first = null;
    for (const [field, messages] of Object.entries(errors)) {
      const holder = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
      if (!holder) continue;
      holder.classList.add("invalid");
      holder.querySelector("small.error").textContent = messages.join(" ");
      first = first || holder;
    }
    summary.textContent = `${problem.title || t("Något gick fel.", "Something went wrong.")} ` +
      t(`${Object.keys(errors).length} fält behöver rättas.`, `${Object.keys(errors).length} fields need fixing.`);
    summary.hidden = false;
    (first || summary).scrollIntoView({ behavior: "smooth", block: "center" });
  }

  sector.addEventListener("change", updateVisibility);
  form.addEventListener("input", updateProgress);
  form.addEventListener("change", updateProgress);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      // Accept-Language: the API's field messages in the form's language, whatever the browser's own.
      const headers = { "Content-Type": "application/json", "Accept-Language": lang };
      if (form.dataset.previousToken) headers["X-Assessment-Token"] = form.dataset.previousToken;
      const response = await fetch("/api/assessments", { method: "POST", headers, body: JSON.stringify(body()) });
      if (response.status === 202) {
        const accepted = await response.json();
        window.location.href = `/result/${encodeURIComponent(accepted.id)}?token=${encodeURIComponent(accepted.accessToken)}&lang=${lang}`;
        return;
      }
      showProblem(await response.json().catch(() => ({})));
    } finally {
      button.disabled = false;
    }
  });
  updateVisibility();
})();
