// The provisions index: filters and sorting for a table that reads fine without them.
// The filter form is rendered hidden; this script shows it, filters rows by their data-* attributes and
// words, and turns each column header into a sort button (numbers from data-sort, else the cell's text).

const table = document.getElementById("provisions-table");
const form = document.querySelector('form.table-filters[data-table="provisions-table"]');

function rows() {
  return [...table.tBodies[0].rows];
}

/** The row's words without the copy-link button's label, cached on the row. */
function words(row) {
  row.dataset.words ??= [...row.cells]
    .flatMap((cell) => [...cell.childNodes].filter((node) => node.nodeName !== "BUTTON").map((node) => node.textContent))
    .join(" ")
    .toLowerCase();
  return row.dataset.words;
}

function matches(row, filters) {
  const { measure, kind, period, agencies, q = "" } = filters;
  if (measure && row.dataset.measure !== measure) return false;
  if (kind && row.dataset.kind !== kind) return false;
  if (period && row.dataset.period !== period) return false;
  if (agencies && !row.dataset.agencies.split(" ").includes(agencies)) return false;
  if (q.trim() && !words(row).includes(q.toLowerCase().trim())) return false;
  return true;
}

function applyFilters() {
  const filters = Object.fromEntries(new FormData(form));
  let shown = 0;
  for (const row of rows()) {
    row.hidden = !matches(row, filters);
    if (!row.hidden) shown += 1;
  }
  const count = form.querySelector(".table-count");
  count.textContent = count.dataset.template.replace("{shown}", shown).replace("{total}", rows().length);
}

function sortKey(row, column) {
  const cell = row.cells[column];
  const key = cell.dataset.sort ?? cell.textContent.trim();
  const number = Number(key);
  return Number.isFinite(number) && key !== "" ? number : key;
}

function compare(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), document.documentElement.lang);
}

const textOrder = table ? rows() : [];

/** Sort the rows by a column (ascending or not); column null restores the order of the text. */
function sortRows(column, ascending) {
  for (const th of table.tHead.rows[0].cells) th.removeAttribute("aria-sort");
  if (column === null) {
    table.tBodies[0].append(...textOrder);
    return;
  }
  table.tHead.rows[0].cells[column].setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const sorted = rows()
    .map((row, index) => ({ row, index, key: sortKey(row, column) }))
    .sort((x, y) => (ascending ? 1 : -1) * compare(x.key, y.key) || x.index - y.index);
  table.tBodies[0].append(...sorted.map((item) => item.row));
}

function sortBy(column, button) {
  const ascending = button.closest("th").getAttribute("aria-sort") !== "ascending";
  sortRows(column, ascending);
  form.querySelector("[data-sort-control]").value = "";
}

function sortFromForm(value) {
  if (!value) return sortRows(null);
  const [column, direction] = value.split(":");
  return sortRows(Number(column), direction === "asc");
}

if (table && form) {
  [...table.tHead.rows[0].cells].forEach((th, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => sortBy(column, button));
  });
  form.hidden = false;
  form.addEventListener("input", (event) => {
    if (event.target.matches("[data-sort-control]")) sortFromForm(event.target.value);
    else applyFilters();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  applyFilters();
  for (const hint of document.querySelectorAll(".js-hint")) hint.hidden = true;
}
