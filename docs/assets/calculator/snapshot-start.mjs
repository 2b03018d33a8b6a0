// The snapshot fast path of the calculator's Web Worker: optional. worker.mjs imports this module only when
// the link is fast enough for the snapshot to win (see chooseStart there); if this file is deleted, or its
// import fails, the worker starts Python the plain way and nothing else changes.
//
// It restores the memory snapshot made at build time (scripts/make_snapshot.mjs: Python with calc imported
// and warmed up) through Pyodide's private `_loadSnapshot` option. Python starts with an empty placeholder
// for the standard library: every module calc uses is already in the heap. The real stdlib (the same bytes
// as at snapshot time: zipimport keeps that zip's table of contents in the heap) is written in only if a
// module the snapshot does not hold is ever imported (installStdlib).
import { decodeSnapshot } from "./snapshot-format.mjs";

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

async function fetchSnapshot(url, snap, { fetchOk, mark }) {
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

/** Bytes this start downloads beyond what every start needs (for the progress in bytes). */
export function snapshotBytes(manifest) {
  return manifest.snapshot ? manifest.snapshot.gzip_bytes : 0;
}

/**
 * Python + calc from the snapshot. `startPython(options)` is the worker's loadPyodide wrapper; `helpers`
 * gives fetchOk and mark. Returns {py, browser, installStdlib}; throws if anything does not check out.
 */
export async function restoreSnapshot(startPython, common, manifest, runtimeURL, helpers) {
  const snap = manifest.snapshot;
  if (!snap) throw new Error("the site has no snapshot");
  if (typeof DecompressionStream !== "function") throw new Error("this browser has no DecompressionStream");
  const fetched = fetchSnapshot(runtimeURL + snap.file, snap, helpers);
  fetched.catch(() => {});
  // Pyodide awaits this only when it gets that far: a snapshot that fails first must not be "unhandled".
  const snapshot = fetched.then((f) => f.snapshot);
  snapshot.catch(() => {});
  const py = await startPython({
    ...common,
    stdLibURL: runtimeURL + manifest.stdlib_placeholder.file,
    _loadSnapshot: snapshot,
  });
  helpers.mark("restored");
  await (await fetched).verified;
  const carried = py.globals.get("__calc_snapshot_wheel_sha256__");
  const entry = py.lockfile.packages[manifest.wheel.package];
  const locked = entry && entry.sha256;
  if (carried !== manifest.wheel.sha256 || locked !== manifest.wheel.sha256) {
    throw new Error(`the snapshot holds calc ${carried} but the lock file lists ${locked}`);
  }
  const installStdlib = async (bytes) => {
    const archive = py.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))");
    py.FS.writeFile(archive, bytes);
    py.runPython("import importlib; importlib.invalidate_caches()");
  };
  return { py, browser: py.pyimport("calc.browser"), installStdlib };
}
