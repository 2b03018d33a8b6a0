// Owns the estimate's form: what the page declares (the schema, read once from the generated markup and
// its field specs), the fields of the chosen provisions (added from the edition's fields file, fetched when a
// provision is first chosen; removed when unchosen), and reading or writing a state from or into them.
//
// State: {as_of, answers: Set(answer id), overlaps: Map(group -> same|different|unsure),
//         provisions: Map(pid -> {include, inputs: Map(name -> text), conditions: Map(id -> true|false),
//         other: {amount, source, level: city|province}})}. A provision whose fields are not on
// the page keeps its entry from the previous state, so unchoosing and choosing again loses nothing.

import { CLASSES, FIELDS_FILE, IDS, elementId } from "../names.mjs";
import { h } from "./dom.mjs";
import { rankingData } from "./profile.mjs";

function readJson(id) {
  try {
    return JSON.parse(document.getElementById(id)?.textContent || "{}");
  } catch {
    return {};
  }
}

/** Provisions (with their inputs and conditions), answers, the version-1 roles and the list's ranking the page declares. */
export function readSchema(root) {
  const specs = readJson(IDS.fieldSpecs);
  const provisions = new Map();
  for (const item of root.querySelectorAll(`.${CLASSES.match}`)) {
    const pid = item.dataset.provision;
    provisions.set(pid, specs[pid] ? fieldSpec(specs[pid]) : { computed: false, inputs: new Map(), conditions: new Set(), label: pid });
  }
  const answers = new Map([...root.querySelectorAll('input[name="a"]')].map((box) => [box.value, (box.dataset.provisions || "").split(" ").filter(Boolean)]));
  const data = readJson(IDS.profileData);
  const groups = new Map([...root.querySelectorAll("[data-group]")].map((box) => [box.dataset.group, box.dataset.provisions.split(" ")]));
  return { provisions, answers, groups, roles: new Map(Object.entries(data.v1_roles || {})), ranking: rankingData(data) };
}

function fieldSpec({ label, inputs, conditions }) {
  return {
    computed: true,
    label,
    conditions: new Set(conditions),
    inputs: new Map(inputs.map((input) => [input.name, { type: input.type, label: input.label, id: input.id,
      options: input.type === "choice" ? input.options : null }])),
  };
}

// The fields of every provision, written by the build into the edition's FIELDS_FILE as {pid: node}, a node
// being a text or [tag, attributes, ...nodes] (scripts/sitegen/markup_tree.py): fetched the first time a
// provision is chosen (they would be two thirds of the page), each built with h() when shown.
const FIELDS_URL = new URL(`../../${FIELDS_FILE}`, import.meta.url);
let fieldTrees = null;
let fieldsLoading = null;

/** Fetch the fields file, once (again after a failure); resolves when the fields can be shown. */
export function loadFields() {
  fieldsLoading ??= fetch(FIELDS_URL)
    .then((response) => {
      if (!response.ok) throw new Error(`${FIELDS_URL}: HTTP ${response.status}`);
      return response.json();
    })
    .then((trees) => {
      fieldTrees = new Map(Object.entries(trees));
    }, (error) => {
      fieldsLoading = null;
      throw error;
    });
  return fieldsLoading;
}

function build(node) {
  return typeof node === "string" ? node : h(node[0], node[1], ...node.slice(2).map(build));
}

function fieldsOf(pid) {
  return build(fieldTrees.get(pid));
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

/**
 * Add the fields of every chosen provision that has none yet, remove those of unchosen ones (in list order).
 * Before the fields file has come, chosen provisions wait for it: `onLoaded` runs once it is here.
 */
export function syncFields(schema, state, onLoaded = () => {}) {
  const holder = byId(IDS.fields);
  const added = [];
  let waiting = false;
  for (const [pid, entry] of state.provisions) {
    const box = byId(elementId("box", { pid }));
    if (entry.include && !box && !fieldTrees) {
      waiting = true;
    } else if (entry.include && !box && fieldTrees.has(pid)) {
      holder.append(fieldsOf(pid));
      writeEntry(pid, entry, schema.provisions.get(pid), []);
      added.push(pid);
    } else if (!entry.include && box) {
      box.remove();
    }
  }
  if (waiting) loadFields().then(onLoaded, (error) => console.warn("calculator: the fields could not be loaded:", error));
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
export function writeState(root, schema, state, t, onLoaded) {
  const problems = [];
  setValue(byId(IDS.asOf), state.as_of, t("asOf"), problems, t);
  for (const box of root.querySelectorAll('input[name="a"]')) box.checked = state.answers.has(box.value);
  for (const radio of root.querySelectorAll("input[data-overlap]")) radio.checked = radio.value === (state.overlaps.get(radio.dataset.overlap) || "unsure");
  for (const [pid, entry] of state.provisions) {
    byId(elementId("include", { pid })).checked = entry.include;
    byId(elementId("box", { pid }))?.remove();
  }
  syncFields(schema, state, onLoaded);
  for (const [pid, entry] of state.provisions) {
    if (entry.include && byId(elementId("box", { pid }))) writeEntry(pid, entry, schema.provisions.get(pid), problems, t);
  }
  return problems;
}
