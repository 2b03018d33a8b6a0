// Owns the one place the runtime's status is drawn: the status line (#calc-status), the Retry button and
// <html data-calc-state="loading|ready|failed">. Everything that reports on the runtime calls drawStatus.

import { IDS } from "../names.mjs";
import { showOperatorDetail } from "./runtime-status.mjs";
import { pickText, t } from "./strings.mjs";

/**
 * state: "loading" | "ready" | "failed"; for "loading" an optional progress {messages}, for "failed" the
 * error ({messages, message}), for "ready" an optional note on the data it uses.
 */
export function drawStatus(state, { progress = null, error = null, note = "", lang = "zh" } = {}) {
  const status = document.getElementById(IDS.status);
  const retry = document.getElementById(IDS.retry);
  document.documentElement.dataset.calcState = state;
  retry.hidden = state !== "failed";
  showOperatorDetail(status, state === "failed" ? error : null, lang); // the server-side cause, for operators
  if (state === "failed") {
    const detail = pickText(error && error.messages, lang) || (error && error.message) || "";
    status.textContent = `${t("failed")}${detail} ${t("failedHelp")}`;
    status.dataset.failed = "true";
    return;
  }
  delete status.dataset.failed;
  status.textContent = state === "ready" ? [t("ready"), note].filter(Boolean).join(" ") : pickText(progress && progress.messages, lang) || t("loading");
}
