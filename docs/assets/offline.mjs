// Registers the site's service worker (sw.js at the site root) so the pages work offline after a first
// visit, and the calculator too once it has been opened (see scripts/sitegen/offline.py). The site root is
// the Chinese edition's home.
// Rule for every background download (the offline copy of the pages, ~1 MB compressed, and the rest of the
// calculator's runtime): only once the page is idle, and never on a slow connection or when the browser
// asks to save data (Save-Data). Nothing is stored for readers on such connections; the site works the same.
import { IDS } from "./names.mjs";
import { WORDS } from "./site-words.mjs";

// This module is each edition's copy: assets/offline.mjs (Chinese, at the site root) or en/assets/offline.mjs.
const root = new URL(new URL(import.meta.url).pathname.endsWith("/en/assets/offline.mjs") ? "../../" : "../", import.meta.url);
//: Below this many bytes per second, a connection counts as slow (5 Mbit/s).
const SLOW_BYTES_PER_S = 625_000;
//: Only downloads at least this large (on the wire) say something about the link's speed.
const MEASURABLE_BYTES = 16_000;

// The link's speed as this page's own downloads measured it (Resource Timing: bytes on the wire over the
// time the body took), or null when nothing large enough came over the network. navigator.connection's
// downlink is no substitute: Chromium reports 1.6 Mbit/s when it has no estimate, even on a fast link.
function measuredBytesPerSecond() {
  let best = null;
  for (const entry of performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))) {
    const seconds = (entry.responseEnd - entry.responseStart) / 1000;
    if (entry.transferSize >= MEASURABLE_BYTES && seconds > 0) best = Math.max(best || 0, entry.transferSize / seconds);
  }
  return best;
}

function slowOrSaving() {
  const connection = navigator.connection;
  if (connection && (connection.saveData || /(^|-)(2g|3g)$/.test(connection.effectiveType || ""))) return true;
  const measured = measuredBytesPerSecond();
  return measured !== null && measured < SLOW_BYTES_PER_S;
}

function whenIdle(fn) {
  const later = () => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 10000 }) : setTimeout(fn, 2000));
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later, { once: true });
}

// On the calculator page, when its own scripts cannot run: offline (or the site cannot be reached) and this
// browser has not stored them. Say so instead of leaving the "not loaded yet" line: at once when the browser
// knows it is offline, else once the page has loaded without the calculator's script having started.
function explainOfflineCalculator() {
  const status = document.getElementById(IDS.status);
  if (!status || document.documentElement.dataset.calcState) return; // the calculator's scripts report themselves
  const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
  status.textContent = WORDS["script.offline_calculator"][lang];
  document.documentElement.dataset.calcState = "failed";
  const retry = document.getElementById(IDS.retry);
  if (retry) {
    retry.hidden = false;
    retry.addEventListener("click", () => location.reload(), { once: true });
  }
}

async function watchCalculatorScript() {
  const script = document.getElementById(IDS.results) && document.querySelector('script[type="module"][src$="/app.mjs"]');
  if (!script) return;
  window.addEventListener("load", explainOfflineCalculator, { once: true });
  if (navigator.onLine !== false) return;
  const stored = globalThis.caches && await caches.match(new URL(script.getAttribute("src"), document.baseURI).href, { ignoreSearch: true }).catch(() => null);
  if (!stored) explainOfflineCalculator();
}

watchCalculatorScript();

if ("serviceWorker" in navigator && window.isSecureContext) {
  // On the calculator page, once the calculator is ready (and only if this visit went through the service
  // worker, so what it loaded is already stored), ask the worker to store the rest of what it may need.
  const controller = navigator.serviceWorker.controller;
  if (controller && document.getElementById(IDS.results)) {
    const html = document.documentElement;
    const keep = new MutationObserver(() => {
      if (html.dataset.calcState !== "ready") return;
      keep.disconnect();
      whenIdle(() => slowOrSaving() || controller.postMessage({ type: "keep-calculator" }));
    });
    keep.observe(html, { attributes: true, attributeFilter: ["data-calc-state"] });
  }
  whenIdle(() => {
    if (slowOrSaving()) return;
    navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
      // Offline reading is an extra: without it the site works exactly as before.
    });
  });
}
