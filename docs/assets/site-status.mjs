// Whether the measures are in force today, decided in the reader's browser from the dates the page
// carries (copied from the policy JSON at build time). Today is the date in China Standard Time, where
// the measures apply. Without JavaScript the page shows the dates only.

/** Today's date in China as YYYY-MM-DD. */
export function todayInChina(now = new Date()) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit",
  }).formatToParts(now);
  const get = (type) => parts.find((part) => part.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
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
  target.textContent = ` · ${element.dataset[state].replace("{today}", today)}`;
  target.dataset.state = state;
  target.hidden = false;
}

for (const element of document.querySelectorAll(".site-status[data-in-force-from]")) {
  showStatus(element, todayInChina());
}
