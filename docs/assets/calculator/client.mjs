// The page's side of the calculator's runtime: starts worker.mjs, times its start-up, and turns its
// messages into promises. app.mjs (the calculator page) is the only user; reading pages never load this.
//
//   const calc = createCalculator({ siteRoot: "../", onProgress, startTimeoutMs: 30000 });
//   calc.ready      -> Promise<{ policy: {id, version, provisions}, startup: { mode: "snapshot" | "plain", ms, ... } }>
//                      rejects with an Error with .code in timeout | wasm | runtime | wheel | policy | worker
//                      and .messages = {zh, en}, a sentence for the reader (.detail: the technical cause)
//   calc.estimate(scenario) -> Promise<{ok: true, result} | {ok: false, error: {error, problems: [...]}}>
//                      the parsed output of calc.browser.estimate_json (amounts already formatted by Python);
//                      an internal failure of calc comes back as {ok: false, error: {error: "internal_error", ...}}
//   calc.restart()  -> a fresh calculator (new worker) with the same options; this one is disposed
//   calc.dispose()
//   prestartCalculator({ siteRoot }) starts one early (prestart.mjs, loaded async at the top of the page);
//                      the next createCalculator() for that site root returns it, replaying its progress
//   onProgress({ stage: "runtime" | "python" | "policy" | "ready" | "failed", messages: {zh, en} })
//
// Rules: a start-up that takes longer than startTimeoutMs fails with code "timeout" (Pyodide waits forever
// when the browser refuses the .wasm) and ends the worker; every later call then fails with the same error.
// An estimate not answered within ESTIMATE_TIMEOUT_MS (a worker that died or hangs: an estimate takes
// milliseconds) fails the same way, with code "worker" and the "stopped" message.

import {
  ERROR_MESSAGES,
  STAGE_MESSAGES,
  timeoutMessages,
  wasmContentType,
  wasmMimeMessages,
} from "./runtime-messages.mjs";

const WORKER_URL = new URL("./worker.mjs", import.meta.url);
const ESTIMATE_TIMEOUT_MS = 15000;

function runtimeError(code, messages, detail) {
  const error = new Error(messages.en);
  error.code = code;
  error.messages = messages;
  error.detail = detail;
  return error;
}

async function timeoutError(root, startTimeoutMs) {
  const type = await wasmContentType(new URL("pyodide/", root).href);
  if (type !== null && type !== "application/wasm") {
    return runtimeError("wasm", wasmMimeMessages(type), `timed out; .wasm served as ${type || "(no type)"}`);
  }
  const seconds = Math.round(startTimeoutMs / 100) / 10;
  return runtimeError("timeout", timeoutMessages(seconds), `no answer within ${startTimeoutMs} ms`);
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

/**
 * Start the runtime before the page's own script asks for it (prestart.mjs does this as soon as it runs);
 * the next createCalculator() with the same site root gets this calculator, its progress so far replayed.
 */
export function prestartCalculator({ siteRoot = "./", startTimeoutMs = 30000 } = {}) {
  const root = new URL(siteRoot, document.baseURI).href;
  if (!prestarted.has(root) && !asked.has(root)) {
    const options = { siteRoot: root, onProgress: undefined, startTimeoutMs };
    const channel = progressChannel(undefined);
    prestarted.set(root, { calculator: startCalculator(options, channel), channel, options });
  }
}

export function createCalculator({ siteRoot = "./", onProgress, startTimeoutMs = 30000 } = {}) {
  const root = new URL(siteRoot, document.baseURI).href;
  asked.add(root);
  const early = prestarted.get(root);
  if (early) {
    prestarted.delete(root);
    early.options.onProgress = onProgress;
    early.channel.attach(onProgress);
    return early.calculator;
  }
  const options = { siteRoot, onProgress, startTimeoutMs };
  return startCalculator(options, progressChannel(onProgress));
}

function startCalculator(options, channel) {
  const { siteRoot, startTimeoutMs } = options;
  const began = performance.now();
  const root = new URL(siteRoot, document.baseURI).href;
  const pending = new Map();
  let nextId = 1;
  let failure = null;
  let worker = null;

  function report(stage, messages) {
    channel.emit({ stage, messages });
  }

  function fail(error) {
    if (failure) return;
    failure = error;
    worker?.terminate();
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    if (error.code !== "disposed") report("failed", error.messages);
  }

  function request(type, payload, answerWithinMs = 0) {
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = answerWithinMs && setTimeout(() => fail(runtimeError("worker", ERROR_MESSAGES.stopped,
        `no answer to "${type}" within ${answerWithinMs} ms`)), answerWithinMs);
      const settle = (fn) => (value) => {
        clearTimeout(timer);
        fn(value);
      };
      pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
      worker.postMessage({ id, type, ...payload });
    });
  }

  function onMessage(event) {
    const message = event.data || {};
    if (message.type === "progress") {
      if (message.stage !== "ready") report(message.stage, message.messages);
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.ok) waiting.resolve(message.value);
    else waiting.reject(runtimeError(message.error.code, message.error.messages, message.error.detail));
  }

  try {
    worker = new Worker(WORKER_URL, { type: "module" });
    worker.onmessage = onMessage;
    worker.onerror = (event) => {
      event.preventDefault?.();
      fail(runtimeError("worker", ERROR_MESSAGES.worker, event.message || "the worker failed to load"));
    };
    worker.onmessageerror = () => fail(runtimeError("worker", ERROR_MESSAGES.worker, "a message could not be read"));
  } catch (error) {
    failure = runtimeError("worker", ERROR_MESSAGES.worker, String(error));
    queueMicrotask(() => report("failed", failure.messages));
  }

  const ready = new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(async () => {
      if (settled) return;
      const error = await timeoutError(root, startTimeoutMs);
      if (!settled) fail(error);
    }, startTimeoutMs);
    request("start", { root }).then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        const workerMs = value.startup.ms;
        value.startup = { ...value.startup, ms: Math.round(performance.now() - began), workerMs };
        report("ready", STAGE_MESSAGES.ready);
        resolve(value);
      },
      (error) => {
        settled = true;
        clearTimeout(timer);
        fail(error);
        reject(error);
      },
    );
  });
  ready.catch(() => {}); // callers get the rejection from their own handlers; no "uncaught" noise

  async function estimate(scenario) {
    await ready;
    try {
      return JSON.parse(await request("estimate", { text: JSON.stringify(scenario) }, ESTIMATE_TIMEOUT_MS));
    } catch (error) {
      if (error.code === "internal") return internalResult(error);
      throw error;
    }
  }

  function dispose() {
    fail(runtimeError("disposed", ERROR_MESSAGES.disposed, "dispose() was called"));
  }

  function restart() {
    dispose();
    return createCalculator({ siteRoot: options.siteRoot, onProgress: options.onProgress, startTimeoutMs });
  }

  return { ready, estimate, restart, dispose };
}
