// The calculator page: wires the form generated at build time to calc running in Pyodide (client.mjs).
//
// - The form is usable at once; the runtime loads in a Web Worker meanwhile (progress in #calc-status,
//   a Retry button on failure). document.documentElement.dataset.calcState is loading|ready|failed.
// - Every edit updates the URL fragment (fragment.mjs) and, 150 ms after the last one, the estimate.
//   #calc-results carries data-seq, the number of estimate answers rendered so far.
// - Problems from calc appear beside the field that caused them (scenario.mjs maps claims[i] back to
//   the provision sent at index i) and in a list above the results; results are announced in a live
//   region; focus is never moved by a recalculation.

import { download, estimateCsv, estimateJson } from "./export.mjs";
import { applyRoleFilter, readSchema, readState, writeState } from "./form.mjs";
import { decodeFragment, encodeFragment, isScenarioFragment } from "./fragment.mjs";
import { h } from "./dom.mjs";
import { renderMessage, renderProblems, renderResult } from "./render.mjs";
import { buildScenario, fieldFor } from "./scenario.mjs";
import { pickText, words } from "./strings.mjs";

const DEBOUNCE_MS = 150;

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function setCalcState(value) {
  document.documentElement.dataset.calcState = value;
}

function start(root) {
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const w = words(lang);
  const $ = (id) => document.getElementById(id);
  const form = $("calc-form");
  const results = $("calc-results");
  const announce = $("calc-announce");
  const status = $("calc-status");
  const retry = $("calc-retry");
  const linkProblems = $("calc-link-problems");
  const share = $("calc-share-url");
  const exportJson = $("calc-export-json");
  const exportCsv = $("calc-export-csv");
  const sticky = $("calc-sticky");
  const stickyText = $("calc-sticky-text");
  const roleCount = $("calc-role-count");
  const copyNote = h("span", { class: "calc-copy-note", role: "status" });
  $("calc-copy").after(copyNote);

  const schema = readSchema(form);
  let calc = null;
  let ready = false;
  let timer = null;
  let requestSeq = 0;
  let rendered = 0;
  let last = null;
  let summaryShown = false;
  let resultsInView = false;

  setCalcState("loading");

  // ---- state, fragment, role filter -------------------------------------------------------------

  function showLinkProblems(problems) {
    if (!problems.length) {
      linkProblems.hidden = true;
      linkProblems.replaceChildren();
      return;
    }
    linkProblems.replaceChildren(h("p", {}, w.linkProblemsTitle), h("ul", {}, problems.map((p) => h("li", {}, pickText(p, lang)))));
    linkProblems.hidden = false;
  }

  function syncUrl(state) {
    const fragment = encodeFragment(state, schema);
    if (location.hash !== `#${fragment}`) history.replaceState(history.state, "", `#${fragment}`);
    share.value = location.href;
    for (const alternate of document.querySelectorAll("a[hreflang]")) {
      alternate.setAttribute("href", `${alternate.getAttribute("href").split("#")[0]}#${fragment}`);
    }
  }

  function updatePendingNotes(built) {
    for (const note of form.querySelectorAll(".calc-pending")) {
      const pid = note.id.slice("calc-".length, -"-pending".length);
      const missing = built.pending.get(pid);
      note.hidden = !missing;
      note.textContent = missing
        ? `${w.pendingMissing}${missing.map((name) => schema.provisions.get(pid).inputs.get(name).label).join(w.listSep)}${w.pendingSuffix}`
        : "";
    }
  }

  function stateChanged() {
    const state = readState(form, schema);
    const { shown, total } = applyRoleFilter(form, state);
    roleCount.textContent = state.role && !state.all ? w.roleCount(shown, total) : "";
    syncUrl(state);
    updatePendingNotes(buildScenario(state, schema));
    schedule();
  }

  function restoreFromFragment(initial) {
    const raw = location.hash.slice(1);
    if (!isScenarioFragment(raw)) {
      // A plain anchor (a heading's permalink) or nothing: keep the form, write the scenario back.
      let problems = [];
      if (raw && !document.getElementById(safeDecode(raw))) {
        problems = [{ zh: "链接 # 之后的内容无法识别,已忽略。", en: "The part of the link after # is not understood and was ignored." }];
      }
      if (initial) $("calc-as-of").value = today();
      showLinkProblems(problems);
      stateChanged();
      return;
    }
    const { state, problems } = decodeFragment(raw, schema);
    if (!state.as_of) state.as_of = today();
    problems.push(...writeState(form, schema, state));
    if (!$("calc-as-of").value) $("calc-as-of").value = today();
    showLinkProblems(problems);
    stateChanged();
    if (initial) focusPreselected(raw, state);
  }

  function focusPreselected(raw, state) {
    // A link from a measure page (#v=1&p=m2-2) goes straight to that provision's first field.
    const keys = raw.split("&").map((part) => part.split("=")[0]);
    if (!keys.every((key) => key === "v" || key === "p")) return;
    const pid = [...state.provisions].find(([, entry]) => entry.include)?.[0];
    if (!pid) return;
    const box = $(`calc-${pid}-box`);
    const first = box.querySelector("[data-input]") || $(`calc-${pid}-include`);
    first.focus({ preventScroll: true });
    box.scrollIntoView({ block: "start" });
  }

  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  }

  function onEdit(event) {
    const target = event.target;
    const pid = target.dataset && target.dataset.provision;
    const isInclude = target.id === `calc-${pid}-include`;
    if (pid && !isInclude) {
      const filled = target.type === "radio" ? target.value !== "" : target.value.trim() !== "";
      const source = target.dataset.other === "source";
      if (filled && !source) $(`calc-${pid}-include`).checked = true;
    }
    stateChanged();
  }

  // ---- estimates ------------------------------------------------------------------------------------

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  function clearFieldErrors() {
    for (const slot of root.querySelectorAll(".calc-error:not([hidden])")) {
      slot.hidden = true;
      slot.textContent = "";
    }
    for (const invalid of root.querySelectorAll("[aria-invalid]")) invalid.removeAttribute("aria-invalid");
  }

  // A date the browser cannot take (2026-02-30, or one not finished) leaves the field's value empty: say so
  // beside the field, rather than only calling the date missing.
  function showBadDates() {
    for (const control of form.querySelectorAll('input[type="date"]')) {
      if (control.validity.badInput && !$(`${control.id}-err`)?.textContent.includes(w.badDate)) showFieldError(control.id, w.badDate);
    }
  }

  function fieldLabel(target) {
    const element = $(target);
    if (!element) return "";
    const label = document.querySelector(`label[for="${CSS.escape(target)}"]`);
    if (label) return label.textContent.trim();
    const legend = element.querySelector(":scope > legend");
    return legend ? legend.textContent.trim() : "";
  }

  function showFieldError(target, message) {
    const element = $(target);
    const slot = $(`${target}-err`);
    if (!element || !slot) return false;
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    slot.hidden = false;
    element.setAttribute("aria-invalid", "true");
    const details = element.closest("details");
    if (details) details.open = true;
    return true;
  }

  function setSummary(summary) {
    announce.textContent = summary ? summary.announce : "";
    stickyText.textContent = summary ? summary.sticky : "";
    summaryShown = Boolean(summary);
    sticky.hidden = !summaryShown || resultsInView;
    if (!sticky.hidden) keepFocusAboveSticky();
  }

  // The sticky total must not cover the field being typed in (WCAG 2.4.11): when it appears over the focused
  // control, scroll that control up (calculator.css keeps a scroll-padding-bottom the height of the bar).
  function keepFocusAboveSticky() {
    const focused = document.activeElement;
    if (!focused || !form.contains(focused)) return;
    if (focused.getBoundingClientRect().bottom > sticky.getBoundingClientRect().top) focused.scrollIntoView({ block: "nearest" });
  }

  function setExports(value) {
    last = value;
    exportJson.disabled = !value;
    exportCsv.disabled = !value;
  }

  function keepingFocus(render) {
    // Results are replaced whole; if the focus was on a link inside them, put it on their heading, not <body>.
    const inside = results.contains(document.activeElement);
    const value = render();
    if (inside) {
      const title = $("calc-results-title");
      title.setAttribute("tabindex", "-1");
      title.focus({ preventScroll: true });
    }
    return value;
  }

  async function run() {
    const state = readState(form, schema);
    const built = buildScenario(state, schema);
    if (!built.scenario.claims.length) {
      requestSeq += 1; // any answer still on its way is now out of date
      clearFieldErrors();
      showBadDates();
      keepingFocus(() => renderMessage(results, built.pending.size ? "" : w.nothingIncluded, built, schema, lang));
      setExports(null);
      setSummary(null);
      return;
    }
    if (!ready) {
      clearFieldErrors(); // no answer can come for this state: only what the browser itself knows is shown
      showBadDates();
      keepingFocus(() => renderMessage(results, status.dataset.failed ? w.failedHelp : w.waitingForRuntime, built, schema, lang));
      return;
    }
    const seq = ++requestSeq;
    const instance = calc;
    results.setAttribute("aria-busy", "true");
    let answer;
    try {
      answer = await instance.estimate(built.scenario);
    } catch (error) {
      if (seq === requestSeq && instance === calc) fail(error);
      return;
    }
    if (seq !== requestSeq) return;
    results.removeAttribute("aria-busy");
    clearFieldErrors();
    showBadDates();
    let summary;
    if (answer && answer.ok) {
      summary = keepingFocus(() => renderResult(results, answer.result, built, schema, lang));
      setExports({ scenario: built.scenario, result: answer.result });
    } else {
      const problems = ((answer && answer.error && answer.error.problems) || []).map((problem) => {
        const message = pickText(problem, lang) || String(problem.code || "");
        const target = fieldFor(problem.field, built);
        const placed = target && showFieldError(target, message);
        return { message, target: placed ? target : null, label: placed ? fieldLabel(target) : problem.field };
      });
      if (!problems.length) problems.push({ message: String((answer && answer.error && answer.error.error) || "error"), target: null });
      summary = keepingFocus(() => renderProblems(results, problems, built, schema, lang));
      setExports(null);
    }
    rendered += 1;
    results.dataset.seq = String(rendered);
    setSummary(summary);
  }

  // ---- the runtime ------------------------------------------------------------------------------------

  function fail(error) {
    ready = false;
    setCalcState("failed");
    results.removeAttribute("aria-busy");
    const detail = pickText(error && error.messages, lang) || (error && error.message) || "";
    status.textContent = `${w.failed}${detail} ${w.failedHelp}`;
    status.dataset.failed = "true";
    retry.hidden = false;
    schedule(0);
  }

  async function attach(instance) {
    try {
      await instance.ready;
    } catch (error) {
      if (instance === calc) fail(error);
      return;
    }
    if (instance !== calc) return;
    ready = true;
    setCalcState("ready");
    status.textContent = w.ready;
    delete status.dataset.failed;
    schedule(0);
  }

  function onProgress(progress) {
    if (!progress || progress.stage === "failed" || progress.stage === "ready") return;
    const text = pickText(progress.messages, lang);
    if (text && !ready) status.textContent = text;
  }

  function loading() {
    ready = false;
    setCalcState("loading");
    status.textContent = w.loading;
    delete status.dataset.failed;
    retry.hidden = true;
  }

  async function load() {
    loading();
    let client;
    try {
      client = await import("./client.mjs");
      calc = client.createCalculator({ siteRoot: root.dataset.siteRoot, onProgress });
    } catch (error) {
      fail({ messages: { zh: w.scriptFailed, en: words("en").scriptFailed }, detail: error });
      return;
    }
    attach(calc);
  }

  function onRetry() {
    if (!calc) {
      load();
      return;
    }
    loading();
    try {
      calc = calc.restart();
    } catch (error) {
      fail(error);
      return;
    }
    attach(calc);
  }

  // ---- wiring -------------------------------------------------------------------------------------------

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  // Typing an impossible date into an empty date field fires no input event (its value stays empty).
  form.addEventListener("focusout", (event) => {
    if (event.target.type === "date" && event.target.validity.badInput) stateChanged();
  });
  window.addEventListener("hashchange", () => restoreFromFragment(false));
  retry.addEventListener("click", onRetry);
  root.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[data-focus]");
    if (!link) return;
    const field = $(link.dataset.focus);
    if (!field) return;
    event.preventDefault();
    const focusable = field.matches("input, select") ? field : field.querySelector("input, select");
    (focusable || field).focus();
  });
  $("calc-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(share.value);
      copyNote.textContent = w.copied;
    } catch {
      share.focus();
      share.select();
      copyNote.textContent = w.copyFailed;
    }
  });
  exportJson.addEventListener("click", () => {
    if (!last) return;
    download(estimateJson(last.scenario, last.result, share.value), `${w.exportFile}-${last.result.as_of}.json`, "application/json");
  });
  exportCsv.addEventListener("click", () => {
    if (!last) return;
    download(estimateCsv(last.result, lang), `${w.exportFile}-${last.result.as_of}.csv`, "text/csv;charset=utf-8");
  });
  $("calc-print").addEventListener("click", () => window.print());
  $("calc-sticky-button").addEventListener("click", () => {
    const title = $("calc-results-title");
    title.setAttribute("tabindex", "-1");
    title.scrollIntoView({ block: "start" });
    title.focus({ preventScroll: true });
  });
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      resultsInView = entries.some((entry) => entry.isIntersecting);
      sticky.hidden = !summaryShown || resultsInView;
    }).observe(root.querySelector(".calc-results-section"));
  }

  restoreFromFragment(true);
  load();
}

const root = document.getElementById("calc");
if (root) start(root);
