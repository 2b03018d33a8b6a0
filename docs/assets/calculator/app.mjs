// Owns the calculator page's state and its wiring: profile answers and chosen provisions (one `page.state`),
// the URL fragment, and the hand-off to the estimator. Modules: profile.mjs (questions, matching list),
// form.mjs (fields), fragment.mjs (links), estimate.mjs + render.mjs (results), runtime.mjs + status.mjs
// (Python in a worker), actions.mjs (share, export, print). The matching list needs no runtime.

import { wireActions } from "./actions.mjs";
import { createEstimator } from "./estimate.mjs";
import { loadFields, readSchema, readState, syncFields, writeState } from "./form.mjs";
import { decodeFragment, encodeFragment, isScenarioFragment } from "./fragment.mjs";
import { h } from "./dom.mjs";
import { IDS, elementId } from "../names.mjs";
import { matchItem, showMatches, showStep, startProfile } from "./profile.mjs";
import { createRuntime } from "./runtime.mjs";
import { buildScenario } from "./scenario.mjs";
import { drawStatus } from "./status.mjs";
import { t } from "./strings.mjs";
import { todayInChina as today } from "../site-status.mjs"; // the estimate's date is today in China, as the banner says

const byId = (id) => document.getElementById(id);

function showLinkProblems(texts) {
  const box = byId(IDS.linkProblems);
  box.hidden = !texts.length;
  box.replaceChildren(...(texts.length ? [h("p", {}, t("linkProblemsTitle")), h("ul", {}, texts.map((text) => h("li", {}, text)))] : []));
}

// The URL follows the state; if it cannot (it never should: fragment.mjs makes any text encodable), the
// estimate still goes on and the share link says it is not up to date (issue 12).
function syncUrl(page) {
  const share = byId(IDS.share);
  try {
    const fragment = encodeFragment(page.state, page.schema);
    if (location.hash !== `#${fragment}`) history.replaceState(history.state, "", `#${fragment}`);
    share.value = location.href;
    for (const alternate of document.querySelectorAll("a[hreflang]")) {
      alternate.setAttribute("href", `${alternate.getAttribute("href").split("#")[0]}#${fragment}`);
    }
  } catch {
    share.value = t("urlFailed");
  }
}

function updatePending(page, built) {
  for (const [pid] of page.state.provisions) {
    const note = byId(elementId("pending", { pid }));
    if (!note) continue;
    const missing = built.pending.get(pid);
    note.hidden = !missing;
    const labels = (missing || []).map((name) => page.schema.provisions.get(pid).inputs.get(name).label);
    note.textContent = missing ? `${t("pendingMissing")}${labels.join(t("listSep"))}${t("pendingSuffix")}` : "";
  }
}

// Removing a provision's fields while one of them has the focus fires focusout, whose handler may refresh
// again: such nested calls are folded into one more refresh once the current one is done.
function exclusive(page, work) {
  if (page.busy) {
    page.again = true;
    return [];
  }
  page.busy = true;
  let value;
  try {
    value = work();
  } finally {
    page.busy = false;
  }
  if (page.again) {
    page.again = false;
    refresh(page);
  }
  return value;
}

/** After any edit: read the state, add or remove fields, filter the list, write the URL, schedule the estimate. */
function refresh(page) {
  return exclusive(page, () => redraw(page));
}

// A chosen provision's fields arrived (the fields file is fetched when first needed): show them, and take
// the reader to the one just chosen.
function fieldsArrived(page) {
  const added = refresh(page);
  if (page.focusOnArrival && added.includes(page.focusOnArrival)) focusFields(page.focusOnArrival);
  page.focusOnArrival = null;
}

// A link that chooses provisions: their fields must be on the page before its values are put in.
function linkFields(page) {
  const raw = location.hash.slice(1);
  const chosen = isScenarioFragment(raw) && [...decodeFragment(raw, page.schema).state.provisions.values()].some((entry) => entry.include);
  return chosen ? loadFields().catch(() => {}) : Promise.resolve();
}

function redraw(page) {
  page.state = readState(page.root, page.schema, page.state);
  const added = syncFields(page.schema, page.state, () => fieldsArrived(page));
  showMatches(page.root, page.schema, page.state);
  byId(IDS.resultsSection).hidden = ![...page.state.provisions.values()].some((entry) => entry.include);
  page.built = buildScenario(page.state, page.schema);
  updatePending(page, page.built);
  page.estimator.schedule();
  syncUrl(page);
  return added;
}

function focusFields(pid) {
  const box = byId(elementId("box", { pid }));
  if (!box) return;
  const first = box.querySelector("[data-input], input[type=radio]");
  (first || box).focus({ preventScroll: true });
  box.scrollIntoView({ block: "start" });
}

function restoreFromFragment(page, initial) {
  const raw = location.hash.slice(1);
  if (!isScenarioFragment(raw)) {
    const problems = raw && !byId(safeDecode(raw)) ? [t("linkUnknown")] : [];
    if (initial) byId(IDS.asOf).value = today();
    showLinkProblems(problems);
    refresh(page);
    if (initial && raw && !problems.length) byId(safeDecode(raw)).scrollIntoView({ block: "start" }); // e.g. #calc-q-who
    return;
  }
  const { state, problems } = decodeFragment(raw, page.schema);
  if (!state.as_of) state.as_of = today();
  const texts = problems.map((problem) => problem.text).concat(exclusive(page, () => writeState(page.root, page.schema, state, t, () => fieldsArrived(page))));
  if (!byId(IDS.asOf).value) byId(IDS.asOf).value = today();
  page.state = state;
  showLinkProblems(texts);
  refresh(page);
  if (initial) {
    showStep(page.root, state.answers.size || [...state.provisions.values()].some((e) => e.include) ? "done" : 0);
    const keys = raw.split("&").map((part) => part.split("=")[0]);
    const pid = [...state.provisions].find(([, entry]) => entry.include)?.[0];
    if (pid && keys.every((key) => key === "v" || key === "p")) focusFields(pid); // a measure page's link
  }
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function fillAsPerson(radio) {
  let inputs = {};
  try {
    inputs = JSON.parse(radio.dataset.personInputs || "{}");
  } catch {
    inputs = {};
  }
  const pid = radio.name.split(".")[0];
  for (const [name, value] of Object.entries(inputs)) {
    const field = byId(elementId("input", { pid, name }));
    if (field) field.value = value;
  }
}

function onEdit(page, event) {
  const target = event.target;
  if (target.dataset && target.dataset.personInputs && target.checked) fillAsPerson(target);
  const added = refresh(page);
  const pid = target.dataset && target.dataset.provision;
  if (pid && target.checked && target.id === elementId("include", { pid })) {
    if (added.includes(pid)) focusFields(pid);
    else page.focusOnArrival = pid;
  }
}

function onClick(page, event) {
  const remove = event.target.closest && event.target.closest("[data-remove]");
  if (remove) {
    const pid = remove.dataset.remove;
    byId(elementId("include", { pid })).checked = false;
    refresh(page);
    matchItem(pid)?.scrollIntoView({ block: "start" });
    byId(elementId("include", { pid })).focus({ preventScroll: true });
    return;
  }
  const link = event.target.closest && event.target.closest("a[data-focus]");
  const field = link && byId(link.dataset.focus);
  if (!field) return;
  event.preventDefault();
  const focusable = field.matches("input, select") ? field : field.querySelector("input, select");
  (focusable || field).focus();
}

function wire(page) {
  const { root } = page;
  root.addEventListener("submit", (event) => event.preventDefault());
  root.addEventListener("input", (event) => onEdit(page, event));
  root.addEventListener("change", (event) => onEdit(page, event));
  // Typing an impossible date into an empty date field fires no input event (its value stays empty).
  root.addEventListener("focusout", (event) => {
    if (event.target.type === "date" && event.target.validity.badInput) refresh(page);
  });
  root.addEventListener("click", (event) => onClick(page, event));
  window.addEventListener("hashchange", () => linkFields(page).then(() => restoreFromFragment(page, false)));
  byId(IDS.retry).addEventListener("click", () => page.runtime.retry());
  startProfile(root, 0, () => {
    const title = byId(IDS.matchesTitle);
    title.setAttribute("tabindex", "-1");
    title.focus({ preventScroll: true });
    title.scrollIntoView({ block: "start" });
  });
}

function start(root) {
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  drawStatus("loading", { lang });
  const page = { root, lang, schema: readSchema(root), state: null, built: null };
  page.runtime = createRuntime({ siteRoot: root.dataset.siteRoot, lang, onChange: () => page.estimator.schedule(0) });
  page.estimator = createEstimator({ root, lang, runtime: page.runtime, current: () => ({ built: page.built, schema: page.schema }),
    onSummary: (summary) => page.setSummary(summary) });
  page.setSummary = wireActions(root, page.estimator, lang);
  wire(page);
  linkFields(page).then(() => {
    restoreFromFragment(page, true);
    page.runtime.load(); // after the state exists: an estimate needs it (the runtime was started by prestart.mjs)
  });
}

const root = document.getElementById(IDS.root);
if (root) start(root);
