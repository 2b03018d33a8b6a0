// Owns the exact estimate's cycle: 150 ms after the last edit, send the scenario to calc (runtime.mjs),
// then draw the result or the problems (render.mjs) beside their fields, announce it, and keep the last
// answer for the exports. #calc-results carries data-seq, the number of answers drawn so far.

import { CLASSES, IDS, elementId } from "../names.mjs";
import { renderMessage, renderProblems, renderResult } from "./render.mjs";
import { fieldFor } from "./scenario.mjs";
import { pickText, t } from "./strings.mjs";

const DEBOUNCE_MS = 150;
const byId = (id) => document.getElementById(id);

function clearFieldErrors(root) {
  for (const slot of root.querySelectorAll(`.${CLASSES.error}:not([hidden])`)) {
    slot.hidden = true;
    slot.textContent = "";
  }
  for (const invalid of root.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
}

export function showFieldError(target, message) {
  const element = byId(target);
  const slot = byId(elementId("error", { id: target }));
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
    if (control.validity.badInput && !byId(elementId("error", { id: control.id }))?.textContent.includes(t("badDate"))) showFieldError(control.id, t("badDate"));
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

function keepingFocus(est, draw) {
  const inside = est.results.contains(document.activeElement);
  const value = draw();
  if (inside) {
    const title = byId(IDS.resultsTitle);
    title.setAttribute("tabindex", "-1");
    title.focus({ preventScroll: true });
  }
  return value;
}

function settle(est, message, built, schema) {
  est.results.removeAttribute("aria-busy");
  clearFieldErrors(est.root);
  showBadDates(est.root);
  keepingFocus(est, () => renderMessage(est.results, message, built, schema));
}

async function run(est) {
  const { built, schema } = est.current();
  if (!built.scenario.claims.length) {
    est.requestSeq += 1; // any answer still on its way is now out of date
    settle(est, built.pending.size ? "" : t("nothingIncluded"), built, schema);
    est.last = null;
    est.onSummary(null);
    return;
  }
  if (!est.runtime.ready()) {
    settle(est, document.documentElement.dataset.calcState === "failed" ? t("failedHelp") : t("waitingForRuntime"), built, schema);
    return;
  }
  const seq = ++est.requestSeq;
  const instance = est.runtime.current();
  est.results.setAttribute("aria-busy", "true");
  let answer;
  try {
    answer = await instance.estimate(built.scenario);
  } catch (error) {
    est.results.removeAttribute("aria-busy");
    if (seq === est.requestSeq && instance === est.runtime.current()) est.runtime.fail(error);
    return;
  }
  if (seq === est.requestSeq) draw(est, answer, built, schema);
}

function draw(est, answer, built, schema) {
  est.results.removeAttribute("aria-busy");
  clearFieldErrors(est.root);
  showBadDates(est.root);
  let summary;
  if (answer && answer.ok) {
    summary = keepingFocus(est, () => renderResult(est.results, answer.result, built, schema, est.lang));
    est.last = { scenario: built.scenario, result: answer.result };
  } else {
    const problems = placeProblems(answer, built, est.lang);
    summary = keepingFocus(est, () => renderProblems(est.results, problems, built, schema));
    est.last = null;
  }
  est.rendered += 1;
  est.results.dataset.seq = String(est.rendered);
  est.onSummary(summary);
}

/**
 * The estimator: {schedule(delay), last()}. `current()` gives {built, schema}; `onSummary(summary|null)`
 * receives the one-line summary for the live region and the sticky bar. Its state is the object `est`.
 */
export function createEstimator({ root, lang, runtime, current, onSummary }) {
  const est = { root, lang, runtime, current, onSummary, results: byId(IDS.results), timer: null, requestSeq: 0, rendered: 0, last: null };
  return {
    schedule(delay = DEBOUNCE_MS) {
      clearTimeout(est.timer);
      est.timer = setTimeout(() => run(est), delay);
    },
    last: () => est.last,
  };
}
