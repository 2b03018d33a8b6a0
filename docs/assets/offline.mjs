// Registers the site's service worker (sw.js at the site root) so pages and the calculator work offline
// after a first visit. The site root is the Chinese edition's home, which every page links to in <head>.
const home = document.querySelector('link[rel="alternate"][hreflang="zh"]');
if ("serviceWorker" in navigator && home && window.isSecureContext) {
  const root = new URL(home.getAttribute("href"), document.baseURI);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
    // Offline reading is an extra: without it the site works exactly as before.
  });
}
