// The calculator's Web Worker (a module worker): Python (Pyodide) with the `calc` package, off the main thread.
//
// Protocol (every request carries an id; every answer is a message, never an unhandled error):
//   in  {id, type: "start", root}         root: absolute URL of the site root (where pyodide/ and data/ are)
//   out {id, ok: true, value: {policy: {id, version, provisions},
//                              startup: {mode, ms, stdlib, fallback, stages: {<milestone>: ms after start}}}}
//   in  {id, type: "estimate", text}      text: the scenario as JSON text
//   out {id, ok: true, value: "<JSON text from calc.browser.estimate_json>"}
//   out {id, ok: false, error: {code, messages: {zh, en}, detail}}
//   out {type: "progress", stage, messages: {zh, en}}    stages: runtime, python, policy, ready
//
// Start-up has one load promise, whatever the number of "start" messages, and tries two ways in turn:
//   1. "snapshot": restore the memory snapshot made at build time (Python with calc imported and warmed
//      up): the fast path. Python starts with an empty placeholder for the standard library (every module
//      calc uses is already in the heap); the real stdlib is installed right after "ready".
//   2. "plain": start Python normally with the precompiled stdlib and install the calc wheel through
//      pyodide-lock.json (the browser checks its SHA-256). Used when the snapshot is missing, fails to
//      download or inflate, fails its checks, or fails to restore.
// If the browser refuses the .wasm itself (media type, CSP), there is no second try: the error says why.
// Every file comes from the site's own origin; nothing is fetched from anywhere else.

import {
  CSP_MESSAGES,
  ERROR_MESSAGES,
  STAGE_MESSAGES,
  wasmContentType,
  wasmMimeMessages,
} from "./runtime-messages.mjs";
import { decodeSnapshot } from "./snapshot-format.mjs";

const POLICY_PATH = "data/suzhou-ai-plus-2026.json";
const RUNTIME_PATH = "pyodide/";

class StartError extends Error {
  constructor(code, messages, detail) {
    super(messages.en);
    this.code = code;
    this.messages = messages;
    this.detail = detail;
  }
}

function describe(error) {
  return String((error && (error.stack || error.message)) || error).slice(0, 2000);
}

// When each stage began, in ms after the start message (reported with the startup, for the benchmark).
const stageTimes = {};
let startedAt = 0;

function mark(name) {
  stageTimes[name] ??= Math.round(performance.now() - startedAt);
}

function progress(stage) {
  mark(stage);
  self.postMessage({ type: "progress", stage, messages: STAGE_MESSAGES[stage] });
}

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
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

async function classifyRuntimeError(error, runtimeURL) {
  const text = describe(error);
  if (/Content Security Policy|unsafe-eval|CSP/i.test(text)) return new StartError("wasm", CSP_MESSAGES, text);
  const type = await wasmContentType(runtimeURL);
  if (type !== null && type !== "application/wasm") return new StartError("wasm", wasmMimeMessages(type), text);
  if (/WebAssembly|wasm/i.test(text) && !/fetch|HTTP/i.test(text)) {
    return new StartError("wasm", ERROR_MESSAGES.wasm, text);
  }
  return new StartError("runtime", ERROR_MESSAGES.runtime, text);
}

// The snapshot is stored gzipped, in the sparse format of snapshot-format.mjs; it is inflated while it
// downloads. Gzip's own CRC-32 catches a damaged file; where the page is a secure context the SHA-256 of
// the inflated file is checked too, in parallel with Python's start (a mismatch falls back to "plain").
// A server that sends the file with Content-Encoding: gzip (some do for any .gz) has the browser inflate it.
async function collect(stream, expected) {
  const out = new Uint8Array(expected);
  let length = 0;
  for (const reader = stream.getReader(); ;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > expected) throw new Error("the snapshot is longer than the manifest says");
    out.set(value, length);
    length += value.length;
  }
  if (length !== expected) throw new Error(`the snapshot is ${length} bytes, not ${expected}`);
  return out;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchSnapshot(url, snap) {
  const response = await fetchOk(url);
  let stream = response.body;
  if (!/gzip/i.test(response.headers.get("content-encoding") || "")) {
    stream = stream.pipeThrough(new DecompressionStream("gzip"));
  }
  const sparse = await collect(stream, snap.sparse_bytes);
  mark("snapshot_downloaded");
  const verified = globalThis.crypto?.subtle
    ? crypto.subtle.digest("SHA-256", sparse).then((digest) => {
      if (hex(digest) !== snap.raw_sha256) throw new Error("the snapshot's SHA-256 does not match the manifest");
    })
    : Promise.resolve();
  verified.catch(() => {});
  const snapshot = decodeSnapshot(sparse);
  mark("snapshot_decoded");
  return { snapshot, verified };
}

// Pyodide fetches pyodide.asm.wasm at once but only compiles it once it has the snapshot, so the two would
// run one after the other. While loadPyodide runs, this compiles the wasm as it downloads (from the very
// response Pyodide asked for, not a second download) and hands Pyodide the compiled module. If Pyodide
// ever fetches differently, nothing matches and it instantiates as usual. (Requesting the wasm even
// earlier, before runtime.json, measured slower: it delays everything else on two cores.)
function compileWhileDownloading(wasmURL) {
  const originalFetch = self.fetch;
  const originalInstantiate = WebAssembly.instantiateStreaming;
  let compiled = null;
  self.fetch = function (input, init) {
    const reply = originalFetch.call(this, input, init);
    if (!compiled && String(input && input.href ? input.href : input) === wasmURL) {
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

async function startPython(loadPyodide, options) {
  const watch = watchWasmFailure();
  const stopEarlyCompile = compileWhileDownloading(new URL("pyodide.asm.wasm", options.indexURL).href);
  try {
    return await Promise.race([loadPyodide(options), watch.failed]);
  } finally {
    stopEarlyCompile();
    watch.stop();
  }
}

// The restored heap already holds every module calc uses, so Python starts with an empty placeholder for
// the standard library zip; the real one (same bytes as at snapshot time: zipimport keeps its table of
// contents in the heap) is written in after "ready", off the critical path. See installStdlib.
async function restoreSnapshot(loadPyodide, common, manifest, runtimeURL) {
  const snap = manifest.snapshot;
  if (!snap) throw new Error("the site has no snapshot");
  if (typeof DecompressionStream !== "function") throw new Error("this browser has no DecompressionStream");
  const fetched = fetchSnapshot(runtimeURL + snap.file, snap);
  fetched.catch(() => {});
  // Pyodide awaits this only when it gets that far: a snapshot that fails first must not be "unhandled".
  const snapshotBytes = fetched.then((f) => f.snapshot);
  snapshotBytes.catch(() => {});
  const py = await startPython(loadPyodide, {
    ...common,
    stdLibURL: runtimeURL + manifest.stdlib_placeholder.file,
    _loadSnapshot: snapshotBytes,
  });
  mark("restored");
  await (await fetched).verified;
  const carried = py.globals.get("__calc_snapshot_wheel_sha256__");
  const locked = py.lockfile.packages.calc && py.lockfile.packages.calc.sha256;
  if (carried !== manifest.wheel.sha256 || locked !== manifest.wheel.sha256) {
    throw new Error(`the snapshot holds calc ${carried} but the lock file lists ${locked}`);
  }
  return { py, browser: py.pyimport("calc.browser") };
}

async function installStdlib(py, url, sha256) {
  const bytes = new Uint8Array(await (await fetchOk(url, { integrity: `sha256-${base64(sha256)}` })).arrayBuffer());
  const archive = py.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))");
  py.FS.writeFile(archive, bytes);
  py.runPython("import importlib; importlib.invalidate_caches()");
  mark("stdlib_installed");
}

async function startPlain(loadPyodide, common, runtimeURL) {
  let py;
  try {
    py = await startPython(loadPyodide, { ...common }); // loadPyodide writes into its options
  } catch (error) {
    throw await classifyRuntimeError(error, runtimeURL);
  }
  progress("python");
  const problems = [];
  try {
    // Passing options replaces Pyodide's default {checkIntegrity: true}: ask for it explicitly.
    await py.loadPackage("calc", {
      checkIntegrity: true,
      messageCallback: () => {},
      errorCallback: (m) => problems.push(m),
    });
    return { py, browser: py.pyimport("calc.browser") };
  } catch (error) {
    throw new StartError("wheel", ERROR_MESSAGES.wheel, [...problems, describe(error)].join("\n"));
  }
}

async function fetchPolicy(root) {
  try {
    return await (await fetchOk(root + POLICY_PATH, { cache: "no-cache" })).text();
  } catch (error) {
    throw new StartError("policy", ERROR_MESSAGES.policy, describe(error));
  }
}

async function loadPolicy(browser, policyText) {
  const text = await policyText;
  let answer;
  try {
    answer = JSON.parse(browser.load_policy_json(text));
  } catch (error) {
    throw new StartError("policy", ERROR_MESSAGES.policy, describe(error));
  }
  if (!answer.ok) throw new StartError("policy", ERROR_MESSAGES.policy, JSON.stringify(answer.error).slice(0, 2000));
  return answer.policy;
}

async function start(root) {
  const started = performance.now();
  startedAt = started;
  const runtimeURL = root + RUNTIME_PATH;
  progress("runtime");
  // Everything that does not depend on something else is requested at once.
  const policyText = fetchPolicy(root);
  policyText.catch(() => {});
  const manifestReply = fetchOk(runtimeURL + "runtime.json", { cache: "no-cache" }).then((r) => r.json());
  const pyodideModule = import(runtimeURL + "pyodide.mjs");
  let manifest;
  let loadPyodide;
  try {
    [manifest, { loadPyodide }] = await Promise.all([manifestReply, pyodideModule]);
    mark("manifest");
  } catch (error) {
    throw new StartError("runtime", ERROR_MESSAGES.runtime, describe(error));
  }
  const common = {
    indexURL: runtimeURL,
    packageBaseUrl: runtimeURL, // also where Pyodide would otherwise look for a CDN: never leave the site
    lockFileURL: `${runtimeURL}${manifest.lockfile.file}?sha256=${manifest.lockfile.sha256.slice(0, 16)}`,
    stdLibURL: runtimeURL + manifest.stdlib.file,
    fsInit: async () => progress("python"),
    stdout: () => {},
  };
  let launched;
  let mode = "snapshot";
  let fallback = null;
  try {
    launched = await restoreSnapshot(loadPyodide, common, manifest, runtimeURL);
  } catch (error) {
    // The browser refused the wasm itself (media type, CSP): a plain start would be refused the same way.
    if (error.wasmRefused) throw await classifyRuntimeError(error, runtimeURL);
    fallback = describe(error);
    console.warn("calculator: starting Python without the snapshot:", fallback);
    mode = "plain";
    launched = await startPlain(loadPyodide, common, runtimeURL);
  }
  const { py, browser } = launched;
  progress("policy");
  const policy = await loadPolicy(browser, policyText);
  estimateJson = browser.estimate_json;
  progress("ready");
  if (mode === "snapshot") {
    stdlibInstalled = installStdlib(py, runtimeURL + manifest.stdlib.file, manifest.stdlib.sha256);
    stdlibInstalled.catch((error) => console.warn("calculator: the standard library could not be installed:", error));
  }
  return {
    policy,
    startup: {
      mode,
      ms: Math.round(performance.now() - started),
      stdlib: mode === "snapshot" ? "installed after ready" : "precompiled",
      fallback,
      stages: stageTimes,
    },
  };
}

let loading = null;
let estimateJson = null;
let stdlibInstalled = Promise.resolve();

function isImportError(error) {
  return /\b(ModuleNotFoundError|ImportError|ZipImportError)\b/.test(String(error && (error.type || error.message)));
}

// If calc ever imports a module the snapshot does not hold before the standard library is in, wait for it
// and answer then.
async function estimate(text) {
  if (!estimateJson) throw new StartError("runtime", ERROR_MESSAGES.runtime, "estimate before start");
  try {
    return estimateJson(text);
  } catch (error) {
    if (isImportError(error)) {
      await stdlibInstalled.catch(() => {});
      try {
        return estimateJson(text);
      } catch (again) {
        throw new StartError("internal", ERROR_MESSAGES.internal, describe(again));
      }
    }
    throw new StartError("internal", ERROR_MESSAGES.internal, describe(error));
  }
}

async function handle(message) {
  if (message.type === "start") {
    loading ??= start(message.root);
    return loading;
  }
  if (message.type === "estimate") {
    await loading;
    return estimate(message.text);
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
          detail: known ? error.detail : describe(error),
        },
      });
    },
  );
};
