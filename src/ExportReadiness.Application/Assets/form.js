// The SME questionnaire: shows the sector's module, tracks progress overall and per part, keeps a draft of the answers
// in this browser (never sent anywhere before submit), submits JSON and shows the API's problem details next to the
// fields they name. Every text it shows comes from the page (data-text-* on the form, the draft note), in its language.
(() => {
  const form = document.getElementById("assessment");
  if (!form) return;
  const lang = form.dataset.lang;
  const sector = form.querySelector('[name="company.sector"]');
  const format = (template, ...values) => template.replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);

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

  /** The required fields that apply (the sector's module decides), and how many of them are answered. */
  function count(within) {
    const required = [...within.querySelectorAll('[data-required="true"]')].filter((f) => !f.hidden);
    return { done: required.filter(answered).length, total: required.length };
  }

  function updateProgress() {
    const { done, total } = count(form);
    const pct = total ? Math.round((100 * done) / total) : 0;
    document.getElementById("progress-bar").style.width = pct + "%";
    document.getElementById("progress-text").textContent = `${done} / ${total} ${form.dataset.textAnswered}`;
    // Each part of the form in the list of parts: answered of those that apply, and whether it is complete.
    form.querySelectorAll("a[data-part]").forEach((link) => {
      const part = document.getElementById(link.dataset.part);
      if (!part) return;
      const counted = count(part);
      link.querySelector(".part-count").textContent = `${counted.done} / ${counted.total}`;
      link.classList.toggle("complete", counted.total > 0 && counted.done === counted.total);
    });
  }

  // The draft: every field's value, kept in localStorage under the schema's version and the form it belongs to. A
  // re-assessment form has a draft of its own (by the assessment it follows), so the blank form's draft never
  // overwrites its prefilled answers, and its draft never fills in the blank form.
  const draftPrefix = "exportreadiness.draft.";
  const draftKey = `${draftPrefix}v${form.dataset.schemaVersion}.` +
    (form.dataset.previousAssessmentId ? `reassess.${form.dataset.previousAssessmentId}` : "new");
  const note = document.getElementById("draft-note");
  const storage = (() => {
    try {
      return window.localStorage; // null, or throws, where the browser keeps no storage for the page
    } catch {
      return null;
    }
  })();

  function snapshot() {
    const fields = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === "radio") {
        if (el.checked) fields[el.name] = el.value;
        else if (!(el.name in fields)) fields[el.name] = null;
      } else fields[el.name] = el.value;
    }
    return fields;
  }

  function restore(fields) {
    for (const el of form.elements) {
      if (!el.name || !(el.name in fields)) continue;
      if (el.type === "radio") el.checked = fields[el.name] === el.value;
      else el.value = fields[el.name] ?? "";
    }
  }

  function saveDraft() {
    try {
      storage?.setItem(draftKey, JSON.stringify({ savedAt: new Date().toISOString(), fields: snapshot() }));
    } catch {
      // Storage full or refused: the form works as before, without a draft.
    }
  }

  function forgetDraft() {
    try {
      storage?.removeItem(draftKey);
    } catch {
      // Nothing kept, nothing to forget.
    }
  }

  function loadDraft() {
    try {
      // Drafts of an earlier questionnaire version name questions this one may not have: dropped.
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i);
        if (key?.startsWith(draftPrefix) && !key.startsWith(`${draftPrefix}v${form.dataset.schemaVersion}.`)) storage.removeItem(key);
      }
      const draft = JSON.parse(storage.getItem(draftKey));
      return draft && typeof draft.fields === "object" ? draft.fields : null;
    } catch {
      return null;
    }
  }

  document.getElementById("draft-clear")?.addEventListener("click", () => {
    // Back to the page as it came: empty, or a re-assessment's answers as they were submitted last time.
    form.reset();
    forgetDraft();
    clearErrors();
    note.hidden = true;
    updateVisibility();
    form.querySelector("input, select, textarea")?.focus();
  });

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
    form.querySelectorAll("[aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
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
      holder.querySelectorAll("input, select, textarea").forEach((i) => i.setAttribute("aria-invalid", "true"));
      holder.querySelector("small.error").textContent = messages.join(" ");
      first = first || holder;
    }
    summary.textContent = `${problem.title || form.dataset.textFailed} ${format(form.dataset.textFieldsToFix, Object.keys(errors).length)}`;
    summary.hidden = false;
    // A keyboard user lands on the first field to fix; its message describes it (aria-describedby).
    first?.querySelector("input:not([disabled]), select, textarea")?.focus({ preventScroll: true });
    (first || summary).scrollIntoView({ behavior: "smooth", block: "center" });
  }

  sector.addEventListener("change", updateVisibility);
  // Only what the SME types or picks is kept: restoring a draft or resetting the form fires no input event.
  form.addEventListener("input", () => {
    updateProgress();
    saveDraft();
  });
  form.addEventListener("change", () => {
    updateProgress();
    saveDraft();
  });
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
        forgetDraft();
        // The token in the fragment, which no server sees: the result page's script trades it for the page's cookie.
        window.location.href = `/result/${encodeURIComponent(accepted.id)}?lang=${lang}#token=${encodeURIComponent(accepted.accessToken)}`;
        return;
      }
      showProblem(await response.json().catch(() => ({})));
    } finally {
      button.disabled = false;
    }
  });

  const draft = storage ? loadDraft() : null;
  if (draft) {
    restore(draft);
    note.hidden = false;
  }
  updateVisibility();
})();
