// Whether the measures are in force today, decided in the reader's browser from the dates the page
// carries (copied from the policy JSON at build time). Today is the date in China Standard Time, where
// the measures apply. Without JavaScript the page shows the dates only.

/** China Standard Time is UTC+8 all year (no daylight saving time since 1991). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China as YYYY-MM-DD: the UTC date eight hours later. Plain arithmetic, not
 * Intl.DateTimeFormat with timeZone "Asia/Shanghai": that gives the same date, but building it took 45-70 ms of
 * main thread in Chromium on the project's machine (80-350 ms with the CPU slowed 4x, as Lighthouse does) on
 * every page load. tests/test_site_status_date.py compares the two. */
export function todayInChina(now = new Date()) {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** "before", "during" or "after" the period; both ends are days in force. ISO dates compare as text. */
export function phase(today, from, to) {
  if (today < from) return "before";
  if (today > to) return "after";
  return "during";
}

export function showStatus(element, today) {
  const { inForceFrom, inForceTo } = element.dataset;
  const state = phase(today, inForceFrom, inForceTo);
  const target = element.querySelector(".site-status__today");
  target.textContent = element.dataset[state].replace("{today}", today);
  target.dataset.state = state;
  target.hidden = false;
}

for (const element of document.querySelectorAll(".site-status[data-in-force-from]")) {
  showStatus(element, todayInChina());
}
