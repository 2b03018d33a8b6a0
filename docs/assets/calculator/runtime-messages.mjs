// What the calculator's runtime says to people, in Chinese and English: start-up progress (in bytes) and
// failures. The words are the catalog's (scripts/sitegen/catalogs, keys runtime.*), from the generated
// runtime-words.mjs. Shared by client.mjs (the page), worker.mjs (the Web Worker) and runtime-status.mjs
// (which draws the details for site operators). Each failure has:
//   messages  {zh, en}: for the reader, in plain words: what happened and what to do;
//   operator  {zh, en} (some): for whoever runs the site: the server-side cause (MIME type, CSP), shown
//             behind a disclosure, never as the reader's message.
import { WORDS as SITE_WORDS } from "../site-words.mjs";
import { WORDS, fill } from "./runtime-words.mjs";

/** The catalog's messages under ``prefix``, by the rest of their key: {name: {zh, en}}. */
function group(prefix) {
  return Object.fromEntries(Object.entries(WORDS).filter(([key]) => key.startsWith(prefix)).map(([key, text]) => [key.slice(prefix.length), text]));
}

/** {zh, en}: the message built for each language. */
function eachLanguage(build) {
  return { zh: build("zh"), en: build("en") };
}

export const STAGE_MESSAGES = group("runtime.stage.");

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/** The stage's message with the download so far, e.g. "Downloading the calculator's runtime… 1.2 / 5.0 MB". */
export function progressMessages(stage, bytes) {
  const base = STAGE_MESSAGES[stage] || STAGE_MESSAGES.runtime;
  if (!bytes || !bytes.total) return base;
  const done = Math.min(bytes.done, bytes.total);
  if (stage !== "runtime" && done >= bytes.total) return base;
  return eachLanguage((lang) => fill(WORDS["runtime.progress"][lang], { stage: base[lang], done: megabytes(done), total: megabytes(bytes.total) }));
}

export const OPERATOR_LABEL = WORDS["runtime.operator_label"];

export const ERROR_MESSAGES = { ...group("runtime.error."), offline: SITE_WORDS["script.offline_calculator"] };

export const OPERATOR_MESSAGES = group("runtime.operator.");

export function wasmMimeOperator(type) {
  return eachLanguage((lang) => fill(WORDS["runtime.wasm_media_type"][lang], { shown: type || WORDS["runtime.no_media_type"][lang] }));
}

/** The media type the server gives the runtime's .wasm file ("" if none), or null if it cannot be told. */
export async function wasmContentType(runtimeURL) {
  try {
    const head = await fetch(runtimeURL + "pyodide.asm.wasm", { method: "HEAD", cache: "no-store" });
    if (!head.ok) return null;
    return (head.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
  } catch {
    return null;
  }
}

/** {code, messages, operator} for a runtime that failed to start with this technical text. */
export async function runtimeFailure(text, runtimeURL) {
  if (/Content Security Policy|unsafe-eval|CSP/i.test(text)) {
    return { code: "wasm", messages: ERROR_MESSAGES.server, operator: OPERATOR_MESSAGES.csp };
  }
  const type = await wasmContentType(runtimeURL);
  if (type !== null && type !== "application/wasm") {
    return { code: "wasm", messages: ERROR_MESSAGES.server, operator: wasmMimeOperator(type) };
  }
  if (/WebAssembly|wasm/i.test(text) && !/fetch|HTTP/i.test(text)) {
    return { code: "wasm", messages: ERROR_MESSAGES.wasm, operator: OPERATOR_MESSAGES.wasm };
  }
  if (typeof navigator !== "undefined" && navigator.onLine === false) {
    return { code: "offline", messages: ERROR_MESSAGES.offline };
  }
  return { code: "runtime", messages: ERROR_MESSAGES.runtime };
}
