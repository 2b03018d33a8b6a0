// What the calculator's runtime says to people, in Chinese and English: start-up progress (in bytes) and
// failures. Shared by client.mjs (the page), worker.mjs (the Web Worker) and runtime-status.mjs (which draws
// the details for site operators). Each failure has:
//   messages  {zh, en}: for the reader, in plain words: what happened and what to do;
//   operator  {zh, en} (some): for whoever runs the site: the server-side cause (MIME type, CSP), shown
//             behind a disclosure, never as the reader's message.
import { OFFLINE_CALCULATOR } from "../offline-words.mjs";

export const STAGE_MESSAGES = {
  runtime: { zh: "正在下载计算器运行环境……", en: "Downloading the calculator's runtime…" },
  python: { zh: "正在启动 Python……", en: "Starting Python…" },
  policy: { zh: "正在载入政策数据……", en: "Loading the policy data…" },
  ready: { zh: "计算器已就绪。", en: "The calculator is ready." },
};

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(1);
}

/** The stage's message with the download so far, e.g. "Downloading the calculator's runtime… 1.2 / 5.0 MB". */
export function progressMessages(stage, bytes) {
  const base = STAGE_MESSAGES[stage] || STAGE_MESSAGES.runtime;
  if (!bytes || !bytes.total) return base;
  const done = Math.min(bytes.done, bytes.total);
  if (stage !== "runtime" && done >= bytes.total) return base;
  const amount = `${megabytes(done)} / ${megabytes(bytes.total)} MB`;
  return { zh: `${base.zh}${amount}`, en: `${base.en} ${amount}` };
}

export const OPERATOR_LABEL = { zh: "网站管理员须知", en: "For site operators" };

export const ERROR_MESSAGES = {
  runtime: {
    zh: "计算器运行环境(pyodide/ 下的文件)无法载入。请检查网络连接后点击“重试”。",
    en: "The calculator's runtime (the files under pyodide/) could not be loaded. Check your connection and press Retry.",
  },
  stalled: {
    zh: "网络已停止传输数据,计算器未能下载完成。请点击“重试”,或在网络较好时再试;您填写的内容会保留。",
    en: "The network stopped sending data before the calculator finished downloading. Press Retry, or try again on a better connection; what you entered is kept.",
  },
  offline: OFFLINE_CALCULATOR,
  wasm: {
    zh: "这个浏览器无法运行计算器。请换用较新版本的浏览器(如最新版 Chrome、Edge、Firefox 或 Safari)再试。",
    en: "This browser cannot run the calculator. Try a recent browser (a current Chrome, Edge, Firefox or Safari).",
  },
  server: {
    zh: "本网站的设置使计算器无法在浏览器中启动。这不是您的设备或网络的问题;请稍后再试,或告知网站管理员。",
    en: "This site's settings stop the calculator from starting in the browser. It is not your device or connection; try again later or tell the site's administrator.",
  },
  wheel: {
    zh: "计算器程序包(calc)无法安装:文件缺失或校验值不符。请点击“重试”。",
    en: "The calculator package (calc) could not be installed: the file is missing or its checksum does not match. Press Retry.",
  },
  policy: {
    zh: "政策数据(data/suzhou-ai-plus-2026.json)无法载入或无效。请点击“重试”。",
    en: "The policy data (data/suzhou-ai-plus-2026.json) could not be loaded or is not valid. Press Retry.",
  },
  worker: {
    zh: "浏览器无法启动计算器的后台线程(Web Worker)。请换用较新版本的浏览器再试。",
    en: "The browser could not start the calculator's background thread (Web Worker). Try a recent browser.",
  },
  stopped: {
    zh: "计算器的后台线程(Web Worker)已停止响应,未能给出估算。请点击“重试”重新加载计算器;您填写的内容会保留。",
    en: "The calculator's background thread (Web Worker) stopped responding and gave no estimate. Press Retry to load the calculator again; what you entered is kept.",
  },
  disposed: {
    zh: "计算器已关闭。",
    en: "The calculator was closed.",
  },
  internal: {
    zh: "计算器内部出错,未能给出估算。请修改输入后重试,或向网站报告此问题。",
    en: "The calculator failed internally and gave no estimate. Change the input and try again, or report the problem to the site.",
  },
};

export const OPERATOR_MESSAGES = {
  csp: {
    zh: "内容安全策略(CSP)不允许运行 WebAssembly:须在 script-src 中加入 'wasm-unsafe-eval'(HTTP 头和 <meta> 中的策略都须允许;Web Worker 只遵循其脚本的 HTTP 头)。",
    en: "The Content Security Policy does not allow WebAssembly: script-src must include 'wasm-unsafe-eval' (in the HTTP header and in the <meta> policy; a Web Worker obeys only its own script's HTTP header).",
  },
  wasm: {
    zh: "浏览器拒绝了 pyodide.asm.wasm:服务器须以 application/wasm 类型提供 .wasm 文件,内容安全策略(CSP)须允许 'wasm-unsafe-eval'。",
    en: "The browser refused pyodide.asm.wasm: the server must send .wasm files as application/wasm and the Content Security Policy must allow 'wasm-unsafe-eval'.",
  },
  worker: {
    zh: "检查内容安全策略(CSP)是否允许本站脚本作为 Worker 运行(worker-src 'self')。",
    en: "Check that the Content Security Policy lets the site's own scripts run as workers (worker-src 'self').",
  },
  stalled: {
    zh: "若网络正常仍反复出现:服务器须以 application/wasm 类型提供 .wasm 文件,内容安全策略(CSP)须允许 'wasm-unsafe-eval',否则浏览器会无提示地停住。",
    en: "If this keeps happening on a good connection: the server must send .wasm files as application/wasm and the Content Security Policy must allow 'wasm-unsafe-eval'; otherwise the browser stalls without a word.",
  },
};

export function wasmMimeOperator(type) {
  const shown = type || "(none)";
  return {
    zh: `服务器提供 pyodide.asm.wasm 时使用的类型是“${shown}”,而不是 application/wasm,浏览器因此拒绝运行。须让服务器以 application/wasm 类型提供 .wasm 文件(见 deploy/nginx)。`,
    en: `The server sends pyodide.asm.wasm as "${shown}" instead of application/wasm, so the browser refuses to run it. Serve .wasm files as application/wasm (see deploy/nginx).`,
  };
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
