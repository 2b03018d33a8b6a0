// Run calculator scenarios through Pyodide in Node, the way the browser's worker does, in one process.
//
//   node tests/node/run_pyodide.mjs --runtime <site>/pyodide --input cases.json --output answers.json
//
// cases.json: {"policy_text": "...", "scenarios": ["<scenario JSON text>", ...], "modes": ["plain", "snapshot"]}
// answers.json: {"<mode>": {"policy": "<load_policy_json answer>", "answers": ["<estimate_json answer>", ...],
//                           "startup_ms": n, "estimate_ms": n, "wheel_sha256": "..."}}
//
// Modes, both from the bundled site's files only (no network):
//   plain    - loadPyodide with the site's precompiled stdlib, then loadPackage(<the wheel's package>) through the site's
//              pyodide-lock.json (the wheel's SHA-256 is checked against it here: Pyodide does so only in
//              browsers)
//   snapshot - restore the site's memory snapshot (runtime.json names it), decoded with the same
//              snapshot-format.mjs as the worker, with the empty placeholder for the stdlib as the worker
//              does, and check it carries the lock file's calc wheel; after the scenarios, install the real
//              stdlib as the worker does after "ready" and import modules the snapshot does not hold
// Each mode then does what the worker does: load_policy_json(policy text), estimate_json(text) per scenario.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, value, i, all) => (i % 2 ? pairs : [...pairs, [all[i].slice(2), all[i + 1]]]), []),
);
const runtime = path.resolve(args.runtime) + path.sep;
const input = JSON.parse(readFileSync(args.input, "utf8"));
const manifest = JSON.parse(readFileSync(runtime + "runtime.json", "utf8"));
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const { decodeSnapshot } = await import(
  new URL("../../docs/assets/calculator/snapshot-format.mjs", import.meta.url).href);

const common = {
  indexURL: runtime,
  lockFileURL: runtime + manifest.lockfile.file,
  packageBaseUrl: runtime,
  packageCacheDir: runtime, // Node reads packages from here; with packageBaseUrl set there is no CDN to fall back on
  stdLibURL: runtime + manifest.stdlib.file,
  stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
};

async function startPlain() {
  const py = await loadPyodide({ ...common }); // loadPyodide writes into its options: give it a copy
  // In Node, Pyodide reads local wheels without checking their hash (browsers check it through fetch's
  // integrity): check the file the lock file names against the lock file here.
  const locked = py.lockfile.packages[manifest.wheel.package];
  const sha256 = createHash("sha256").update(readFileSync(runtime + locked.file_name)).digest("hex");
  if (sha256 !== locked.sha256) throw new Error(`${locked.file_name} has SHA-256 ${sha256}, the lock file says ${locked.sha256}`);
  const problems = [];
  await py.loadPackage(manifest.wheel.package, {
    checkIntegrity: true,
    messageCallback: () => {},
    errorCallback: (m) => problems.push(m),
  });
  if (problems.length) throw new Error(`loadPackage(${manifest.wheel.package}) failed: ${problems.join("; ")}`);
  return py;
}

async function startSnapshot() {
  const sparse = new Uint8Array(gunzipSync(readFileSync(runtime + manifest.snapshot.file)));
  // As in the worker: an empty zip stands in for the stdlib; here the real one never comes, so every answer
  // below proves calc needs no module the snapshot does not already hold.
  const py = await loadPyodide({
    ...common,
    stdLibURL: runtime + manifest.stdlib_placeholder.file,
    _loadSnapshot: decodeSnapshot(sparse),
  });
  const carried = py.globals.get("__calc_snapshot_wheel_sha256__");
  if (carried !== py.lockfile.packages[manifest.wheel.package].sha256) {
    throw new Error(`the snapshot carries calc ${carried}, the lock file lists ${py.lockfile.packages.calc.sha256}`);
  }
  return py;
}

const starters = { plain: startPlain, snapshot: startSnapshot };
const output = {};
for (const mode of input.modes || ["plain", "snapshot"]) {
  const began = performance.now();
  const py = await starters[mode]();
  const browser = py.pyimport("calc.browser");
  const policy = browser.load_policy_json(input.policy_text);
  const startupMs = performance.now() - began;
  const estimateStarted = performance.now();
  const answers = input.scenarios.map((text) => browser.estimate_json(text));
  let lateImport = null;
  if (mode === "snapshot") {
    // Then install the real stdlib as the worker does after "ready": modules not imported yet must load.
    const archive = py.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))");
    py.FS.writeFile(archive, readFileSync(runtime + manifest.stdlib.file));
    lateImport = py.runPython("import importlib; importlib.invalidate_caches(); import csv, fractions; str(fractions.Fraction(1, 3) + 1)");
  }
  output[mode] = {
    policy,
    answers,
    startup_ms: Math.round(startupMs),
    estimate_ms: Math.round(performance.now() - estimateStarted),
    wheel_sha256: py.lockfile.packages[manifest.wheel.package].sha256,
    python: py.runPython("import sys; sys.version.split()[0]"),
    late_import: lateImport,
  };
  browser.destroy();
}
writeFileSync(args.output, JSON.stringify(output));
