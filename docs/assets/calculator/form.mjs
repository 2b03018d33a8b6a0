// Owns the estimate's form: what the page declares (the schema, read once from the generated markup and
// its <template>s), the fields of the chosen provisions (added from their template, removed when unchosen),
// and reading or writing a state from or into them.
//
// State: {as_of, answers: Set(answer id), overlaps: Map(group -> same|different|unsure),
//         provisions: Map(pid -> {include, inputs: Map(name -> text), conditions: Map(id -> true|false),
//         other: {amount, source, level: city|province}})}. A provision whose fields are not on
// the page keeps its entry from the previous state, so unchoosing and choosing again loses nothing.

import { CLASSES, IDS, elementId } from "../names.mjs";
import { rankingData } from "./profile.mjs";

/** Provisions (with their inputs and conditions), answers, the version-1 roles and the list's ranking the page declares. */
export function readSchema(root) {
  const provisions = new Map();
  for (const item of root.querySelectorAll(`.${CLASSES.match}`)) {
    const pid = item.dataset.provision;
    const template = document.getElementById(elementId("template", { pid }));
    provisions.set(pid, template ? templateSpec(pid, template.content) : { computed: false, inputs: new Map(), conditions: new Set(), label: pid });
  }
  const answers = new Map([...root.querySelectorAll('input[name="a"]')].map((box) => [box.value, (box.dataset.provisions || "").split(" ").filter(Boolean)]));
  let data = {};
  try {
    data = JSON.parse(document.getElementById(IDS.profileData)?.textContent || "{}");
  } catch {
    data = {};
  }
  const groups = new Map([...root.querySelectorAll("[data-group]")].map((box) => [box.dataset.group, box.dataset.provisions.split(" ")]));
  return { provisions, answers, groups, roles: new Map(Object.entries(data.v1_roles || {})), ranking: rankingData(data) };
}

function templateSpec(pid, content) {
  const inputs = new Map();
  for (const control of content.querySelectorAll("[data-input]")) {
    const label = content.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    inputs.set(control.dataset.input, {
      type: control.dataset.inputType,
      options: control.tagName === "SELECT" ? [...control.options].map((o) => o.value).filter(Boolean) : null,
      label: label ? label.textContent.trim() : control.name,
      id: control.id,
    });
  }
  const conditions = new Set([...content.querySelectorAll("[data-condition]")].map((radio) => radio.dataset.condition));
  const label = content.querySelector(`.${CLASSES.provisionTitle}`)?.firstChild?.textContent.trim() || pid;
  return { computed: true, inputs, conditions, label };
}

/** An empty state for the schema: no answers, nothing chosen, no conditions answered. */
export function emptyState(schema) {
  const provisions = new Map();
  for (const [pid, spec] of schema.provisions) {
    if (!spec.computed) continue;
    provisions.set(pid, {
      include: false,
      inputs: new Map([...spec.inputs.keys()].map((name) => [name, ""])),
      conditions: new Map(),
      other: { amount: "", source: "", level: "city" },
    });
  }
  return { as_of: "", answers: new Set(), overlaps: new Map(), provisions };
}

const byId = (id) => document.getElementById(id);

function readEntry(pid, entry, spec) {
  for (const name of entry.inputs.keys()) entry.inputs.set(name, byId(elementId("input", { pid, name })).value);
  for (const cid of spec.conditions) {
    const checked = document.querySelector(`input[name="${CSS.escape(`${pid}.if.${cid}`)}"]:checked`);
    if (checked && checked.value) entry.conditions.set(cid, checked.value === "yes");
  }
  entry.other.amount = byId(elementId("otherAmount", { pid })).value;
  entry.other.source = byId(elementId("otherSource", { pid })).value;
  entry.other.level = byId(elementId("otherLevel", { pid })).value;
}

/** What the page holds now; provisions without fields on the page keep their entry from `previous`. */
export function readState(root, schema, previous) {
  const state = emptyState(schema);
  state.as_of = byId(IDS.asOf).value;
  state.answers = new Set([...root.querySelectorAll('input[name="a"]:checked')].map((box) => box.value));
  for (const radio of root.querySelectorAll("input[data-overlap]:checked")) state.overlaps.set(radio.dataset.overlap, radio.value);
  for (const [pid, entry] of state.provisions) {
    entry.include = byId(elementId("include", { pid })).checked;
    if (byId(elementId("box", { pid }))) readEntry(pid, entry, schema.provisions.get(pid));
    else if (previous && previous.provisions.has(pid)) Object.assign(entry, previous.provisions.get(pid), { include: entry.include });
  }
  return state;
}

/** Add the fields of every chosen provision that has none yet, remove those of unchosen ones (in list order). */
export function syncFields(schema, state) {
  const holder = byId(IDS.fields);
  const added = [];
  for (const [pid, entry] of state.provisions) {
    const box = byId(elementId("box", { pid }));
    if (entry.include && !box) {
      holder.append(byId(elementId("template", { pid })).content.cloneNode(true));
      writeEntry(pid, entry, schema.provisions.get(pid), []);
      added.push(pid);
    } else if (!entry.include && box) {
      box.remove();
    }
  }
  byId(IDS.estimate).hidden = holder.childElementCount === 0;
  for (const [group, pids] of schema.groups) {
    byId(elementId("overlap", { name: group })).hidden = !pids.every((pid) => state.provisions.get(pid)?.include);
  }
  return added;
}

function setValue(control, value, what, problems, t) {
  control.value = value;
  if (value && control.value !== value) problems.push(t("invalidValue", { what, value: value.slice(0, 40) }));
}

function writeEntry(pid, entry, spec, problems, t = (key) => key) {
  for (const [name, value] of entry.inputs) {
    const control = byId(elementId("input", { pid, name }));
    setValue(control, value, t("fieldFor", { pid, label: spec.inputs.get(name).label }), problems, t);
  }
  for (const cid of spec.conditions) {
    const answer = entry.conditions.get(cid);
    const value = answer === true ? "yes" : answer === false ? "no" : "unset";
    byId(`${elementId("condition", { pid, name: cid })}-${value}`).checked = true;
    if (answer !== undefined) byId(elementId("box", { pid })).querySelector(`.${CLASSES.conditionsBox}`).open = true;
  }
  byId(elementId("otherAmount", { pid })).value = entry.other.amount;
  byId(elementId("otherSource", { pid })).value = entry.other.source;
  byId(elementId("otherLevel", { pid })).value = entry.other.level;
  if (entry.other.amount || entry.other.source || entry.other.level !== "city") byId(elementId("other", { pid })).open = true;
}

/** Put a state into the page. Returns the problems the browser itself found (a date it would not take). */
export function writeState(root, schema, state, t) {
  const problems = [];
  setValue(byId(IDS.asOf), state.as_of, t("asOf"), problems, t);
  for (const box of root.querySelectorAll('input[name="a"]')) box.checked = state.answers.has(box.value);
  for (const radio of root.querySelectorAll("input[data-overlap]")) radio.checked = radio.value === (state.overlaps.get(radio.dataset.overlap) || "unsure");
  for (const [pid, entry] of state.provisions) {
    byId(elementId("include", { pid })).checked = entry.include;
    byId(elementId("box", { pid }))?.remove();
  }
  syncFields(schema, state);
  for (const [pid, entry] of state.provisions) {
    if (entry.include) writeEntry(pid, entry, schema.provisions.get(pid), problems, t);
  }
  return problems;
}
