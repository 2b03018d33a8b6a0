// Owns the profile and the matching list: which question is on screen (one at a time, then a one-line
// summary), and which provisions the answers lead to (answers' data-provisions, written at build time from
// policy/profiles.json). Pure DOM work: it runs before, and without, the Python runtime.

import { CLASSES, IDS, elementId } from "../names.mjs";
import { t } from "./strings.mjs";

const byId = (id) => document.getElementById(id);

/** The provisions the answers lead to (a Set), or null when nothing is answered (every provision is listed). */
export function matched(schema, answers) {
  if (!answers.size) return null;
  const found = new Set();
  for (const answer of answers) for (const pid of schema.answers.get(answer) || []) found.add(pid);
  return found;
}

/** Show the provisions that may apply (and any chosen for the estimate); say how many. */
export function showMatches(root, schema, state) {
  const found = matched(schema, state.answers);
  let shown = 0;
  for (const item of root.querySelectorAll(`.${CLASSES.match}`)) {
    const pid = item.dataset.provision;
    const visible = !found || found.has(pid) || state.provisions.get(pid)?.include === true;
    item.hidden = !visible;
    if (visible) shown += 1;
  }
  const total = schema.provisions.size;
  byId(IDS.matchCount).textContent = found ? t("matchCount", { shown, total }) : t("matchAll", { total });
  return shown;
}

/** Put question `step` on screen ("done": the summary of the answers instead). */
export function showStep(root, step) {
  const questions = [...root.querySelectorAll(`.${CLASSES.question}`)];
  for (const question of questions) question.hidden = step === "done" || question.dataset.step !== String(step);
  const summary = byId(IDS.profileSummary);
  summary.hidden = step !== "done";
  byId(IDS.profileEdit).hidden = step !== "done";
  if (step === "done") {
    const labels = [...root.querySelectorAll('input[name="a"]:checked')].map((box) => byId(box.id).labels[0].textContent);
    summary.textContent = labels.length ? labels.join(t("listSep")) : t("matchAll", { total: root.querySelectorAll(`.${CLASSES.match}`).length });
  }
}

/** Wire the step buttons; `onDone` runs when the last question is left. Starts at `first`. */
export function startProfile(root, first, onDone) {
  root.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-step-to]");
    if (button) {
      const step = button.dataset.stepTo;
      showStep(root, step);
      if (step === "done") onDone();
      else root.querySelector(`.${CLASSES.question}[data-step="${step}"] input`)?.focus();
      return;
    }
    if (event.target.id === IDS.profileEdit) {
      showStep(root, 0);
      root.querySelector(`.${CLASSES.question} input`)?.focus();
    }
  });
  showStep(root, first);
}

/** The list item of a provision (for scrolling to it). */
export function matchItem(pid) {
  return byId(elementId("match", { pid }));
}
