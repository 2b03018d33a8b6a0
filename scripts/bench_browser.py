"""Benchmark the calculator as readers get it: through nginx, compressed, on mobile-like links, and after a release.

    .venv/bin/python scripts/bench_browser.py [--site DIR] [--rounds 3] [--profiles none,fast4g,slow4g]
                                              [--encodings gzip,brotli] [--lighthouse-runs 3] [--no-lighthouse]
                                              [--release-engines chromium,webkit,firefox] [--out bench-results.json]

The site (built into a temporary folder, or a copy of ``--site``, e.g. an older build to compare with) is
served by Debian's nginx on 127.0.0.1 with the project's configuration (``deploy/nginx``): once with gzip
only (gzip_static; a build without precompressed files is compressed on the fly), once with brotli
(``deploy/nginx/brotli.conf``, Debian's brotli module). Test pages are added to the copy only
(``scripts/runtime_harness.py``): ``__harness__/bare.html``, a bare ``loadPyodide()`` of the untouched npm
package, and ``__harness__/wasm.html``, which only downloads ``pyodide.asm.wasm`` (the floor of any start).
The bare copy gets the same precompressed .gz and .br copies as the site, so each encoding compares like
with like.

For each network profile (Chromium's own emulation, on the page and its Web Worker), side by side in one
run, each kind in a fresh browser context (cold: empty caches, no service worker):

* ``wasm``: time until the compressed wasm is downloaded;
* ``bare``: time until ``loadPyodide()`` resolves;
* ``calculator``: time from navigation to the first estimate on screen (the page opened with a scenario in
  its fragment), and which start the runtime used;
* bytes sent by nginx for the visit (headers included, on the wire, until the network is idle 3 s after).

Ratios: calculator / bare and calculator / wasm, time and bytes. Then the recalculation latency (loopback),
Lighthouse 12.2.3 (npm, run with ``npm exec``; Node 20; mobile, through nginx with gzip) for the home page,
a measure page and the calculator (``--lighthouse-runs`` times: performance and total blocking time), and,
in each engine of ``--release-engines`` (scripts/site_release.py), how many calculator page views after a
release that raises a cap still show the old data (sw.js arriving slowly, as over a slow link, so that the
previous service worker answers them). Goals (issue 17): slow 4G time <= 1.4x the wasm alone and bytes <=
0.8x bare, with gzip and with brotli; Lighthouse on the calculator: performance >= 95 and total blocking
time <= 150 ms in every run; no view after a release shows the old data. Unthrottled cold ready <= 0.4x bare
(issue 11).
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
from scripts.runtime_harness import CHROMIUM_ARGS, Server, add_harness, browser_path, launch_chromium  # noqa: E402

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
GOALS = {"slow4g_time_vs_wasm": 1.4, "slow4g_bytes_vs_bare": 0.8, "none_time_vs_bare": 0.4,
         "calculator_performance": 95, "calculator_tbt_ms": 150, "old_views_after_release": 0}
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
    scores = {name: round(category["score"] * 100) for name, category in report["categories"].items()}
    audits = report["audits"]
    scores.update(tbt_ms=round(audits["total-blocking-time"]["numericValue"]), cls=round(audits["cumulative-layout-shift"]["numericValue"], 3),
                  lcp_ms=round(audits["largest-contentful-paint"]["numericValue"]))
    return scores


def after_release(site: Path, engines: list[str]) -> dict:
    """In each engine, a returning reader across a release (scripts/site_release.py): how many calculator
    views after it still showed the old data."""
    from scripts import engines as drivers
    from scripts.site_release import old_views, views_after_release

    outcome = {}
    for name in engines:
        with tempfile.TemporaryDirectory(prefix="bench-release-") as tmp:
            copy = Path(tmp) / "site"
            shutil.copytree(site, copy)
            try:
                with Server(copy) as server, drivers.ENGINES[name]() as browser:
                    page = browser.new_page()
                    before, after, release = views_after_release(page, server.url.rstrip("/"), copy,
                                                                 before_release=lambda: server.set_pace("/sw.js", 1000))
                    outcome[name] = {"views": len(after), "old": old_views(after, release), "version": browser.version,
                                     "shown": [view.get("total") for view in after]}
                    page.close()
            except Exception as error:  # an engine missing here, or a failure: reported, not hidden
                outcome[name] = {"error": str(error)[:300]}
        print(f"  release {name:<9} {outcome[name]}", flush=True)
    return outcome


def measure(site: Path, encoding: str, profiles: list[str], rounds: int) -> dict[str, dict[str, list[dict]]]:
    runs: dict[str, dict[str, list[dict]]] = {p: {k: [] for k in PAGES} for p in profiles}
    from playwright.sync_api import sync_playwright

    with NginxServer(site, brotli=encoding == "brotli") as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name in profiles:
            for _ in range(rounds if name == "none" else 1):
                for kind in PAGES:  # interleaved: load on the machine hits every kind alike
                    runs[name][kind].append(visit(browser, server, kind, PROFILES[name]))
                    print(f"  {encoding:<6} {name:<7} {kind:<11} {runs[name][kind][-1]['ms']:>9.0f} ms "
                          f"{runs[name][kind][-1]['bytes']:>11,} B  ok={runs[name][kind][-1]['ok']}", flush=True)
        browser.close()
    return runs


def summarise(runs: dict[str, dict[str, list[dict]]]) -> dict:
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
    return table


def verdict(table: dict, scores: dict, release: dict) -> dict:
    met = {}
    for encoding, rows in table.items():
        if "slow4g" in rows:
            slow = rows["slow4g"]
            met[f"{encoding} slow4g_time_vs_wasm"] = slow["calculator"]["ok"] and slow["ratios"]["time_vs_wasm"] <= GOALS["slow4g_time_vs_wasm"]
            met[f"{encoding} slow4g_bytes_vs_bare"] = slow["ratios"]["bytes_vs_bare"] <= GOALS["slow4g_bytes_vs_bare"]
        if "none" in rows:
            met[f"{encoding} none_time_vs_bare"] = rows["none"]["ratios"]["time_vs_bare"] <= GOALS["none_time_vs_bare"]
    calculator = scores.get("calculator") or []
    if calculator:
        met["calculator_performance"] = all(run.get("performance", 0) >= GOALS["calculator_performance"] for run in calculator)
        met["calculator_tbt_ms"] = all(run.get("tbt_ms", 10**9) <= GOALS["calculator_tbt_ms"] for run in calculator)
    if release:
        met["old_views_after_release"] = all(r.get("old") == GOALS["old_views_after_release"] for r in release.values())
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build this checkout)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds without throttling (throttled: 1)")
    parser.add_argument("--profiles", default="none,fast4g,slow4g")
    parser.add_argument("--encodings", default="gzip,brotli", help="nginx with gzip only, with brotli, or both")
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs on the calculator page")
    parser.add_argument("--release-engines", default="chromium,webkit,firefox", help="engines for the release check ('' for none)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    profiles = [p for p in args.profiles.split(",") if p]
    encodings = [e for e in args.encodings.split(",") if e]
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp:
        site = Path(tmp) / "site"
        if args.site:
            shutil.copytree(args.site, site)
        else:
            build_site(site)
        release = after_release(site, [e for e in args.release_engines.split(",") if e])
        prepare(site)
        table = {encoding: summarise(measure(site, encoding, profiles, args.rounds)) for encoding in encodings}
        with NginxServer(site) as server, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            latency = recalculation(browser, server, args.edits)
            browser.close()
            scores = {}
            if not args.no_lighthouse:
                for page, path in LIGHTHOUSE_PAGES.items():
                    runs = args.lighthouse_runs if page == "calculator" else 1
                    scores[page] = [lighthouse(server.url + path) for _ in range(runs)]
                    print(f"  lighthouse {page:<11} {scores[page]}", flush=True)

    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "site": str(args.site or "this checkout"),
               "machine": {"cpus": os.cpu_count(), "load_average": os.getloadavg()},
               "profiles": {k: PROFILES[k] for k in profiles}, "table": table, "recalculation_ms": latency,
               "lighthouse": scores, "release": release, "goals": GOALS}
    results["verdict"] = verdict(table, scores, release)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten to {args.out}")
    return 0


def print_table(r: dict) -> None:
    print(f"\ncold visits through nginx, Chromium headless, {r['machine']['cpus']} CPUs, load {r['machine']['load_average'][0]:.1f}")
    print(f"{'sent as':<8}{'profile':<8}{'page':<12}{'ms':>9}{'MB sent':>10}{'wasm MB':>9}  {'start':<9}"
          f"{'calc/bare t':>12}{'calc/wasm t':>12}{'calc/bare B':>12}")
    for encoding, rows in r["table"].items():
        for name, row in rows.items():
            for kind in PAGES:
                cell = row[kind]
                wasm = sum(b for path, b in cell["by_path"].items() if path.endswith(".wasm"))
                extra = ""
                if kind == "calculator":
                    ratios = row["ratios"]
                    extra = f"{ratios['time_vs_bare']:>12.2f}{ratios['time_vs_wasm']:>12.2f}{ratios['bytes_vs_bare']:>12.2f}"
                state = "" if cell["ok"] else f"  FAILED: {str(cell['why'])[:80]}"
                print(f"{encoding:<8}{name:<8}{kind:<12}{cell['ms']:>9.0f}{cell['bytes'] / 1e6:>10.2f}{wasm / 1e6:>9.2f}  "
                      f"{cell['mode'] or '':<9}{extra}{state}")
    if r["recalculation_ms"]:
        print(f"\nrecalculation (input to result, loopback): p50 {r['recalculation_ms']['p50']:.0f} ms, p95 {r['recalculation_ms']['p95']:.0f} ms")
    for page, runs in r["lighthouse"].items():
        for run in runs:
            print(f"lighthouse {page:<11} {run}")
    for engine, outcome in r["release"].items():
        print(f"after a release, {engine}: " + (f"{outcome['old']} of {outcome['views']} views showed the old data"
                                                if "old" in outcome else f"not measured: {outcome['error']}"))
    print("goals: " + ", ".join(f"{k}: {'met' if v else 'MISSED'}" for k, v in r["verdict"].items()))


if __name__ == "__main__":
    sys.exit(main())
