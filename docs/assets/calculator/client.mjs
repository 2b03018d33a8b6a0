// The page's side of the calculator's runtime: starts worker.mjs, watches that its start-up keeps moving,
// and turns its messages into promises. The calculator page is the only user; reading pages never load this.
//
//   const calc = createCalculator({ siteRoot: "../", onProgress, stallMs: 30000, prefer: undefined });
//   calc.ready      -> Promise<{ policy: {id, version, provisions}, startup: { mode: "snapshot" | "plain", ms, ... } }>
//                      rejects with an Error with .code in stalled | offline | wasm | runtime | wheel | policy | worker,
//                      .messages = {zh, en}, plain words for the reader (what happened, what to do),
//                      .operator = {zh, en} or undefined, the server-side cause for site operators,
//                      .detail: the technical cause
//   calc.reloadPolicy() -> Promise<{id, version, last_updated, provisions, stored}>: the policy data fetched
//                      again from the server, for every later estimate (when the page's and the data's versions
//                      differ); rejects, and the data loaded before stays, when the server cannot give it
//   calc.estimate(scenario) -> Promise<{ok: true, result} | {ok: false, error: {error, problems: [...]}}>
//                      the parsed output of calc.browser.estimate_json (amounts already formatted by Python);
//                      an internal failure of calc comes back as {ok: false, error: {error: "internal_error", ...}}
//   calc.restart()  -> a fresh calculator (new worker) with the same options; this one is disposed
//   calc.dispose()
//   prestartCalculator({ siteRoot }) starts one early (prestart.mjs, loaded async at the top of the page);
//                      the next createCalculator() for that site root returns it, replaying its progress
//   onProgress({ stage: "runtime" | "python" | "policy" | "ready" | "failed", messages: {zh, en}, bytes: {done, total} })
//                      messages include the download so far ("… 1.2 / 5.0 MB", runtime-messages.mjs)
//
// Rules: a start fails only when it stops moving: no byte and no new stage for stallMs (a slow download that
// moves goes on as long as it takes). Offline, with no stored copy of the runtime, it fails at once. Pyodide
// waits forever when the browser refuses the .wasm: the worker catches that at once; a stall is checked for
// it too. An estimate not answered within ESTIMATE_TIMEOUT_MS (a worker that died or hangs: an estimate
// takes milliseconds) fails with code "worker" and the "stopped" message. When the runtime is ready,
// <html data-calc-start> names the start it used (for tests and the benchmark).

import {
  ERROR_MESSAGES,
  OPERATOR_MESSAGES,
  STAGE_MESSAGES,
  progressMessages,
  runtimeFailure,
} from "./runtime-messages.mjs";

const WORKER_URL = new URL("./worker.mjs", import.meta.url);
const ESTIMATE_TIMEOUT_MS = 15000;
const STALL_MS = 30000;

function runtimeError(code, messages, detail, operator) {
  const error = new Error(messages.en);
  error.code = code;
  error.messages = messages;
  error.operator = operator;
  error.detail = detail;
  return error;
}

async function stallError(root, stallMs) {
  const detail = `no byte and no progress for ${stallMs} ms`;
  const failure = await runtimeFailure(detail, new URL("pyodide/", root).href);
  if (failure.code === "runtime") return runtimeError("stalled", ERROR_MESSAGES.stalled, detail, OPERATOR_MESSAGES.stalled);
  return runtimeError(failure.code, failure.messages, detail, failure.operator);
}

// Offline, is the runtime stored (by the service worker)? If not, the start cannot succeed: say so at once.
async function offlineWithoutRuntime(root) {
  if (typeof navigator === "undefined" || navigator.onLine !== false) return false;
  try {
    return !(globalThis.caches && await caches.match(new URL("pyodide/runtime.json", root).href, { ignoreSearch: true }));
  } catch {
    return true;
  }
}

function internalResult(error) {
  const messages = error.messages || ERROR_MESSAGES.internal;
  return {
    ok: false,
    error: {
      error: "internal_error",
      problems: [{ field: "$", code: "internal_error", zh: messages.zh, en: messages.en }],
      detail: error.detail,
    },
  };
}

// Progress events, kept so that a listener attached later (see prestartCalculator) gets them all, in order.
function progressChannel(listener) {
  const history = [];
  const call = (fn, event) => {
    try {
      fn(event);
    } catch (error) {
      console.error("calculator: onProgress failed", error);
    }
  };
  return {
    emit(event) {
      history.push(event);
      if (listener) call(listener, event);
    },
    attach(fn) {
      listener = fn;
      const past = history.slice(); // later events reach fn directly, after these (they come as tasks)
      if (fn) queueMicrotask(() => past.forEach((event) => call(fn, event)));
    },
  };
}

const prestarted = new Map(); // absolute site root -> { calculator, channel, options }
const asked = new Set(); // site roots the page already has a calculator for: a late prestart must not start another

function withDefaults({ siteRoot = "./", onProgress, stallMs, startTimeoutMs, prefer } = {}) {
  return { siteRoot, onProgress, stallMs: stallMs ?? startTimeoutMs ?? STALL_MS, prefer };
}

/**
 * Start the runtime before the page's own script asks for it (prestart.mjs does this as soon as it runs);
 * the next createCalculator() with the same site root gets this calculator, its progress so far replayed.
 */
export function prestartCalculator(given = {}) {
  const options = withDefaults({ ...given, onProgress: undefined });
  const root = new URL(options.siteRoot, document.baseURI).href;
  if (!prestarted.has(root) && !asked.has(root)) {
    options.siteRoot = root;
    const channel = progressChannel(undefined);
    prestarted.set(root, { calculator: startCalculator(options, channel), channel, options });
  }
}

export function createCalculator(given = {}) {
  const options = withDefaults(given);
  const root = new URL(options.siteRoot, document.baseURI).href;
  asked.add(root);
  const early = prestarted.get(root);
  if (early) {
    prestarted.delete(root);
    early.options.onProgress = options.onProgress;
    early.channel.attach(options.onProgress);
    return early.calculator;
  }
  return startCalculator(options, progressChannel(options.onProgress));
}

// One start of the runtime: its state, explicit, in `run`; each step below takes it.
//   run = { options, channel, root, began, pending: Map(id -> {resolve, reject}), nextId, failure, worker,
//           lastSign (when the worker last said anything), lastBytes (the last bytes reported) }
function startCalculator(options, channel) {
  const run = {
    options,
    channel,
    began: performance.now(),
    root: new URL(options.siteRoot, document.baseURI).href,
    pending: new Map(),
    nextId: 1,
    failure: null,
    worker: null,
    lastSign: performance.now(),
    lastBytes: null,
  };
  startWorker(run);
  const ready = whenReady(run);
  ready.catch(() => {}); // callers get the rejection from their own handlers; no "uncaught" noise
  return {
    ready,
    estimate: (scenario) => estimate(run, ready, scenario),
    reloadPolicy: () => ready.then(() => request(run, "policy", {})), // no time limit: failing would end the run
    restart: () => restart(run),
    dispose: () => dispose(run),
  };
}

function report(run, stage, messages, bytes) {
  run.channel.emit({ stage, messages, bytes });
}

function fail(run, error) {
  if (run.failure) return;
  if (!["disposed", "offline", "internal"].includes(error.code) && navigator.onLine === false) {
    // Offline, whatever broke first (the worker's script, a download), the cause to tell is that one.
    error = runtimeError("offline", ERROR_MESSAGES.offline, `offline: ${error.detail || error.message}`);
  }
  run.failure = error;
  run.worker?.terminate();
  for (const { reject } of run.pending.values()) reject(error);
  run.pending.clear();
  if (error.code !== "disposed") report(run, "failed", error.messages, run.lastBytes);
}

function request(run, type, payload, answerWithinMs = 0) {
  if (run.failure) return Promise.reject(run.failure);
  return new Promise((resolve, reject) => {
    const id = run.nextId++;
    const timer = answerWithinMs && setTimeout(() => fail(run, runtimeError("worker", ERROR_MESSAGES.stopped,
      `no answer to "${type}" within ${answerWithinMs} ms`)), answerWithinMs);
    const settle = (fn) => (value) => {
      clearTimeout(timer);
      fn(value);
    };
    run.pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
    run.worker.postMessage({ id, type, ...payload });
  });
}

function onMessage(run, event) {
  const message = event.data || {};
  run.lastSign = performance.now();
  if (message.type === "progress") {
    run.lastBytes = message.bytes || run.lastBytes;
    if (message.stage !== "ready") report(run, message.stage, progressMessages(message.stage, message.bytes), message.bytes);
    return;
  }
  const waiting = run.pending.get(message.id);
  if (!waiting) return;
  run.pending.delete(message.id);
  if (message.ok) waiting.resolve(message.value);
  else waiting.reject(runtimeError(message.error.code, message.error.messages, message.error.detail, message.error.operator));
}

function startWorker(run) {
  try {
    const worker = new Worker(WORKER_URL, { type: "module" });
    run.worker = worker;
    worker.onmessage = (event) => onMessage(run, event);
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(run, runtimeError("worker", ERROR_MESSAGES.worker, event.message || "the worker failed to load", OPERATOR_MESSAGES.worker));
    };
    worker.onmessageerror = () => fail(run, runtimeError("worker", ERROR_MESSAGES.worker, "a message could not be read"));
  } catch (error) {
    run.failure = runtimeError("worker", ERROR_MESSAGES.worker, String(error), OPERATOR_MESSAGES.worker);
    queueMicrotask(() => report(run, "failed", run.failure.messages));
  }
}

// The start's outcome: the first of ready, failed, stalled (no sign for stallMs) or offline without a
// stored runtime settles it; the others are then ignored.
function whenReady(run) {
  const { root, options: { stallMs, prefer } } = run;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = () => {
      if (settled) return false;
      settled = true;
      clearInterval(watch);
      return true;
    };
    const failWith = (error) => {
      fail(run, error);
      reject(run.failure);
    };
    const watch = setInterval(async () => {
      if (settled || performance.now() - run.lastSign < stallMs) return;
      finish();
      failWith(await stallError(root, stallMs));
    }, Math.min(1000, stallMs / 4));
    offlineWithoutRuntime(root).then((offline) => {
      if (offline && finish()) failWith(runtimeError("offline", ERROR_MESSAGES.offline, "navigator.onLine is false and no stored runtime"));
    });
    request(run, "start", { root, prefer }).then(
      (value) => {
        if (finish()) resolve(started(run, value));
      },
      (error) => {
        if (finish()) failWith(error);
      },
    );
  });
}

// The worker's startup figures, with the time as the page saw it; <html data-calc-start> names the start.
function started(run, value) {
  const workerMs = value.startup.ms;
  value.startup = { ...value.startup, ms: Math.round(performance.now() - run.began), workerMs };
  document.documentElement.dataset.calcStart = value.startup.mode;
  report(run, "ready", STAGE_MESSAGES.ready, run.lastBytes);
  return value;
}

async function estimate(run, ready, scenario) {
  await ready;
  try {
    return JSON.parse(await request(run, "estimate", { text: JSON.stringify(scenario) }, ESTIMATE_TIMEOUT_MS));
  } catch (error) {
    if (error.code === "internal") return internalResult(error);
    throw error;
  }
}

function dispose(run) {
  fail(run, runtimeError("disposed", ERROR_MESSAGES.disposed, "dispose() was called"));
}

function restart(run) {
  dispose(run);
  const { siteRoot, onProgress, stallMs, prefer } = run.options;
  return createCalculator({ siteRoot, onProgress, stallMs, prefer });
}
