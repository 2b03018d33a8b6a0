// Owns the profile and the matching list: which question is on screen (one at a time, then a one-line
// summary), which provisions the answers lead to and in what order (the ranking data the build writes from
// policy/profiles.json). Pure DOM work: it runs before, and without, the Python runtime.

import { CLASSES, IDS, elementId } from "../names.mjs";
import { t } from "./strings.mjs";

const byId = (id) => document.getElementById(id);

/** The ranking data the build writes into the page (scripts/sitegen/profiles.py, page_data). */
export function rankingData(data) {
  return {
    weights: new Map(Object.entries(data.weights || {}).map(([answer, found]) => [answer, new Map(Object.entries(found))])),
    pointsAt: new Map(Object.entries(data.points_at || {})),
    narrowing: new Set(data.narrowing || []),
  };
}

/**
 * The matching list for the answers, {first, more} (provision ids in order), or null when nothing is answered
 * (every provision, in the page's order). The rule of scripts/sitegen/profiles.py `ranked`: first what the
 * chosen answers of narrowing questions point at directly (of any answer when none of those is chosen), then,
 * folded, the rest the answers reach; heavier first (the sum of the answers' weights), then the page's order.
 */
export function ranked(schema, answers) {
  if (!answers.size) return null;
  const { weights, pointsAt, narrowing } = schema.ranking;
  const score = new Map();
  for (const answer of answers) {
    for (const [pid, weight] of weights.get(answer) || []) score.set(pid, (score.get(pid) || 0) + weight);
  }
  const leading = [...answers].filter((answer) => narrowing.has(answer));
  const first = new Set((leading.length ? leading : [...answers]).flatMap((answer) => pointsAt.get(answer) || []));
  if (!first.size) for (const pid of score.keys()) first.add(pid);
  const position = new Map([...schema.provisions.keys()].map((pid, index) => [pid, index]));
  const order = (a, b) => score.get(b) - score.get(a) || position.get(a) - position.get(b);
  return { first: [...first].sort(order), more: [...score.keys()].filter((pid) => !first.has(pid)).sort(order) };
}

// Moves only the items out of place: moving an element takes the focus away from it.
function place(list, pids) {
  pids.forEach((pid, index) => {
    const item = matchItem(pid);
    if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
  });
}

/**
 * Order the provisions that may apply by the answers, fold those merely open to the reader into the "also
 * open to you" group, and say how many. A provision chosen for the estimate stays listed (its group opens).
 */
export function showMatches(root, schema, state) {
  const list = ranked(schema, state.answers);
  const all = [...schema.provisions.keys()];
  const chosen = (pid) => state.provisions.get(pid)?.include === true;
  const reached = list ? new Set([...list.first, ...list.more]) : new Set(all);
  const first = list ? [...list.first, ...all.filter((pid) => chosen(pid) && !reached.has(pid))] : all;
  const more = list ? list.more : [];
  place(byId(IDS.matchList), first);
  place(byId(IDS.matchMoreList), more);
  const shown = new Set([...first, ...more]);
  for (const pid of all) matchItem(pid).hidden = !shown.has(pid);
  const group = byId(IDS.matchMore);
  group.hidden = !more.length;
  if (more.some(chosen)) group.open = true;
  byId(IDS.matchMoreCount).textContent = t("matchMoreCount", { n: more.length });
  const total = all.length;
  byId(IDS.matchCount).textContent = !list ? t("matchAll", { total })
    : more.length ? t("matchLead", { lead: first.length, more: more.length, total }) : t("matchCount", { shown: shown.size, total });
  return shown.size;
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

// The question's first answer takes the focus, and the question comes into view from its heading (the
// stylesheet keeps it clear of the theme's fixed header: scroll-margin-top).
function bringQuestion(root, step) {
  const question = root.querySelector(`.${CLASSES.question}[data-step="${step}"]`);
  if (!question) return;
  question.querySelector("input")?.focus({ preventScroll: true });
  question.scrollIntoView({ block: "start" });
}

/** Wire the step buttons; `onDone` runs when the last question is left. Starts at `first`. */
export function startProfile(root, first, onDone) {
  root.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("[data-step-to]");
    if (button) {
      const step = button.dataset.stepTo;
      showStep(root, step);
      if (step === "done") onDone();
      else bringQuestion(root, step);
      return;
    }
    if (event.target.id === IDS.profileEdit) {
      showStep(root, 0);
      bringQuestion(root, 0);
    }
  });
  showStep(root, first);
}

/** The list item of a provision (for scrolling to it). */
export function matchItem(pid) {
  return byId(elementId("match", { pid }));
}
