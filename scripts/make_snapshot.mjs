// Build-time helpers for the calculator's browser runtime, run in Node with the npm package `pyodide`.
//
//   node scripts/make_snapshot.mjs stdlib   --pyodide DIR --out python_stdlib.zip
//       Precompile Pyodide's standard library: every .py in DIR/python_stdlib.zip becomes a .pyc made by
//       Pyodide's own Python (the .pyc format is version-specific, so CPython on the build machine cannot
//       do it). Python then skips compiling the stdlib at start-up: a plain start gets about 3x faster.
//
//   node scripts/make_snapshot.mjs snapshot --pyodide DIR --stdlib ZIP --wheel WHL --policy JSON --out SNAP.gz
//       Start Python with that stdlib, install the calc wheel, import every calc module, warm it up on
//       scenarios that touch every provision, then take a memory snapshot of the heap
//       (loadPyodide({_makeSnapshot: true}) ... makeMemorySnapshot(), Pyodide's private API) and write it
//       in the sparse format of docs/assets/calculator/snapshot-format.mjs, gzipped.
//       Rules: the snapshot must restore with the same pyodide.asm.wasm and the very same stdlib zip
//       (zipimport keeps the zip's table of contents in the heap); the heap must not grow past its
//       initial 30 MiB (larger snapshots fail to restore, pyodide issue #6254); and before it is written
//       the snapshot is restored here, as the browser does it (with an empty zip in place of the stdlib),
//       and must give the same answers as the Python it was taken from; then the real stdlib goes in and a
//       module the snapshot does not hold must import.
//
//   node scripts/make_snapshot.mjs trim --pyodide DIR --stdlib ZIP --wheel WHL --policy JSON --out TRIMMED.zip
//       The standard library cut down to what a plain start of the calculator uses, found by tracing: start
//       Python with the full (precompiled) stdlib, install the wheel with loadPackage as the browser does,
//       import every calc module and run the same warm-up as the snapshot, then keep only the stdlib files
//       of the modules then loaded, stored uncompressed (the build's .br/.gz copy of the whole zip is what
//       travels). Proven before it is written: Python started with the trimmed zip must give the same answers. The worker keeps the full stdlib as its fallback (a module the trace missed
//       makes it install the full zip and try again).
//
// All print one line of JSON with what they did. Nothing here touches the network.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import path from "node:path";
import { pathToFileURL } from "node:url";

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    if (!rest[i].startsWith("--") || rest[i + 1] === undefined) throw new Error(`bad argument ${rest[i]}`);
    options[rest[i].slice(2)] = rest[i + 1];
  }
  return { command, options };
}

function need(options, name) {
  if (!options[name]) throw new Error(`--${name} is required`);
  return options[name];
}

const { encodeSnapshot, decodeSnapshot } = await import(
  new URL("../docs/assets/calculator/snapshot-format.mjs", import.meta.url).href);

async function pyodideModule(dir) {
  return import(pathToFileURL(path.join(path.resolve(dir), "pyodide.mjs")).href);
}

function indexURL(dir) {
  return path.resolve(dir) + path.sep;
}

const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(line + "\n") };

const PRECOMPILE = `
import zipfile, importlib._bootstrap_external as bootstrap
source = zipfile.ZipFile("/tmp/stdlib-in.zip")
target = zipfile.ZipFile("/tmp/stdlib-out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9)
compiled = 0
for info in source.infolist():
    data, name = source.read(info), info.filename
    if name.endswith(".py"):
        # The path Python would give the module when imported from the mounted zip.
        code = compile(data, "/lib/python%d%d.zip/%s" % (__import__("sys").version_info[:2] + (name,)),
                       "exec", dont_inherit=True)
        data, name = bytes(bootstrap._code_to_timestamp_pyc(code, 0, 0)), name + "c"
        compiled += 1
    entry = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    entry.external_attr = info.external_attr
    entry.compress_type = zipfile.ZIP_DEFLATED if not name.endswith("/") else zipfile.ZIP_STORED
    target.writestr(entry, data)
target.close()
compiled
`;

async function precompileStdlib(options) {
  const dir = need(options, "pyodide");
  const out = need(options, "out");
  const { loadPyodide } = await pyodideModule(dir);
  const started = performance.now();
  const py = await loadPyodide({ indexURL: indexURL(dir), ...quiet });
  py.FS.writeFile("/tmp/stdlib-in.zip", readFileSync(path.join(dir, "python_stdlib.zip")));
  const compiled = py.runPython(PRECOMPILE);
  const bytes = py.FS.readFile("/tmp/stdlib-out.zip");
  writeFileSync(out, bytes);
  return { compiled, bytes: bytes.length, ms: Math.round(performance.now() - started) };
}

// Runs inside Pyodide: install the wheel by unpacking it (loadPackage would leave JavaScript objects
// behind that a snapshot cannot hold), import every calc module, and warm every code path up.
const PREPARE = `
import gc, importlib, json, pkgutil, sysconfig, zipfile
zipfile.ZipFile("/tmp/calc.whl").extractall(sysconfig.get_paths()["purelib"])
import calc, calc.browser
for module in pkgutil.walk_packages(calc.__path__, "calc."):
    if module.name != "calc.__main__":
        importlib.import_module(module.name)

def _warm_up(policy_text):
    policy = json.loads(policy_text)
    samples = {"money": "800万", "count": "2", "date": "2026-03-01", "dates": "2026-03-01"}
    def value(spec):
        if spec["type"] == "choice":
            return spec["options"][0]["value"]
        return samples.get(spec["type"], True)
    claims = [{"provision": p["id"], "inputs": {s["name"]: value(s) for s in p["inputs"]},
               "conditions": {c["id"]: True for c in p["conditions"]}} for p in policy["provisions"]]
    scenarios = [{"as_of": "2026-03-01", "claims": [claim]} for claim in claims]
    scenarios += [
        {"as_of": "2026-03-01", "claims": claims,
         "other_support": [{"provision": c["provision"], "amount": "1.5万元", "source": "x"} for c in claims[:5]]},
        {"as_of": "2025-06-30", "claims": claims[:10]},
        {"as_of": "2027-02-01", "claims": claims[10:20]},
        {"as_of": "2026-02-30", "claims": [{"provision": "nope"}, {"provision": claims[3]["provision"], "inputs": {"x": 1.5}}]},
    ]
    texts = [json.dumps(s, ensure_ascii=False) for s in scenarios] + ["{not json", "[]"]
    loaded = calc.browser.load_policy_json(policy_text)
    return [loaded] + [calc.browser.estimate_json(text) for text in texts]
`;

const WARM_UP = `
_outputs = _warm_up(_policy_text)
del _policy_text
calc.browser._policy = None  # the worker loads the site's policy after restoring
gc.collect()
json.dumps(_outputs, ensure_ascii=False)
`;

const EMPTY_ZIP = Buffer.concat([Buffer.from("PK\x05\x06", "latin1"), Buffer.alloc(18)]);
const LATE_IMPORT = `
import importlib, sys
importlib.invalidate_caches()
assert "csv" not in sys.modules and "fractions" not in sys.modules
import csv, fractions
"ok" if csv.QUOTE_ALL is not None and fractions.Fraction(1, 3) * 3 == 1 else "broken"
`;

async function makeSnapshot(options) {
  const dir = need(options, "pyodide");
  const stdlib = path.resolve(need(options, "stdlib"));
  const wheel = need(options, "wheel");
  const policyText = readFileSync(need(options, "policy"), "utf8");
  const out = need(options, "out");
  const wheelBytes = readFileSync(wheel);
  const wheelSha256 = createHash("sha256").update(wheelBytes).digest("hex");
  const { loadPyodide } = await pyodideModule(dir);

  const started = performance.now();
  const py = await loadPyodide({ indexURL: indexURL(dir), stdLibURL: stdlib, _makeSnapshot: true, ...quiet });
  const initialHeap = py._module.HEAP8.length;
  py.FS.writeFile("/tmp/calc.whl", wheelBytes);
  py.runPython(PREPARE);
  py.globals.set("_policy_text", policyText);
  const before = py.runPython(WARM_UP);
  py.runPython("import os; os.remove('/tmp/calc.whl')");
  py.globals.set("__calc_snapshot_wheel_sha256__", wheelSha256);
  const heap = py._module.HEAP8.length;
  if (heap > initialHeap) {
    throw new Error(`the Python heap grew from ${initialHeap} to ${heap} bytes while preparing the snapshot; ` +
      "snapshots larger than the initial heap fail to restore (pyodide issue #6254): import less before snapshotting");
  }
  const snapshot = py.makeMemorySnapshot();
  const madeMs = performance.now() - started;
  const sparse = encodeSnapshot(snapshot);
  const gz = gzipSync(sparse, { level: 9 });
  const decoded = decodeSnapshot(new Uint8Array(gunzipSync(gz)));
  if (Buffer.compare(Buffer.from(decoded), Buffer.from(snapshot)) !== 0) {
    throw new Error("the sparse snapshot format did not give back the same bytes");
  }

  // Restore it from the file's bytes as the browser will, with an empty zip in place of the stdlib (every
  // module calc needs is in the heap), and ask the same questions again.
  const placeholder = path.join(mkdtempSync(path.join(tmpdir(), "calc-snapshot-")), "empty.zip");
  writeFileSync(placeholder, EMPTY_ZIP);
  const restoreStarted = performance.now();
  const again = await loadPyodide({ indexURL: indexURL(dir), stdLibURL: placeholder, _loadSnapshot: decoded, ...quiet });
  const restoreMs = performance.now() - restoreStarted;
  if (again.globals.get("__calc_snapshot_wheel_sha256__") !== wheelSha256) {
    throw new Error("the restored snapshot does not carry the wheel's hash");
  }
  again.globals.set("_policy_text", policyText);
  const after = again.runPython(WARM_UP);
  if (after !== before) {
    throw new Error("the restored snapshot answers differently from the Python it was taken from");
  }
  // Then the real stdlib goes in, as the worker does after "ready": a module not imported yet must load.
  again.FS.writeFile(again.runPython("import sys; next(p for p in sys.path if p.endswith('.zip'))"), readFileSync(stdlib));
  if (again.runPython(LATE_IMPORT) !== "ok") throw new Error("the stdlib installed after restoring does not import");
  writeFileSync(out, gz);
  return {
    initial_heap: initialHeap, heap, snapshot_bytes: snapshot.length, sparse_bytes: sparse.length,
    gzip_bytes: gz.length, sparse_sha256: createHash("sha256").update(sparse).digest("hex"),
    wheel_sha256: wheelSha256, checked_outputs: JSON.parse(before).length,
    make_ms: Math.round(madeMs), restore_ms: Math.round(restoreMs),
  };
}

const TRACE = `
import sys
_zip = next(p for p in sys.path if p.endswith(".zip"))
sorted({m.__file__[len(_zip) + 1:] for m in list(sys.modules.values())
        if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(_zip + "/")})
`;

// Stored, not deflated: the server sends the build's brotli or gzip copy of the whole zip, which is smaller
// than its files deflated one by one (brotli 1.0 MB instead of 1.5 MB; gzip 1.4 MB).
const WRITE_TRIMMED = `
import zipfile
_source = zipfile.ZipFile("/tmp/stdlib-full.zip")
_target = zipfile.ZipFile("/tmp/stdlib-trimmed.zip", "w", zipfile.ZIP_STORED)
for _info in _source.infolist():
    if _info.filename in _keep:
        _entry = zipfile.ZipInfo(_info.filename, _info.date_time)
        _entry.external_attr = _info.external_attr
        _target.writestr(_entry, _source.read(_info))
_target.close()
`;

async function startWithWheel(loadPyodide, dir, stdlib, wheel, policyText) {
  const py = await loadPyodide({ indexURL: indexURL(dir), stdLibURL: stdlib, ...quiet });
  await py.loadPackage(pathToFileURL(path.resolve(wheel)).href, { messageCallback: () => {}, errorCallback: () => {} });
  // Only what the worker imports (calc.browser), not every calc module (the command line's argparse...).
  py.runPython("import gc, json\nimport calc, calc.browser\n\ndef _warm_up" + PREPARE.split("\ndef _warm_up")[1]);
  py.globals.set("_policy_text", policyText);
  return { py, outputs: py.runPython(WARM_UP) };
}

async function trimStdlib(options) {
  const dir = need(options, "pyodide");
  const stdlib = path.resolve(need(options, "stdlib"));
  const wheel = need(options, "wheel");
  const policyText = readFileSync(need(options, "policy"), "utf8");
  const { loadPyodide } = await pyodideModule(dir);
  const full = await startWithWheel(loadPyodide, dir, stdlib, wheel, policyText);
  const keep = full.py.runPython(TRACE).toJs();
  full.py.FS.writeFile("/tmp/stdlib-full.zip", readFileSync(stdlib));
  full.py.globals.set("_keep", full.py.toPy(keep));
  full.py.runPython(WRITE_TRIMMED);
  const trimmed = full.py.FS.readFile("/tmp/stdlib-trimmed.zip");
  const out = need(options, "out");
  writeFileSync(out, trimmed);
  const proof = await startWithWheel(loadPyodide, dir, path.resolve(out), wheel, policyText);
  if (proof.outputs !== full.outputs) throw new Error("Python with the trimmed stdlib answers differently from the full one");
  return { modules: keep.length, bytes: trimmed.length, full_bytes: readFileSync(stdlib).length };
}

const { command, options } = parseArgs(process.argv.slice(2));
const commands = { stdlib: precompileStdlib, snapshot: makeSnapshot, trim: trimStdlib };
if (!commands[command]) {
  console.error("usage: make_snapshot.mjs stdlib|snapshot|trim --option value ...");
  process.exit(2);
}
try {
  console.log(JSON.stringify(await commands[command](options)));
} catch (error) {
  console.error(`make_snapshot ${command}: ${error.stack || error}`);
  process.exit(1);
}
