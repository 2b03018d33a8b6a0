// Owns the exact estimate's cycle: 150 ms after the last edit, send the scenario to calc (runtime.mjs),
// then draw the result or the problems (render.mjs) beside their fields, announce it, and keep the last
// answer for the exports. #calc-results carries data-seq, the number of answers drawn so far.

import { IDS } from "./names.mjs";
import { renderMessage, renderProblems, renderResult } from "./render.mjs";
import { fieldFor } from "./scenario.mjs";
import { pickText, t } from "./strings.mjs";

const DEBOUNCE_MS = 150;
const byId = (id) => document.getElementById(id);

function clearFieldErrors(root) {
  for (const slot of root.querySelectorAll(".calc-error:not([hidden])")) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const invalid of root.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
}

export function showFieldError(target, message) {
  const element = byId(target);
  const slot = byId(`${target}-err`);
  if (!element || !slot) return false;
  slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
  slot.hidden = false;
  element.setAttribute("aria-invalid", "true");
  const details = element.closest("details");
  if (details) details.open = true;
  return true;
}

// A date the browser cannot take (2026-02-30, or one not finished) leaves the field's value empty: say so.
function showBadDates(root) {
  for (const control of root.querySelectorAll('input[type="date"]')) {
    if (control.validity.badInput && !byId(`${control.id}-err`)?.textContent.includes(t("badDate"))) showFieldError(control.id, t("badDate"));
  }
}

function fieldLabel(target) {
  const element = byId(target);
  if (!element) return "";
  const label = document.querySelector(`label[for="${CSS.escape(target)}"]`);
  if (label) return label.textContent.trim();
  const legend = element.querySelector(":scope > legend");
  return legend ? legend.textContent.trim() : "";
}

function placeProblems(answer, built, lang) {
  const problems = ((answer && answer.error && answer.error.problems) || []).map((problem) => {
    const message = pickText(problem, lang) || String(problem.code || "");
    const target = fieldFor(problem.field, built);
    const placed = target && showFieldError(target, message);
    return { message, target: placed ? target : null, label: placed ? fieldLabel(target) : problem.field };
  });
  if (!problems.length) problems.push({ message: String((answer && answer.error && answer.error.error) || "error"), target: null });
  return problems;
}

/**
 * The estimator: {schedule(delay), last()}. `current()` gives {built, schema}; `onSummary(summary|null)`
 * receives the one-line summary for the live region and the sticky bar.
 */
export function createEstimator({ root, lang, runtime, current, onSummary }) {
  const results = byId(IDS.results);
  let timer = null;
  let requestSeq = 0;
  let rendered = 0;
  let last = null;

  function keepingFocus(draw) {
    const inside = results.contains(document.activeElement);
    const value = draw();
    if (inside) {
      const title = byId(IDS.resultsTitle);
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
    }
    return value;
  }

  function settle(message, built, schema) {
    results.removeAttribute("aria-busy");
    clearFieldErrors(root);
    showBadDates(root);
    keepingFocus(() => renderMessage(results, message, built, schema));
  }

  async function run() {
    const { built, schema } = current();
    if (!built.scenario.claims.length) {
      requestSeq += 1; // any answer still on its way is now out of date
      settle(built.pending.size ? "" : t("nothingIncluded"), built, schema);
      last = null;
      onSummary(null);
      return;
    }
    if (!runtime.ready()) return void settle(document.documentElement.dataset.calcState === "failed" ? t("failedHelp") : t("waitingForRuntime"), built, schema);
    const seq = ++requestSeq;
    const instance = runtime.current();
    results.setAttribute("aria-busy", "true");
    let answer;
    try {
      answer = await instance.estimate(built.scenario);
    } catch (error) {
      results.removeAttribute("aria-busy");
      if (seq === requestSeq && instance === runtime.current()) runtime.fail(error);
      return;
    }
    if (seq !== requestSeq) return;
    draw(answer, built, schema);
  }

  function draw(answer, built, schema) {
    results.removeAttribute("aria-busy");
    clearFieldErrors(root);
    showBadDates(root);
    let summary;
    if (answer && answer.ok) {
      summary = keepingFocus(() => renderResult(results, answer.result, built, schema, lang));
      last = { scenario: built.scenario, result: answer.result };
    } else {
      const problems = placeProblems(answer, built, lang);
      summary = keepingFocus(() => renderProblems(results, problems, built, schema));
      last = null;
    }
    rendered += 1;
    results.dataset.seq = String(rendered);
    onSummary(summary);
  }

  return {
    schedule(delay = DEBOUNCE_MS) {
      clearTimeout(timer);
      timer = setTimeout(run, delay);
    },
    last: () => last,
  };
}
