// Owns the page's handle on the Python runtime (client.mjs, loaded on demand): starting it, retrying it,
// whether it is ready, and whether its policy data is the page's. Status is drawn through status.mjs only.

import { IDS } from "../names.mjs";
import { drawStatus } from "./status.mjs";
import { t } from "./strings.mjs";

const PROGRESS_MS = 500;

/** The version of the policy data the page was built from. */
function pageVersion() {
  return document.getElementById(IDS.root).dataset.policyVersion;
}

// The estimate must use the data the page shows. If the calculator got another version (a cache kept an old
// copy), it fetches the data again from the server; a stored copy (the site cannot be reached) is kept, and
// so is the data it has if the server cannot give it again (the reader is told which version it is).
async function samePolicyAsPage(instance, policy) {
  if (policy.version === pageVersion() || policy.stored) return policy;
  return instance.reloadPolicy().catch(() => policy);
}

// What the reader must know about the data the estimate uses: a stored copy (its version and date), or a
// version other than the page's (then the page itself is older or newer: reloading it makes both agree).
function policyNote(policy) {
  const values = { version: policy.version, date: policy.last_updated, page: pageVersion() };
  const notes = [];
  if (policy.stored) notes.push(t("storedData", values));
  if (policy.version !== values.page) notes.push(t("dataDiffers", values));
  return notes.join(" ");
}

/**
 * A runtime holder: {current(): calculator|null, ready(): boolean, load(), retry(), fail(error)}.
 * `onChange` runs whenever it becomes ready or fails (the page then re-runs its estimate).
 */
export function createRuntime({ siteRoot, lang, onChange }) {
  let calc = null;
  let ready = false;

  function fail(error) {
    ready = false;
    drawStatus("failed", { error, lang });
    onChange();
  }

  async function attach(instance) {
    let policy;
    try {
      policy = await samePolicyAsPage(instance, (await instance.ready).policy);
    } catch (error) {
      if (instance === calc) fail(error);
      return;
    }
    if (instance !== calc) return;
    ready = true;
    drawStatus("ready", { lang, note: policyNote(policy) });
    onChange();
  }

  // Download progress comes many times a second: drawn at most every PROGRESS_MS, a new stage at once.
  let drawn = { stage: null, at: 0 };
  function onProgress(progress) {
    if (!progress || progress.stage === "failed" || progress.stage === "ready" || ready) return;
    const now = performance.now();
    if (progress.stage === drawn.stage && now - drawn.at < PROGRESS_MS) return;
    drawn = { stage: progress.stage, at: now };
    drawStatus("loading", { progress, lang });
  }

  async function load() {
    ready = false;
    drawStatus("loading", { lang });
    try {
      const client = await import("./client.mjs");
      calc = client.createCalculator({ siteRoot, onProgress });
    } catch (error) {
      fail({ messages: { zh: t("scriptFailed"), en: t("scriptFailed") }, detail: error });
      return;
    }
    attach(calc);
  }

  function retry() {
    if (!calc) return void load();
    ready = false;
    drawStatus("loading", { lang });
    try {
      calc = calc.restart();
    } catch (error) {
      fail(error);
      return;
    }
    attach(calc);
  }

  return { current: () => calc, ready: () => ready, load, retry, fail };
}
