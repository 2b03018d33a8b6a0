// Service worker for offline reading. Generated at build time by scripts/sitegen/offline.py: do not edit sw.js.
const VERSION = __VERSION__;
const CACHE_PREFIX = __CACHE_PREFIX__;
const CACHE = CACHE_PREFIX + VERSION;
const PRECACHE = __PRECACHE__;
const KNOWN = new Set(__KNOWN__);
const CALCULATOR = __CALCULATOR__;
//: Paths (from the site root, leading "/") of files whose names carry a hash of their content.
const HASHED = __HASHED__.map((pattern) => new RegExp(pattern));
//: Set on a stored copy answered because the server could not be reached (the page tells the reader).
const STORED_COPY_HEADER = __STORED_COPY_HEADER__;
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

// What the server sends must be this moment's: revalidate with the server, never take an older copy from the
// browser's HTTP cache.
function fresh(request) {
  return new Request(request, { cache: "no-cache" });
}

function stored(request) {
  return caches.match(request, { cacheName: CACHE, ignoreSearch: true });
}

// Into this version's cache only while it exists: a worker replaced by a newer version (which deleted this
// cache) must not create it again.
async function store(request, response) {
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(request, response);
}

function sameFile(a, b) {
  const validator = (response) => response.headers.get("etag") || response.headers.get("last-modified");
  return Boolean(a && validator(a) && validator(a) === validator(b) && a.headers.get("content-length") === b.headers.get("content-length"));
}

// A stored copy, marked as such: answered only when the server cannot be reached.
function offlineCopy(response) {
  const headers = new Headers(response.headers);
  headers.set(STORED_COPY_HEADER, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Every file whose name does not carry its content's hash (pages, the policy data, runtime.json, scripts):
// the server is asked first, every time (a 304 when unchanged); the stored copy only when it cannot be reached.
async function networkFirst(request) {
  let response;
  try {
    response = await fetch(fresh(request));
  } catch (error) {
    const copy = await stored(request);
    if (copy) return offlineCopy(copy);
    throw error;
  }
  if (response.ok && !sameFile(await stored(request), response)) await store(request, response.clone());
  return response;
}

// A file named by its content's hash never changes: the stored copy is that file.
async function cacheFirst(request) {
  const copy = await stored(request);
  if (copy) return copy;
  const response = await fetch(fresh(request));
  if (response.ok) await store(request, response.clone());
  return response;
}

// Sent by a calculator page once it is ready: store what the calculator could still need offline.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "keep-calculator") return;
  event.waitUntil(Promise.all(CALCULATOR.map(async (path) => {
    const url = new URL(path, ROOT).href;
    if (!(await stored(url))) {
      const response = await fetch(fresh(url));
      if (response.ok) await store(url, response);
    }
  })));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = relative(url);
  if (url.origin !== self.location.origin || path === null || !KNOWN.has(path)) return;
  event.respondWith(HASHED.some((pattern) => pattern.test(`/${path}`)) ? cacheFirst(request) : networkFirst(request));
});
