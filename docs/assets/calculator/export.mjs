// Owns the exports of an estimate, made in the browser as Blob downloads (nothing is uploaded): JSON (the
// scenario and calc's result, unchanged) and CSV (one row per item, UTF-8 with a BOM so that spreadsheet
// programs read the Chinese correctly).

import { pickText, t } from "./strings.mjs";

export const FORMAT = "suzhou-ai-plus-estimate";

/** The JSON export: {format, version, link, scenario, result}. */
export function estimateJson(scenario, result, link) {
  return JSON.stringify({ format: FORMAT, version: 1, link, scenario, result }, null, 2) + "\n";
}

/** One CSV cell: quoted, quotes doubled; text that a spreadsheet would run as a formula gets a leading '. */
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function row(item, lang) {
  const open = (item.conditions || []).filter((c) => c.confirmed === null || c.confirmed === undefined);
  return [
    item.provision,
    item.measure,
    pickText(item.label, lang),
    pickText(item.status_label, lang),
    item.amount ?? "",
    item.display ? item.display.yuan : "",
    item.display ? item.display.wan : "",
    item.up_to === null || item.up_to === undefined ? "" : item.up_to ? t("yes") : t("no"),
    item.bound_label ? pickText(item.bound_label, lang) : "",
    pickText(item.period_label, lang),
    item.recipient ? pickText(item.recipient.label, lang) : "",
    item.amount_before_overlap ?? "",
    (item.reasons || []).map((r) => pickText(r, lang)).join(" | "),
    open.map((c) => c.text.zh).join(" | "),
  ];
}

/** The CSV export: a header row, then one row per item of the result; CRLF line ends, BOM first. */
export function estimateCsv(result, lang) {
  const rows = [t("csvHeader").split("|"), ...result.items.map((item) => row(item, lang))];
  return "\uFEFF" + rows.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Offer text as a file download. */
export function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
