// Registers the site's service worker (sw.js at the site root) so the pages work offline after a first
// visit, and the calculator too once it has been opened on a later visit (see scripts/sitegen/offline.py). The site root is the Chinese edition's home, which every page links to in <head>.
// Readers whose browser asks to save data (Save-Data) are not sent the few MB the offline copy needs.
const home = document.querySelector('link[rel="alternate"][hreflang="zh"]');
const saveData = Boolean(navigator.connection && navigator.connection.saveData);
if ("serviceWorker" in navigator && home && window.isSecureContext && !saveData) {
  const root = new URL(home.getAttribute("href"), document.baseURI);
  // On the calculator page, once the calculator is ready (and only if this visit went through the service
  // worker, so its runtime is already stored), ask the worker to store the rest of what it may need.
  const controller = navigator.serviceWorker.controller;
  if (controller && document.getElementById("calc-results")) {
    const html = document.documentElement;
    const keep = new MutationObserver(() => {
      if (html.dataset.calcState !== "ready") return;
      keep.disconnect();
      controller.postMessage({ type: "keep-calculator" });
    });
    keep.observe(html, { attributes: true, attributeFilter: ["data-calc-state"] });
  }
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
    // Offline reading is an extra: without it the site works exactly as before.
  });
}
