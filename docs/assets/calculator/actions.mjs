// Owns the buttons around the results: copy the share link, export JSON and CSV, print, and the sticky
// total bar (shown while the results are out of view, never over the field being typed in).

import { download, estimateCsv, estimateJson } from "./export.mjs";
import { h } from "./dom.mjs";
import { IDS } from "../names.mjs";
import { t } from "./strings.mjs";

const byId = (id) => document.getElementById(id);

function wireExports(estimator, lang) {
  const share = byId(IDS.share);
  byId(IDS.exportJson).addEventListener("click", () => {
    const last = estimator.last();
    if (last) download(estimateJson(last.scenario, last.result, share.value), `${t("exportFile")}-${last.result.as_of}.json`, "application/json");
  });
  byId(IDS.exportCsv).addEventListener("click", () => {
    const last = estimator.last();
    if (last) download(estimateCsv(last.result, lang), `${t("exportFile")}-${last.result.as_of}.csv`, "text/csv;charset=utf-8");
  });
  byId(IDS.print).addEventListener("click", () => window.print());
}

function wireCopy() {
  const share = byId(IDS.share);
  const note = h("span", { class: "calc-copy-note", role: "status" });
  byId(IDS.copy).after(note);
  byId(IDS.copy).addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(share.value);
      note.textContent = t("copied");
    } catch {
      share.focus();
      share.select();
      note.textContent = t("copyFailed");
    }
  });
}

/** Wire the actions; returns setSummary(summary|null) for the estimator (live region, sticky bar, exports). */
export function wireActions(root, estimator, lang) {
  wireExports(estimator, lang);
  wireCopy();
  const sticky = byId(IDS.sticky);
  let shown = false;
  let inView = false;
  byId(IDS.stickyButton).addEventListener("click", () => {
    const title = byId(IDS.resultsTitle);
    title.setAttribute("tabindex", "-1");
    title.scrollIntoView({ block: "start" });
    title.focus({ preventScroll: true });
  });
  if ("IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      inView = entries.some((entry) => entry.isIntersecting);
      sticky.hidden = !shown || inView;
    }).observe(byId(IDS.resultsSection));
  }
  return function setSummary(summary) {
    byId(IDS.announce).textContent = summary ? summary.announce : "";
    byId(IDS.stickyText).textContent = summary ? summary.sticky : "";
    byId(IDS.exportJson).disabled = !estimator.last();
    byId(IDS.exportCsv).disabled = !estimator.last();
    shown = Boolean(summary);
    sticky.hidden = !shown || inView;
    const focused = document.activeElement;
    if (!sticky.hidden && focused && root.contains(focused) && focused.getBoundingClientRect().bottom > sticky.getBoundingClientRect().top) {
      focused.scrollIntoView({ block: "nearest" });
    }
  };
}
