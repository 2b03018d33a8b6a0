// Service worker for offline reading. Generated at build time by scripts/sitegen/offline.py: do not edit sw.js.
const VERSION = __VERSION__;
const CACHE_PREFIX = __CACHE_PREFIX__;
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHE = __PRECACHE__;
const KNOWN = new Set(__KNOWN__);
const ROOT = new URL("./", self.location);

function relative(url) {
  return url.href.startsWith(ROOT.href) ? decodeURIComponent(url.pathname.slice(ROOT.pathname.length)) : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => new URL(path, ROOT).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const stored = await cache.match(request, { ignoreSearch: true });
    if (stored) return stored;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const stored = await cache.match(request, { ignoreSearch: true });
  if (stored) return stored;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = relative(url);
  if (url.origin !== self.location.origin || path === null || !KNOWN.has(path)) return;
  const page = request.mode === "navigate" || path === "" || path.endsWith("/") || path.endsWith(".html");
  event.respondWith(page ? networkFirst(request) : cacheFirst(request));
});
