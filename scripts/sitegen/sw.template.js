// Service worker for offline reading. Generated at build time by scripts/sitegen/offline.py: do not edit sw.js.
const VERSION = __VERSION__;
const CACHE_PREFIX = __CACHE_PREFIX__;
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHE = __PRECACHE__;
const KNOWN = new Set(__KNOWN__);
const CALCULATOR = __CALCULATOR__;
const ROOT = new URL("./", self.location);

function relative(url) {
  return url.href.startsWith(ROOT.href) ? decodeURIComponent(url.pathname.slice(ROOT.pathname.length)) : null;
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((path) => fresh(new URL(path, ROOT).href))))
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

// A file stored for this version must be this version's: revalidate with the server, never take an older
// copy from the browser's HTTP cache.
function fresh(request) {
  return new Request(request, { cache: "no-cache" });
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(fresh(request));
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
  const response = await fetch(fresh(request));
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// Sent by a calculator page once it is ready: store what the calculator could still need offline.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "keep-calculator") return;
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(CALCULATOR.map(async (path) => {
    const url = new URL(path, ROOT).href;
    if (!(await cache.match(url, { ignoreSearch: true }))) await cache.add(fresh(url));
  }))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = relative(url);
  if (url.origin !== self.location.origin || path === null || !KNOWN.has(path)) return;
  const page = request.mode === "navigate" || path === "" || path.endsWith("/") || path.endsWith(".html");
  event.respondWith(page ? networkFirst(request) : cacheFirst(request));
});
