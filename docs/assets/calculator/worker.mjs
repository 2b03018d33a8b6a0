// The calculator's Web Worker (a module worker): Python (Pyodide) with the `calc` package, off the main thread.
//
// Protocol (every request carries an id; every answer is a message, never an unhandled error):
//   in  {id, type: "start", root, prefer}  root: absolute URL of the site root (where pyodide/ and data/ are);
//                                          prefer: "plain" | "snapshot" | undefined (let the link decide)
//   out {id, ok: true, value: {policy: {id, version, last_updated, provisions, stored},
//                              startup: {mode, ms, stdlib, fallback, link, stages: {<milestone>: ms}}}}
//                                         stored: true when the data is the copy the service worker stored,
//                                         answered because the server could not be reached
//   in  {id, type: "policy"}              the policy data again, from the server (no cache), for later estimates
//   out {id, ok: true, value: {id, version, last_updated, provisions, stored}}
//   in  {id, type: "estimate", text}      text: the scenario as JSON text
//   out {id, ok: true, value: "<JSON text from calc.browser.estimate_json>"}
//   out {id, ok: false, error: {code, messages: {zh, en}, operator?: {zh, en}, detail}}
//   out {type: "progress", stage, messages: {zh, en}, bytes: {done, total}}   stages: runtime, python, policy, ready
//       sent at each stage and, while files download, every PROGRESS_EVERY_MS: a sign of life for the page,
//       which fails a start only when these stop (client.mjs).
//
// Start-up, the plain way (the main path, below): download the wasm, start Python with the standard library
// trimmed to what calc imports (found by tracing at build time), install the calc wheel through
// pyodide-lock.json (the browser checks its SHA-256), import calc.browser, load the policy. If a module is
// missing from the trimmed stdlib, the full stdlib is installed beside it and the step tried again.
//
// The fast way, on a fast link only: snapshot-start.mjs restores a memory snapshot of Python with calc
// ready. It saves Python's start-up on the CPU but downloads more (the snapshot is ~5 MB gzipped, the
// trimmed stdlib and wheel ~1.5 MB): measured, it wins only when the link is fast (chooseStart: measured on
// the wasm's own download; when the wasm came from a cache, only if the snapshot is stored offline). Any
// failure of it falls back to the plain way; deleting that module leaves only the plain way.
// If the browser refuses the .wasm itself (media type, CSP), there is no second try: the error says why.
// Every file comes from the site's own origin; nothing is fetched from anywhere else.

import { STORED_COPY_HEADER } from "../names.mjs";
import { ERROR_MESSAGES, STAGE_MESSAGES, runtimeFailure } from "./runtime-messages.mjs";

const POLICY_PATH = "data/suzhou-ai-plus-2026.json";
const RUNTIME_PATH = "pyodide/";
const WASM = "pyodide.asm.wasm";
const FULL_STDLIB_PATH = "/lib/python_stdlib_full.zip";
const PROGRESS_EVERY_MS = 250;
//: The snapshot start wins when the link brings at least this many bytes per second (on the wire): below,
//: its ~3.7 MB more to download take longer than the plain start's extra CPU time (make bench measures both).
const SNAPSHOT_MIN_BYTES_PER_S = 2_500_000;
//: How long, at most, the wasm download is watched before choosing (it goes on meanwhile).
const MEASURE_MS = 800;
const CACHE_CHECK_MS = 300;
const MEASURE_BYTES = 2_000_000;

class StartError extends Error {
  constructor(code, messages, detail, operator) {
    super(messages.en);
    this.code = code;
    this.messages = messages;
    this.operator = operator;
    this.detail = detail;
  }
}

function describe(error) {
  return String((error && (error.stack || error.message)) || error).slice(0, 2000);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// When each stage began, in ms after the start message (reported with the startup, for the benchmark).
const stageTimes = {};
let startedAt = 0;
let currentStage = "runtime";

function mark(name) {
  stageTimes[name] ??= Math.round(performance.now() - startedAt);
}

// ---- bytes: every download of the runtime is counted as it arrives --------------------------------------
// In bytes on the wire, as the reader pays for them: the body arrives decoded, so each file's count is scaled
// by its compressed/plain size ratio from runtime.json when the server sent it compressed.

const transfer = { done: 0, expected: () => 0, sizes: {}, files: new Map(), lastSent: 0 };

function encodingKey(encoding) {
  return /br/i.test(encoding) ? "br" : /gzip/i.test(encoding) ? "gzip" : "bytes";
}

function wireRatio(file) {
  const sizes = transfer.sizes[file.name];
  const key = encodingKey(file.encoding);
  return sizes && sizes[key] && sizes.bytes ? sizes[key] / sizes.bytes : 1;
}

// The bytes on the wire a runtime file will take: as it was sent if it has started, else gzipped if the
// build made a .gz copy (what a compressing server sends), else its size.
function wireSize(name) {
  const sizes = transfer.sizes[name] || {};
  const seen = [...transfer.files.values()].find((file) => file.name === name);
  return sizes[seen ? encodingKey(seen.encoding) : "gzip"] || sizes.bytes || 0;
}

function sendProgress(force = false) {
  const now = performance.now();
  if (!force && now - transfer.lastSent < PROGRESS_EVERY_MS) return;
  transfer.lastSent = now;
  const done = Math.round(transfer.done);
  self.postMessage({ type: "progress", stage: currentStage, messages: STAGE_MESSAGES[currentStage],
    bytes: { done, total: Math.max(Math.round(transfer.expected()), done) } });
}

function progress(stage) {
  mark(stage);
  currentStage = stage;
  sendProgress(true);
}

async function drain(stream, file) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const now = performance.now();
      if (!file.firstAt) Object.assign(file, { firstAt: now, firstBytes: value.byteLength });
      file.lastAt = now;
      file.bytes += value.byteLength;
      transfer.done += value.byteLength * wireRatio(file);
      sendProgress();
    }
    file.done = true;
  } catch {
    // the consumer's copy of the stream reports the failure
  }
}

// Wraps fetch: the body of each response under runtimeURL is split in two, one copy counted and dropped,
// the other handed on unchanged (same status and headers, so WebAssembly.compileStreaming still sees the type).
function countDownloads(runtimeURL) {
  const original = self.fetch;
  self.fetch = function (input, init) {
    const url = String(input && input.url ? input.url : input);
    return original.call(this, input, init).then((response) => {
      if (!url.startsWith(runtimeURL) || !response.body) return response;
      const name = url.slice(runtimeURL.length).split("?")[0];
      const file = { name, bytes: 0, done: false, encoding: response.headers.get("content-encoding") || "" };
      transfer.files.set(url, file);
      const [counted, handed] = response.body.tee();
      drain(counted, file);
      return new Response(handed, { status: response.status, statusText: response.statusText, headers: response.headers });
    });
  };
}

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// ---- the wasm: requested first, watched to measure the link, compiled while it downloads -----------------

// Bytes per second on the wire, from the wasm's download over MEASURE_MS (or MEASURE_BYTES, or all of it),
// counted from its first chunk (which may have waited in buffers: it says nothing about the link's speed).
// {bytesPerSecond, cached}: cached when the wasm came from a cache (the HTTP cache, revalidated, or the
// service worker's), which says nothing about the link.
async function measureLink(wasmReply, wasmURL) {
  await wasmReply;
  const file = transfer.files.get(wasmURL);
  if (!file) return { bytesPerSecond: 0, cached: false };
  const began = performance.now();
  while (!file.done && file.bytes < MEASURE_BYTES && performance.now() - began < MEASURE_MS) await sleep(20);
  // Bytes this fast may come from a cache, which ends at once: a little longer tells, then its Resource
  // Timing entry (added as the response ends) says whether it crossed the network.
  const fastSoFar = file.bytes >= MEASURE_BYTES;
  for (const until = performance.now() + CACHE_CHECK_MS; fastSoFar && !file.done && performance.now() < until;) await sleep(10);
  for (let i = 0; file.done && i < 10 && !performance.getEntriesByName(wasmURL).length; i++) await sleep(20);
  const timing = performance.getEntriesByName(wasmURL).at(-1);
  const cached = Boolean(timing && timing.encodedBodySize > 0 && timing.transferSize < timing.encodedBodySize / 2);
  const seconds = ((file.lastAt || 0) - (file.firstAt || 0)) / 1000;
  if (file.done && seconds <= 0) return { bytesPerSecond: Infinity, cached }; // all of it at once
  return { bytesPerSecond: Math.round(((file.bytes - (file.firstBytes || 0)) * wireRatio(file)) / Math.max(seconds, 0.001)), cached };
}

async function storedOffline(url) {
  try {
    return Boolean(globalThis.caches && await caches.match(url, { ignoreSearch: true }));
  } catch {
    return false;
  }
}

// Pyodide logs "wasm instantiation failed!" and then waits forever when the browser refuses the .wasm
// (wrong MIME type, or a CSP without 'wasm-unsafe-eval'). Watch for that message to fail at once.
function watchWasmFailure() {
  const original = console.warn;
  let reject;
  let armed = false;
  const failed = new Promise((_, r) => { reject = r; });
  const refuse = (error) => reject(Object.assign(error, { wasmRefused: true }));
  failed.catch(() => {});
  console.warn = (...args) => {
    if (armed) {
      armed = false;
      refuse(args[0] instanceof Error ? args[0] : new Error(String(args[0])));
    } else if (args[0] === "wasm instantiation failed!") {
      armed = true;
    }
    original.apply(console, args);
  };
  return { failed, stop: () => { console.warn = original; } };
}

// Pyodide asks for the wasm itself; it gets the response requested earlier (early.reply), once. Pyodide would
// only compile it after the rest of its start-up; this compiles it as it downloads and hands Pyodide the
// module. If Pyodide ever fetches differently, nothing matches and it instantiates as usual.
function compileWhileDownloading(wasmURL, early) {
  const originalFetch = self.fetch;
  const originalInstantiate = WebAssembly.instantiateStreaming;
  let compiled = null;
  self.fetch = function (input, init) {
    const isWasm = String(input && input.href ? input.href : input) === wasmURL;
    const reply = isWasm && early.reply ? early.reply : originalFetch.call(this, input, init);
    if (isWasm) early.reply = null; // a body is read once: a second start fetches the wasm again
    if (!compiled && isWasm) {
      compiled = reply.then((response) => WebAssembly.compileStreaming(response)).then((module) => {
        mark("wasm_compiled");
        return module;
      });
      compiled.catch(() => {});
    }
    return reply;
  };
  WebAssembly.instantiateStreaming = async function (source, imports) {
    if (!compiled) return originalInstantiate.call(WebAssembly, source, imports);
    const module = await compiled;
    compiled = null;
    const instance = await WebAssembly.instantiate(module, imports);
    mark("wasm_instantiated");
    return { module, instance };
  };
  return () => {
    self.fetch = originalFetch;
    WebAssembly.instantiateStreaming = originalInstantiate;
  };
}

function base64(hex) {
  let binary = "";
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

async function classifyRuntimeError(error, runtimeURL) {
  const failure = await runtimeFailure(describe(error), runtimeURL);
  return new StartError(failure.code, failure.messages, describe(error), failure.operator);
}

// ---- the plain start (the main path) -------------------------------------------------------------------

function isImportError(error) {
  return /\b(ModuleNotFoundError|ImportError|ZipImportError)\b/.test(String(error && (error.type || error.message || error)));
}

// The full standard library, written beside the trimmed one (which stays first on sys.path), installed at
// most once: only when a module is missing.
function fullStdlibInstaller(manifest, runtimeURL, install) {
  let installing = null;
  return () => {
    installing ??= (async () => {
      const reply = await fetchOk(runtimeURL + manifest.stdlib.file, { integrity: `sha256-${base64(manifest.stdlib.sha256)}` });
      await install(new Uint8Array(await reply.arrayBuffer()));
      mark("stdlib_installed");
    })();
    return installing;
  };
}

async function startPlain(startPython, common, manifest, runtimeURL) {
  let py;
  const trimmed = manifest.stdlib_trimmed || manifest.stdlib;
  try {
    py = await startPython({ ...common, stdLibURL: runtimeURL + trimmed.file }); // loadPyodide writes into its options
  } catch (error) {
    throw await classifyRuntimeError(error, runtimeURL);
  }
  progress("python");
  const needStdlib = fullStdlibInstaller(manifest, runtimeURL, async (bytes) => {
    py.FS.writeFile(FULL_STDLIB_PATH, bytes);
    py.runPython(`import sys, importlib\nif ${JSON.stringify(FULL_STDLIB_PATH)} not in sys.path: sys.path.append(${JSON.stringify(FULL_STDLIB_PATH)})\nimportlib.invalidate_caches()`);
  });
  const install = async () => {
    const problems = [];
    // Passing options replaces Pyodide's default {checkIntegrity: true}: ask for it explicitly.
    await py.loadPackage(manifest.wheel.package, { checkIntegrity: true, messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
    if (problems.some((m) => isImportError(m))) throw new Error(problems.join("\n"));
    try {
      return py.pyimport("calc.browser");
    } catch (error) {
      throw new Error([...problems, describe(error)].join("\n"));
    }
  };
  try {
    let browser;
    try {
      browser = await install();
    } catch (error) {
      if (!isImportError(error)) throw error;
      await needStdlib();
      browser = await install();
    }
    return { py, browser, needStdlib, stdlib: trimmed === manifest.stdlib ? "full" : "trimmed" };
  } catch (error) {
    throw new StartError("wheel", ERROR_MESSAGES.wheel, describe(error));
  }
}

// ---- choosing the start --------------------------------------------------------------------------------

async function loadSnapshotModule() {
  try {
    return await import("./snapshot-start.mjs");
  } catch (error) {
    console.warn("calculator: no snapshot start (snapshot-start.mjs did not load):", describe(error));
    return null;
  }
}

// A returning visitor's wasm comes from a cache and tells nothing of the link: then the snapshot only if the
// service worker stored it (no download), else the plain start, whose few files are likely cached too: a
// reader on a slow link must never be sent the snapshot because the wasm was quick to come from a cache.
async function chooseStart(prefer, manifest, measured, runtimeURL) {
  if (prefer === "plain" || !manifest.snapshot) return { mode: "plain", bytesPerSecond: null };
  if (prefer !== "snapshot") {
    const { bytesPerSecond, cached } = await measured;
    const fast = cached ? await storedOffline(runtimeURL + manifest.snapshot.file) : bytesPerSecond >= SNAPSHOT_MIN_BYTES_PER_S;
    if (!fast) return { mode: "plain", bytesPerSecond, cached };
    const module = await loadSnapshotModule();
    return module ? { mode: "snapshot", module, bytesPerSecond } : { mode: "plain", bytesPerSecond };
  }
  const module = await loadSnapshotModule();
  return module ? { mode: "snapshot", module, bytesPerSecond: null } : { mode: "plain", bytesPerSecond: null };
}

function plainBytes(manifest) {
  return wireSize((manifest.stdlib_trimmed || manifest.stdlib).file) + manifest.wheel.bytes;
}

// ---- the policy ----------------------------------------------------------------------------------------

// The policy data, revalidated with the server ("reload": fetched again whatever any cache holds), and
// whether it is the service worker's stored copy (the server could not be reached).
async function fetchPolicy(root, cache = "no-cache") {
  try {
    const response = await fetchOk(root + POLICY_PATH, { cache });
    return { text: await response.text(), stored: response.headers.has(STORED_COPY_HEADER) };
  } catch (error) {
    throw new StartError("policy", ERROR_MESSAGES.policy, describe(error));
  }
}

async function loadPolicy(browser, policyReply, needStdlib) {
  const { text, stored } = await policyReply;
  let answer;
  try {
    answer = JSON.parse(await retryWithStdlib(() => browser.load_policy_json(text), needStdlib));
  } catch (error) {
    throw new StartError("policy", ERROR_MESSAGES.policy, describe(error));
  }
  if (!answer.ok) throw new StartError("policy", ERROR_MESSAGES.policy, JSON.stringify(answer.error).slice(0, 2000));
  return { ...answer.policy, stored };
}

async function retryWithStdlib(fn, needStdlib) {
  try {
    return fn();
  } catch (error) {
    if (!isImportError(error) || !needStdlib) throw error;
    await needStdlib();
    return fn();
  }
}

// ---- start ---------------------------------------------------------------------------------------------

// One start's state, explicit, in `boot`: {root, runtimeURL, wasmURL, policyReply, manifest, loadPyodide,
// wasmReply, measured, common (Pyodide's options), startPython}; each step below takes it.
async function start(root, prefer) {
  const started = performance.now();
  startedAt = started;
  const boot = await requestFiles(root);
  watchWasmDownload(boot);
  preparePython(boot);
  const choice = await chooseStart(prefer, boot.manifest, boot.measured, boot.runtimeURL);
  mark("chosen");
  const { launched, mode, fallback } = await launch(boot, choice);
  const { browser, needStdlib } = launched;
  progress("policy");
  const policy = await loadPolicy(browser, boot.policyReply, needStdlib);
  estimateJson = browser.estimate_json;
  stdlibWhenNeeded = needStdlib;
  reloadPolicy = () => loadPolicy(browser, fetchPolicy(root, "reload"), needStdlib);
  progress("ready");
  return {
    policy,
    startup: {
      mode,
      ms: Math.round(performance.now() - started),
      stdlib: launched.stdlib,
      fallback,
      link: { bytesPerSecond: choice.bytesPerSecond, cached: Boolean(choice.cached), snapshotFrom: SNAPSHOT_MIN_BYTES_PER_S },
      bytes: Math.round(transfer.done),
      stages: stageTimes,
    },
  };
}

// Everything that does not depend on something else is requested at once; waits for the manifest and Pyodide.
async function requestFiles(root) {
  const runtimeURL = root + RUNTIME_PATH;
  const wasmURL = runtimeURL + WASM;
  countDownloads(runtimeURL);
  progress("runtime");
  const policyReply = fetchPolicy(root);
  policyReply.catch(() => {});
  const manifestReply = fetchOk(runtimeURL + "runtime.json", { cache: "no-cache" }).then((r) => r.json());
  const pyodideModule = import(runtimeURL + "pyodide.mjs");
  let manifest;
  let loadPyodide;
  try {
    [manifest, { loadPyodide }] = await Promise.all([manifestReply, pyodideModule]);
    mark("manifest");
  } catch (error) {
    throw await classifyRuntimeError(error, runtimeURL);
  }
  return { root, runtimeURL, wasmURL, policyReply, manifest, loadPyodide };
}

// The wasm is requested now, its download counted against the plain start's bytes and watched to measure the link.
function watchWasmDownload(boot) {
  const { manifest, wasmURL } = boot;
  boot.wasmReply = fetch(wasmURL);
  boot.wasmReply.catch(() => {});
  transfer.sizes = manifest.files || {};
  transfer.expected = () => wireSize(WASM) + plainBytes(manifest);
  boot.measured = measureLink(boot.wasmReply, wasmURL).catch(() => ({ bytesPerSecond: 0, cached: false }));
}

// Pyodide's options, and how either start starts it: failing at once if the browser refuses the wasm, and
// handed the wasm compiled while it downloaded.
function preparePython(boot) {
  const { runtimeURL, manifest, wasmURL, loadPyodide } = boot;
  boot.common = {
    indexURL: runtimeURL,
    packageBaseUrl: runtimeURL, // also where Pyodide would otherwise look for a CDN: never leave the site
    lockFileURL: `${runtimeURL}${manifest.lockfile.file}?sha256=${manifest.lockfile.sha256.slice(0, 16)}`,
    fsInit: async () => progress("python"),
    stdout: () => {},
  };
  const early = { reply: boot.wasmReply };
  boot.startPython = async (options) => {
    const watch = watchWasmFailure();
    const stopEarlyCompile = compileWhileDownloading(wasmURL, early);
    try {
      return await Promise.race([loadPyodide(options), watch.failed]);
    } finally {
      stopEarlyCompile();
      watch.stop();
    }
  };
}

// The chosen start; a snapshot start that fails falls back to the plain one (unless the browser refused the wasm).
async function launch(boot, choice) {
  const { startPython, common, manifest, runtimeURL } = boot;
  let launched = null;
  let mode = choice.mode;
  let fallback = null;
  if (mode === "snapshot") {
    transfer.expected = () => wireSize(WASM) + choice.module.snapshotBytes(manifest);
    sendProgress(true);
    try {
      const restored = await choice.module.restoreSnapshot(startPython, common, manifest, runtimeURL, { fetchOk, mark });
      launched = { ...restored, stdlib: "in the snapshot",
        needStdlib: fullStdlibInstaller(manifest, runtimeURL, restored.installStdlib) };
    } catch (error) {
      // The browser refused the wasm itself (media type, CSP): a plain start would be refused the same way.
      if (error.wasmRefused) throw await classifyRuntimeError(error, runtimeURL);
      fallback = describe(error);
      console.warn("calculator: starting Python without the snapshot:", fallback);
      mode = "plain";
      const before = transfer.done;
      transfer.expected = () => before + plainBytes(manifest);
    }
  }
  launched ??= await startPlain(startPython, common, manifest, runtimeURL);
  return { launched, mode, fallback };
}

let loading = null;
let estimateJson = null;
let stdlibWhenNeeded = null;
let reloadPolicy = null;

// If calc ever imports a module the start did not provide, the full stdlib is installed and it answers then.
async function estimate(text) {
  if (!estimateJson) throw new StartError("runtime", ERROR_MESSAGES.runtime, "estimate before start");
  try {
    return await retryWithStdlib(() => estimateJson(text), stdlibWhenNeeded);
  } catch (error) {
    throw new StartError("internal", ERROR_MESSAGES.internal, describe(error));
  }
}

async function handle(message) {
  if (message.type === "start") {
    loading ??= start(message.root, message.prefer);
    return loading;
  }
  if (message.type === "estimate") {
    await loading;
    return estimate(message.text);
  }
  if (message.type === "policy") {
    await loading;
    return reloadPolicy();
  }
  throw new StartError("worker", ERROR_MESSAGES.internal, `unknown message type ${message.type}`);
}

// Pyodide starts some downloads before it needs them and awaits them later, or never (when start-up fails
// first): a failed one would surface in the page as an uncaught error. The failure that matters reaches the
// page as a message (above); this one is reported as a warning, never as an uncaught error.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.warn("calculator: a failure inside the runtime was caught:", describe(event.reason));
});

self.onmessage = (event) => {
  const message = event.data || {};
  handle(message).then(
    (value) => self.postMessage({ id: message.id, ok: true, value }),
    (error) => {
      const known = error instanceof StartError;
      self.postMessage({
        id: message.id,
        ok: false,
        error: {
          code: known ? error.code : "runtime",
          messages: known ? error.messages : ERROR_MESSAGES.runtime,
          operator: known ? error.operator : undefined,
          detail: known ? error.detail : describe(error),
        },
      });
    },
  );
};
