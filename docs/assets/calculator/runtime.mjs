// Owns the page's handle on the Python runtime (client.mjs, loaded on demand): starting it, retrying it,
// and whether it is ready. Status is drawn through status.mjs only.

import { drawStatus } from "./status.mjs";
import { t } from "./strings.mjs";

const PROGRESS_MS = 500;

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
    try {
      await instance.ready;
    } catch (error) {
      if (instance === calc) fail(error);
      return;
    }
    if (instance !== calc) return;
    ready = true;
    drawStatus("ready", { lang });
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
