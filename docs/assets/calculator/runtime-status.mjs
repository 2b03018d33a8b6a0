// Draws the part of the runtime's status that is for site operators: when a start fails for a reason only
// the site can fix (MIME type, CSP), a closed disclosure right after the status line gives that reason;
// the reader's own message stays in plain words (runtime-messages.mjs). Called by the page's status drawing
// (status.mjs) on every change of state; with no operator reason it removes the disclosure.
import { OPERATOR_LABEL } from "./runtime-messages.mjs";

export const OPERATOR_ID = "calc-status-operator";

function pick(messages, lang) {
  return (messages && (messages[lang] || messages.zh)) || "";
}

/** Show (or remove) the operator's details for `error` after the `status` element. */
export function showOperatorDetail(status, error, lang) {
  let details = document.getElementById(OPERATOR_ID);
  const text = pick(error && error.operator, lang);
  if (!text) {
    details?.remove();
    return;
  }
  if (!details) {
    details = document.createElement("details");
    details.id = OPERATOR_ID;
    details.className = "calc-status-operator";
    status.after(details);
  }
  const summary = document.createElement("summary");
  summary.textContent = pick(OPERATOR_LABEL, lang);
  const body = document.createElement("p");
  body.textContent = text;
  const detail = error && error.detail ? String(error.detail).split("\n")[0].slice(0, 300) : "";
  details.replaceChildren(summary, body, ...(detail ? [Object.assign(document.createElement("code"), { textContent: detail })] : []));
}
