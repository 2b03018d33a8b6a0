"""Benchmark the calculator in Chromium as readers get it: through nginx, compressed, on mobile-like links.

    .venv/bin/python scripts/bench_browser.py [--site DIR] [--rounds 3] [--profiles none,fast4g,slow4g]
                                              [--no-lighthouse] [--out bench-results.json]

The site (built into a temporary folder, or a copy of ``--site``, e.g. an older build to compare with) is
served by Debian's nginx on 127.0.0.1 with the project's configuration (``deploy/nginx``, gzip_static;
a build without precompressed files is compressed on the fly). Test pages are added to the copy only
(``scripts/runtime_harness.py``): ``__harness__/bare.html``, a bare ``loadPyodide()`` of the untouched npm
package, and ``__harness__/wasm.html``, which only downloads ``pyodide.asm.wasm`` (the floor of any start).

For each network profile (Chromium's own emulation, on the page and its Web Worker), side by side in one
run, each kind in a fresh browser context (cold: empty caches, no service worker):

* ``wasm``: time until the compressed wasm is downloaded;
* ``bare``: time until ``loadPyodide()`` resolves;
* ``calculator``: time from navigation to the first estimate on screen (the page opened with a scenario in
  its fragment), and which start the runtime used;
* bytes sent by nginx for the visit (headers included, on the wire, until the network is idle 3 s after).

Ratios: calculator / bare and calculator / wasm, time and bytes. Then the recalculation latency (loopback)
and Lighthouse 12.2.3 scores (npm, run with ``npm exec``; Node 20) for the home page, a measure page and the
calculator. Goals (issue 11): slow 4G time <= 1.25x the wasm alone and bytes <= 0.8x bare; unthrottled
cold ready <= 0.4x bare; Lighthouse performance 100 on reading pages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.nginx_server import NginxServer  # noqa: E402
from scripts.runtime_harness import CHROMIUM_ARGS, add_harness, browser_path, launch_chromium  # noqa: E402

#: Chromium's network emulation (bits per second down/up, round trip ms) and CPU slowdown.
PROFILES = {
    "none": None,
    "fast4g": {"down": 9_000_000, "up": 1_500_000, "rtt": 60, "cpu": 1},
    "slow4g": {"down": 1_600_000, "up": 750_000, "rtt": 150, "cpu": 4},
}
SCENARIO = "#v=1&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"
PAGES = {"wasm": "__harness__/wasm.html", "bare": "__harness__/bare.html", "calculator": "calculator/" + SCENARIO}
LIGHTHOUSE = "lighthouse@12.2.3"
LIGHTHOUSE_PAGES = {"home": "", "measure": "measures/m2/", "calculator": "calculator/"}
GOALS = {"slow4g_time_vs_wasm": 1.25, "slow4g_bytes_vs_bare": 0.8, "none_time_vs_bare": 0.4}
LIMIT_MS = 240_000

# Waits for: the first estimate on the calculator page, or window.__ready on the harness pages.
WAIT = """async ([kind, limit]) => {
  const started = performance.now();
  while (performance.now() - started < limit) {
    if (kind === "calculator") {
      const state = document.documentElement.dataset.calcState;
      const results = document.getElementById("calc-results");
      if (state === "ready" && results && Number(results.dataset.seq || 0) > 0) return { ok: true, ms: performance.now() };
      if (state === "failed") {
        const status = document.getElementById("calc-status");
        return { ok: false, ms: performance.now(), why: status ? status.textContent : "failed" };
      }
    } else if (window.__ready) {
      const r = await window.__ready;
      return { ok: r.ok, ms: r.ms, why: r.detail };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { ok: false, ms: performance.now(), why: "no answer within the limit" };
}"""

EDITS = """async ([fieldId, count]) => {
  const field = document.getElementById(fieldId);
  const results = document.getElementById("calc-results");
  const seq = () => Number(results.dataset.seq || 0);
  const times = [];
  for (let i = 0; i < count; i++) {
    const before = seq();
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => { if (seq() > before) { observer.disconnect(); resolve(performance.now()); } });
      observer.observe(results, { attributes: true, attributeFilter: ["data-seq"] });
    });
    field.value = `${100 + (i % 50) * 7}万`;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    const start = performance.now();
    times.push((await done) - start);
  }
  return times;
}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def build_site(out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    if result.returncode != 0:
        sys.exit(f"the site build failed:\n{result.stderr[-3000:]}")


def prepare(site: Path) -> None:
    """Harness pages; for a build older than deploy/ (no _nginx/), the location blocks nginx includes."""
    from scripts.sitegen import compress, serving

    harness = add_harness(site)
    if (site / serving.NGINX_FILE).is_file():
        compress.precompress(harness)  # the bare start gets the same precompression as the site
    else:
        (site / serving.NGINX_DIR).mkdir(exist_ok=True)
        (site / serving.NGINX_FILE).write_text(serving.nginx_locations(site), encoding="utf-8")


def throttle(context, page, profile: dict | None) -> None:
    """Apply a profile with Chromium's own emulation (DevTools protocol): it holds for the page's requests and
    for those of its dedicated Web Worker (Chromium throttles by the page that owns the request)."""
    if not profile:
        return
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": profile["rtt"],
                                                      "downloadThroughput": profile["down"] / 8,
                                                      "uploadThroughput": profile["up"] / 8})
    if profile["cpu"] > 1:
        session.send("Emulation.setCPUThrottlingRate", {"rate": profile["cpu"]})


def visit(browser, server: NginxServer, kind: str, profile: dict | None) -> dict:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    throttle(context, page, profile)
    server.reset()
    page.goto(server.url + PAGES[kind], wait_until="commit", timeout=LIMIT_MS)
    result = page.evaluate(WAIT, [kind, LIMIT_MS])
    if kind == "calculator" and result["ok"]:
        result["mode"] = page.evaluate("() => document.documentElement.dataset.calcStart || ''")
    # bytes: everything the visit fetched, including what it fetches after the first estimate
    last, quiet_since = -1, time.monotonic()
    while time.monotonic() - quiet_since < 3 and time.monotonic() - quiet_since < 60:
        page.wait_for_timeout(500)
        total = sum(server.bytes_sent().values())
        if total != last:
            last, quiet_since = total, time.monotonic()
    result["bytes"] = sum(server.bytes_sent().values())
    result["by_path"] = server.bytes_sent()
    context.close()
    return result


def recalculation(browser, server: NginxServer, edits: int) -> dict:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(server.url + PAGES["calculator"])
    if not page.evaluate(WAIT, ["calculator", LIMIT_MS])["ok"]:
        return {}
    times = page.evaluate(EDITS, ["calc-m2-2-in-compute_rental_fees_paid", edits])
    context.close()
    return {"n": len(times), "p50": percentile(times, 50), "p95": percentile(times, 95)}


def lighthouse(url: str) -> dict:
    env = {**os.environ, "CHROME_PATH": browser_path()}
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = ["npm", "exec", "--yes", f"--package={LIGHTHOUSE}", "--", "lighthouse", url, "--output=json",
                   f"--output-path={out}", f"--chrome-flags={flags}", "--quiet",
                   "--only-categories=performance,accessibility,best-practices,seo"]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=tmp)
        if result.returncode != 0 or not out.is_file():
            return {"error": result.stderr[-500:]}
        report = json.loads(out.read_text(encoding="utf-8"))
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build this checkout)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds without throttling (throttled: 1)")
    parser.add_argument("--profiles", default="none,fast4g,slow4g")
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    profiles = args.profiles.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            build_site(site)
        prepare(site)
        runs: dict[str, dict[str, list[dict]]] = {p: {k: [] for k in PAGES} for p in profiles}
        with NginxServer(site) as server, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name in profiles:
                for _ in range(args.rounds if name == "none" else 1):
                    for kind in PAGES:  # interleaved: load on the machine hits every kind alike
                        runs[name][kind].append(visit(browser, server, kind, PROFILES[name]))
                        print(f"  {name:<7} {kind:<11} {runs[name][kind][-1]['ms']:>9.0f} ms "
                              f"{runs[name][kind][-1]['bytes']:>11,} B  ok={runs[name][kind][-1]['ok']}", flush=True)
            latency = recalculation(browser, server, args.edits)
            browser.close()
            scores = {} if args.no_lighthouse else {page: lighthouse(server.url + path) for page, path in LIGHTHOUSE_PAGES.items()}

    table = {}
    for name, kinds in runs.items():
        row = {}
        for kind, results in kinds.items():
            ok = [r for r in results if r["ok"]]
            row[kind] = {"ms": statistics.median(r["ms"] for r in (ok or results)), "ok": len(ok) == len(results),
                         "bytes": max(r["bytes"] for r in results), "runs_ms": [round(r["ms"]) for r in results],
                         "why": next((r.get("why") for r in results if not r["ok"]), None),
                         "mode": next((r.get("mode") for r in results if r.get("mode")), None),
                         "by_path": results[-1]["by_path"]}
        calc, bare, wasm = row["calculator"], row["bare"], row["wasm"]
        row["ratios"] = {"time_vs_bare": calc["ms"] / bare["ms"], "time_vs_wasm": calc["ms"] / wasm["ms"],
                         "bytes_vs_bare": calc["bytes"] / bare["bytes"], "bytes_vs_wasm": calc["bytes"] / wasm["bytes"]}
        table[name] = row
    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "site": str(args.site or "this checkout"),
               "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
               "profiles": {k: PROFILES[k] for k in profiles}, "table": table, "recalculation_ms": latency,
               "lighthouse": scores, "goals": GOALS}
    verdict = {}
    if "slow4g" in table:
        verdict["slow4g_time_vs_wasm"] = table["slow4g"]["calculator"]["ok"] and table["slow4g"]["ratios"]["time_vs_wasm"] <= GOALS["slow4g_time_vs_wasm"]
        verdict["slow4g_bytes_vs_bare"] = table["slow4g"]["ratios"]["bytes_vs_bare"] <= GOALS["slow4g_bytes_vs_bare"]
    if "none" in table:
        verdict["none_time_vs_bare"] = table["none"]["ratios"]["time_vs_bare"] <= GOALS["none_time_vs_bare"]
    results["verdict"] = verdict
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten to {args.out}")
    return 0


def print_table(r: dict) -> None:
    print(f"\ncold visits through nginx (gzip), Chromium headless, {r['machine']['cpus']} CPUs, load {r['machine']['load_average'][0]:.1f}")
    print(f"{'profile':<8}{'page':<12}{'ms':>9}{'MB sent':>10}  {'start':<9}{'calc/bare t':>12}{'calc/wasm t':>12}{'calc/bare B':>12}")
    for name, row in r["table"].items():
        for kind in PAGES:
            cell = row[kind]
            extra = ""
            if kind == "calculator":
                ratios = row["ratios"]
                extra = f"{ratios['time_vs_bare']:>12.2f}{ratios['time_vs_wasm']:>12.2f}{ratios['bytes_vs_bare']:>12.2f}"
            state = "" if cell["ok"] else f"  FAILED: {str(cell['why'])[:80]}"
            print(f"{name:<8}{kind:<12}{cell['ms']:>9.0f}{cell['bytes'] / 1e6:>10.2f}  {cell['mode'] or '':<9}{extra}{state}")
    if r["recalculation_ms"]:
        print(f"\nrecalculation (input to result, loopback): p50 {r['recalculation_ms']['p50']:.0f} ms, p95 {r['recalculation_ms']['p95']:.0f} ms")
    for page, scores in r["lighthouse"].items():
        print(f"lighthouse {page:<11} {scores}")
    print("goals: " + ", ".join(f"{k} <= {v}: {'met' if r['verdict'].get(k) else 'MISSED'}" for k, v in r["goals"].items() if k in r["verdict"]))


if __name__ == "__main__":
    sys.exit(main())
