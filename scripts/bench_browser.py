"""Benchmark the calculator's browser runtime in headless Chromium, everything measured side by side in one run.

    .venv/bin/python scripts/bench_browser.py [--rounds 3] [--edits 100] [--port 8101] [--out bench-results.json]

It builds the site into a temporary folder, adds the benchmark's own pages there (never to the published
site: ``__harness__/bare.html``, a bare ``loadPyodide()`` from an untouched copy of the npm package, and
``__harness__/client.html``, the calculator runtime alone), serves it on 127.0.0.1 and measures:

* time to ready, cold (a fresh browser context: empty HTTP and code caches) and warm (the same page loaded
  again in that context), for the bare ``loadPyodide()``, the runtime alone, and the calculator page
  (``document.documentElement.dataset.calcState == "ready"``); rounds are interleaved so that load on the
  machine hits every page alike; each figure is the median; the ratio is calculator / bare;
* input-to-result latency over N edits of an amount on the calculator page (until ``#calc-results``'s
  ``data-seq`` grows), p50 and p95, and the same with the page's own input debounce left out
  ("recalculation": from the moment the page starts the estimate to the result on screen), and the bare
  ``estimate()`` round trip through the worker;
* bytes sent by the server for a reading page (of which Pyodide's and the calculator's: must be 0) and for
  the calculator page; the snapshot's size.

Targets: ready ratio <= 0.25 cold; recalculation p95 <= 20 ms; 0 bytes of the runtime on a reading page.
Prints a table and writes the figures as JSON (``bench-results.json`` by default, gitignored).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.runtime_harness import Server, add_harness, launch_chromium  # noqa: E402

READING_PAGE = "measures/m2/"
CALCULATOR_PAGE = "calculator/"
EDIT_FIELD = "calc-m2-2-in-compute_rental_fees_paid"
TARGETS = {"ready_ratio_cold": 0.25, "recalc_p95_ms": 20.0, "reading_page_runtime_bytes": 0}

# Installed before any page script: when calcState becomes "ready", and when the page's debounce timer fires.
PAGE_PROBE = """
(() => {
  const mark = () => {
    if (document.documentElement.dataset.calcState === "ready" && window.__calcReadyAt === undefined) {
      window.__calcReadyAt = performance.now();
    }
  };
  // <html> does not exist yet when this runs: watch the whole document for the attribute.
  new MutationObserver(mark).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-calc-state"] });
  const originalSetTimeout = window.setTimeout;
  window.setTimeout = function (callback, delay, ...rest) {
    if (typeof callback !== "function" || !(delay > 0)) return originalSetTimeout.call(window, callback, delay, ...rest);
    return originalSetTimeout.call(window, function (...args) {
      window.__lastTimerFiredAt = performance.now();
      return callback.apply(this, args);
    }, delay, ...rest);
  };
})();
"""

WAIT_CALCULATOR = """() => new Promise((resolve) => {
  const check = () => {
    const state = document.documentElement.dataset.calcState;
    if (state === "ready" && window.__calcReadyAt !== undefined) resolve({ ok: true, ms: window.__calcReadyAt });
    else if (state === "failed") resolve({ ok: false, ms: performance.now() });
    else setTimeout(check, 20);
  };
  check();
})"""

EDITS = """async ([fieldId, count]) => {
  const field = document.getElementById(fieldId);
  const results = document.getElementById("calc-results");
  const seq = () => Number(results.dataset.seq || 0);
  const wait = (before) => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (seq() > before) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(results, { attributes: true, attributeFilter: ["data-seq"] });
  });
  const total = [], recalc = [];
  for (let i = 0; i < count; i++) {
    const before = seq();
    const done = wait(before);
    field.value = `${100 + (i % 50) * 7}万`;
    const start = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const end = await done;
    total.push(end - start);
    recalc.push(end - Math.max(start, window.__lastTimerFiredAt || start));
  }
  return { total, recalc };
}"""

ROUND_TRIPS = """async (count) => {
  const scenario = { as_of: "2026-06-30", claims: [
    { provision: "m2-2", inputs: { compute_rental_fees_paid: "800万" }, conditions: { meets_conditions: true } },
    { provision: "m9-4", inputs: { compute_costs: "120万" }, conditions: { meets_conditions: true } },
    { provision: "m7-2", inputs: { doctorates: 2, masters: 3, bachelors: 5 } } ] };
  const times = [];
  for (let i = 0; i < count; i++) {
    scenario.claims[0].inputs.compute_rental_fees_paid = `${100 + i}万`;
    const start = performance.now();
    const answer = await window.__calc.estimate(scenario);
    times.push(performance.now() - start);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  }
  return times;
}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def with_prestart(page: Path) -> Path | None:
    """If the calculator page does not load prestart.mjs yet, a copy of it (beside it) that does, to measure."""
    html = page.read_text(encoding="utf-8")
    if "prestart.mjs" in html:
        return None
    tag = '<script type="module" async src="../assets/calculator/prestart.mjs"></script>'
    copy = page.with_name("prestart.html")
    copy.write_text(re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + tag, html, count=1), encoding="utf-8")
    return copy


def build_site(out: Path) -> float:
    started = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        sys.exit(f"the site build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def runtime_bytes(counts: dict[str, int]) -> int:
    return sum(n for path, n in counts.items() if path.startswith(("/pyodide/", "/assets/calculator/", "/__harness__/pyodide/")))


class Bench:
    def __init__(self, browser, server: Server):
        self.browser = browser
        self.server = server

    def open(self, path: str, context=None, service_workers: str = "block"):
        # Timings and page bytes are measured without the offline service worker; its background copy is
        # measured on its own (see "reading page with offline copy").
        context = context or self.browser.new_context(service_workers=service_workers)
        context.add_init_script(PAGE_PROBE)
        page = context.new_page()
        self.server.reset_counts()
        page.goto(self.server.url + path)
        return context, page

    def ready_time(self, kind: str, page) -> dict:
        if kind.startswith("calculator"):
            return page.evaluate(WAIT_CALCULATOR)
        result = page.evaluate("window.__ready")
        if kind == "runtime" and result.get("ok"):
            result["mode"] = result["value"]["startup"]["mode"]
        return result

    def cold_and_warm(self, kind: str, path: str) -> tuple[dict, dict, int]:
        context, page = self.open(path)
        cold = self.ready_time(kind, page)
        page.wait_for_timeout(300)  # let late requests finish before counting
        cold_bytes = sum(self.server.counts().values())
        self.server.reset_counts()
        page.reload()
        warm = self.ready_time(kind, page)
        context.close()
        return cold, warm, cold_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--port", type=int, default=8101)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        site = Path(tmp) / "site"
        build_seconds = build_site(site)
        add_harness(site)
        manifest = json.loads((site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))
        has_ui = (site / "assets" / "calculator" / "app.mjs").is_file() and (site / CALCULATOR_PAGE / "index.html").is_file()
        pages = {"bare": "__harness__/bare.html", "runtime": "__harness__/client.html"}
        if has_ui:
            pages["calculator"] = CALCULATOR_PAGE
            proposal = with_prestart(site / CALCULATOR_PAGE / "index.html")
            if proposal:
                pages["calculator+prestart"] = f"{CALCULATOR_PAGE}{proposal.name}"
        samples: dict[str, dict[str, list]] = {k: {"cold": [], "warm": [], "bytes": [], "modes": []} for k in pages}

        try:
            server = Server(site, port=args.port)
        except OSError:  # the port is taken (another engineer's server): any free one will do
            print(f"port {args.port} is busy; serving on a free port instead")
            server = Server(site, port=0)
        with server, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            bench = Bench(browser, server)
            for _ in range(args.rounds):
                for kind, path in pages.items():
                    cold, warm, sent = bench.cold_and_warm(kind, path)
                    if not (cold.get("ok") and warm.get("ok")):
                        sys.exit(f"{kind} did not become ready: {cold} {warm}")
                    samples[kind]["cold"].append(cold["ms"])
                    samples[kind]["warm"].append(warm["ms"])
                    samples[kind]["bytes"].append(sent)
                    samples[kind]["modes"].append(cold.get("mode"))

            # latency: the calculator page if there is one, and the runtime's own round trip
            latency = {}
            context, page = bench.open(pages["runtime"])
            bench.ready_time("runtime", page)
            page.evaluate(ROUND_TRIPS, 10)  # warm-up
            latency["round_trip"] = page.evaluate(ROUND_TRIPS, args.edits)
            context.close()
            if has_ui:
                context, page = bench.open(CALCULATOR_PAGE)
                bench.ready_time("calculator", page)
                edits = page.evaluate(EDITS, [EDIT_FIELD, args.edits])
                latency["input_to_result"], latency["recalculation"] = edits["total"], edits["recalc"]
                context.close()

            # bytes: a reading page in a fresh context
            context, page = bench.open(READING_PAGE)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            reading = server.counts()
            context.close()

            # the same reading page with the service worker allowed: it stores the offline copy in the background
            context, page = bench.open(READING_PAGE, service_workers="allow")
            page.wait_for_load_state("networkidle")
            page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
            page.wait_for_timeout(1500)
            offline_copy = server.counts()
            context.close()
            browser.close()

    med = {k: {"cold_ms": statistics.median(v["cold"]), "warm_ms": statistics.median(v["warm"]),
               "cold_runs_ms": [round(x) for x in v["cold"]], "warm_runs_ms": [round(x) for x in v["warm"]],
               "bytes_cold": max(v["bytes"]), "modes": v["modes"]} for k, v in samples.items()}
    calculator = "calculator" if has_ui else "runtime"
    results = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
        "build_seconds": round(build_seconds, 1),
        "ready": med,
        "ready_ratio": {"measured_on": calculator,
                        "cold": med[calculator]["cold_ms"] / med["bare"]["cold_ms"],
                        "warm": med[calculator]["warm_ms"] / med["bare"]["warm_ms"],
                        **{f"{k}_cold": med[k]["cold_ms"] / med["bare"]["cold_ms"] for k in med if k != "bare"},
                        **{f"{k}_warm": med[k]["warm_ms"] / med["bare"]["warm_ms"] for k in med if k != "bare"}},
        "latency_ms": {name: {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95)}
                       for name, values in latency.items()},
        "bytes": {"reading_page_total": sum(reading.values()), "reading_page_runtime": runtime_bytes(reading),
                  "reading_page_with_offline_copy": sum(offline_copy.values()),
                  "reading_page_with_offline_copy_runtime": runtime_bytes(offline_copy),
                  "calculator_page_cold": med[calculator]["bytes_cold"], "bare_loadpyodide_cold": med["bare"]["bytes_cold"]},
        "snapshot": {key: manifest["snapshot"][key] for key in ("bytes", "sparse_bytes", "gzip_bytes", "heap")},
        "targets": TARGETS,
        "ui_page_measured": has_ui,
    }
    recalc_key = "recalculation" if has_ui else "round_trip"
    results["verdict"] = {
        "ready_ratio_cold": results["ready_ratio"]["cold"] <= TARGETS["ready_ratio_cold"],
        "recalc_p95_ms": results["latency_ms"][recalc_key]["p95"] <= TARGETS["recalc_p95_ms"],
        "reading_page_runtime_bytes": results["bytes"]["reading_page_runtime"] == TARGETS["reading_page_runtime_bytes"]
        and results["bytes"]["reading_page_with_offline_copy_runtime"] == TARGETS["reading_page_runtime_bytes"],
    }
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten to {args.out}")
    return 0


def print_table(r: dict) -> None:
    print(f"\nbrowser runtime benchmark  (Chromium headless, {r['machine']['cpus']} CPUs, "
          f"load {r['machine']['load_average'][0]:.1f}; medians of {len(r['ready']['bare']['cold_runs_ms'])} rounds)")
    print(f"{'time to ready':<34}{'cold ms':>10}{'warm ms':>10}   runs (cold)")
    names = {"bare": "bare loadPyodide()", "runtime": "calculator runtime (client.mjs)", "calculator": "calculator page (UI)",
             "calculator+prestart": "calculator page + prestart.mjs"}
    for key, row in r["ready"].items():
        modes = ",".join(sorted({m for m in row["modes"] if m})) if any(row["modes"]) else ""
        print(f"{names[key]:<34}{row['cold_ms']:>10.0f}{row['warm_ms']:>10.0f}   {row['cold_runs_ms']} {modes}")
    ratio = r["ready_ratio"]
    for key in r["ready"]:
        if key != "bare":
            target = f"   target cold <= {r['targets']['ready_ratio_cold']}" if key == ratio["measured_on"] else ""
            print(f"{'  ratio to bare: ' + key:<34}{ratio[key + '_cold']:>10.3f}{ratio[key + '_warm']:>10.3f}{target}")
    print(f"\n{'latency':<34}{'p50 ms':>10}{'p95 ms':>10}   n")
    for name, row in r["latency_ms"].items():
        print(f"{name.replace('_', ' '):<34}{row['p50']:>10.1f}{row['p95']:>10.1f}   {row['n']}")
    b = r["bytes"]
    print(f"\nbytes: reading page with its offline copy (service worker, in the background) "
          f"{b['reading_page_with_offline_copy']:,} (runtime {b['reading_page_with_offline_copy_runtime']:,})")
    print(f"bytes: reading page {b['reading_page_total']:,} (runtime {b['reading_page_runtime']:,}); "
          f"calculator cold {b['calculator_page_cold']:,}; bare loadPyodide cold {b['bare_loadpyodide_cold']:,}")
    s = r["snapshot"]
    print(f"snapshot: heap {s['bytes']:,} B, sparse {s['sparse_bytes']:,} B, gzip {s['gzip_bytes']:,} B")
    print("verdict: " + ", ".join(f"{k} {'OK' if v else 'MISSED'}" for k, v in r["verdict"].items()))


if __name__ == "__main__":
    sys.exit(main())
