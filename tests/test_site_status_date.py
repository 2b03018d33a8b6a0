"""Today in China (site-status.mjs todayInChina, used by the status line, the calculator's estimate date and
print): plain UTC+8 arithmetic gives the same date as the time-zone database's Asia/Shanghai, at the instants
around every midnight in China from 2025 to 2028 and at random instants in between (run in Node)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
globalThis.document = { querySelectorAll: () => [] };  // the module fills in the status lines of a page: none here
const { todayInChina } = await import("./docs/assets/site-status.mjs");
const reference = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
const instants = [];
for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2029, 0, 1); day += 86400000) {
  const midnightInChina = day - 8 * 3600000;
  instants.push(midnightInChina - 1, midnightInChina, midnightInChina + 1);
}
let seed = 17;
for (let i = 0; i < 20000; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  instants.push(Date.UTC(2025, 0, 1) + Math.floor((seed / 2147483648) * 4 * 365 * 86400000));
}
const differ = instants.filter((t) => todayInChina(new Date(t)) !== reference.format(new Date(t)));
console.log(JSON.stringify({ checked: instants.length, differ: differ.map((t) => new Date(t).toISOString()),
  sample: [todayInChina(new Date(Date.UTC(2026, 0, 30, 15, 59))), todayInChina(new Date(Date.UTC(2026, 0, 30, 16, 0)))] }));
"""


def test_today_in_china_is_the_date_in_asia_shanghai():
    result = subprocess.run(["node", "--input-type=module", "-e", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=True)
    outcome = json.loads(result.stdout)
    assert outcome["checked"] > 24000 and outcome["differ"] == []
    assert outcome["sample"] == ["2026-01-30", "2026-01-31"]  # 15:59 and 16:00 UTC: the last and first minute in China
