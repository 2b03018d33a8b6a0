// What the calculator's runtime says to people, in Chinese and English: start-up stages and failures.
// Shared by client.mjs (the page) and worker.mjs (the Web Worker). Every failure says what happened and
// what to do; the ones only a site's administrator can fix say so.

export const STAGE_MESSAGES = {
  runtime: { zh: "正在下载计算器运行环境……", en: "Downloading the calculator's runtime…" },
  python: { zh: "正在启动 Python……", en: "Starting Python…" },
  policy: { zh: "正在载入政策数据……", en: "Loading the policy data…" },
  ready: { zh: "计算器已就绪。", en: "The calculator is ready." },
};

export const ERROR_MESSAGES = {
  runtime: {
    zh: "计算器运行环境(pyodide/ 下的文件)无法载入。请刷新页面重试;若问题持续,请联系网站管理员。",
    en: "The calculator's runtime (the files under pyodide/) could not be loaded. Reload the page to try again; if it keeps failing, tell the site's administrator.",
  },
  wasm: {
    zh: "浏览器无法运行计算器的 WebAssembly 运行环境。请使用较新版本的浏览器并刷新重试。若您是网站管理员:服务器须以 application/wasm 类型提供 .wasm 文件,内容安全策略(CSP)须允许 'wasm-unsafe-eval'。",
    en: "The browser could not run the calculator's WebAssembly runtime. Use a recent browser and reload the page. If you run this site: the server must send .wasm files as application/wasm and the Content Security Policy must allow 'wasm-unsafe-eval'.",
  },
  wheel: {
    zh: "计算器程序包(calc)无法安装:文件缺失或校验值不符。请刷新页面重试。",
    en: "The calculator package (calc) could not be installed: the file is missing or its checksum does not match. Reload the page to try again.",
  },
  policy: {
    zh: "政策数据(data/suzhou-ai-plus-2026.json)无法载入或无效。请刷新页面重试。",
    en: "The policy data (data/suzhou-ai-plus-2026.json) could not be loaded or is not valid. Reload the page to try again.",
  },
  worker: {
    zh: "浏览器无法启动计算器的后台线程(Web Worker)。请使用较新版本的浏览器;若您是网站管理员,请检查内容安全策略(CSP)是否允许本站脚本作为 Worker 运行。",
    en: "The browser could not start the calculator's background thread (Web Worker). Use a recent browser; if you run this site, check that its Content Security Policy lets the site's own scripts run as workers.",
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

export const CSP_MESSAGES = {
  zh: "本网站的内容安全策略(CSP)不允许运行 WebAssembly,计算器无法启动。网站管理员须在 script-src 中加入 'wasm-unsafe-eval'。",
  en: "This site's Content Security Policy does not allow WebAssembly, so the calculator cannot start. The site's administrator must add 'wasm-unsafe-eval' to script-src.",
};

export function wasmMimeMessages(type) {
  const shown = type || "(none)";
  return {
    zh: `服务器提供 pyodide.asm.wasm 时使用的类型是“${shown}”,而不是 application/wasm,浏览器因此无法启动计算器。网站管理员须让服务器以 application/wasm 类型提供 .wasm 文件。`,
    en: `The server sends pyodide.asm.wasm as "${shown}" instead of application/wasm, so the browser cannot start the calculator. The site's administrator must serve .wasm files as application/wasm.`,
  };
}

export function timeoutMessages(seconds) {
  return {
    zh: `计算器在 ${seconds} 秒内未能启动。请检查网络后点击重试。若您是网站管理员:服务器须以 application/wasm 类型提供 .wasm 文件,内容安全策略(CSP)须允许 'wasm-unsafe-eval',否则浏览器会无提示地停住。`,
    en: `The calculator did not start within ${seconds} seconds. Check your connection and press retry. If you run this site: the server must send .wasm files as application/wasm and the Content Security Policy must allow 'wasm-unsafe-eval'; otherwise the browser stalls without a word.`,
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
