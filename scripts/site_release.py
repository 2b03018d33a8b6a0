"""A new release of a built site, made in place the way a deploy changes it: for tests and benchmarks of what
readers see after a deploy (issue 17).

    new = release_with_cap(site_dir, "m2-2", "3000000")   # {"version": "2.0.1", "last_updated": ..., "cap": ...}

The release raises one provision's cap in the published policy data (``data/suzhou-ai-plus-2026.json``) and
gives the data a new patch version and date; every page then states that version (its dataset status line and
the calculator's ``data-policy-version``), as a rebuild would. What the build derives from the changed files is
made again: the precompressed copies, and ``sw.js`` with its new version (a hash of every file, as the build
computes it) and its code as it was built, so that an older build is released as its own code would release it.
The calc wheel and the snapshot keep the policy they were built with: the calculator loads the published data
file at every start, which is what is under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICY = "data/suzhou-ai-plus-2026.json"


def _next_version(version: str) -> str:
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def release_with_cap(site_dir: Path, provision: str, cap: str, last_updated: str = "2026-12-31") -> dict:
    """Raise ``provision``'s cap to ``cap`` (yuan, as text) in the published data, as a new version; return it."""
    import sys

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from scripts.sitegen import compress, offline

    site = Path(site_dir)
    path = site / POLICY
    policy = json.loads(path.read_text(encoding="utf-8"))
    old = dict(policy["dataset"])
    rule = next(p for p in policy["provisions"] if p["id"] == provision)["rule"]
    rule["cap"] = cap
    policy["dataset"].update(version=_next_version(old["version"]), last_updated=last_updated)
    path.write_text(json.dumps(policy, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        new = re.sub(r'data-policy-version="[^"]*"', f'data-policy-version="{policy["dataset"]["version"]}"', html)
        new = re.sub(r'(<span class="site-status__updated">[^<]*?)' + re.escape(old["version"]), rf"\g<1>{policy['dataset']['version']}", new)
        if new != html:
            page.write_text(new, encoding="utf-8")
    for copy in [p for p in site.rglob("*") if p.is_file() and compress.is_copy(p)]:
        copy.unlink()  # written again below, from the files as they are now
    worker = site / offline.SERVICE_WORKER
    code = worker.read_text(encoding="utf-8")
    released = re.sub(r'^const VERSION = "[0-9a-f]+";', f'const VERSION = "{offline.version(offline.site_files(site))}";', code, count=1, flags=re.M)
    if released == code:
        raise ValueError(f"{worker}: no version to change")
    worker.write_text(released, encoding="utf-8")
    compress.precompress(site)
    return {"version": policy["dataset"]["version"], "last_updated": last_updated, "cap": cap, "previous": old["version"]}


#: The calculator with m2-2 chosen and 800万 of compute rental fees: 30 % is 240万, above the cap of 200万.
CALCULATOR = "calculator/#v=1&p=m2-2&m2-2.compute_rental_fees_paid=800%E4%B8%87"
RAISED_CAP = "3000000"
#: The estimate under the raised cap: 30 % of 800万 is 240万, now below it.
RAISED_TOTAL = "2,400,000.00"
#: What a returning reader's calculator shows: the estimate's total, the data version of the result, the status.
SHOWN = """() => {
  const html = document.documentElement;
  const results = document.getElementById("calc-results");
  if (html.dataset.calcState === "failed") return { failed: document.getElementById("calc-status").textContent };
  if (html.dataset.calcState !== "ready" || !results || Number(results.dataset.seq || 0) === 0) return null;
  const text = results.textContent;
  const version = (text.match(/suzhou-ai-plus-2026 (\\d+\\.\\d+\\.\\d+)/) || [])[1] || null;
  if (!version) return null;
  return { total: document.getElementById("calc-announce").textContent, version,
           status: document.getElementById("calc-status").textContent, page: document.getElementById("calc").dataset.policyVersion };
}"""
CONTROLLED = "() => Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)"
#: Everything the calculator needs offline is stored: the page's keep-calculator message fetched the wheel too.
KEPT = """async () => {
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) if (request.url.endsWith('.whl')) return true;
  }
  return false;
}"""
#: The calculator's runtime and data are stored by the service worker (so the next visit could be answered from them).
STORED = """async () => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    if (await cache.match(new URL("data/suzhou-ai-plus-2026.json", location.href.split("calculator/")[0]).href)) return true;
  }
  return false;
}"""


def shown(page, origin: str, timeout_s: float = 180) -> dict:
    """Open the calculator (a new document) and return what it shows once its first estimate is drawn."""
    page.goto(f"{origin}/{CALCULATOR}")
    return page.wait_for(SHOWN, timeout_s=timeout_s)


def views_after_release(page, origin: str, site_dir: Path, views: int = 3, before_release=None) -> tuple[dict, list[dict], dict]:
    """A returning reader across a release: a reading page, then the calculator (its runtime and data stored by
    the service worker), a release that raises m2-2's cap, then ``views`` visits to the calculator, each a new
    page view after a reading page (the first one is the first view after the deploy, with no update check
    forced). ``before_release()``, called once the reading page is open and just before the files change, should
    make the server send ``sw.js`` slowly, as a slow link does: the previous service worker then answers the first
    views, as it does for readers on such links. (It is called before the release, not after: the reading page's
    own update check may already fetch the new ``sw.js`` while the release is being written.) Returns (what the
    calculator showed before, what each view after showed, the release)."""
    page.goto(f"{origin}/")
    page.wait_for(CONTROLLED, timeout_s=60)
    before = shown(page, origin)
    page.wait_for(STORED, timeout_s=120)
    page.goto(f"{origin}/measures/m2/")
    if before_release:
        before_release()
    release = release_with_cap(site_dir, "m2-2", RAISED_CAP)
    after = []
    for _ in range(views):
        after.append(shown(page, origin))
        page.goto(f"{origin}/measures/m2/")
    return before, after, release


def old_views(after: list[dict], release: dict) -> int:
    """How many of the views after a release showed the old data (its version, or an estimate under the old cap)."""
    return sum(1 for view in after if view.get("version") != release["version"] or RAISED_TOTAL not in view.get("total", ""))
